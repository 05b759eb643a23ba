"""What ``bus.connect_options`` needs beyond plain values: the TLS context, FastStream's
``security`` object, and an error callback that stops at refused credentials.

nats-py retries a refused CONNECT as long as it retries anything (for us: for ever, so that a
NATS restart is survived).  Wrong credentials would then hang a service with a traceback every
two seconds; ``on_nats_error`` ends that at once with one ``BrokerError`` saying what to fix.
"""

from __future__ import annotations

import logging
import re
import ssl
from typing import Any

from faststream.nats import (
    NatsCredentials,
    NatsNKey,
    NatsSecurity,
    NatsToken,
    NatsUserPassword,
)

from shared.errors import BrokerError, ConfigError
from shared.settings import NatsSettings

log = logging.getLogger(__name__)

# Words of the server's -ERR lines that mean "these credentials will not do".
_REFUSED = ("authorization", "authentication")


def tls_context(cfg: NatsSettings) -> ssl.SSLContext | None:
    """A client TLS context from ``tls_ca`` (and ``tls_cert``/``tls_key``), or None."""
    if not (cfg.tls_ca or cfg.tls_cert):
        return None
    try:
        context = ssl.create_default_context(cafile=cfg.tls_ca or None)
        if cfg.tls_cert:
            context.load_cert_chain(cfg.tls_cert, cfg.tls_key)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"[nats] TLS files cannot be loaded: {exc}") from exc
    return context


async def on_nats_error(exc: Exception) -> None:
    """nats-py's ``error_cb``: raise on refused credentials, log anything else on one line."""
    reason = str(exc).removeprefix("nats: ").strip("'") or type(exc).__name__
    if any(word in reason.lower() for word in _REFUSED):
        raise BrokerError(
            f"the NATS server refused our credentials ({reason}): "
            "check [nats] user and password, token, creds_file or nkeys_seed"
        ) from exc
    log.warning("NATS connection: %s (%s)", reason, type(exc).__name__)


def faststream_options(opts: dict[str, Any]) -> dict[str, Any]:
    """nats-py options as NatsBroker takes them: credentials and TLS in one ``security``."""
    rest = dict(opts)
    tls = {"ssl_context": rest.pop("tls")} if "tls" in rest else {}
    security: NatsSecurity | None
    try:
        if "user" in rest:
            security = NatsUserPassword(rest.pop("user"), rest.pop("password", ""), **tls)
        elif "token" in rest:
            security = NatsToken(rest.pop("token"), **tls)
        elif "user_credentials" in rest:
            security = NatsCredentials(rest.pop("user_credentials"), **tls)
        elif "nkeys_seed" in rest:
            security = NatsNKey(rest.pop("nkeys_seed"), **tls)
        else:
            security = NatsSecurity(**tls) if tls else None
    except ImportError as exc:  # creds files and nkeys need the optional `nkeys` package
        raise ConfigError(
            f"[nats] creds_file and nkeys_seed need `pip install nkeys`: {exc}"
        ) from exc
    return {**rest, "security": security}


def redact_url(url: str) -> str:
    """``url`` fit for a log line: credentials written into it (nats://user:pass@host) hidden."""
    return re.sub(r"(?<=://)[^@/,]*@", "***@", url)

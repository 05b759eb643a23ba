"""What ``bus.connect_options`` needs beyond plain values: the TLS context, FastStream's
``security`` object, and an error callback that stops at refused credentials, a server
certificate that cannot be verified or a client certificate the server rejects.

nats-py retries a refused CONNECT as long as it retries anything (for us: for ever, so that a
NATS restart is survived).  Wrong credentials, or a ``[nats] tls_ca`` that did not sign the
server's certificate, would then hang a service with a warning every two seconds;
``on_nats_error`` ends that at once with one ``BrokerError`` saying what to fix.  Raised from
the first connect, the error leaves ``connect()``.  Raised during a later reconnect (the server
came back with other users or another certificate), it only ends nats-py's reconnect task and
the service would wait for ever; so it is also handed to the future of ``fatal_errors``, which
the runtime awaits beside SIGTERM.  The callback finds that future in a context variable: the
tasks nats-py starts on connect, and the reconnect task they start, inherit the context of the
code that connected.

A client certificate the server rejects shows as a TLS alert (certificate required, unknown CA,
bad certificate …) or, when the server's reset wins the race with its alert, as a bare
``ConnectionResetError``, which a restarting server causes too.  Only the alert is taken as
fatal: the reset is retried, and one of the next attempts reads the alert.

nats-py also never refuses a server that does not ask for TLS: with ``tls_ca`` set it would
talk (and send credentials) in plain text.  ``check_tls_offered`` reads each server's INFO line
before the first connection and refuses that mismatch the same way.  It cannot guard a later
reconnect, made by nats-py alone, to a server replaced by a plain-text one; ``[nats]
tls_handshake_first`` does: the client starts TLS before the server says anything, so a server
without TLS fails the handshake and never receives the CONNECT (the server needs
``handshake_first: true`` in its ``tls`` block).  Such a server answers the handshake in plain
text; that is fatal too (nats-py's retry would also hang closing the half-open TLS socket).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import ssl
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from faststream.nats import (
    NatsCredentials,
    NatsNKey,
    NatsSecurity,
    NatsToken,
    NatsUserPassword,
)

from shared.errors import BrokerError, ConfigError
from shared.logs import redact_url
from shared.settings import NatsSettings

log = logging.getLogger(__name__)

# Words of the server's -ERR lines that mean "these credentials will not do".
_REFUSED = ("authorization", "authentication")
# The ends of OpenSSL's reasons for a TLS alert the server sends about our client certificate.
_CLIENT_CERT_ALERTS = (
    "ALERT_CERTIFICATE_REQUIRED",
    "ALERT_BAD_CERTIFICATE",
    "ALERT_UNKNOWN_CA",
    "ALERT_CERTIFICATE_UNKNOWN",
    "ALERT_CERTIFICATE_EXPIRED",
    "ALERT_CERTIFICATE_REVOKED",
    "ALERT_UNSUPPORTED_CERTIFICATE",
    "ALERT_ACCESS_DENIED",
)
# OpenSSL's reasons when the answer to our TLS handshake is plain text (a NATS -ERR line or INFO).
_NOT_TLS = ("WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "RECORD_LAYER_FAILURE")
PROBE_SECONDS = 5.0  # check_tls_offered: a server silent this long is left to the connection

_fatal: ContextVar[asyncio.Future[BrokerError] | None] = ContextVar(
    "readoutwatch_nats_fatal", default=None
)


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


@contextlib.contextmanager
def fatal_errors() -> Iterator[asyncio.Future[BrokerError]]:
    """A future that gets the first fatal error of the connections opened inside the block.

    It is never given an exception, only a result: a fatal error of the first connect also
    leaves ``connect()``, and nobody need await the future then.
    """
    future: asyncio.Future[BrokerError] = asyncio.get_running_loop().create_future()
    token = _fatal.set(future)
    try:
        yield future
    finally:
        _fatal.reset(token)


async def on_nats_error(exc: Exception) -> None:
    """nats-py's ``error_cb``: raise on a fatal error (see ``fatal_reason``), else log it."""
    reason = fatal_reason(exc)
    if reason is None:
        shown = str(exc).removeprefix("nats: ").strip("'") or type(exc).__name__
        log.warning("NATS connection: %s (%s)", shown, type(exc).__name__)
        return
    error = BrokerError(reason)
    future = _fatal.get()
    if future is not None:
        if not future.done():
            future.set_result(error)
        _reported_elsewhere(asyncio.current_task())
    raise error from exc


def _reported_elsewhere(task: asyncio.Task[Any] | None) -> None:
    """``task`` (nats-py's reconnect task, or the connecting one) dies of an error the watcher
    of ``fatal_errors`` reports; asyncio need not log it again as "never retrieved"."""
    if task is not None:
        task.add_done_callback(lambda done: done.cancelled() or done.exception())


def fatal_reason(exc: Exception) -> str | None:
    """Why no retry of the connection can succeed, or None for a failure worth retrying."""
    reason = str(exc).removeprefix("nats: ").strip("'") or type(exc).__name__
    if any(word in reason.lower() for word in _REFUSED):
        return (
            f"the NATS server refused our credentials ({reason}): "
            "check [nats] user and password, token, creds_file or nkeys_seed"
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return certificate_refused(exc)
    if isinstance(exc, ssl.SSLError) and (exc.reason or "").endswith(_CLIENT_CERT_ALERTS):
        alert = str(exc.reason).lower().replace("_", " ")
        return (
            f"the NATS server rejected our TLS client certificate ({alert}): check [nats] "
            "tls_cert and tls_key (a certificate the server's CA signed, for client use)"
        )
    if isinstance(exc, ssl.SSLError) and exc.reason in _NOT_TLS:
        return (
            f"the NATS server answered our TLS handshake in plain text ({exc.reason}): it does "
            "not use TLS, or [nats] tls_handshake_first is set and the server's tls block "
            "lacks handshake_first: true"
        )
    return None


def certificate_refused(exc: ssl.SSLCertVerificationError) -> str:
    """The one-line reason for a server certificate our TLS context does not trust."""
    why = exc.verify_message or exc.reason or str(exc)
    return (
        f"the NATS server's TLS certificate could not be verified ({why}): check [nats] tls_ca "
        "(the CA that signed the server's certificate) and the host name in [nats] url"
    )


def tls_mismatch(info: dict[str, Any], url: str) -> str | None:
    """With TLS configured, why the server whose INFO is ``info`` must not be used, or None.

    nats-py upgrades to TLS only when the server requires it (``tls_required``); a server that
    merely offers it, or does not know TLS at all, would get a plain-text connection.
    """
    if info.get("tls_required"):
        return None
    offered = "only offers TLS as an option" if info.get("tls_available") else "does not use TLS"
    return (
        f"the NATS server at {redact_url(url)} {offered}, so the connection would not be "
        "encrypted although [nats] tls_ca / tls_cert is set: require TLS on the server, or "
        "check [nats] url and tls_ca"
    )


async def check_tls_offered(url: str, cfg: NatsSettings) -> None:
    """Raise ``BrokerError`` when TLS is configured and a server of ``url`` would go without.

    Servers that cannot be reached now are skipped: the connection's own retries handle them.
    With ``tls_handshake_first`` nothing is probed: such a server sends no plain-text INFO
    (the probe would only wait ``PROBE_SECONDS`` for nothing), and the check is not needed,
    since the client speaks TLS first and a plain-text server fails the handshake.
    """
    if not (cfg.tls_ca or cfg.tls_cert) or cfg.tls_handshake_first:
        return
    servers = [part.strip() for part in url.split(",") if part.strip()]
    infos = await asyncio.gather(*(server_info(s) for s in servers))
    for server, info in zip(servers, infos, strict=True):
        reason = None if info is None else tls_mismatch(info, server)
        if reason:
            raise BrokerError(reason)


async def server_info(url: str) -> dict[str, Any] | None:
    """The INFO a NATS server sends first on a new connection, or None if it cannot be read."""
    parts = urlsplit(url if "://" in url else f"nats://{url}")
    if parts.scheme not in ("nats", "tls") or not parts.hostname:
        return None  # websocket servers speak HTTP first
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, parts.port or 4222), PROBE_SECONDS
        )
    except (OSError, TimeoutError):
        return None
    try:
        line = await asyncio.wait_for(reader.readline(), PROBE_SECONDS)
    except (OSError, TimeoutError):
        return None
    finally:
        writer.close()
    op, _, body = line.decode("utf-8", errors="replace").partition(" ")
    try:
        info = json.loads(body) if op == "INFO" else None
    except ValueError:
        return None
    return info if isinstance(info, dict) else None


def faststream_options(opts: dict[str, Any]) -> dict[str, Any]:
    """nats-py options as NatsBroker takes them: credentials and TLS in one ``security``
    (which also carries ``tls_handshake_first``: NatsBroker takes it from there only)."""
    rest = dict(opts)
    tls: dict[str, Any] = {"ssl_context": rest.pop("tls")} if "tls" in rest else {}
    if rest.pop("tls_handshake_first", False):
        tls["tls_handshake_first"] = True
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

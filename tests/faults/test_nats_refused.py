"""A NATS server that comes back refusing us ends a running service, which does not hang: the
server restarted (same port, same store) with another password, or with a certificate from a CA
that ``[nats] tls_ca`` does not trust.  The service process stops as on SIGTERM and exits 1 with
the reason as its last line.  Commands that open their own connection (``dlq``) make the same
checks as the services before connecting."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.natsserver import EmbeddedNats
from tests.cluster.procs import ServiceProcess
from tests.faults.helpers import cli
from tests.pki import tls_args, two_authorities

pytestmark = [pytest.mark.nats, pytest.mark.slow]

PASSWORD = "pw-41c7e09b3a"
NEW_PASSWORD = "pw-8d2f5a61ce"
EXIT_WITHIN_SECONDS = 60.0  # a bound for a hang, not a speed target


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return two_authorities(tmp_path_factory.mktemp("pki"))


async def _restarted_under(
    service: ServiceProcess, server: EmbeddedNats, extra_args: list[str]
) -> int:
    """Start ``service``, wait until it consumes, restart ``server`` with ``extra_args`` on the
    same port and store; the service's exit code (the test fails if it does not exit)."""
    service.start()
    await asyncio.to_thread(service.wait_ready)
    await asyncio.to_thread(server.stop)
    server.extra_args = extra_args
    await asyncio.to_thread(server.start)
    assert service.proc is not None
    try:
        return await asyncio.to_thread(service.proc.wait, EXIT_WITHIN_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{service.role} still runs after the server refused it: {service.tail()}")


def _assert_stopped_for(service: ServiceProcess, reason: str) -> None:
    """The reason was logged, the service drained and stopped, and said why on its last line."""
    log = service.tail(10**6)
    assert log.strip().splitlines()[-1] == f"readoutwatch {service.role}: {reason}"
    assert log.index(f'"msg": "stopping: {reason}') < log.index('"msg": "stopped"')


@pytest.mark.parametrize("role", ["extractor", "run"])
async def test_credentials_refused_at_a_reconnect_end_the_service(
    tmp_path: Path, make_config: Callable[..., Path], role: str
) -> None:
    server = EmbeddedNats(tmp_path / "nats", extra_args=["--user", "rw", "--pass", PASSWORD])
    server.start()
    config = make_config(server.url, nats={"user": "rw", "password": PASSWORD})
    service = ServiceProcess(role, config, tmp_path / f"{role}.log")
    try:
        code = await _restarted_under(service, server, ["--user", "rw", "--pass", NEW_PASSWORD])
    finally:
        await asyncio.to_thread(service.stop)
        await asyncio.to_thread(server.stop)
    assert code == 1, service.tail()
    _assert_stopped_for(
        service,
        "the NATS server refused our credentials (Authorization Violation): check [nats] user "
        "and password, token, creds_file or nkeys_seed",
    )
    assert PASSWORD not in service.tail(10**6)


async def test_a_server_certificate_we_cannot_verify_at_a_reconnect_ends_the_service(
    tmp_path: Path, make_config: Callable[..., Path], pki: tuple[Path, Path]
) -> None:
    ours, other = pki
    server = EmbeddedNats(tmp_path / "nats", extra_args=tls_args(ours)).start()
    config = make_config(server.url, nats={"tls_ca": str(ours / "ca.pem")})
    service = ServiceProcess("notifier", config, tmp_path / "notifier.log")
    try:
        code = await _restarted_under(service, server, tls_args(other))  # another CA's server
    finally:
        await asyncio.to_thread(service.stop)
        await asyncio.to_thread(server.stop)
    assert code == 1, service.tail()
    _assert_stopped_for(
        service,
        "the NATS server's TLS certificate could not be verified (unable to get local issuer "
        "certificate): check [nats] tls_ca (the CA that signed the server's certificate) and "
        "the host name in [nats] url",
    )


async def test_dlq_refuses_a_server_without_the_tls_we_configured(
    tmp_path: Path,
    own_nats: EmbeddedNats,
    make_config: Callable[..., Path],
    pki: tuple[Path, Path],
) -> None:
    ours, _ = pki
    config = make_config(own_nats.url, nats={"tls_ca": str(ours / "ca.pem")})
    code, out, err = await cli("dlq", "list", "--config", str(config))
    assert (code, out) == (1, ""), err
    assert err.strip().splitlines()[-1] == (
        f"readoutwatch dlq: the NATS server at {own_nats.url} does not use TLS, so the "
        "connection would not be encrypted although [nats] tls_ca / tls_cert is set: require "
        "TLS on the server, or check [nats] url and tls_ca"
    )

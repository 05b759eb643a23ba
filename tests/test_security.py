"""NATS credentials and TLS against real nats-servers: user/password, token, nkey and mutual
TLS get in; wrong credentials, a CA that did not sign the server's certificate, a client
certificate the server rejects and a server that does not use the TLS we configured end the
command at once with one clear line."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared import bus
from shared.errors import BrokerError
from shared.natsconn import check_tls_offered, tls_mismatch
from shared.natsserver import EmbeddedNats
from shared.settings import NatsSettings
from tests.pki import tls_args, two_authorities

pytestmark = pytest.mark.nats

PASSWORD = "pw-0d8c1f6e2b"
TOKEN = "tok-5a9e7c3d41"


async def _connects(url: str, cfg: NatsSettings) -> None:
    """Streams created (nats-py) and the FastStream broker started: both connections got in."""
    await asyncio.wait_for(bus.ensure_streams(url, cfg), 10)
    broker = bus.make_broker(url, cfg)
    try:
        await asyncio.wait_for(broker.start(), 10)
        await broker.publish(b"ping", "rw.test.ping")
    finally:
        await broker.stop()


@pytest.mark.parametrize(
    ("args", "good", "bad"),
    [
        (["--user", "rw", "--pass", PASSWORD], {"user": "rw", "password": PASSWORD},
         {"user": "rw", "password": "wrong"}),
        (["--auth", TOKEN], {"token": TOKEN}, {"token": "wrong"}),
    ],
    ids=["user-password", "token"],
)  # fmt: skip
async def test_credentials_get_in_and_wrong_ones_fail_clearly(
    tmp_path: Path, args: list[str], good: dict[str, str], bad: dict[str, str]
) -> None:
    with EmbeddedNats(tmp_path / "nats", extra_args=args) as server:
        await _connects(server.url, NatsSettings.model_validate(good))
        for cfg in (NatsSettings.model_validate(bad), NatsSettings()):
            with pytest.raises(BrokerError, match="refused our credentials"):
                await asyncio.wait_for(bus.ensure_streams(server.url, cfg), 10)
            with pytest.raises(BrokerError, match="refused our credentials"):
                await asyncio.wait_for(bus.make_broker(server.url, cfg).start(), 10)


def _extractor(url: str, data_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``readoutwatch extractor`` against ``url`` with ``READOUTWATCH_*`` from ``env`` only."""
    argv = [sys.executable, "-m", "services.cli", "extractor", "--http-port", "-1"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    return subprocess.run(
        [*argv, "--nats-url", url, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=clean | env,
        timeout=60,
    )


@pytest.mark.slow
def test_a_service_with_a_wrong_password_exits_with_one_line(tmp_path: Path) -> None:
    env = {"READOUTWATCH_NATS_USER": "rw", "READOUTWATCH_NATS_PASSWORD": "wrong-pw-7f3a"}
    with EmbeddedNats(tmp_path / "nats", extra_args=["--user", "rw", "--pass", PASSWORD]) as server:
        result = _extractor(server.url, tmp_path / "data", env)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.strip().splitlines()[-1] == (
        "readoutwatch extractor: the NATS server refused our credentials "
        "(Authorization Violation): check [nats] user and password, token, creds_file or "
        "nkeys_seed"
    )
    assert "wrong-pw-7f3a" not in result.stderr + result.stdout


async def test_nkey_seed_file_gets_in(tmp_path: Path) -> None:
    nkeys = pytest.importorskip("nkeys")
    seed = nkeys.encode_seed(os.urandom(32), nkeys.PREFIX_BYTE_USER)
    public = nkeys.from_seed(bytearray(seed)).public_key.decode()
    (tmp_path / "user.nk").write_bytes(seed)
    conf = tmp_path / "auth.conf"
    conf.write_text(f"authorization {{ users = [ {{ nkey: {public} }} ] }}\n", encoding="utf-8")
    with EmbeddedNats(tmp_path / "nats", extra_args=["-c", str(conf)]) as server:
        await _connects(server.url, NatsSettings(nkeys_seed=str(tmp_path / "user.nk")))
        with pytest.raises(BrokerError, match="refused our credentials"):
            await asyncio.wait_for(bus.ensure_streams(server.url, NatsSettings()), 10)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return two_authorities(tmp_path_factory.mktemp("pki"))


def _tls_server(work: Path, certs: Path, *, verify_clients: bool = False) -> EmbeddedNats:
    return EmbeddedNats(work / "nats", extra_args=tls_args(certs, verify_clients=verify_clients))


async def test_tls_with_a_client_certificate(tmp_path: Path, pki: tuple[Path, Path]) -> None:
    ours, other = pki
    with _tls_server(tmp_path, ours, verify_clients=True) as server:
        ca = str(ours / "ca.pem")
        cert, key = str(ours / "client.pem"), str(ours / "client.key")
        await _connects(server.url, NatsSettings(tls_ca=ca, tls_cert=cert, tls_key=key))
        # The server does insist on a client certificate its CA signed: without one, or with
        # another CA's, the command ends naming tls_cert.  A bare reset (the server's close
        # overtook its TLS alert) is retried; the alert of a later attempt ends it.
        wrong = NatsSettings(
            tls_ca=ca, tls_cert=str(other / "client.pem"), tls_key=str(other / "client.key")
        )
        refused = r"rejected our TLS client certificate \(.*alert.*\[nats\] tls_cert and tls_key"
        for cfg in (NatsSettings(tls_ca=ca), wrong):
            with pytest.raises(BrokerError, match=refused):
                await asyncio.wait_for(bus.ensure_streams(server.url, cfg), 60)


async def test_a_server_certificate_we_cannot_verify_fails_at_once(
    tmp_path: Path, pki: tuple[Path, Path]
) -> None:
    ours, other = pki
    with _tls_server(tmp_path, ours) as server:
        await _connects(server.url, NatsSettings(tls_ca=str(ours / "ca.pem")))
        # Another CA's bundle, and none at all (the server requires TLS; the system's CAs do
        # not know ours): refused at the first attempt, not retried for ever.
        for cfg in (NatsSettings(tls_ca=str(other / "ca.pem")), NatsSettings()):
            with pytest.raises(BrokerError, match=r"could not be verified .*check \[nats\] tls_ca"):
                await asyncio.wait_for(bus.ensure_streams(server.url, cfg), 10)
            with pytest.raises(BrokerError, match="could not be verified"):
                await asyncio.wait_for(bus.make_broker(server.url, cfg).start(), 10)


async def test_tls_configured_but_not_used_by_the_server_is_refused(
    tmp_path: Path, pki: tuple[Path, Path]
) -> None:
    ours, _ = pki
    cfg = NatsSettings(tls_ca=str(ours / "ca.pem"))
    with EmbeddedNats(tmp_path / "plain") as plain:
        with pytest.raises(BrokerError, match=r"does not use TLS.*\[nats\] tls_ca"):
            await asyncio.wait_for(check_tls_offered(plain.url, cfg), 10)
        await check_tls_offered(plain.url, NatsSettings())  # no TLS asked: nothing to check
    with _tls_server(tmp_path, ours) as server:
        await asyncio.wait_for(check_tls_offered(server.url, cfg), 10)


@pytest.mark.slow
def test_a_service_with_the_wrong_tls_setup_exits_with_one_line(
    tmp_path: Path, pki: tuple[Path, Path]
) -> None:
    ours, other = pki
    with _tls_server(tmp_path, ours) as server:
        env = {"READOUTWATCH_NATS_TLS_CA": str(other / "ca.pem")}
        wrong_ca = _extractor(server.url, tmp_path / "data", env)
    with EmbeddedNats(tmp_path / "plain") as plain:
        env = {"READOUTWATCH_NATS_TLS_CA": str(ours / "ca.pem")}
        no_tls = _extractor(plain.url, tmp_path / "data", env)
    assert wrong_ca.returncode == 1, wrong_ca.stderr[-2000:]
    assert wrong_ca.stderr.strip().splitlines()[-1] == (
        "readoutwatch extractor: the NATS server's TLS certificate could not be verified "
        "(unable to get local issuer certificate): check [nats] tls_ca (the CA that signed the "
        "server's certificate) and the host name in [nats] url"
    )
    assert no_tls.returncode == 1, no_tls.stderr[-2000:]
    assert no_tls.stderr.strip().splitlines()[-1] == (
        f"readoutwatch extractor: the NATS server at {plain.url} does not use TLS, so the "
        "connection would not be encrypted although [nats] tls_ca / tls_cert is set: require "
        "TLS on the server, or check [nats] url and tls_ca"
    )


@pytest.mark.parametrize(
    ("info", "reason"),
    [
        ({"tls_required": True}, None),
        ({"tls_available": True}, "only offers TLS as an option"),
        ({}, "does not use TLS"),
    ],
)
def test_which_server_info_refuses_a_tls_client(info: dict[str, bool], reason: str | None) -> None:
    found = tls_mismatch(info, "nats://rw:pw-9c1d@10.0.0.5:4222")
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found and "pw-9c1d" not in found

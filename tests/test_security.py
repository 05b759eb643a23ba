"""NATS credentials and TLS against real nats-servers: user/password, token, nkey and mutual
TLS get in, wrong credentials end the command at once with one clear line."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nats
import pytest

from shared import bus
from shared.errors import BrokerError
from shared.natsserver import EmbeddedNats
from shared.settings import NatsSettings

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


@pytest.mark.slow
def test_a_service_with_a_wrong_password_exits_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    env |= {"READOUTWATCH_NATS_USER": "rw", "READOUTWATCH_NATS_PASSWORD": "wrong-pw-7f3a"}
    argv = [sys.executable, "-m", "services.cli", "extractor", "--http-port", "-1"]
    with EmbeddedNats(tmp_path / "nats", extra_args=["--user", "rw", "--pass", PASSWORD]) as server:
        result = subprocess.run(
            [*argv, "--nats-url", server.url, "--data-dir", str(tmp_path / "data")],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
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


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=30)


def _certificates(d: Path) -> None:
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by it."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
             "-subj", "/CN=readoutwatch test CA", cwd=d)  # fmt: skip
    for name, ext in [
        ("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"),
        ("client", "extendedKeyUsage=clientAuth\n"),
    ]:
        (d / f"{name}.ext").write_text(ext, encoding="utf-8")
        _openssl("req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr",
                 "-subj", f"/CN=readoutwatch {name}", cwd=d)  # fmt: skip
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-out", f"{name}.pem", "-days", "1",
                 "-extfile", f"{name}.ext", cwd=d)  # fmt: skip


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_tls_with_a_client_certificate(tmp_path: Path) -> None:
    _certificates(tmp_path)
    tls = ["--tls", "--tlscert", "server.pem", "--tlskey", "server.key"]
    tls += ["--tlscacert", "ca.pem", "--tlsverify"]
    with EmbeddedNats(tmp_path / "nats", extra_args=[str(tmp_path / a) if "." in a else a
                                                     for a in tls]) as server:  # fmt: skip
        ca = str(tmp_path / "ca.pem")
        cert, key = str(tmp_path / "client.pem"), str(tmp_path / "client.key")
        await _connects(server.url, NatsSettings(tls_ca=ca, tls_cert=cert, tls_key=key))
        # The server does insist on the client certificate: without it, no connection.
        without = {**bus.connect_options(NatsSettings(tls_ca=ca)), "allow_reconnect": False}
        with pytest.raises(OSError):  # the server drops the connection in the handshake
            await asyncio.wait_for(nats.connect(server.url, **without), 10)

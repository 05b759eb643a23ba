"""``[nats] tls_handshake_first`` against real servers.

A nats-server with ``handshake_first: true`` lets in every connection of ours (streams, the
FastStream broker, the commands' client) and carries a JetStream round trip.  A plain-text
listener that answers like a nats-server without TLS receives only a TLS ClientHello: never a
CONNECT, never the password, at the first connection or at a reconnect after the real server was
replaced by it.  The control shows what that listener receives at such a reconnect without the
option: a plain CONNECT with the password.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import nats
import pytest
from nats.errors import NoServersError
from pydantic import BaseModel, SecretStr, ValidationError

from services.runtime import connect_client
from shared import bus, subjects
from shared.errors import BrokerError
from shared.natsconn import check_tls_offered, faststream_options, fatal_errors
from shared.natsserver import EmbeddedNats
from shared.settings import NatsSettings
from tests.pki import tls_args, two_authorities

pytestmark = pytest.mark.nats

PASSWORD = "pw-hf-3e71c9a05d"
HANG_GUARD = 60.0  # seconds: a bound for a hang, not a speed target
# What a plain-text nats-server sends first: no tls_required, so nats-py would stay plain.
PLAIN_INFO = (
    b'INFO {"server_id":"plain","version":"2.15.1","proto":1,"host":"127.0.0.1",'
    b'"max_payload":1048576,"auth_required":true}\r\n'
)


class Ping(BaseModel):
    text: str


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ours, _ = two_authorities(tmp_path_factory.mktemp("pki"))
    return ours


@dataclass
class HandshakeFirstNats(EmbeddedNats):
    """A nats-server with ``tls { handshake_first: true }`` and a user ``rw``.

    Such a server sends nothing before the TLS handshake, so it is ready once a TLS handshake
    with it is followed by its INFO (``EmbeddedNats`` waits for a plain INFO).
    """

    certs: Path = field(default_factory=Path)

    def start(self, timeout: float = 15.0) -> EmbeddedNats:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        conf = self.store_dir / "handshake-first.conf"
        conf.write_text(
            "tls {\n"
            f'  cert_file: "{self.certs / "server.pem"}"\n'
            f'  key_file: "{self.certs / "server.key"}"\n'
            "  handshake_first: true\n"
            "}\n"
            f'authorization {{ user: rw, password: "{PASSWORD}" }}\n',
            encoding="utf-8",
        )
        self.extra_args = ["-c", str(conf)]  # after EmbeddedNats' own -c: this one counts
        return super().start(timeout)

    def _wait_ready(self, timeout: float) -> None:
        context = ssl.create_default_context(cafile=str(self.certs / "ca.pem"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                tail = (self.store_dir / "nats-server.log").read_text(errors="replace")[-800:]
                raise BrokerError(f"nats-server exited with {self._proc.returncode}: {tail}")
            try:
                with (
                    socket.create_connection((self.host, self.port), timeout=0.5) as raw,
                    context.wrap_socket(raw, server_hostname=self.host) as sock,
                ):
                    if sock.recv(4).startswith(b"INFO"):
                        return
            except OSError:  # not listening yet (ssl.SSLError is an OSError too)
                time.sleep(0.05)
        self.stop()
        raise BrokerError(f"nats-server with handshake_first not ready on {self.url}")


@dataclass
class PlainListener:
    """A loopback TCP server answering like a plain-text nats-server: its INFO line first; then
    bytes that are no NATS operation (a TLS ClientHello) get ``-ERR`` and the connection is
    closed, while a CONNECT gets silence.  It records every byte received and counts the
    connections."""

    url: str = ""
    received: bytearray = field(default_factory=bytearray)
    connections: int = 0
    writers: list[asyncio.StreamWriter] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)  # set at every chunk

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.writers.append(writer)
        writer.write(PLAIN_INFO)
        with contextlib.suppress(OSError):
            await writer.drain()
            while data := await reader.read(65536):
                self.received.extend(data)
                self.arrived.set()
                if not data[:1].isalpha():
                    writer.write(b"-ERR 'Unknown Protocol Operation'\r\n")
                    await writer.drain()
                    break
        writer.close()


@contextlib.asynccontextmanager
async def plain_listener(port: int = 0) -> AsyncIterator[PlainListener]:
    listener = PlainListener()
    server = await asyncio.start_server(listener.handle, "127.0.0.1", port)
    listener.url = f"nats://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    try:
        yield listener
    finally:
        server.close()
        for writer in listener.writers:
            writer.close()
        await server.wait_closed()


def _settings(certs: Path, *, handshake_first: bool) -> NatsSettings:
    return NatsSettings(
        user="rw",
        password=SecretStr(PASSWORD),
        tls_ca=str(certs / "ca.pem"),
        tls_handshake_first=handshake_first,
    )


async def test_a_handshake_first_server_lets_every_connection_in(
    tmp_path: Path, certs: Path
) -> None:
    cfg = _settings(certs, handshake_first=True)
    with HandshakeFirstNats(tmp_path / "nats", certs=certs) as server:
        await asyncio.wait_for(bus.ensure_streams(server.url, cfg), HANG_GUARD)  # nats-py
        nc = await asyncio.wait_for(connect_client(server.url, cfg), HANG_GUARD)  # commands
        broker = bus.make_broker(server.url, cfg)  # the services' FastStream broker
        try:
            await asyncio.wait_for(broker.start(), HANG_GUARD)
            sub = await nc.jetstream().pull_subscribe(subjects.ALERTS, stream="RW_ALERTS")
            await bus.publish(broker, subjects.ALERTS, Ping(text="through TLS"), "hf-1")
            [msg] = await sub.fetch(1, timeout=HANG_GUARD)
            await msg.ack()
            assert Ping.model_validate_json(msg.data) == Ping(text="through TLS")
        finally:
            await broker.stop()
            await nc.close()
        # The server really insists on TLS first: without the option nats-py waits for an INFO
        # that never comes, so the successes above needed the option on every path.
        plain_first = bus.connect_options(_settings(certs, handshake_first=False))
        with pytest.raises(NoServersError):
            await asyncio.wait_for(
                nats.connect(server.url, **{**plain_first, "max_reconnect_attempts": 1}),
                HANG_GUARD,
            )


async def test_a_plain_text_server_never_receives_the_credentials(
    tmp_path: Path, certs: Path
) -> None:
    cfg = _settings(certs, handshake_first=True)
    refused = r"answered our TLS handshake in plain text .*handshake_first: true"
    async with plain_listener() as plain:
        # connect_client skips the INFO probe (a handshake-first server sends no plain INFO)
        # and goes straight to nats-py, as a reconnect would; so does the FastStream broker.
        with pytest.raises(BrokerError, match=refused):
            await asyncio.wait_for(connect_client(plain.url, cfg), HANG_GUARD)
        with pytest.raises(BrokerError, match=refused):
            await asyncio.wait_for(bus.make_broker(plain.url, cfg).start(), HANG_GUARD)
    assert plain.connections == 2
    assert plain.received.startswith(b"\x16\x03")  # a TLS handshake record: the ClientHello
    assert b"CONNECT" not in plain.received
    assert PASSWORD.encode() not in plain.received
    # A real nats-server without TLS (same user and password) ends the same way, and so does
    # one with TLS of the usual kind (INFO first): it needs handshake_first: true.
    with EmbeddedNats(tmp_path / "plain", extra_args=["--user", "rw", "--pass", PASSWORD]) as real:
        with pytest.raises(BrokerError, match=refused):
            await asyncio.wait_for(connect_client(real.url, cfg), HANG_GUARD)
    with EmbeddedNats(tmp_path / "tls", extra_args=tls_args(certs)) as usual:
        with pytest.raises(BrokerError, match=refused):
            await asyncio.wait_for(connect_client(usual.url, cfg), HANG_GUARD)


async def test_a_server_replaced_by_a_plain_text_one_at_a_reconnect_gets_no_credentials(
    tmp_path: Path, certs: Path
) -> None:
    """The gap itself: the client got in over TLS, then the server's address answers in plain
    text.  nats-py reconnects alone; the plain server gets a ClientHello, and the connection's
    fatal error (what ends a running service) says why."""
    server = HandshakeFirstNats(tmp_path / "nats", certs=certs)
    server.start()
    try:
        with fatal_errors() as fatal:
            nc = await asyncio.wait_for(
                connect_client(server.url, _settings(certs, handshake_first=True)), HANG_GUARD
            )
            await nc.flush()
            await asyncio.to_thread(server.stop)
            async with plain_listener(server.port) as plain:
                error = await asyncio.wait_for(fatal, HANG_GUARD)
            with contextlib.suppress(OSError, TimeoutError):  # see runtime._stop_broker
                await asyncio.wait_for(nc.close(), 10)
    finally:
        await asyncio.to_thread(server.stop)
    assert "answered our TLS handshake in plain text" in str(error)
    assert plain.connections >= 1 and plain.received.startswith(b"\x16\x03")
    assert b"CONNECT" not in plain.received
    assert PASSWORD.encode() not in plain.received


async def test_without_the_option_a_reconnect_sends_the_password_in_plain_text(
    tmp_path: Path, certs: Path
) -> None:
    """The control: the same replacement under a TLS server of the usual kind (INFO first,
    ``tls_required``), without the option.  ``check_tls_offered`` passed at the start; at the
    reconnect nats-py alone reads the plain INFO and sends its CONNECT with the password."""
    args = [*tls_args(certs), "--user", "rw", "--pass", PASSWORD]
    server = EmbeddedNats(tmp_path / "nats", extra_args=args)
    server.start()
    try:
        nc = await asyncio.wait_for(
            connect_client(server.url, _settings(certs, handshake_first=False)), HANG_GUARD
        )
        try:
            await nc.flush()
            await asyncio.to_thread(server.stop)
            async with plain_listener(server.port) as plain:
                await asyncio.wait_for(_until_received(plain, PASSWORD.encode()), HANG_GUARD)
        finally:
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(nc.close(), 10)
    finally:
        await asyncio.to_thread(server.stop)
    assert plain.received.startswith(b"CONNECT ")


async def _until_received(listener: PlainListener, data: bytes) -> None:
    while data not in listener.received:
        listener.arrived.clear()
        await listener.arrived.wait()


async def test_the_info_probe_is_skipped_with_handshake_first(certs: Path) -> None:
    async with plain_listener() as plain:
        with pytest.raises(BrokerError, match="does not use TLS"):
            await asyncio.wait_for(
                check_tls_offered(plain.url, _settings(certs, handshake_first=False)), HANG_GUARD
            )
        probed = plain.connections
        await check_tls_offered(plain.url, _settings(certs, handshake_first=True))
    assert probed == 1 and plain.connections == 1  # the second check did not connect


def test_handshake_first_needs_tls(certs: Path) -> None:
    with pytest.raises(ValidationError, match="tls_handshake_first needs TLS"):
        NatsSettings(user="rw", password=SecretStr(PASSWORD), tls_handshake_first=True)
    client_cert = NatsSettings(
        tls_cert=str(certs / "client.pem"),
        tls_key=str(certs / "client.key"),
        tls_handshake_first=True,
    )
    assert bus.connect_options(client_cert)["tls_handshake_first"] is True
    assert "tls_handshake_first" not in bus.connect_options(_settings(certs, handshake_first=False))
    security = faststream_options(bus.connect_options(_settings(certs, handshake_first=True)))
    assert security["security"].tls_handshake_first is True
    assert "tls_handshake_first" not in security  # NatsBroker takes it from security only

"""The guarded transport against a rebinding DNS: the name is resolved once per connection, the
addresses vetted, and the socket opened to exactly those (HTTP and HTTPS with SNI)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.fetcher.guard import BlockedAddressError
from services.fetcher.http import fetch
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError
from shared.settings import FetcherSettings

from .server import LocalServer

NAME = "feeds.rebind.test"  # .test never resolves in real DNS: only our resolver knows it
ONLY_LOOPBACK_1 = FetcherSettings(allowed_networks=["127.0.0.1/32"], timeout_seconds=3)


class RebindingDNS:
    """Answers from a script, one answer per lookup (the last one repeats), like an attacker's
    name server with a zero TTL."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


async def test_connects_to_the_vetted_address_with_the_name_as_host(server: LocalServer) -> None:
    server.route("/feed", "<rss/>")
    dns = RebindingDNS(["127.0.0.1"])
    async with GuardedClient(ONLY_LOOPBACK_1, resolve=dns) as client:
        got = await fetch(client, server.url("/feed", host=NAME), ONLY_LOOPBACK_1)
    assert got.body == b"<rss/>" and dns.lookups == [NAME]
    assert server.requests[0].headers["host"] == f"{NAME}:{server.url('').rsplit(':', 1)[1]}"


async def test_a_rebound_name_is_refused_at_connect_time(server: LocalServer) -> None:
    server.route("/feed", "<rss/>")
    # Allowed first, then the cloud metadata address: each new connection is vetted anew.
    dns = RebindingDNS(["127.0.0.1"], ["169.254.169.254"])
    async with GuardedClient(ONLY_LOOPBACK_1, resolve=dns) as client:
        await fetch(client, server.url("/feed", host=NAME), ONLY_LOOPBACK_1)
        with pytest.raises(BlockedAddressError, match=r"169\.254\.169\.254"):
            await fetch(client, server.url("/feed", host=NAME), ONLY_LOOPBACK_1)
    assert len(server.requests) == 1 and len(dns.lookups) == 2


async def test_one_bad_address_among_the_answers_refuses(server: LocalServer) -> None:
    dns = RebindingDNS(["127.0.0.1", "10.0.0.7"])
    async with GuardedClient(ONLY_LOOPBACK_1, resolve=dns) as client:
        with pytest.raises(BlockedAddressError, match=r"10\.0\.0\.7"):
            await fetch(client, server.url("/feed", host=NAME), ONLY_LOOPBACK_1)
    assert server.requests == []


async def test_default_client_refuses_loopback_without_sending(server: LocalServer) -> None:
    server.route("/feed", "<rss/>")
    settings = FetcherSettings()
    async with GuardedClient(settings) as client:
        with pytest.raises(BlockedAddressError, match=r"refused 127\.0\.0\.1"):
            await fetch(client, server.url("/feed"), settings)
    assert server.requests == []


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "[::ffff:127.0.0.1]", "127.1", "2130706433", "0x7f.0.0.1", "[::1]"]
)
async def test_loopback_literals_in_any_spelling_are_refused(
    server: LocalServer, host: str
) -> None:
    # An IP literal reaches no resolver: the client vets it itself before connecting.
    server.route("/feed", "<rss/>")
    port = server.url("").rsplit(":", 1)[1]
    settings = FetcherSettings()
    async with GuardedClient(settings) as client:
        with pytest.raises(SourceError):
            await fetch(client, f"http://{host}:{port}/feed", settings)
    assert server.requests == []


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[LocalServer, ssl.SSLContext]]:
    """An HTTPS loopback server whose certificate names only NAME, and a context trusting it."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", f"/CN={NAME}",
         "-addext", f"subjectAltName=DNS:{NAME}"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    local = LocalServer(tls=served).start()
    yield local, ssl.create_default_context(cafile=str(cert))
    local.stop()


async def test_https_keeps_the_name_for_sni_and_certificate_check(
    tls_server: tuple[LocalServer, ssl.SSLContext],
) -> None:
    server, trust = tls_server
    server.route("/feed", "<rss/>")
    dns = RebindingDNS(["127.0.0.1"])
    async with GuardedClient(ONLY_LOOPBACK_1, resolve=dns, verify=trust) as client:
        # The certificate names NAME, not 127.0.0.1: this only verifies if SNI and the
        # hostname check use the URL's name while the socket goes to the vetted address.
        got = await fetch(client, server.url("/feed", host=NAME), ONLY_LOOPBACK_1)
    assert got.body == b"<rss/>" and dns.lookups == [NAME]

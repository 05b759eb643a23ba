"""fetch() against a loopback server under a public-looking name: headers sent, statuses mapped,
limits enforced, redirects followed hop by hop."""

import datetime as dt
import socket
from collections.abc import AsyncIterator

import pytest

from services.fetcher.guard import BlockedAddressError
from services.fetcher.http import RateLimited, fetch, parse_retry_after
from services.fetcher.models import Validators
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError, TransientError
from shared.settings import FetcherSettings

from .server import LocalServer

HOST = "news.example.test"  # only the test's resolver knows it: 127.0.0.1
SETTINGS = FetcherSettings(
    max_body_bytes=1000, max_redirects=2, timeout_seconds=2, allowed_networks=["127.0.0.1/32"]
)


async def loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


@pytest.fixture
async def client() -> AsyncIterator[GuardedClient]:
    async with GuardedClient(SETTINGS, resolve=loopback) as http:
        yield http


async def get(client: GuardedClient, server: LocalServer, path: str, **kwargs):
    return await fetch(client, server.url(path, host=HOST), SETTINGS, **kwargs)


async def test_conditional_headers_and_304(server: LocalServer, client: GuardedClient) -> None:
    modified = "Fri, 19 Jan 2024 10:00:00 GMT"
    server.route("/feed", "<rss/>", etag='"v1"', last_modified=modified)
    result = await get(client, server, "/feed", validators=Validators('"v1"', modified))
    assert result.not_modified and result.body == b""
    (seen,) = server.requests
    assert seen.headers["if-none-match"] == '"v1"'
    assert seen.headers["if-modified-since"] == modified
    assert seen.headers["user-agent"].startswith("readoutwatch/")


async def test_ok_body_validators_and_charset(server: LocalServer, client: GuardedClient) -> None:
    ctype = "application/rss+xml; charset=ISO-8859-1"
    server.route("/feed", "<rss/>", etag='W/"x"', content_type=ctype)
    result = await get(client, server, "/feed")
    assert (result.status, result.body, result.charset) == (200, b"<rss/>", "cp1252")
    assert result.validators.etag == 'W/"x"'


async def test_a_large_header_is_no_failure(server: LocalServer, client: GuardedClient) -> None:
    # 12 kB: over aiohttp's default line limit (8 kB), as some sites' cookies are.
    server.route("/feed", "<rss/>", headers={"Set-Cookie": "session=" + "x" * 12_000})
    assert (await get(client, server, "/feed")).body == b"<rss/>"


@pytest.mark.parametrize(
    ("status", "headers", "retry_after"),
    [(429, {"Retry-After": "120"}, 120.0), (503, {}, None), (429, {"Retry-After": "soon"}, None)],
)
async def test_rate_limited(
    server: LocalServer,
    client: GuardedClient,
    status: int,
    headers: dict[str, str],
    retry_after: float | None,
) -> None:
    server.route("/feed", status=status, headers=headers)
    with pytest.raises(RateLimited) as caught:
        await get(client, server, "/feed")
    assert caught.value.retry_after == retry_after
    assert str(caught.value).startswith(f"HTTP {status}")


def test_retry_after_http_date() -> None:
    now = dt.datetime(2024, 1, 19, 10, 0, tzinfo=dt.UTC)
    assert parse_retry_after("Fri, 19 Jan 2024 10:05:00 GMT", now=now) == 300.0
    assert parse_retry_after("Fri, 19 Jan 2024 09:00:00 GMT", now=now) == 0.0


@pytest.mark.parametrize(
    ("status", "error"),
    [(404, SourceError), (410, SourceError), (403, SourceError), (500, TransientError),
     (502, TransientError), (408, TransientError)],
)  # fmt: skip
async def test_status_mapping(
    server: LocalServer, client: GuardedClient, status: int, error: type[Exception]
) -> None:
    server.route("/feed", status=status)
    with pytest.raises(error, match=f"HTTP {status}"):
        await get(client, server, "/feed")


async def test_declared_oversize_body_is_refused(
    server: LocalServer, client: GuardedClient
) -> None:
    server.route("/feed", b"x" * 5000)  # sent with Content-Length: 5000
    with pytest.raises(SourceError, match="body of 5000 bytes exceeds max_body_bytes"):
        await get(client, server, "/feed")


async def test_streamed_oversize_body_stops_reading(
    server: LocalServer, client: GuardedClient
) -> None:
    # No Content-Length and far more than could be read within the 2 s timeout: a client that
    # kept reading would time out (TransientError) instead of stopping at the limit.
    server.route("/feed", stream_bytes=10**12)
    with pytest.raises(SourceError, match="max_body_bytes=1000"):
        await get(client, server, "/feed")


async def test_redirects_followed_up_to_the_limit(
    server: LocalServer, client: GuardedClient
) -> None:
    server.route("/r0", status=302, headers={"Location": "/r1"})
    server.route("/r1", status=302, headers={"Location": "/r2?hop=2"})
    server.route("/r2", "done")
    result = await get(client, server, "/r0")
    assert result.body == b"done" and result.final_url.endswith("/r2?hop=2")
    assert result.url == server.url("/r0", host=HOST)

    server.route("/loop", status=301, headers={"Location": "/loop"})
    with pytest.raises(SourceError, match="more than 2 redirects"):
        await get(client, server, "/loop")
    assert len(server.hits("/loop")) == 3  # the first request and two redirects


async def test_redirect_to_a_private_address_is_refused(
    server: LocalServer, client: GuardedClient
) -> None:
    server.route("/feed", status=302, headers={"Location": "http://169.254.169.254/latest/"})
    with pytest.raises(BlockedAddressError, match=r"169\.254\.169\.254"):
        await get(client, server, "/feed")


async def test_credentials_are_not_sent_to_the_host_a_redirect_names(
    server: LocalServer, client: GuardedClient
) -> None:
    server.route("/private", status=302, headers={"Location": server.url("/open", "other.test")})
    server.route("/open", "<rss/>")
    url = server.url("/private", host=f"reader:secret@{HOST}")
    await fetch(client, url, SETTINGS)
    first, redirected = server.hits("/private")[-1], server.hits("/open")[-1]
    assert first.headers["authorization"].startswith("Basic ")
    assert redirected.host == "other.test" and "authorization" not in redirected.headers


async def test_network_errors_are_transient(client: GuardedClient) -> None:
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransientError, match="Connect"):
        await fetch(client, f"http://{HOST}:{port}/feed", SETTINGS)


async def test_bad_scheme_is_a_source_error(client: GuardedClient) -> None:
    with pytest.raises(SourceError, match="not an http"):
        await fetch(client, f"ftp://{HOST}/feed", SETTINGS)

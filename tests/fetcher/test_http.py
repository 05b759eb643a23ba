"""fetch() against httpx.MockTransport: headers sent, statuses mapped, limits enforced."""

import datetime as dt

import httpx
import pytest

from services.fetcher.guard import BlockedAddressError
from services.fetcher.http import RateLimited, fetch, parse_retry_after
from services.fetcher.models import Validators
from shared.errors import SourceError, TransientError
from shared.settings import FetcherSettings

URL = "https://news.example.org/feed"
SETTINGS = FetcherSettings(max_body_bytes=1000, max_redirects=2, timeout_seconds=2)


async def public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def mock(handler) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


async def get(handler, url: str = URL, **kwargs):
    async with mock(handler) as client:
        return await fetch(client, url, SETTINGS, resolve=public, **kwargs)


async def test_conditional_headers_and_304() -> None:
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        return httpx.Response(304, headers={"ETag": '"v2"'})

    result = await get(handler, validators=Validators('"v1"', "Fri, 19 Jan 2024 10:00:00 GMT"))
    assert result.not_modified and result.body == b""
    assert seen["if-none-match"] == '"v1"'
    assert seen["if-modified-since"] == "Fri, 19 Jan 2024 10:00:00 GMT"
    assert seen["user-agent"].startswith("readoutwatch/")


async def test_ok_body_validators_and_charset() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"ETag": 'W/"x"', "Content-Type": "application/rss+xml; charset=ISO-8859-1"}
        return httpx.Response(200, headers=headers, content=b"<rss/>")

    result = await get(handler)
    assert (result.status, result.body, result.charset) == (200, b"<rss/>", "cp1252")
    assert result.validators.etag == 'W/"x"'


@pytest.mark.parametrize(
    ("status", "headers", "retry_after"),
    [(429, {"Retry-After": "120"}, 120.0), (503, {}, None), (429, {"Retry-After": "soon"}, None)],
)
async def test_rate_limited(
    status: int, headers: dict[str, str], retry_after: float | None
) -> None:
    with pytest.raises(RateLimited) as caught:
        await get(lambda request: httpx.Response(status, headers=headers))
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
async def test_status_mapping(status: int, error: type[Exception]) -> None:
    with pytest.raises(error, match=f"HTTP {status}"):
        await get(lambda request: httpx.Response(status))


async def test_declared_oversize_body_is_refused() -> None:
    headers = {"Content-Length": "5000"}
    with pytest.raises(SourceError, match="max_body_bytes"):
        await get(lambda request: httpx.Response(200, headers=headers, content=b"x" * 5000))


async def test_streamed_oversize_body_stops_reading() -> None:
    produced = []

    async def endless():
        for _ in range(1000):
            produced.append(1)
            yield b"x" * 300

    with pytest.raises(SourceError, match="max_body_bytes"):
        await get(lambda request: httpx.Response(200, content=endless()))
    assert len(produced) < 10


async def test_redirects_followed_up_to_the_limit() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = int(request.url.params.get("hop", "0"))
        if hop < 2:
            return httpx.Response(302, headers={"Location": f"/feed?hop={hop + 1}"})
        return httpx.Response(200, content=b"done")

    result = await get(handler)
    assert result.body == b"done" and result.final_url.endswith("/feed?hop=2")
    assert result.url == URL

    loop = lambda request: httpx.Response(301, headers={"Location": "/feed"})  # noqa: E731
    with pytest.raises(SourceError, match="more than 2 redirects"):
        await get(loop)


async def test_redirect_to_a_private_address_is_refused() -> None:
    target = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(BlockedAddressError):
        await get(lambda request: httpx.Response(302, headers={"Location": target}))


async def test_network_errors_are_transient() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(TransientError, match="ConnectError"):
        await get(handler)


async def test_bad_scheme_is_a_source_error() -> None:
    with pytest.raises(SourceError):
        await get(lambda request: httpx.Response(200), url="ftp://news.example.org/feed")

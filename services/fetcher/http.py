"""The network edge: one guarded, size-capped, conditional GET, httpx errors turned into ours."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from services.fetcher.charset import charset_from_content_type
from services.fetcher.guard import Resolver, check_url
from services.fetcher.models import Validators
from shared.errors import SourceError, TransientError
from shared.settings import FetcherSettings

ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = {301, 302, 303, 307, 308}
_TRANSIENT_STATUSES = {408, 425, 500, 502, 504, 520, 521, 522, 523, 524}


class RateLimited(TransientError):
    """429 or 503: the server asked us to come back later (``retry_after`` seconds, if said)."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def charset(self) -> str | None:
        return charset_from_content_type(self.content_type)

    @property
    def validators(self) -> Validators:
        etag, modified = self.headers.get("etag"), self.headers.get("last-modified")
        return Validators(etag=etag, last_modified=modified)


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    settings: FetcherSettings,
    *,
    validators: Validators | None = None,
    accept: str = ACCEPT_HTML,
    resolve: Resolver | None = None,
) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` redirects, each hop checked by the guard.

    Raises RateLimited (429/503), TransientError (timeouts, network, 5xx) or SourceError (4xx,
    oversized body, refused address, bad URL). A 304 comes back as ``Fetched.not_modified``.
    """
    headers = {"Accept": accept, "User-Agent": settings.user_agent}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    try:
        # One deadline for the whole exchange: httpx's per-read timeout alone lets a server
        # that drips a byte every few seconds hold a slot forever.
        async with asyncio.timeout(settings.timeout_seconds):
            return await _follow(client, url, headers, settings, resolve)
    except TimeoutError as exc:
        raise TransientError(f"timed out after {settings.timeout_seconds:g}s") from exc
    except httpx.TimeoutException as exc:
        raise TransientError(f"timed out ({type(exc).__name__})") from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise SourceError(f"bad URL {url}: {exc}") from exc
    except httpx.DecodingError as exc:
        raise SourceError(f"undecodable response body: {exc}") from exc
    except httpx.HTTPError as exc:
        raise TransientError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    settings: FetcherSettings,
    resolve: Resolver | None,
) -> Fetched:
    current = url
    for _ in range(settings.max_redirects + 1):
        await check_url(current, allow_private=settings.allow_private_networks, resolve=resolve)
        request = client.build_request("GET", current, headers=headers)
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location", "")
                if not location.strip():
                    raise SourceError(f"HTTP {response.status_code} without Location header")
                current = urljoin(current, location.strip())
                continue
            _raise_for_status(response)
            body = b"" if response.status_code == 304 else await _read(response, settings)
            return Fetched(url, str(response.url), response.status_code, response.headers, body)
        finally:
            await response.aclose()
    raise SourceError(f"more than {settings.max_redirects} redirects")


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400 or status == 304:
        return
    reason = f"HTTP {status} {response.reason_phrase}".strip()
    if status in (429, 503):
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        when = f", retry after {retry_after:g}s" if retry_after is not None else ""
        raise RateLimited(reason + when, retry_after)
    if status in _TRANSIENT_STATUSES or status >= 500:
        raise TransientError(reason)
    raise SourceError(reason)


async def _read(response: httpx.Response, settings: FetcherSettings) -> bytes:
    limit = settings.max_body_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise SourceError(f"body of {declared} bytes exceeds max_body_bytes={limit}")
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:  # stop reading: the rest of a huge body never reaches memory
            raise SourceError(f"body exceeds max_body_bytes={limit}")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds from ``now``: delta-seconds or an HTTP date; None if absent/bad."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())

"""What one HTTP exchange gives the fetcher: the ``Fetched`` record, status checks, a bounded
body read, and Retry-After parsing."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Mapping
from dataclasses import dataclass

import aiohttp

from services.fetcher.charset import charset_from_content_type
from services.fetcher.decoding import BodyDecoder
from services.fetcher.limits import Limiter
from services.fetcher.models import Validators
from shared.errors import SourceError, TransientError
from shared.settings import FetcherSettings

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
    headers: Mapping[str, str]  # case-insensitive (aiohttp's CIMultiDictProxy)
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


def raise_for_status(response: aiohttp.ClientResponse, limiter: Limiter) -> None:
    status = response.status
    if status < 400 or status == 304:
        return
    reason = f"HTTP {status} {response.reason or ''}".strip()
    if status in (429, 503):
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        when = f", retry after {retry_after:g}s" if retry_after is not None else ""
        if retry_after:  # the whole host waits, not just this URL (article pages included)
            limiter.pause(str(response.url), retry_after)
        raise RateLimited(reason + when, retry_after)
    if status in _TRANSIENT_STATUSES or status >= 500:
        raise TransientError(reason)
    raise SourceError(reason)


async def read_body(response: aiohttp.ClientResponse, settings: FetcherSettings) -> bytes:
    limit = settings.max_body_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise SourceError(f"body of {declared} bytes exceeds max_body_bytes={limit}")
    decoder = BodyDecoder(response.headers.get("content-encoding"), limit)
    chunks, raw = [], 0
    # Raw bytes as they arrive (the session does not decompress): decoded here, with a bound.
    async for chunk in response.content.iter_any():
        raw += len(chunk)
        if raw > limit:  # stop reading: the rest of a huge body never reaches memory
            raise SourceError(f"body exceeds max_body_bytes={limit}")
        chunks.append(decoder.feed(chunk))
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

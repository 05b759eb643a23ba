"""The network edge: one guarded, size-capped, conditional GET, aiohttp errors turned into ours.

Redirects are followed here, hop by hop: each hop is vetted by the guard, takes a limiter slot of
its own host, and a 429/503 with Retry-After pauses the host that sent it.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urljoin

import aiohttp

from services.fetcher.decoding import ACCEPT_ENCODING
from services.fetcher.limits import Limiter
from services.fetcher.models import Validators
from services.fetcher.responses import (
    Fetched,
    RateLimited,
    parse_retry_after,
    raise_for_status,
    read_body,
)
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError, TransientError
from shared.settings import FetcherSettings

__all__ = ["ACCEPT_FEED", "ACCEPT_HTML", "Fetched", "RateLimited", "fetch", "parse_retry_after"]

ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = {301, 302, 303, 307, 308}


async def fetch(
    client: GuardedClient,
    url: str,
    settings: FetcherSettings,
    *,
    validators: Validators | None = None,
    accept: str = ACCEPT_HTML,
    limiter: Limiter | None = None,
) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` redirects, each hop checked by the
    client's guard (IP literals here, names when a connection is opened) and run in a
    ``limiter`` slot of its own host. Each hop is a request of its own, with only the headers
    below: nothing of one host's request (no credentials, no cookies) goes to another.

    Raises RateLimited (429/503), HostPaused (the host asked to wait; nothing sent),
    TransientError (timeouts, network, 5xx) or SourceError (4xx, oversized body, refused
    address, bad URL). A 304 comes back as ``Fetched.not_modified``.
    """
    headers = {"Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
    headers["User-Agent"] = settings.user_agent
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    try:
        return await _follow(client, url, headers, settings, limiter or Limiter(1, 1))
    except aiohttp.InvalidURL as exc:
        raise SourceError(f"bad URL {url}: {exc}") from exc
    except aiohttp.ClientError as exc:
        raise TransientError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc


async def _follow(
    client: GuardedClient,
    url: str,
    headers: dict[str, str],
    settings: FetcherSettings,
    limiter: Limiter,
) -> Fetched:
    current, left = url, settings.timeout_seconds
    for _ in range(settings.max_redirects + 1):
        await client.vet(current)
        async with limiter.slot(current):
            started = time.monotonic()
            try:
                # One deadline for all hops (waiting for a slot excluded): a per-read
                # timeout alone lets a server that drips a byte every few seconds hold a slot.
                async with asyncio.timeout(max(left, 0.0)):
                    outcome = await _hop(client, url, current, headers, settings, limiter)
            except TimeoutError as exc:
                raise TransientError(f"timed out after {settings.timeout_seconds:g}s") from exc
            left -= time.monotonic() - started
        if isinstance(outcome, Fetched):
            return outcome
        current = outcome
    raise SourceError(f"more than {settings.max_redirects} redirects")


async def _hop(
    client: GuardedClient,
    origin: str,
    url: str,
    headers: dict[str, str],
    settings: FetcherSettings,
    limiter: Limiter,
) -> Fetched | str:
    """One request: the response, or the URL a redirect points to."""
    async with client.session.get(url, headers=headers, allow_redirects=False) as response:
        if response.status in _REDIRECTS:
            location = response.headers.get("location", "")
            if not location.strip():
                raise SourceError(f"HTTP {response.status} without Location header")
            return urljoin(url, location.strip())
        raise_for_status(response, limiter)
        body = b"" if response.status == 304 else await read_body(response, settings)
        return Fetched(origin, str(response.url), response.status, response.headers, body)

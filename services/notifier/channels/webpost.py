"""One JSON POST to a secret URL, with failures turned into ``DeliveryError``s that never name it.

Webhook URLs are credentials: errors and logs name the subscription instead.  The POST goes
through the service's one ``aiohttp.ClientSession`` (opened by ``open_http`` in the service's
``start``): aiohttp costs a fraction of httpx's CPU per request, which matters at hundreds of
alerts a second.  Redirects are not followed (a moved webhook is a failed delivery, as it was
with httpx); any answer but 2xx, a timeout or a network error is a ``DeliveryError`` (retried).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import aiohttp
from pydantic import SecretStr

from shared.errors import DeliveryError, PermanentError

CONNECT_TIMEOUT, TOTAL_TIMEOUT = 10.0, 20.0  # seconds


def open_http(
    *, total: float = TOTAL_TIMEOUT, connect: float = CONNECT_TIMEOUT
) -> aiohttp.ClientSession:
    """The session every HTTP channel posts through; the caller closes it."""
    timeout = aiohttp.ClientTimeout(total=total, connect=connect)
    return aiohttp.ClientSession(timeout=timeout, cookie_jar=aiohttp.DummyCookieJar())


def secret_url(urls: Mapping[str, SecretStr], channel: str, subscription: str) -> str:
    url = urls.get(subscription)
    if url is None or not url.get_secret_value():
        raise PermanentError(f"subscription {subscription!r} has no {channel} URL configured")
    return url.get_secret_value()


async def post_json(
    client: aiohttp.ClientSession,
    url: str,
    body: object,
    *,
    what: str,
    headers: Mapping[str, str] | None = None,
) -> None:
    """POST ``body``; return on 2xx, else raise ``DeliveryError`` naming ``what``, never ``url``."""
    sent = {**(headers or {}), "Content-Type": "application/json"}
    data = json.dumps(body, ensure_ascii=False).encode()
    try:
        async with client.post(url, data=data, headers=sent, allow_redirects=False) as response:
            if 200 <= response.status < 300:
                return
            text = await response.text(errors="replace")
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:  # ValueError: a bad URL
        reason = str(exc).replace(url, "<webhook>") or type(exc).__name__
        raise DeliveryError(f"{what}: {type(exc).__name__}: {reason}") from exc
    detail = text[:200].replace(url, "<webhook>").strip()
    raise DeliveryError(f"{what}: HTTP {response.status} {detail}".rstrip())

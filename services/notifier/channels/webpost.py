"""One JSON POST to a secret URL, with failures turned into ``DeliveryError``s that never name it.

Webhook URLs are credentials: errors and logs name the subscription instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from pydantic import SecretStr

from shared.errors import DeliveryError, PermanentError


def secret_url(urls: Mapping[str, SecretStr], channel: str, subscription: str) -> str:
    url = urls.get(subscription)
    if url is None or not url.get_secret_value():
        raise PermanentError(f"subscription {subscription!r} has no {channel} URL configured")
    return url.get_secret_value()


async def post_json(
    client: httpx.AsyncClient,
    url: str,
    body: object,
    *,
    what: str,
    headers: Mapping[str, str] | None = None,
) -> None:
    """POST ``body``; return on 2xx, else raise ``DeliveryError`` naming ``what``, never ``url``."""
    try:
        response = await client.post(url, json=body, headers=dict(headers or {}))
    except httpx.HTTPError as exc:
        reason = str(exc).replace(url, "<webhook>") or type(exc).__name__
        raise DeliveryError(f"{what}: {type(exc).__name__}: {reason}") from exc
    if not response.is_success:
        detail = response.text[:200].replace(url, "<webhook>").strip()
        raise DeliveryError(f"{what}: HTTP {response.status_code} {detail}".rstrip())

"""Generic webhook: the alert's public JSON POSTed to a subscription's URL."""

from __future__ import annotations

from collections.abc import Mapping

import aiohttp
from pydantic import SecretStr

from services.notifier.channels.webpost import post_json, secret_url
from shared.schemas import AlertRaised


class WebhookChannel:
    def __init__(self, client: aiohttp.ClientSession, urls: Mapping[str, SecretStr]) -> None:
        self._client = client
        self._urls = dict(urls)

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        url = secret_url(self._urls, "webhook", subscription)
        await post_json(
            self._client,
            url,
            alert.public_json(),
            what=f"webhook of subscription {subscription!r}",
            # lets the receiver drop a retry of a delivery it already took
            headers={"Idempotency-Key": alert.alert_id, "X-Readoutwatch-Alert": alert.alert_id},
        )

"""Slack: a Block Kit message posted to a subscription's incoming-webhook URL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from pydantic import SecretStr

from services.notifier.channels.render import headline, kind_text, one_line, person_text
from services.notifier.channels.webpost import post_json, secret_url
from shared.schemas import AlertRaised


def _escape(text: str) -> str:
    # Slack mrkdwn treats these three as control characters.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _silence_field(alert: AlertRaised) -> str:
    if alert.silence_days is None:
        return "first known contact"
    previous = f" (previous {alert.previous_contact})" if alert.previous_contact else ""
    return f"{alert.silence_days} days{previous}"


def slack_message(alert: AlertRaised) -> dict[str, Any]:
    """The Block Kit payload; ``text`` is the fallback shown in notifications."""
    people = "\n".join(
        _escape(person_text(p.name, p.country) + (f", {p.role}" if p.role else ""))
        for p in alert.participants
    )
    fields = [
        ("Participants", people),
        ("Kind", kind_text(alert)),
        ("Date", alert.date.isoformat() if alert.date else "unknown"),
        ("Silence", _silence_field(alert)),
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": headline(alert)[:150]}},
        {
            "type": "section",
            "fields": [{"type": "mrkdwn", "text": f"*{name}*\n{value}"} for name, value in fields],
        },
    ]
    if alert.sources:
        links = "\n".join(
            f"<{_escape(url)}|{_escape(urlsplit(url).netloc or url)}>" for url in alert.sources
        )
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*Sources*\n{links}"}}
        )
    blocks.append(
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"alert {alert.alert_id}"}]}
    )
    return {"text": one_line(alert), "blocks": blocks}


class SlackChannel:
    def __init__(self, client: aiohttp.ClientSession, webhooks: Mapping[str, SecretStr]) -> None:
        self._client = client
        self._webhooks = dict(webhooks)

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        url = secret_url(self._webhooks, "slack_webhook", subscription)
        await post_json(
            self._client,
            url,
            slack_message(alert),
            what=f"slack webhook of subscription {subscription!r}",
        )

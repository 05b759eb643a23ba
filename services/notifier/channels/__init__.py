"""Delivery channels of the notifier, and ``build_channels`` that makes them from the settings.

Channel names are the ``deliveries.channel`` values: console, jsonl, slack, webhook, email.
"""

from __future__ import annotations

import aiohttp

from services.notifier.channels.base import Channel
from services.notifier.channels.console import ConsoleChannel
from services.notifier.channels.email import EmailChannel
from services.notifier.channels.jsonl import JsonlChannel
from services.notifier.channels.slack import SlackChannel
from services.notifier.channels.webhook import WebhookChannel
from services.notifier.routing import BUILTIN_OUTPUTS
from shared.settings import Settings

__all__ = ["Channel", "build_channels", "builtin_outputs"]


def builtin_outputs(settings: Settings) -> list[str]:
    """The built-in outputs every alert goes to (pass to ``record_readout(outputs=...)``)."""
    return [name for name in BUILTIN_OUTPUTS if name != "console" or settings.output.console]


def build_channels(settings: Settings, http_client: aiohttp.ClientSession) -> dict[str, Channel]:
    """Every channel, keyed by name; the client is owned (and closed) by the caller."""
    subs = settings.subscriptions
    return {
        "console": ConsoleChannel(),
        "jsonl": JsonlChannel(settings.alerts_jsonl),
        "slack": SlackChannel(
            http_client, {s.name: s.slack_webhook for s in subs if s.slack_webhook is not None}
        ),
        "webhook": WebhookChannel(
            http_client, {s.name: s.webhook for s in subs if s.webhook is not None}
        ),
        "email": EmailChannel(settings.smtp),
    }

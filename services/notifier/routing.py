"""Which subscriptions want an alert, and the delivery rows (channel, target) that follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.notifier.pairs import name_key
from shared.schemas import AlertRaised
from shared.settings import SubscriptionSettings

# Built-in outputs (console, jsonl) belong to no subscription; their rows use this name.
OUTPUT_SUBSCRIPTION = "_output"
BUILTIN_OUTPUTS = ("console", "jsonl")


@dataclass(frozen=True)
class Route:
    """One delivery to make: a channel, for a subscription, to a target (email address or "")."""

    subscription: str
    channel: str
    target: str = ""


def matches(sub: SubscriptionSettings, alert: AlertRaised) -> bool:
    """True when the alert passes every filter of the subscription (an empty filter passes all)."""
    if sub.people:
        wanted = {name_key(p) for p in sub.people}
        if not any(name_key(p.name) in wanted for p in alert.participants):
            return False
    if sub.countries:
        wanted = {c.strip().upper() for c in sub.countries}
        if not any((p.country or "") in wanted for p in alert.participants):
            return False
    if sub.kinds and alert.kind not in sub.kinds:
        return False
    if sub.types and alert.type not in sub.types:
        return False
    if sub.min_silence_days is not None:
        return alert.silence_days is not None and alert.silence_days >= sub.min_silence_days
    return True


def routes_for(
    alert: AlertRaised,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str] = BUILTIN_OUTPUTS,
) -> list[Route]:
    """Every delivery an alert needs, without duplicates.

    Secrets (webhook URLs) stay in the settings: a row names its subscription, and the channel
    looks the URL up when it sends.
    """
    routes = [Route(OUTPUT_SUBSCRIPTION, name) for name in outputs]
    for sub in subscriptions:
        if not matches(sub, alert):
            continue
        if sub.slack_webhook is not None:
            routes.append(Route(sub.name, "slack"))
        if sub.webhook is not None:
            routes.append(Route(sub.name, "webhook"))
        routes.extend(Route(sub.name, "email", address.strip()) for address in sub.email)
    return list(dict.fromkeys(routes))

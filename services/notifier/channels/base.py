"""What every delivery channel is: something that sends one alert to one target, or raises.

``DeliveryError`` (transient) asks the outbox to retry later; ``PermanentError`` (a route that
no longer exists in the configuration) marks the delivery failed at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from shared.schemas import AlertRaised


class Channel(Protocol):
    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        """Return once the channel accepted the alert; raise ``DeliveryError`` otherwise."""
        ...


@runtime_checkable
class BatchChannel(Protocol):
    """A channel that can also take many alerts at once, all or nothing (JSON Lines)."""

    async def send_many(self, alerts: Sequence[AlertRaised]) -> None: ...

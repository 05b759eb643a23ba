"""What every delivery channel is: something that sends one alert to one target, or raises.

``DeliveryError`` (transient) asks the outbox to retry later; ``PermanentError`` (a route that
no longer exists in the configuration) marks the delivery failed at once.
"""

from __future__ import annotations

from typing import Protocol

from shared.schemas import AlertRaised


class Channel(Protocol):
    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        """Return once the channel accepted the alert; raise ``DeliveryError`` otherwise."""
        ...

"""When to try a failed delivery again: exponential backoff with jitter, capped, then give up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    base_seconds: float = 10.0
    cap_seconds: float = 3600.0
    # Longer than any channel's timeout, so no other worker picks a delivery still being sent.
    lease_seconds: float = 300.0

    def delay(self, attempts: int, rand: float) -> dt.timedelta:
        """Exponential in the attempts made, capped, with the upper half jittered."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** max(attempts - 1, 0))
        return dt.timedelta(seconds=ceiling / 2 + rand * ceiling / 2)


DEFAULT_POLICY = RetryPolicy()

"""When to try a failed delivery again: exponential backoff with jitter, capped, then give up.

The defaults ride out a channel that is down for hours: twenty attempts, the delay doubling
from 10 s up to 30 min, wait at least ~3 h (half-jittered) before a delivery is given up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shared.settings import AlertSettings

SLOWEST_SEND_SECONDS = 40.0
MAX_CLAIM = 100


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 20
    base_seconds: float = 10.0
    cap_seconds: float = 1800.0
    # Longer than any channel's timeout, so no other worker picks a delivery still being sent.
    lease_seconds: float = 300.0
    # Deliveries sent at once (console and JSON Lines keep their order: one after another).
    # Each send's outcome is written by a short transaction shared with the sends that end
    # meanwhile, so more sends at once mean fewer, fuller transactions: with aiohttp's pool,
    # 24 took ~0.5 ms less CPU per alert than 12 and ~1.4 ms less than 4 (bench.notifier_bench);
    # 48 was no better.  At most this many connections are open to one webhook host.
    concurrency: int = 24

    @classmethod
    def from_settings(cls, alerts: AlertSettings) -> RetryPolicy:
        return cls(
            max_attempts=alerts.max_attempts,
            base_seconds=alerts.retry_base_seconds,
            cap_seconds=alerts.retry_max_seconds,
            lease_seconds=alerts.lease_seconds,
        )

    @property
    def claim_batch(self) -> int:
        """Deliveries to claim at once: sent ``concurrency`` at a time, all must go out within
        the lease even if each takes a channel's whole timeout (20 s HTTP, 30 s SMTP)."""
        rounds = max(1, int(self.lease_seconds // SLOWEST_SEND_SECONDS))
        return max(1, min(MAX_CLAIM, self.concurrency * rounds))

    def last_start(self, lease_end: dt.datetime) -> dt.datetime:
        """The latest moment a claimed delivery's send may begin and still end within its lease
        (after which another worker may claim and send it too)."""
        margin = min(SLOWEST_SEND_SECONDS, self.lease_seconds / 2)
        return lease_end - dt.timedelta(seconds=margin)

    def delay(self, attempts: int, rand: float) -> dt.timedelta:
        """Exponential in the attempts made, capped, with the upper half jittered."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** max(attempts - 1, 0))
        return dt.timedelta(seconds=ceiling / 2 + rand * ceiling / 2)


DEFAULT_POLICY = RetryPolicy()

"""The JSON Lines output: every alert's public JSON appended to one file.

``send_many`` appends the lines of several alerts with one open and one write (the outbox uses
it for a claimed batch); all of them are written or the call raises.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path

from shared.errors import DeliveryError
from shared.schemas import AlertRaised


class JsonlChannel:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = asyncio.Lock()  # one writer at a time keeps lines whole

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        await self.send_many([alert])

    async def send_many(self, alerts: Sequence[AlertRaised]) -> None:
        lines = "".join(json.dumps(a.public_json(), ensure_ascii=False) + "\n" for a in alerts)
        async with self._lock:
            try:
                await asyncio.to_thread(self._append, lines)
            except OSError as exc:
                raise DeliveryError(f"cannot append to {self.path}: {exc}") from exc

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line)

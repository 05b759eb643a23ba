"""The console output: one readable line per alert on standard error."""

from __future__ import annotations

import sys
from typing import TextIO

from services.notifier.channels.render import one_line
from shared.schemas import AlertRaised


class ConsoleChannel:
    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream  # None: whatever sys.stderr is at send time (pytest swaps it)

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        print(one_line(alert), file=self._stream or sys.stderr, flush=True)

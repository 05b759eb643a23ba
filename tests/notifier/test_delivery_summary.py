"""The per-channel delivery lines of `replay` and `alerts --pending`, from delivery rows."""

from __future__ import annotations

import datetime as dt

from services.notifier.delivery_summary import any_failed, lines, summarize
from services.notifier.models import DeliveryRow
from services.notifier.routing import OUTPUT_SUBSCRIPTION

NOW = dt.datetime(2026, 12, 6, 2, 0, tzinfo=dt.UTC)


def _row(
    sub: str, channel: str, status: str, *, minutes: int = 0, error: str | None = None
) -> DeliveryRow:
    return DeliveryRow(
        subscription=sub,
        channel=channel,
        status=status,
        next_attempt_at=NOW + dt.timedelta(minutes=minutes),
        last_error=error,
    )


def test_one_line_per_channel_with_the_earliest_next_try_and_the_last_error() -> None:
    rows = [
        _row("desk", "slack", "done"),
        _row("desk", "slack", "pending", minutes=40, error="HTTP 500"),
        _row("desk", "slack", "pending", minutes=31, error="HTTP 503"),
        _row("desk", "email", "failed", error="550 no such mailbox"),
        _row(OUTPUT_SUBSCRIPTION, "jsonl", "done"),  # built-in outputs: shown only when stuck
    ]
    summaries = summarize(rows)
    assert lines(summaries) == [
        "slack desk: 1 delivered, 2 pending, next try 02:31Z, delivered by the next run or "
        "notifier (last error: HTTP 503)",
        "email desk: 1 failed (last error: 550 no such mailbox)",
    ]
    assert any_failed(summaries)


def test_all_delivered_is_one_short_line_and_no_failure() -> None:
    summaries = summarize([_row("desk", "slack", "done") for _ in range(7)])
    assert lines(summaries) == ["slack desk: 7 delivered"]
    assert not any_failed(summaries)


def test_a_stuck_built_in_output_is_shown() -> None:
    rows = [_row(OUTPUT_SUBSCRIPTION, "jsonl", "pending", minutes=5, error="disk full")]
    assert lines(summarize(rows), "lost") == [
        "jsonl output: 1 pending, next try 02:05Z, lost (last error: disk full)"
    ]

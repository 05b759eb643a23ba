"""The backfill mark on the bus: additive to schema v1, carried by the extractor, and no part of
a message's identity (the same page, marked or not, is one message for JetStream)."""

from __future__ import annotations

import datetime as dt
import json

from services.extractor.service import to_readout
from shared.schemas import ArticleFetched, ReadoutFound

TEXT = (
    "President Joseph R. Biden, Jr. spoke today with Prime Minister Benjamin Netanyahu of "
    "Israel to discuss the latest developments in Israel and Gaza."
)


def article(**extra: object) -> ArticleFetched:
    return ArticleFetched(
        url="https://www.whitehouse.gov/briefing-room/readout",
        published=dt.date(2023, 11, 6),
        fetched_at=dt.datetime(2023, 11, 6, 20, tzinfo=dt.UTC),
        text=TEXT,
        **extra,  # type: ignore[arg-type]
    )


def test_payloads_without_the_mark_still_validate_as_not_backfill() -> None:
    old = json.loads(article().model_dump_json())
    del old["backfill"]
    assert ArticleFetched.model_validate(old).backfill is False
    readout = {"url": "https://x.gov/r", "is_readout": True, "schema_version": 1}
    assert ReadoutFound.model_validate(readout).backfill is False


def test_the_mark_changes_no_message_id() -> None:
    assert article(backfill=True).msg_id() == article().msg_id()
    marked = to_readout(article(backfill=True))
    assert marked.backfill is True and marked.is_readout and marked.contacts
    assert marked.msg_id() == to_readout(article()).msg_id()
    assert to_readout(article()).backfill is False

"""record_readout against a real database: the seed replay, merging, order and idempotency."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.migrate import upgrade_database
from services.notifier.models import AlertRow, ContactRow, ContactSourceRow, DeliveryRow
from services.notifier.record import record_readout
from services.notifier.thresholds import SilenceRules
from shared.db import make_engine, make_sessionmaker
from shared.errors import TransientError
from shared.schemas import AlertRaised, Person, ReadoutFound
from shared.settings import SubscriptionSettings
from tests.notifier.builders import (
    BIDEN,
    HARRIS,
    HERZOG,
    NETANYAHU,
    SEEDS_IN_PUBLICATION_ORDER,
    URL_003,
    contact,
    d,
    readout,
)
from tests.notifier.conftest import Database

MANIFEST = Path(__file__).resolve().parents[2] / "seeds" / "manifest.json"
Sessions = async_sessionmaker[AsyncSession]


async def _record(
    sessionmaker: Sessions,
    found: ReadoutFound,
    subscriptions: list[SubscriptionSettings] | None = None,
) -> list[AlertRaised]:
    async with sessionmaker() as session:
        return await record_readout(
            session, found, rules=SilenceRules(), subscriptions=subscriptions or []
        )


def _call(date: str, *people: Person, **fields: Any) -> ReadoutFound:
    """An article published on the day of the call it reports."""
    return readout(f"https://example.org/{date}", date, contact("call", date, *people, **fields))


async def _replay(sessionmaker: Sessions, readouts: list[ReadoutFound]) -> list[AlertRaised]:
    alerts = []
    for found in readouts:
        alerts += await _record(sessionmaker, found)
    return alerts


async def _snapshot(sessionmaker: Sessions) -> dict[str, object]:
    async with sessionmaker() as session:
        counts = {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in (ContactRow, ContactSourceRow, AlertRow, DeliveryRow)
        }
        contacts = (await session.execute(select(ContactRow).order_by(ContactRow.id))).scalars()
        rows = [
            (c.pair_key, c.kind, c.date, c.origin, c.duration_minutes, c.participants)
            for c in contacts
        ]
    return {"counts": counts, "contacts": rows}


async def test_seed_replay_gives_the_manifest_alerts(sessionmaker: Sessions) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    alerts = await _replay(sessionmaker, SEEDS_IN_PUBLICATION_ORDER)
    got = [
        {"date": a.date.isoformat() if a.date else None, "pair": [p.name for p in a.participants]}
        | {"type": a.type}
        | ({"silence_days": a.silence_days} if a.type == "silence_ended" else {})
        for a in sorted(alerts, key=lambda a: str(a.date))
    ]
    expected = [
        {k: v for k, v in alert.items() if k != "why"}
        for alert in manifest["expected_alerts_in_date_order"]
    ]
    assert got == expected
    last = alerts[-1]
    assert last.public_json() == {
        "type": "silence_ended",
        "date": "2024-01-19",
        "kind": "call",
        "participants": [
            {"name": "Joe Biden", "country": "US"},
            {"name": "Benjamin Netanyahu", "country": "IL"},
        ],
        "silence_days": 27,
        "previous_contact": "2023-12-23",
        "sources": [URL_003],
    }
    assert [p.role for p in last.participants] == ["President", "Prime Minister"]


async def test_replaying_again_raises_nothing_and_changes_nothing(sessionmaker: Sessions) -> None:
    first = await _replay(sessionmaker, SEEDS_IN_PUBLICATION_ORDER)
    before = await _snapshot(sessionmaker)
    assert await _replay(sessionmaker, SEEDS_IN_PUBLICATION_ORDER) == []
    assert await _snapshot(sessionmaker) == before
    assert len({a.alert_id for a in first}) == 7


async def test_alert_ids_are_stable_across_databases(
    sessionmaker: Sessions, tmp_path: Path
) -> None:
    one = await _replay(sessionmaker, SEEDS_IN_PUBLICATION_ORDER)
    url = f"sqlite+aiosqlite:///{tmp_path / 'other.db'}"
    await upgrade_database(url)
    engine = make_engine(url)
    two = await _replay(make_sessionmaker(engine), SEEDS_IN_PUBLICATION_ORDER)
    await engine.dispose()
    assert [a.alert_id for a in one] == [a.alert_id for a in two]


async def test_old_contact_in_a_photo_caption_is_history_not_news(sessionmaker: Sessions) -> None:
    *earlier, last = SEEDS_IN_PUBLICATION_ORDER
    await _replay(sessionmaker, earlier)
    caption = contact("meeting", "2023-10-18", NETANYAHU, BIDEN, source="photo caption")
    with_caption = last.model_copy(update={"contacts": [caption, *last.contacts]})
    alerts = await _record(sessionmaker, with_caption)
    assert [(a.type, a.silence_days) for a in alerts] == [("silence_ended", 27)]
    # alone in a fresh history it is still too old for its article to be news
    fresh = readout("https://example.org/caption", "2024-01-19", caption)
    async with sessionmaker() as session:
        await session.execute(delete(ContactRow))
        await session.commit()
    assert await _record(sessionmaker, fresh) == []


async def test_contact_arriving_out_of_order_enters_history_silently(
    sessionmaker: Sessions,
) -> None:
    late = readout(
        "https://example.org/jan", "2024-01-08", contact("call", "2024-01-08", HARRIS, HERZOG)
    )
    early = readout(
        "https://example.org/dec", "2023-12-30", contact("call", "2023-12-30", HERZOG, HARRIS)
    )
    assert [a.type for a in await _record(sessionmaker, late)] == ["new_contact"]
    assert await _record(sessionmaker, early) == []
    snapshot = await _snapshot(sessionmaker)
    assert snapshot["counts"] == {"contacts": 2, "contact_sources": 2, "alerts": 1, "deliveries": 2}
    # the early contact now counts as history for the next one
    after = readout(
        "https://example.org/feb", "2024-02-01", contact("call", "2024-02-01", HARRIS, HERZOG)
    )
    assert [(a.type, a.silence_days) for a in await _record(sessionmaker, after)] == [
        ("silence_ended", 24)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_five_articles_about_one_contact_merge(sessionmaker: Sessions, seed: int) -> None:
    dates = ["2024-01-19", "2024-01-19", "2024-01-20", "2024-01-19", "2024-01-20"]
    articles = [
        readout(
            f"https://news{i}.example/biden-netanyahu",
            "2024-01-20",
            contact("call", day, *((BIDEN, NETANYAHU) if i % 2 else (NETANYAHU, BIDEN))),
        )
        for i, day in enumerate(dates)
    ]
    random.Random(seed).shuffle(articles)
    alerts = await _replay(sessionmaker, articles)
    assert len(alerts) == 1
    assert alerts[0].date == articles[0].contacts[0].date
    assert alerts[0].sources == [articles[0].url]
    snapshot = await _snapshot(sessionmaker)
    assert snapshot["counts"] == {
        "contacts": 1,
        "contact_sources": 5,
        "alerts": 1,
        "deliveries": 2,
    }


async def test_later_article_fills_missing_details_without_a_new_alert(
    sessionmaker: Sessions,
) -> None:
    terse = readout(
        "https://a.example/1", "2024-01-19", contact("call", "2024-01-19", BIDEN, NETANYAHU)
    )
    detailed = readout(
        "https://b.example/2",
        "2024-01-20",
        contact("call", "2024-01-19", BIDEN, NETANYAHU, duration_minutes=40, initiator="Joe Biden"),
    )
    contradicting = readout(
        "https://c.example/3",
        "2024-01-20",
        contact("call", "2024-01-19", BIDEN, NETANYAHU, duration_minutes=90),
    )
    assert len(await _record(sessionmaker, terse)) == 1
    assert await _record(sessionmaker, detailed) == []
    assert await _record(sessionmaker, contradicting) == []
    async with sessionmaker() as session:
        (row,) = (await session.scalars(select(ContactRow))).all()
    assert (row.duration_minutes, row.initiator) == (40, "Joe Biden")


async def test_same_article_twice_changes_nothing(sessionmaker: Sessions) -> None:
    found = SEEDS_IN_PUBLICATION_ORDER[-1]
    assert len(await _record(sessionmaker, found)) == 1
    before = await _snapshot(sessionmaker)
    assert await _record(sessionmaker, found) == []
    assert await _snapshot(sessionmaker) == before
    # the contact and its "first since Dec. 23" mention are both in the history
    origins = sorted((c[2], c[3]) for c in before["contacts"])  # type: ignore[attr-defined]
    assert origins == [(d("2023-12-23"), "mentioned"), (d("2024-01-19"), "reported")]


async def test_planned_dateless_and_non_readouts_store_nothing(sessionmaker: Sessions) -> None:
    planned = readout(
        "https://a.example/p",
        "2024-01-19",
        contact("meeting", "2024-01-25", BIDEN, NETANYAHU, status="planned"),
        contact("call", None, BIDEN, NETANYAHU),
    )
    not_readout = readout(
        "https://a.example/n",
        "2024-01-19",
        contact("call", "2024-01-19", BIDEN, NETANYAHU),
        is_readout=False,
    )
    assert await _record(sessionmaker, planned) == []
    assert await _record(sessionmaker, not_readout) == []
    assert (await _snapshot(sessionmaker))["counts"] == dict.fromkeys(
        ("contacts", "contact_sources", "alerts", "deliveries"), 0
    )


async def test_deliveries_follow_matching_subscriptions(sessionmaker: Sessions) -> None:
    subs = [
        SubscriptionSettings.model_validate(
            {"name": "all", "slack_webhook": "https://hooks.example/s", "email": ["a@x.org"]}
        ),
        SubscriptionSettings.model_validate(
            {"name": "silences", "webhook": "https://in.example/h", "types": ["silence_ended"]}
        ),
    ]
    alerts = []
    for found in SEEDS_IN_PUBLICATION_ORDER:
        alerts += await _record(sessionmaker, found, subs)
    async with sessionmaker() as session:
        rows = (await session.execute(select(DeliveryRow))).scalars().all()
    by_alert: dict[str, set[tuple[str, str, str]]] = {}
    for row in rows:
        assert (row.status, row.attempts) == ("pending", 0)
        by_alert.setdefault(row.alert_id, set()).add((row.subscription, row.channel, row.target))
    for alert in alerts:
        expected = {("_output", "console", ""), ("_output", "jsonl", "")}
        expected |= {("all", "slack", ""), ("all", "email", "a@x.org")}
        if alert.type == "silence_ended":
            expected.add(("silences", "webhook", ""))
        assert by_alert[alert.alert_id] == expected


async def test_two_workers_on_one_contact_raise_one_alert(database: Database) -> None:
    """Two replicas handle two articles about the same call at the same moment."""
    articles = [
        readout(f"https://n{i}.example/a", "2024-01-20", contact("call", day, BIDEN, NETANYAHU))
        for i, day in enumerate(["2024-01-19", "2024-01-20"])
    ]

    async def handle(found: ReadoutFound) -> list[AlertRaised]:
        for _ in range(3):  # what JetStream redelivery would do after a nack
            try:
                return await _record(database.sessionmaker(), found)
            except TransientError:
                continue
        raise AssertionError("never recorded")

    results = await asyncio.gather(*(handle(found) for found in articles))
    assert sum(len(alerts) for alerts in results) == 1
    counts = (await _snapshot(database.sessionmaker()))["counts"]
    assert counts == {"contacts": 1, "contact_sources": 2, "alerts": 1, "deliveries": 2}

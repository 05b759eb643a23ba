"""Silence rules against a real database: overrides, adaptive rule, backfill, silence_started."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier import silence_check
from services.notifier.models import DeliveryRow, PersonRow
from services.notifier.pairs import pair_key
from services.notifier.record import record_readout
from services.notifier.silence_check import check_silences, run_silence_checks
from services.notifier.thresholds import SilenceRules
from shared.schemas import AlertRaised, Person, ReadoutFound
from shared.settings import AlertSettings, SubscriptionSettings
from tests.notifier.builders import (
    BIDEN,
    HARRIS,
    HERZOG,
    KATZ,
    NETANYAHU,
    SEEDS_IN_PUBLICATION_ORDER,
    contact,
    d,
    readout,
)

Sessions = async_sessionmaker[AsyncSession]
BN = pair_key("Joe Biden", "Benjamin Netanyahu")
SILENCES = SubscriptionSettings.model_validate(
    {"name": "silences", "webhook": "https://in.example/h", "types": ["silence_started"]}
)


def _call(day: str, *people: Person, published: str | None = None) -> ReadoutFound:
    return readout(f"https://example.org/{day}", published or day, contact("call", day, *people))


def _at(day: str) -> dt.datetime:
    return dt.datetime.combine(d(day), dt.time(12), tzinfo=dt.UTC)


async def _record(sm: Sessions, found: ReadoutFound, rules: SilenceRules) -> list[AlertRaised]:
    async with sm() as session:
        return await record_readout(session, found, rules=rules, subscriptions=[SILENCES])


async def _check(sm: Sessions, rules: SilenceRules, day: str) -> list[AlertRaised]:
    return await check_silences(sm, rules, [SILENCES], ["jsonl"], now=_at(day))


async def test_adaptive_rule_ends_a_short_silence_of_a_chatty_pair(sessionmaker: Sessions) -> None:
    adaptive = SilenceRules(adaptive_factor=3, adaptive_min_contacts=10)
    start = d("2024-01-01")
    for i in range(10):  # a call every two days
        day = (start + dt.timedelta(days=2 * i)).isoformat()
        await _record(sessionmaker, _call(day, BIDEN, NETANYAHU), adaptive)
    (alert,) = await _record(sessionmaker, _call("2024-01-26", BIDEN, NETANYAHU), adaptive)
    assert (alert.type, alert.silence_days) == ("silence_ended", 7)  # 7 > 3 x 2 days
    (alert,) = await _record(sessionmaker, _call("2024-01-30", BIDEN, NETANYAHU), adaptive)
    assert (alert.type, alert.silence_days) == ("new_contact", 4)


async def test_pair_and_person_overrides_from_settings(sessionmaker: Sessions) -> None:
    rules = SilenceRules.from_settings(
        AlertSettings.model_validate(
            {
                "person_silence_days": {"Isaac Herzog": 10},
                "pairs": [{"people": ["Benjamin Netanyahu", "Joe Biden"], "silence_days": 5}],
            }
        )
    )
    for found in (_call("2024-01-01", BIDEN, NETANYAHU), _call("2024-01-01", HARRIS, HERZOG)):
        await _record(sessionmaker, found, rules)
    (bn,) = await _record(sessionmaker, _call("2024-01-07", BIDEN, NETANYAHU), rules)
    (hh,) = await _record(sessionmaker, _call("2024-01-07", HARRIS, HERZOG), rules)
    assert (bn.type, hh.type) == ("silence_ended", "new_contact")  # 6 > 5, 6 <= 10


async def test_backfill_enters_history_without_alerting(sessionmaker: Sessions) -> None:
    rules = SilenceRules(max_age_days=14)
    await _record(sessionmaker, _call("2024-03-01", HARRIS, HERZOG), rules)  # history is at March
    archive = _call("2024-01-05", BIDEN, NETANYAHU)  # published in January, arriving now
    assert await _record(sessionmaker, archive, rules) == []
    (alert,) = await _record(sessionmaker, _call("2024-03-10", BIDEN, NETANYAHU), rules)
    assert (alert.type, alert.silence_days, alert.previous_contact) == (
        "silence_ended",
        65,
        d("2024-01-05"),
    )


async def test_silence_started_is_raised_once_per_silence(sessionmaker: Sessions) -> None:
    rules = SilenceRules(watched=frozenset({BN}), max_age_days=14)
    for found in SEEDS_IN_PUBLICATION_ORDER:  # Biden–Netanyahu last spoke on 2024-01-19
        await _record(sessionmaker, found, rules)
    assert await _check(sessionmaker, rules, "2024-02-09") == []  # 21 days: within threshold
    (alert,) = await _check(sessionmaker, rules, "2024-02-10")
    assert alert.public_json() == {
        "type": "silence_started",
        "date": "2024-02-10",
        "kind": None,
        "participants": [
            {"name": "Joe Biden", "country": "US"},
            {"name": "Benjamin Netanyahu", "country": "IL"},
        ],
        "silence_days": 22,
        "previous_contact": "2024-01-19",
        "sources": [SEEDS_IN_PUBLICATION_ORDER[-1].url],
    }
    async with sessionmaker() as session:
        routes = (
            await session.scalars(
                select(DeliveryRow.subscription).where(DeliveryRow.alert_id == alert.alert_id)
            )
        ).all()
    assert sorted(routes) == ["_output", "silences"]
    assert await _check(sessionmaker, rules, "2024-02-10") == []
    assert await _check(sessionmaker, rules, "2024-02-20") == []
    # they talk again, then fall silent again: a second, distinct silence
    assert await _record(sessionmaker, _call("2024-03-01", BIDEN, NETANYAHU), rules)
    (again,) = await _check(sessionmaker, rules, "2024-03-23")
    assert (again.date, again.previous_contact) == (d("2024-03-23"), d("2024-03-01"))
    assert again.alert_id != alert.alert_id


async def test_unwatched_and_stale_silences_raise_nothing(sessionmaker: Sessions) -> None:
    watched_none = SilenceRules()
    for found in SEEDS_IN_PUBLICATION_ORDER:
        await _record(sessionmaker, found, watched_none)
    assert await _check(sessionmaker, watched_none, "2024-02-10") == []
    every_pair = SilenceRules(watched=None, max_age_days=14)
    # on 2024-02-15 only Biden–Netanyahu's silence (began 02-10) is fresh; Harris–Herzog's
    # (01-30) and Blinken's (01-31) began more than 14 days ago: old news
    alerts = await _check(sessionmaker, every_pair, "2024-02-15")
    assert [(a.participants[0].name, a.date) for a in alerts] == [("Joe Biden", d("2024-02-10"))]


async def test_a_contact_arriving_during_the_check_cancels_its_silence(
    sessionmaker: Sessions,
) -> None:
    rules = SilenceRules(watched=frozenset({BN}))
    await _record(sessionmaker, _call("2024-01-19", BIDEN, NETANYAHU), rules)
    async with sessionmaker() as session:
        (due,) = await silence_check._due(session, rules, d("2024-02-10"))
    await _record(
        sessionmaker, _call("2024-02-09", BIDEN, NETANYAHU, published="2024-02-10"), rules
    )
    async with sessionmaker() as session:
        assert await silence_check._raise(session, due, [], [], _at("2024-02-10")) is None


async def test_people_are_kept_as_last_seen(sessionmaker: Sessions) -> None:
    rules = SilenceRules()
    for found in SEEDS_IN_PUBLICATION_ORDER:
        await _record(sessionmaker, found, rules)
    later = Person(name="Israel Katz", role="Defence Minister", country="IL")
    await _record(sessionmaker, _call("2024-11-10", later, BIDEN), rules)
    await _record(sessionmaker, _call("2024-01-10", KATZ, BIDEN, published="2024-11-11"), rules)
    async with sessionmaker() as session:
        people = {
            p.name: (p.country, p.role, p.last_seen)
            for p in (await session.scalars(select(PersonRow))).all()
        }
    assert people["Israel Katz"] == ("IL", "Defence Minister", d("2024-11-10"))
    assert people["Kamala Harris"] == ("US", "Vice President", d("2024-01-08"))
    assert len(people) == 6


async def test_the_scheduled_check_wakes_the_outbox_and_stops(sessionmaker: Sessions) -> None:
    rules = SilenceRules(watched=frozenset({BN}))
    await _record(sessionmaker, _call("2024-01-19", BIDEN, NETANYAHU), rules)
    stop, wake = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(
        run_silence_checks(
            sessionmaker,
            rules,
            [SILENCES],
            [],
            stop=stop,
            wake=wake,
            interval=3600,
            now=lambda: _at("2024-02-10"),
        )
    )
    await asyncio.wait_for(wake.wait(), timeout=10)  # checked at once, not after an hour
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    async with sessionmaker() as session:
        routes = (await session.scalars(select(DeliveryRow.channel))).all()
    # the contact's alert went to the built-in outputs; the silence's to the subscription
    assert sorted(routes) == ["console", "jsonl", "webhook"]

"""The fetcher's repository functions on SQLite and, when it answers, PostgreSQL: source state,
seen entries and their pruning, and the leases that let replicas share the sources."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import text

from services.fetcher import leases, seen, state, updates
from services.fetcher.models import FeedEntry, Validators
from shared.db import make_engine, make_sessionmaker

from .conftest import StateDB

NOW = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)
URL = "https://gov.example.org/feed"


OLD_SOURCES_TABLE = """CREATE TABLE fetcher_sources (url VARCHAR(2048) PRIMARY KEY, etag TEXT,
 last_modified TEXT, content_hash VARCHAR(64), initialised BOOLEAN NOT NULL,
 last_polled_at DATETIME, last_success_at DATETIME, last_error TEXT,
 consecutive_failures INTEGER NOT NULL, next_poll_at DATETIME)"""


def at(seconds: float) -> dt.datetime:
    return NOW + dt.timedelta(seconds=seconds)


async def test_source_state_round_trip(state_db: StateDB) -> None:
    sessions = await state_db.sessionmaker()
    async with sessions() as session, session.begin():
        assert await state.load_source(session, URL) is None
        await updates.record_failure(
            session, URL, "HTTP 500", failures=2, now=NOW, next_poll_at=at(60)
        )
    async with sessions() as session, session.begin():
        known = await state.load_source(session, URL)
        assert known and (known.consecutive_failures, known.last_error) == (2, "HTTP 500")
        assert known.next_poll_at == at(60) and not known.initialised
        fresh = Validators('"v1"', "Fri, 19 Jan 2024 10:00:00 GMT", "ab" * 32)
        await updates.record_success(session, URL, now=NOW, next_poll_at=at(300), validators=fresh)
        await updates.record_success(session, URL, now=at(1), next_poll_at=at(301))  # keeps them
    async with sessions() as session:
        known = await state.load_source(session, URL)
    assert known and known.validators == fresh and known.initialised
    assert (known.consecutive_failures, known.last_error, known.last_success_at) == (0, None, at(1))


async def test_seen_keys_failures_and_pruning(state_db: StateDB) -> None:
    sessions = await state_db.sessionmaker()
    old, listed, young = (FeedEntry(url=f"https://gov.example.org/{n}", guid=n) for n in "abc")
    async with sessions() as session, session.begin():
        await seen.mark_seen(session, URL, [old, listed], now=NOW - dt.timedelta(days=100))
        await seen.mark_seen(session, URL, [young], now=NOW)
        failed = FeedEntry(url="https://gov.example.org/d")
        assert await seen.record_entry_failure(session, URL, failed, "HTTP 503", now=NOW) == 1
        assert await seen.record_entry_failure(session, URL, failed, "HTTP 503", now=NOW) == 2
    keys = [k for e in (old, listed, young, failed) for k in e.keys()]
    async with sessions() as session, session.begin():
        assert await seen.seen_keys(session, URL, keys) == set(keys) - set(failed.keys())
        assert await seen.seen_keys(session, "https://other.example/feed", keys) == set()
        # The feed now lists `listed` and `young`: only `old` is both old and gone.
        current = listed.keys() + young.keys()
        assert await seen.prune(session, URL, current, now=NOW, days=0) == 0
        assert await seen.prune(session, URL, current, now=NOW, days=90) == 2
    async with sessions() as session:
        assert await seen.seen_keys(session, URL, keys) == set(listed.keys() + young.keys())


async def test_claim_renew_release_and_expiry(state_db: StateDB) -> None:
    sessions = await state_db.sessionmaker()
    urls = [f"https://gov.example.org/feed/{i}" for i in range(3)]
    async with sessions() as session, session.begin():
        await leases.register(session, urls)
        await leases.register(session, urls)  # a second replica starting: no conflict
        assert set(await leases.claim(session, urls, "r1", now=NOW, ttl=60)) == set(urls)
        assert set(await leases.claim(session, urls, "r2", now=NOW, ttl=60)) == set()
        await leases.release_many(session, "r2", [(urls[0], at(1))])  # not r2's: no effect
        await leases.release_many(session, "r1", [(urls[0], at(300))])
        released = (await leases.slots(session, urls[:1]))[urls[0]]
        assert (released.lease_owner, released.next_poll_at) == (None, at(300))
        # Released but not due: nobody may poll it before its time.
        assert set(await leases.claim(session, urls[:1], "r2", now=at(10), ttl=60)) == set()
        assert set(await leases.claim(session, urls[:1], "r2", now=at(300), ttl=60)) == {urls[0]}
        assert await leases.renew(session, urls[1:], "r1", now=at(30), ttl=60) == set(urls[1:])
        # r1 dies holding urls[1:] until at(90): taken over only after that.
        assert set(await leases.claim(session, urls[1:], "r2", now=at(89), ttl=60)) == set()
        assert set(await leases.claim(session, urls[1:], "r2", now=at(91), ttl=60)) == set(urls[1:])
        assert await leases.renew(session, urls[1:], "r1", now=at(92), ttl=60) == set()
        slots = await leases.slots(session, urls)
    assert slots[urls[0]].lease_owner == "r2" and slots[urls[0]].lease_until == at(360)
    held = slots[urls[1]]  # r2's lease runs to at(151), while r2 polls it
    assert held.next_try("r1", at(100), dt.timedelta(seconds=300)) == at(151)  # or it died
    assert held.next_try("r1", at(100), dt.timedelta(seconds=30)) == at(130)  # or it is done


async def test_concurrent_claims_from_two_replicas_never_overlap(state_db: StateDB) -> None:
    first, second = await state_db.sessionmaker(), await state_db.sessionmaker()
    urls = [f"https://gov.example.org/feed/{i}" for i in range(40)]
    async with first() as session, session.begin():
        await leases.register(session, urls)

    async def claim(sessions, owner: str, order: list[str]) -> set[str]:
        async with sessions() as session, session.begin():
            return set(await leases.claim(session, order, owner, now=NOW, ttl=60))

    got = await asyncio.gather(
        claim(first, "r1", urls), claim(second, "r2", urls[::-1]), claim(first, "r3", urls)
    )
    assert sum(len(g) for g in got) == len(urls) and set().union(*got) == set(urls)


async def test_an_older_database_gets_the_lease_columns(tmp_path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    async with engine.begin() as conn:  # the table as the first release created it
        await conn.execute(text(OLD_SOURCES_TABLE))
    await state.create_tables(engine)
    async with make_sessionmaker(engine)() as session, session.begin():
        await leases.register(session, [URL])
        assert set(await leases.claim(session, [URL], "r1", now=NOW, ttl=60)) == {URL}
    await engine.dispose()

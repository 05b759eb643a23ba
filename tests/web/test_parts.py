"""The web role's parts without a broker: timeline, parameters, the pair index, the server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert

from services.notifier.migrate import upgrade_database
from services.notifier.models import ContactRow, table_of
from services.notifier.pairs import pair_key
from services.notifier.thresholds import SilenceRules
from services.notifier.web import pair_index
from services.notifier.web.app import add_web_routes
from services.notifier.web.context import WebContext
from services.notifier.web.pair_index import PairIndex
from services.notifier.web.params import (
    MAX_LIMIT,
    BadRequest,
    ContactsQuery,
    decode_cursor,
    encode_cursor,
    parse,
)
from services.notifier.web.timeline import Mark, days_before, longest_gap, timeline_svg
from shared.db import make_engine, make_sessionmaker
from shared.errors import ConfigError
from shared.health import HealthServer

D = dt.date


def test_gaps_and_the_longest_one() -> None:
    dates = [D(2023, 11, 6), D(2023, 12, 23), D(2024, 1, 19), D(2024, 1, 19)]
    longest = longest_gap(dates)
    assert longest is not None and (longest.start, longest.end, longest.days) == (
        D(2023, 11, 6),
        D(2023, 12, 23),
        47,
    )
    assert days_before(dates) == {D(2023, 12, 23): 47, D(2024, 1, 19): 27}
    assert longest_gap([D(2024, 1, 1)]) is None


def test_timeline_draws_each_contact_by_kind_and_names_the_longest_gap() -> None:
    marks = [
        Mark(D(2023, 11, 6), "call"),
        Mark(D(2023, 12, 23), "call", "mentioned"),
        Mark(D(2024, 1, 9), "meeting"),
        Mark(D(2024, 1, 19), "video_call"),
    ]
    svg = timeline_svg(marks, D(2024, 2, 1), threshold=21)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert svg.count("tl-mark") == 4 and "tl-mentioned" in svg
    assert "<circle" in svg and "<polygon" in svg and 'class="tl-mark tl-square"' in svg
    assert "longest gap: 47 days (2023-11-06 → 2023-12-23)" in svg
    assert svg.count("tl-gap-long") == 1  # 47 > 21; 17 and 10 are not
    assert "13 days to 2024-02-01" in svg and "⋯" not in svg
    far = timeline_svg(marks, D(2026, 12, 6), threshold=21)
    assert "⋯ 1052 days to 2026-12-06" in far  # the axis breaks instead of squeezing
    assert timeline_svg([], D(2024, 1, 1), threshold=21) == ""


def test_parameters_cap_ignore_blanks_and_refuse_the_rest() -> None:
    assert parse(ContactsQuery, {"limit": "100000"}).limit == MAX_LIMIT
    assert parse(ContactsQuery, {"person": "", "kind": ""}) == ContactsQuery()
    with pytest.raises(BadRequest, match="unknown parameter 'who'"):
        parse(ContactsQuery, {"who": "x"})
    with pytest.raises(BadRequest, match="since is after until"):
        parse(ContactsQuery, {"since": "2024-02-02", "until": "2024-02-01"})
    cursor = encode_cursor(D(2024, 1, 19), 7)
    assert decode_cursor(cursor, dt.date, int) == (D(2024, 1, 19), 7)
    for bad in ("", "!!", encode_cursor("x", 1), encode_cursor(D(2024, 1, 1))):
        with pytest.raises(BadRequest, match="cursor"):
            decode_cursor(bad, dt.date, int)
    naive = encode_cursor(dt.datetime(2024, 1, 1), "al_1")  # the store keeps UTC only
    with pytest.raises(BadRequest, match="cursor"):
        decode_cursor(naive, dt.datetime, str)


def _contact(n: int, one: str, other: str, date: dt.date) -> dict[str, object]:
    return {
        "id": n,
        "pair_key": pair_key(one, other),
        "kind": "call",
        "date": date,
        "origin": "reported",
        "participants": [{"name": one}, {"name": other}],
    }


async def test_pair_index_catches_up_and_rereads_after_a_late_lower_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'index.db'}"
    await upgrade_database(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    contacts = table_of(ContactRow)
    index = PairIndex()
    try:
        async with sessions() as s, s.begin():
            await s.execute(insert(contacts), [_contact(5, "A", "B", D(2024, 1, 5))])
        async with sessions() as s:
            await index.refresh(s)
        assert index.days(pair_key("A", "B")) == [D(2024, 1, 5)]
        async with sessions() as s, s.begin():
            await s.execute(insert(contacts), [_contact(9, "B", "A", D(2024, 1, 2))])
        async with sessions() as s:
            await index.refresh(s)  # a higher id: read at once
        assert index.days(pair_key("A", "B")) == [D(2024, 1, 2), D(2024, 1, 5)]
        async with sessions() as s, s.begin():  # committed late, below the highest id read
            await s.execute(insert(contacts), [_contact(7, "C", "A", D(2024, 1, 3))])
        monkeypatch.setattr(pair_index, "RECOUNT_SECONDS", 0.0)
        async with sessions() as s:
            await index.refresh(s)
        assert index.ordered(newest_first=True) == [pair_key("A", "B"), pair_key("A", "C")]
    finally:
        await engine.dispose()


async def test_one_server_answers_health_and_pages_and_says_503_before_the_store(
    tmp_path: Path,
) -> None:
    ctx = WebContext(rules=SilenceRules())
    server = HealthServer("127.0.0.1", 0, lambda: False, [lambda app: add_web_routes(app, ctx)])
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
            assert (await client.get("/healthz")).text == "ok\n"
            assert (await client.get("/readyz")).status_code == 503
            assert "readoutwatch_" in (await client.get("/metrics")).text
            assert (await client.post("/healthz")).status_code == 405
            starting = await client.get("/api/v1/contacts")
            assert starting.status_code == 503 and "starting" in starting.json()["error"]
            assert (await client.get("/")).status_code == 503
            engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
            ctx.sessions = make_sessionmaker(engine)  # no tables: the store cannot be read
            broken = await client.get("/api/v1/alerts")
            assert broken.status_code == 503 and "cannot read the store" in broken.json()["error"]
            await engine.dispose()
            css = await client.get("/static/style.css")
            assert css.status_code == 200 and "prefers-color-scheme: dark" in css.text
        taken = HealthServer("127.0.0.1", server.port, lambda: True)
        with pytest.raises(ConfigError, match="cannot serve"):
            await taken.start()
    finally:
        await server.stop()

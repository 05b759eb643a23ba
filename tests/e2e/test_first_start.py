"""The first start fills the history: a loopback feed already listing old readouts, and the real
fetcher -> extractor -> notifier over a real nats-server.  What the feed lists at the first poll
becomes contact history without a single alert; an entry that appears later alerts; and a
contact older than ``[alerts] max_age_days`` at arrival is history only."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from services.composition import build
from services.notifier.models import AlertRow, ContactRow
from services.runtime import running
from shared import bus, subjects
from shared.db import make_engine, make_sessionmaker
from shared.natsserver import EmbeddedNats
from shared.schemas import Contact, Person, ReadoutFound
from shared.settings import Settings, load_settings
from tests.e2e.servers import LoopbackHTTP
from tests.e2e.test_pipeline import NEGATIVE, _feed, _page

pytestmark = [pytest.mark.nats, pytest.mark.slow]

LISTED = [  # what the feed lists before readoutwatch first polls it (path, title, date, seed)
    ("/news/biden-netanyahu", "Biden spoke with Netanyahu", "Mon, 06 Nov 2023 18:00:00 GMT", "004"),
    ("/news/harris-herzog", "Herzog to Harris", "Wed, 08 Nov 2023 09:00:00 GMT", "001"),
    ("/news/ceasefire", "US keeps calling for a pause", "Wed, 08 Nov 2023 10:00:00 GMT", None),
]
LATER = ("/news/first-since", "Biden, Netanyahu talk", "Fri, 19 Jan 2024 20:00:00 GMT", "003")


@pytest.fixture
def site(seeds_dir: Path) -> Iterator[LoopbackHTTP]:
    server = LoopbackHTTP().start()
    for path, title, _date, seed in [*LISTED, LATER]:
        text = next(seeds_dir.glob(f"{seed}_*.txt")).read_text("utf-8") if seed else NEGATIVE
        server.routes[path] = (200, "text/html; charset=utf-8", _page(title, text))
    list_items(server, LISTED)
    yield server
    server.stop()


def list_items(server: LoopbackHTTP, items: list[tuple[str, str, str, str | None]]) -> None:
    feed = _feed(server.base, [(path, title, date) for path, title, date, _ in items])
    server.routes["/feed.xml"] = (200, "application/rss+xml", feed)


def settings_for(tmp_path: Path, site: LoopbackHTTP, nats_url: str) -> Settings:
    path = tmp_path / "readoutwatch.toml"
    path.write_text(
        f"""
data_dir = "{tmp_path / "data"}"
[nats]
url = "{nats_url}"
[fetcher]
allow_private_networks = true
[[sources]]
url = "{site.base}/feed.xml"
every = "1s"
[alerts]
max_age_days = 30
[http]
port = -1
""",
        encoding="utf-8",
    )
    return load_settings(path)


async def until(check: Callable[[], Awaitable[bool]], within: float = 60.0) -> None:
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 (a database and a file: nothing to await)
            await asyncio.sleep(0.2)


def contact(day: str, *people: tuple[str, str]) -> ReadoutFound:
    held = Contact(
        kind="call",
        date=dt.date.fromisoformat(day),
        participants=[Person(name=name, country=country) for name, country in people],
    )
    return ReadoutFound(
        url=f"https://example.gov/{day}", published=dt.date(2024, 2, 20), is_readout=True,
        contacts=[held],
    )  # fmt: skip


async def test_first_start_fills_the_history_then_only_news_alerts(
    tmp_path: Path, site: LoopbackHTTP
) -> None:
    server = EmbeddedNats(tmp_path / "nats").start()  # fixed stream names: a fresh server
    settings = settings_for(tmp_path, site, server.url)
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)

    async def count(model: type[ContactRow] | type[AlertRow]) -> int:
        async with sessions() as session:
            try:
                return int(await session.scalar(select(func.count()).select_from(model)) or 0)
            except OperationalError:  # the notifier has not created its tables yet
                return 0

    async def pairs() -> set[str]:
        async with sessions() as session:
            return set((await session.scalars(select(ContactRow.pair_key))).all())

    def at_least(model: type[ContactRow] | type[AlertRow], n: int) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            return await count(model) >= n

        return check

    jsonl = settings.data_dir / "alerts.jsonl"

    def written(n: int) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:  # the outbox writes alerts.jsonl after the alert is stored
            return jsonl.is_file() and len(jsonl.read_text("utf-8").splitlines()) >= n

        return check

    try:
        services = build(settings, ["fetcher", "extractor", "notifier"])
        async with running(settings, services, server.url, http=False) as broker:
            # 1. The first poll: both old readouts enter the history, and nobody is alerted.
            await until(at_least(ContactRow, 2))
            await asyncio.sleep(2)  # a (wrong) alert would be stored with its contact anyway
            assert await count(AlertRow) == 0
            before = await pairs()
            assert len(before) == 2, before

            # 2. A readout appearing later is news: Biden and Netanyahu, first since Dec. 23.
            list_items(site, [LATER, *LISTED])
            await until(at_least(AlertRow, 1))
            await until(written(1))
            (alert,) = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
            names = {p["name"] for p in alert["participants"]}
            assert names == {"Joe Biden", "Benjamin Netanyahu"}
            assert (alert["type"], alert["date"], alert["silence_days"]) == (
                "silence_ended",
                "2024-01-19",
                27,
            )

            # 3. [alerts] max_age_days = 30: 41 days old at arrival is history, 19 days is news.
            old = contact("2024-01-10", ("Emmanuel Macron", "FR"), ("Olaf Scholz", "DE"))
            fresh = contact("2024-02-01", ("Rishi Sunak", "GB"), ("Fumio Kishida", "JP"))
            for readout in (old, fresh):
                await bus.publish(broker, subjects.READOUTS, readout, readout.msg_id())
            await until(at_least(AlertRow, 2))
            await asyncio.sleep(1)
            assert await count(AlertRow) == 2
            # Without max_age_days = 30 (the default is 14) the second would be history too.
            added = await pairs() - before
            assert added == {"emmanuel macron::olaf scholz", "fumio kishida::rishi sunak"}
            await until(written(2))
            last = json.loads(jsonl.read_text("utf-8").splitlines()[-1])
            assert {p["name"] for p in last["participants"]} == {"Rishi Sunak", "Fumio Kishida"}
    finally:
        await engine.dispose()
        server.stop()

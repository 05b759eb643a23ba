"""Web benchmark: the dashboard's pages and the API's first pages over a large history.

History: 100,000 contacts across 2,000 pairs (``bench.notifier_history``, one source each) and
an alert with two deliveries (one failed) for each pair's last contact, in the notifier's store:
SQLite in a temporary directory, then PostgreSQL (127.0.0.1:5432, database ``test``, a schema
of its own dropped at the end) when it answers.  The web role's real routes run on a real
aiohttp server on loopback (``shared.health.HealthServer``, as in ``readoutwatch web``); a client
in the same process asks, one request at a time: the home page, a pair's page (a random pair
each time), ``/api/v1/contacts`` and ``/api/v1/pairs`` (first pages, 50 items).  Baseline, same
run and same server: a bare aiohttp handler answering a fixed string.  p50 and p95 per round,
medians over rounds.  The first request after start, which builds the web role's in-memory
index of every pair's contact days (``PairIndex``), is timed apart.  Every page reads the
health of 20 sources from the key-value bucket of an embedded nats-server as the web role does
(through its 5-second cache).
Targets: home and pair page p95 < 100 ms, API first page p95 < 50 ms.

    python -m bench.web_bench [--quick] [--rounds N] [--requests N] [--contacts N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import nats
from aiohttp import web
from sqlalchemy import text

from bench.notifier_history import History, fill_history
from bench.notifier_rig import embedded_nats, percentile
from bench.web_alerts import fill_alerts
from services.notifier.migrate import upgrade_database
from services.notifier.thresholds import SilenceRules
from services.notifier.web.app import add_web_routes
from services.notifier.web.context import CachedHealth, WebContext
from services.notifier.web.schemas import SourceOut
from services.notifier.web.service import source_out
from shared.db import make_engine, make_sessionmaker
from shared.health import HealthServer
from shared.natsserver import free_port
from shared.source_health import SourceHealth, ensure_bucket, put_health, read_health
from tests.pg import PG_URL, postgres_answers  # the machine's PostgreSQL, as the tests find it

TARGETS_MS = {"home": 100.0, "pair page": 100.0, "api contacts": 50.0, "api pairs": 50.0}
Figures = tuple[float, float]  # p50 ms, p95 ms


async def _bare(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def _timed(client: aiohttp.ClientSession, urls: list[str]) -> Figures:
    times = []
    for url in urls:
        started = time.perf_counter()
        async with client.get(url) as response:
            await response.read()
            assert response.status == 200, (url, response.status)
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times), percentile(times, 0.95)


async def _bench(url: str, kwargs: dict[str, Any], args: argparse.Namespace) -> None:
    history = History()
    await upgrade_database(url, **kwargs)
    engine = make_engine(url, **kwargs)
    sessions = make_sessionmaker(engine)
    started = time.perf_counter()
    await fill_history(sessions, history, args.contacts)
    await fill_alerts(sessions)
    print(f"history: {args.contacts:,} contacts in {time.perf_counter() - started:.1f} s")
    nc = await nats.connect(args.nats_url)
    js = nc.jetstream()
    await ensure_bucket(js)
    for n in range(20):
        await put_health(js, SourceHealth(url=f"https://source{n}.example/feed", kind="feed"))

    async def health() -> list[SourceOut]:
        return [source_out(h) for h in await read_health(js)]

    ctx = WebContext(rules=SilenceRules(), sessions=sessions, health=CachedHealth(health))
    server = HealthServer(
        "127.0.0.1", free_port(), lambda: True, [lambda a: add_web_routes(a, ctx)]
    )
    server.app.router.add_get("/bare", _bare)
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    pairs = history.pair_list()
    rng = random.Random(7)

    def pair_url() -> str:
        a, b = rng.choice(pairs)
        return f"{base}/pair?pair={quote(f'{a.name}|{b.name}')}"

    kinds: dict[str, Callable[[], str]] = {
        "bare handler (baseline)": lambda: f"{base}/bare",
        "home": lambda: f"{base}/",
        "pair page": pair_url,
        "api contacts": lambda: f"{base}/api/v1/contacts",
        "api pairs": lambda: f"{base}/api/v1/pairs",
    }
    results: dict[str, list[Figures]] = {name: [] for name in kinds}
    try:
        async with aiohttp.ClientSession() as client:
            cold = await _timed(client, [f"{base}/api/v1/pairs"])
            print(f"first /api/v1/pairs after start (reads every pair's days): {cold[0]:.0f} ms")
            await _timed(client, [make() for make in kinds.values()])  # warm up
            for n in range(args.rounds):
                for name, make in kinds.items():
                    results[name].append(
                        await _timed(client, [make() for _ in range(args.requests)])
                    )
                print(f"round {n + 1}/{args.rounds} done", flush=True)
    finally:
        await server.stop()
        await engine.dispose()
        await nc.close()
    _report(results)


def _report(results: dict[str, list[Figures]]) -> None:
    base_p50 = statistics.median(r[0] for r in results["bare handler (baseline)"])
    print(
        f"\n{'medians over rounds':<26}{'p50 ms':>9}{'p95 ms':>9}{'x bare p50':>12}{'target':>14}"
    )
    for name, rounds in results.items():
        p50 = statistics.median(r[0] for r in rounds)
        p95 = statistics.median(r[1] for r in rounds)
        target = TARGETS_MS.get(name)
        verdict = (
            "" if target is None else f"p95<{target:.0f} " + ("ok" if p95 < target else "MISSED")
        )
        print(f"{name:<26}{p50:>9.2f}{p95:>9.2f}{p50 / base_p50:>12.1f}{verdict:>14}")


async def _postgres(args: argparse.Namespace) -> None:
    schema = f"web_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_URL)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        kwargs = {"connect_args": {"server_settings": {"search_path": schema}}}
        await _bench(PG_URL, kwargs, args)
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and requests")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100, help="per page and round")
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.requests = 2, 30
    with tempfile.TemporaryDirectory(prefix="web-bench-") as tmp:
        asyncio.run(_all(Path(tmp), args))


async def _all(tmp: Path, args: argparse.Namespace) -> None:
    async with embedded_nats(tmp / "nats") as url:
        args.nats_url = url
        print("== SQLite")
        await _bench(f"sqlite+aiosqlite:///{tmp / 'bench.db'}", {}, args)
        if postgres_answers():
            print("\n== PostgreSQL")
            await _postgres(args)
        else:
            print("\n== PostgreSQL: nothing answers on 127.0.0.1:5432, skipped")


if __name__ == "__main__":
    main()

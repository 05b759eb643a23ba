"""Fetcher benchmark: 1,000 feeds of 50 items each, served by a separate process on 127.0.0.1.

Reported in one run, medians over rounds, each with its ratio to a baseline measured alongside
(bare conditional GETs of the same URLs with the same client and concurrency: no database, no
parsing; and the same bare GETs with httpx, the fetcher's client before aiohttp): the first
full poll; a steady-state cycle when nothing changed, with the server answering 304 and with a
server that ignores conditional GET (only the content hash saves work), each cycle over new
connections as in service (see ``fetcher_phases``); memory across 100 cycles of 304s (of 250
feeds, to keep the run short); the delay from an item appearing in a feed to its article being
published on NATS (embedded nats-server, the service's own loop, publishing each source's
health as the service does). Each feed has its own host name (resolved to 127.0.0.1 by the
guarded resolver), as 1,000 real sources mostly would.
Targets: a 1,000-feed unchanged cycle under 5 s and under 1 ms of CPU per feed; no memory growth.

    python -m bench.fetcher_bench [--quick] [--feeds N] [--rounds N] [--cycles N]
                                  [--memory-feeds N] [--every S] [--arrivals N]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from bench.feed_server import FeedServer
from bench.fetcher_phases import Bench, delay_to_nats, memory, timed_cycles
from services.fetcher.state import create_tables
from services.fetcher.transport import GuardedClient
from shared.db import make_engine, make_sessionmaker
from shared.settings import FetcherSettings, Settings, SourceSettings


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.fetcher_bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 feeds, few rounds")
    parser.add_argument("--feeds", type=int, help="feeds served (default 1000)")
    parser.add_argument("--items", type=int, default=50, help="items per feed (default 50)")
    parser.add_argument("--rounds", type=int, help="steady-state cycles per mode (default 3)")
    parser.add_argument("--cycles", type=int, help="cycles of the memory phase (default 100)")
    parser.add_argument("--memory-feeds", type=int, help="feeds in those cycles (default 200)")
    parser.add_argument("--every", type=float, help="poll interval of the NATS phase (10 s)")
    parser.add_argument("--arrivals", type=int, help="items added in the NATS phase (default 5)")
    args = parser.parse_args()
    quick = {
        "feeds": 200,
        "rounds": 2,
        "cycles": 10,
        "memory_feeds": 100,
        "every": 3.0,
        "arrivals": 2,
    }
    full = {
        "feeds": 1000,
        "rounds": 5,
        "cycles": 100,
        "memory_feeds": 250,
        "every": 10.0,
        "arrivals": 5,
    }
    for key, value in (quick if args.quick else full).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


async def loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


async def run(args: argparse.Namespace, server: FeedServer, data: Path) -> None:
    # The first poll records the listings, as the steady cycles assume: backfilling a new
    # source's pages (docs/first-start.md) is another workload.
    fetcher = FetcherSettings(allowed_networks=["127.0.0.1/32"], backfill_entries=0)
    sources = [
        SourceSettings(url=f"http://feed-{i}.bench:{server.port}/feed/{i}", every=f"{args.every}s")
        for i in range(args.feeds)
    ]
    settings = Settings(data_dir=data, fetcher=fetcher, sources=sources)
    engine = make_engine(settings.database_url)
    await create_tables(engine)
    bench = Bench(
        lambda: GuardedClient(fetcher, resolve=loopback),
        make_sessionmaker(engine),
        settings,
        server,
        args.items,
    )
    print(f"{args.feeds} feeds x {args.items} items, one host name each; SQLite in {data}")
    await timed_cycles(bench, "first full poll (records 50 items per feed)", "honour", 1)
    await timed_cycles(bench, "steady cycle, server answers 304", "honour", args.rounds)
    await timed_cycles(bench, "steady cycle, server ignores conditional GET", "ignore", args.rounds)
    await memory(bench, args.cycles, min(args.memory_feeds, args.feeds))
    await delay_to_nats(bench, data, args.every, args.arrivals)
    await engine.dispose()


def main() -> None:
    args = options()
    server = FeedServer(args.feeds, args.items)
    try:
        with tempfile.TemporaryDirectory(prefix="rw-fetcher-bench-") as tmp:
            asyncio.run(run(args, server, Path(tmp)))
    finally:
        server.stop()


if __name__ == "__main__":
    main()

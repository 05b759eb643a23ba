"""The phases of ``bench.fetcher_bench``: timed poll cycles against a bare-GET baseline, memory
across cycles, and the delay from a new feed item to its article on NATS."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import statistics
import time
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import nats
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.feed_server import FeedServer
from services.fetcher.dispatcher import run_forever
from services.fetcher.models import Counters
from services.fetcher.scheduler import poll_once
from shared import bus, subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import ArticleFetched
from shared.settings import NatsSettings, Settings

T = TypeVar("T")


@dataclass
class Bench:
    client: httpx.AsyncClient
    sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    server: FeedServer
    items: int = 50
    etags: dict[str, str] = field(default_factory=dict)  # the baseline's own validators

    @property
    def urls(self) -> list[str]:
        return [source.url for source in self.settings.sources]


async def measured(work: Awaitable[T]) -> tuple[T, float, float]:
    """The result, wall seconds and CPU seconds of this process (all its threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = await work
    return result, time.perf_counter() - wall, time.process_time() - cpu


async def ignore(article: ArticleFetched) -> None:
    return None


async def bare_sweep(bench: Bench) -> None:
    """The baseline: one GET per feed, conditional when the last answer had an ETag."""
    limit = asyncio.Semaphore(bench.settings.fetcher.concurrency)

    async def get(url: str) -> None:
        headers = {"If-None-Match": bench.etags[url]} if url in bench.etags else {}
        async with limit:
            response = await bench.client.get(url, headers=headers)
        if "etag" in response.headers:
            bench.etags[url] = response.headers["etag"]

    await asyncio.gather(*(get(url) for url in bench.urls))


async def timed_cycles(bench: Bench, label: str, mode: str, rounds: int) -> None:
    await asyncio.to_thread(bench.server.call, "mode", mode)
    ours: list[tuple[float, float]] = []
    base: list[tuple[float, float]] = []
    statuses: Counter[str] = Counter()
    for _ in range(rounds):
        summaries, wall, cpu = await measured(
            poll_once(bench.client, bench.sessions, bench.settings, ignore)
        )
        ours.append((wall, cpu))
        statuses = Counter(s.status for s in summaries)
        _, wall, cpu = await measured(bare_sweep(bench))
        base.append((wall, cpu))
    wall, cpu = (statistics.median(x) for x in zip(*ours, strict=True))
    bwall, bcpu = (statistics.median(x) for x in zip(*base, strict=True))
    per_feed = cpu / len(bench.urls) * 1000
    print(
        f"\n{label} (median of {rounds}): wall {wall:.2f} s, CPU {cpu:.2f} s "
        f"= {per_feed:.3f} ms/feed  [{', '.join(f'{n} {s}' for s, n in statuses.items())}]\n"
        f"  baseline, bare GETs: wall {bwall:.2f} s, CPU {bcpu:.2f} s; "
        f"ratio wall x{wall / bwall:.2f}, CPU x{cpu / bcpu:.2f}",
        flush=True,
    )


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


async def memory(bench: Bench, cycles: int, feeds: int) -> None:
    """RSS after a warm-up and after ``cycles`` unchanged (304) cycles of the first ``feeds``
    feeds, and the trend between (a leak per poll shows on a subset as well, in less time)."""
    await asyncio.to_thread(bench.server.call, "mode", "honour")
    settings = bench.settings.model_copy(update={"sources": bench.settings.sources[:feeds]})
    warm = max(cycles // 10, 2)
    samples: list[float] = []
    for n in range(cycles + warm):
        await poll_once(bench.client, bench.sessions, settings, ignore)
        if n >= warm:
            gc.collect()
            samples.append(rss_mb())
    slope = statistics.linear_regression(range(len(samples)), samples).slope if cycles > 1 else 0
    print(
        f"\nmemory over {cycles} cycles of {feeds} feeds answering 304 (after {warm} warm-up): RSS "
        f"{samples[0]:.1f} MB -> {samples[-1]:.1f} MB, trend {slope * 1024:+.1f} kB/cycle",
        flush=True,
    )


async def delay_to_nats(bench: Bench, data: Path, every: float, arrivals: int) -> None:
    """Items added to random feeds at random moments; time until their article is on NATS."""
    server = EmbeddedNats(data / "nats")
    await asyncio.to_thread(server.start)
    await bus.ensure_streams(server.url, NatsSettings())
    broker = bus.make_broker(server.url, NatsSettings())
    await broker.start()
    seen: dict[str, float] = {}
    changed = asyncio.Event()

    async def on_article(msg: Any) -> None:
        seen[json.loads(msg.data)["url"]] = time.time()
        changed.set()

    nc = await nats.connect(server.url)
    await nc.subscribe(subjects.ARTICLES, cb=on_article)

    async def publish(article: ArticleFetched) -> None:
        await bus.publish(broker, subjects.ARTICLES, article, article.msg_id())

    stop, counters = asyncio.Event(), Counters()
    loop = asyncio.create_task(
        run_forever(
            bench.client,
            bench.sessions,
            bench.settings,
            publish,
            stop,
            counters=counters,
            owner="bench",
        )
    )
    await asyncio.sleep(every)  # the loop settles into its schedule
    cpu, polls = time.process_time(), counters.polls
    rng, rows = random.Random(7), []
    for _ in range(arrivals):
        await asyncio.sleep(rng.uniform(0, every))
        i = rng.randrange(len(bench.urls))
        extra, added = await asyncio.to_thread(bench.server.add, i)
        newest = bench.settings.sources[i].url.replace("/feed/", "/a/") + f"/{bench.items + extra}"
        async with asyncio.timeout(every * 3 + 30):
            while newest not in seen:
                changed.clear()
                await changed.wait()
        served = await asyncio.to_thread(bench.server.served, i)
        rows.append((seen[newest] - added, served - added, seen[newest] - served))
    cpu, polls = time.process_time() - cpu, counters.polls - polls
    stop.set()
    await loop
    await nc.close()
    await broker.stop()
    await asyncio.to_thread(server.stop)
    total, wait, work = (statistics.median(x) for x in zip(*rows, strict=True))
    print(
        f"\nnew item -> article on NATS (median of {arrivals}, every {every:g} s): {total:.2f} s"
        f" = {wait:.2f} s until the feed is polled + {work:.3f} s poll, page fetch, publish"
        f"\n  (worst {max(r[0] for r in rows):.2f} s; service loop meanwhile: "
        f"{cpu / max(polls, 1) * 1000:.3f} ms CPU per poll over {polls} polls)",
        flush=True,
    )

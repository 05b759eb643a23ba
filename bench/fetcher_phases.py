"""The phases of ``bench.fetcher_bench``: timed poll cycles against bare-GET baselines, memory
across cycles, and the delay from a new feed item to its article on NATS.

Every timed cycle (ours and the baselines) starts with a new client, so no connection is kept
from the cycle before: each feed is polled over a new connection, as it is in service, where a
source's polls are minutes apart and idle connections long closed.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import statistics
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpcore
import httpx
import nats
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.feed_server import FeedServer
from services.fetcher.dispatcher import run_forever
from services.fetcher.models import Counters
from services.fetcher.scheduler import poll_once
from services.fetcher.transport import GuardedClient
from shared import bus, subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import ArticleFetched
from shared.settings import NatsSettings, Settings
from shared.source_health import SourceHealth, send_health

T = TypeVar("T")
C = TypeVar("C")


@dataclass
class Bench:
    new_client: Callable[[], GuardedClient]  # the fetcher's client, as the service makes it
    sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    server: FeedServer
    items: int = 50
    etags: dict[str, str] = field(default_factory=dict)  # the baselines' own validators

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


class LoopbackBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with every host name at 127.0.0.1 (the bench's feed-N.bench
    names), for the bare httpx baseline."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self._inner.connect_tcp(
            "127.0.0.1", port, timeout, local_address, socket_options
        )

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@asynccontextmanager
async def httpx_client() -> AsyncIterator[httpx.AsyncClient]:
    """A plain httpx client (the fetcher's before it moved to aiohttp), names at 127.0.0.1."""
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(  # the fetcher's former pool settings
        max_connections=64,
        max_keepalive_connections=16,
        keepalive_expiry=15,
        network_backend=LoopbackBackend(),
    )
    async with httpx.AsyncClient(transport=transport, trust_env=False, timeout=20) as client:
        yield client


async def aiohttp_sweep(bench: Bench, client: GuardedClient) -> None:
    """Baseline: one bare GET per feed with the fetcher's client (its aiohttp session),
    conditional when the last answer had an ETag; no guard per hop, database or parsing."""
    limit = asyncio.Semaphore(bench.settings.fetcher.concurrency)

    async def get(url: str) -> None:
        headers = {"If-None-Match": bench.etags[url]} if url in bench.etags else {}
        async with limit, client.session.get(url, headers=headers) as response:
            await response.read()
            if "etag" in response.headers:
                bench.etags[url] = response.headers["etag"]

    await asyncio.gather(*(get(url) for url in bench.urls))


async def httpx_sweep(bench: Bench, client: httpx.AsyncClient) -> None:
    """The same bare GETs with httpx."""
    limit = asyncio.Semaphore(bench.settings.fetcher.concurrency)

    async def get(url: str) -> None:
        headers = {"If-None-Match": bench.etags[url]} if url in bench.etags else {}
        async with limit:
            response = await client.get(url, headers=headers)
        if "etag" in response.headers:
            bench.etags[url] = response.headers["etag"]

    await asyncio.gather(*(get(url) for url in bench.urls))


Figures = tuple[float, float]  # wall, CPU seconds


async def fresh(
    new: Callable[[], AbstractAsyncContextManager[C]], work: Callable[[C], Awaitable[T]]
) -> tuple[T, float, float]:
    """``work`` measured with a client made for it alone: made outside the measure, closed
    inside it (closing the cycle's idle connections, as keep-alive expiry does in service)."""
    async with AsyncExitStack() as stack:
        client = await stack.enter_async_context(new())
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            result = await work(client)
        finally:
            await stack.aclose()
            await asyncio.sleep(0)  # the transports' close callbacks
        return result, time.perf_counter() - wall, time.process_time() - cpu


def median(figures: list[Figures]) -> Figures:
    wall, cpu = (statistics.median(x) for x in zip(*figures, strict=True))
    return wall, cpu


async def timed_cycles(bench: Bench, label: str, mode: str, rounds: int) -> None:
    await asyncio.to_thread(bench.server.call, "mode", mode)
    ours: list[Figures] = []
    base: list[Figures] = []
    plain: list[Figures] = []
    statuses: Counter[str] = Counter()
    for _ in range(rounds):
        summaries, wall, cpu = await fresh(
            bench.new_client, lambda c: poll_once(c, bench.sessions, bench.settings, ignore)
        )
        ours.append((wall, cpu))
        statuses = Counter(s.status for s in summaries)
        _, wall, cpu = await fresh(bench.new_client, lambda c: aiohttp_sweep(bench, c))
        base.append((wall, cpu))
        _, wall, cpu = await fresh(httpx_client, lambda c: httpx_sweep(bench, c))
        plain.append((wall, cpu))
    (wall, cpu), (bwall, bcpu), (xwall, xcpu) = median(ours), median(base), median(plain)
    feeds, counts = len(bench.urls), ", ".join(f"{n} {s}" for s, n in statuses.items())
    print(
        f"\n{label} (median of {rounds}): wall {wall:.2f} s, CPU {cpu:.2f} s "
        f"= {cpu / feeds * 1000:.3f} ms/feed  [{counts}]"
        f"\n  baseline, bare GETs (aiohttp, the fetcher's client): wall {bwall:.2f} s, CPU "
        f"{bcpu:.2f} s = {bcpu / feeds * 1000:.3f} ms/feed; ratio wall x{wall / bwall:.2f}, "
        f"CPU x{cpu / bcpu:.2f}"
        f"\n  bare GETs with httpx: wall {xwall:.2f} s, CPU {xcpu:.2f} s = "
        f"{xcpu / feeds * 1000:.3f} ms/feed (x{xcpu / bcpu:.2f} the CPU of aiohttp's)",
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
    async with bench.new_client() as client:  # one client throughout, as the service has
        for n in range(cycles + warm):
            await poll_once(client, bench.sessions, settings, ignore)
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

    async def report(health: SourceHealth) -> None:  # as the service does after each poll
        await send_health(broker.connection, health)

    stop, counters = asyncio.Event(), Counters()
    client = bench.new_client()  # its session is made on first use, in this loop
    loop = asyncio.create_task(
        run_forever(
            client,
            bench.sessions,
            bench.settings,
            publish,
            stop,
            counters=counters,
            owner="bench",
            report=report,
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
    await client.aclose()
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

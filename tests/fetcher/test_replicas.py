"""Two fetcher replicas on one database (SQLite, and PostgreSQL when it answers): every source is
polled by exactly one of them per interval, a new entry is published once, and a dead replica's
sources are taken over once its leases expire."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from itertools import pairwise

import aiohttp
import pytest
from aiohttp import TraceRequestStartParams

from services.fetcher.dispatcher import run_forever
from services.fetcher.models import Counters
from services.fetcher.transport import GuardedClient
from shared.settings import FetcherSettings, Settings, SourceSettings

from .conftest import Published, StateDB
from .server import LocalServer
from .test_poll_server import feed
from .test_scheduler import until

INTERVAL = 0.6


async def loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]  # every feed-<i>.test is this test's server


def replica_settings(server: LocalServer, n: int, lease: float) -> Settings:
    """``n`` feeds, each on a host of its own (hosts are what replicas split), all on ``server``."""
    fetcher = FetcherSettings(
        allowed_networks=["127.0.0.1/32"],
        timeout_seconds=3,
        per_host_delay_seconds=0,
        lease_seconds=lease,
        backfill_entries=0,  # a first poll records the listed entries: only later ones publish
    )
    sources = []
    for i in range(n):
        server.route(f"/feed/{i}", feed(server, [i]))
        url = server.url(f"/feed/{i}", host=f"feed-{i}.test")
        sources.append(SourceSettings(url=url, every=str(INTERVAL)))
    return Settings(fetcher=fetcher, sources=sources)


class Sent(dict[str, list[float]]):
    """When the fetcher sent each request, by path: the fetcher's own view of its polls (the
    test server, a thread of this process, may note arrivals late on a busy machine)."""

    async def __call__(
        self, session: aiohttp.ClientSession, context: object, params: TraceRequestStartParams
    ) -> None:
        self.setdefault(params.url.path, []).append(time.monotonic())


@pytest.fixture
def sent() -> Sent:
    return Sent()


@pytest.fixture
async def client(sent: Sent) -> AsyncIterator[GuardedClient]:
    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(sent)
    settings = FetcherSettings(allowed_networks=["127.0.0.1/32"])
    async with GuardedClient(settings, loopback, trace_configs=[trace]) as http:
        yield http


async def test_two_replicas_poll_each_source_once_per_interval(
    server: LocalServer, client: GuardedClient, sent: Sent, state_db: StateDB
) -> None:
    settings = replica_settings(server, 8, lease=1.5)
    stop = asyncio.Event()
    outputs = [(Published(), Counters()) for _ in range(2)]
    replicas = [
        asyncio.create_task(
            run_forever(
                client,
                await state_db.sessionmaker(),
                settings,
                published,
                stop,
                counters=counters,
                rng=random.Random(seed),
                owner=f"r{seed}",
            )
        )
        for seed, (published, counters) in enumerate(outputs)
    ]
    paths = [f"/feed/{i}" for i in range(8)]
    await until(lambda: all(len(server.hits(p)) >= 3 for p in paths), within=15)
    server.route("/feed/0", feed(server, [0, 100]))  # a new entry appears in one feed
    await until(lambda: sum(len(p) for p, _ in outputs) == 1, within=10)
    await until(lambda: all(len(server.hits(p)) >= 5 for p in paths), within=15)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*replicas), timeout=5)

    for path in paths:
        starts = sent[path]
        assert len(starts) == len(server.hits(path))
        gaps = [b - a for a, b in pairwise(starts)]
        # Intervals run from poll start to poll start (+-10% jitter); a request leaves a little
        # after its poll starts, later on a busy machine. Two replicas polling one source in
        # one interval would show as a gap of a few milliseconds, and as more polls than the
        # time allows.
        assert min(gaps) > 0.25 * INTERVAL, (path, gaps)
        assert len(starts) <= (starts[-1] - starts[0]) / (0.9 * INTERVAL) + 2, (path, gaps)
        # Nor is any source forgotten (the wait for five polls of every source above would time
        # out); a poll's own time, slow on a busy shared machine, adds up, so the bound is loose.
        assert max(gaps) < 8 * INTERVAL, (path, gaps)
    assert [a.title for p, _ in outputs for a in p] == ["Story 100"]
    polls = [counters.polls for _, counters in outputs]
    assert sum(polls) == sum(len(server.hits(p)) for p in paths)
    assert all(polls), f"both replicas take a share of the sources: {polls}"


async def test_a_dead_replicas_sources_are_taken_over_after_its_lease(
    server: LocalServer, client: GuardedClient, sent: Sent, state_db: StateDB
) -> None:
    lease = 1.5
    settings = replica_settings(server, 3, lease=lease)
    paths = [f"/feed/{i}" for i in range(3)]
    for path in paths:  # the first replica will hang mid-poll on every source ...
        server.routes[path].hang_seconds = 30
    first = asyncio.create_task(
        run_forever(
            client,
            await state_db.sessionmaker(),
            settings,
            Published(),
            asyncio.Event(),
            owner="dies",
        )
    )
    await until(lambda: all(server.hits(p) for p in paths), within=5)
    first.cancel()  # ... and die there, as a killed process would: no lease is given back
    for path in paths:
        server.routes[path].hang_seconds = 0
    stop = asyncio.Event()
    second = asyncio.create_task(
        run_forever(
            client, await state_db.sessionmaker(), settings, Published(), stop, owner="survives"
        )
    )
    await until(lambda: all(len(server.hits(p)) >= 2 for p in paths), within=10)
    stop.set()
    await asyncio.wait_for(second, timeout=5)
    for path in paths:
        died_at, taken_at = sent[path][:2]
        # Not before the lease expired, nor much later: the dead replica's heartbeat expires
        # with its leases, then its hosts change hands. The lease is claimed before the first
        # request is sent: by up to a dispatcher turn plus a worker's start on a busy machine,
        # hence the 0.5 s of slack below (an immediate takeover would still fail).
        assert lease - 0.5 < taken_at - died_at < lease + lease / 3 + 1.0, (
            path,
            taken_at - died_at,
        )

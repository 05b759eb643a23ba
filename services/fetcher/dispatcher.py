"""The fetcher service's loop: claim the sources that are due, poll them, release each lease with
its next poll time (interval with jitter, or backoff), and sleep until the next one is due.

Replicas on one database split the sources: a source is claimed at once by the live replica that
prefers its host (``replicas.py``), by the others only after a grace period, and never by two
(``leases.py``). A dead replica's sources are taken over once its leases and heartbeat expire.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import time
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import leases, replicas, updates
from services.fetcher.articles import Publish
from services.fetcher.health import Report
from services.fetcher.models import Counters
from services.fetcher.rounds import heartbeat, poll_leased
from services.fetcher.scheduler import JITTER, Clock, Wait, limiter_for, utc_now, wait_or_stop
from services.fetcher.state import SourceState
from services.fetcher.transport import GuardedClient
from services.fetcher.tx import transaction
from services.fetcher.updates import StateUpdate
from shared.settings import Settings

log = logging.getLogger(__name__)

IDLE_SECONDS = 3600.0  # longest sleep with nothing due (the loop also wakes when a poll ends)
RETRY_SECONDS = 5.0  # after the database refused a turn
# Turns at most this often: polls that finish close together are released in one transaction
# (and the sources scanned once), not one turn each; a claim waits at most this long.
TURN_SPACING_SECONDS = 0.1


@dataclass
class Dispatcher:
    client: GuardedClient
    sessionmaker: async_sessionmaker[AsyncSession]
    settings: Settings
    publish: Publish
    stop: asyncio.Event
    clock: Clock = utc_now
    wait: Wait = wait_or_stop
    rng: random.Random = field(default_factory=random.Random)
    counters: Counters = field(default_factory=Counters)
    owner: str = field(default_factory=replicas.default_owner)
    report: Report | None = None  # publishes a source's health after each poll
    due: dict[str, dt.datetime] = field(default_factory=dict)  # when a source may be claimed
    inflight: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    # Polls done whose lease is not given back yet: url, next poll time, state to store.
    finished: list[tuple[str, dt.datetime, list[StateUpdate]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sources = {source.url: source for source in self.settings.sources}
        self.limiter = limiter_for(self.settings.fetcher)
        self.ttl = self.settings.fetcher.lease_seconds
        self.capacity = max(self.settings.fetcher.concurrency * 2, 4)  # claimed, not yet done
        self.grace = {
            u: dt.timedelta(seconds=replicas.grace_seconds(s.interval_seconds))
            for u, s in self.sources.items()
        }
        self.mine: set[str] = set(self.sources)  # preferred by this replica
        self.last_turn = -TURN_SPACING_SECONDS  # time.monotonic() of the last turn

    def set_live(self, live: list[str]) -> None:
        mine = {url for url in self.sources if replicas.preferred(url, live) == self.owner}
        if mine != self.mine:  # a replica came or went: some sources are due sooner or later
            self.mine = mine
            self.wake.set()

    def _claim_at(self, url: str) -> dt.datetime:
        return self.due[url] if url in self.mine else self.due[url] + self.grace[url]

    async def run(self) -> None:
        await self._load()
        async with asyncio.TaskGroup() as group:
            group.create_task(self._relay_stop())
            beat = group.create_task(heartbeat(self))
            while not self.stop.is_set():
                self.wake.clear()
                await self._turn(group)
                await self.wait(self.wake, self._seconds_to_next())
                await self._space_turns()
            if self.inflight:  # polls under way finish, each bounded by timeout_seconds
                await asyncio.wait(list(self.inflight.values()))
            beat.cancel()
            await self._turn(group)  # give the last leases back
        try:
            async with transaction(self.sessionmaker) as session:
                await replicas.retire(session, self.owner)
        except Exception:  # then the others wait for the heartbeat to expire
            log.exception(
                "fetcher: cannot retire replica %s (database): the other replicas take its"
                " sources over when its heartbeat expires; check [database] url",
                self.owner,
            )

    async def _load(self) -> None:
        urls, now = list(self.sources), self.clock()
        async with transaction(self.sessionmaker) as session:
            await leases.register(session, urls)
            slots = await leases.slots(session, urls)
            self.set_live(await replicas.heartbeat(session, self.owner, now=now, ttl=self.ttl))
        for url, source in self.sources.items():
            slot = slots.get(url)
            interval = dt.timedelta(seconds=source.interval_seconds)
            self.due[url] = slot.next_try(self.owner, now, interval) if slot else now
            if slot is None or slot.next_poll_at is None:  # never polled: spread first polls
                spread = self.rng.uniform(0, JITTER) * source.interval_seconds
                self.due[url] = max(self.due[url], now + dt.timedelta(seconds=spread))

    async def _space_turns(self) -> None:
        left = TURN_SPACING_SECONDS - (time.monotonic() - self.last_turn)
        if left > 0 and not self.stop.is_set():
            await wait_or_stop(self.stop, left)

    def _seconds_to_next(self) -> float:
        waiting = [self._claim_at(url) for url in self.due if url not in self.inflight]
        if not waiting or len(self.inflight) >= self.capacity:
            return IDLE_SECONDS  # a finishing poll sets `wake`
        return max((min(waiting) - self.clock()).total_seconds(), 0.0)

    async def _turn(self, group: asyncio.TaskGroup) -> None:
        """One transaction: give back the leases of finished polls (with their state and next
        poll time), then claim the sources now due (none once stopping)."""
        now, self.last_turn = self.clock(), time.monotonic()
        ready = sorted((self._claim_at(url), url) for url in self.due if url not in self.inflight)
        room = 0 if self.stop.is_set() else self.capacity - len(self.inflight)
        batch = [url for at, url in ready if at <= now][:room]
        done, self.finished = self.finished, []
        if not (batch or done):
            return
        try:
            async with transaction(self.sessionmaker) as session:
                await updates.apply(session, [u for _, _, pending in done for u in pending])
                await leases.release_many(session, self.owner, [(u, at) for u, at, _ in done])
                won = await leases.claim(session, batch, self.owner, now=now, ttl=self.ttl)
            lost = [url for url in batch if url not in won]
            if lost:  # another replica polled them or holds them: learn when to try again
                async with self.sessionmaker() as session:
                    slots = await leases.slots(session, lost)
        except Exception:
            log.exception(
                "fetcher: cannot claim or release sources (database); retrying in %.0f s;"
                " check [database] url",
                RETRY_SECONDS,
            )
            self.finished = done + self.finished  # released at the next turn
            for url in batch:
                self.due[url] = now + dt.timedelta(seconds=RETRY_SECONDS)
            return
        for url in lost:
            interval = dt.timedelta(seconds=self.sources[url].interval_seconds)
            soon = now + min(dt.timedelta(seconds=1), interval / 20)  # never a busy loop
            slot = slots.get(url)
            self.due[url] = max(slot.next_try(self.owner, now, interval), soon) if slot else soon
        for url, known in won.items():
            self.inflight[url] = group.create_task(self._poll(url, known), name=f"poll {url}")

    async def _poll(self, url: str, known: SourceState) -> None:
        self.due[url], pending = await poll_leased(self, self.sources[url], known)
        self.finished.append((url, self.due[url], pending))
        del self.inflight[url]
        self.wake.set()

    async def _relay_stop(self) -> None:
        await self.stop.wait()
        self.wake.set()


async def run_forever(
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    publish: Publish,
    stop: asyncio.Event,
    *,
    clock: Clock = utc_now,
    wait: Wait = wait_or_stop,
    rng: random.Random | None = None,
    counters: Counters | None = None,
    owner: str | None = None,
    report: Report | None = None,
) -> None:
    """Poll each source when due (its interval with jitter, backoff when failing) until ``stop``
    is set; polls under way finish first. Stored next-poll times are honoured, so a restart
    does not poll everything at once, and replicas sharing the database share the work.
    ``report`` gets each source's health after its poll (``health.py``)."""
    await Dispatcher(
        client,
        sessionmaker,
        settings,
        publish,
        stop,
        clock=clock,
        wait=wait,
        rng=rng or random.Random(),
        counters=counters if counters is not None else Counters(),
        owner=owner or replicas.default_owner(),
        report=report,
    ).run()

"""The extractor as a NATS service: ArticleFetched in, ReadoutFound out (only when it has contacts).

A page the extractor cannot process (undecodable, empty) is a permanent failure: it is
dead-lettered with the extractor's reason rather than retried.
"""

from __future__ import annotations

import asyncio
import logging

from faststream.nats import NatsBroker

from services.extractor.pipeline import extract
from shared import bus, subjects
from shared.errors import PermanentError
from shared.schemas import ArticleFetched, ExtractInput, ReadoutFound
from shared.settings import Settings

log = logging.getLogger(__name__)


def to_readout(article: ArticleFetched) -> ReadoutFound:
    """Run the pure extractor on one fetched article; raise PermanentError when it cannot."""
    doc = ExtractInput(
        id=article.url,
        text=article.text,
        html=article.html,
        url=article.url,
        published=article.published,
        title=article.title,
        fetched_at=article.fetched_at,  # an undated page speaks from the day it was read
    )
    result = extract(doc)
    if result.error:
        raise PermanentError(f"cannot extract {article.url}: {result.error}")
    return ReadoutFound(
        url=article.url,
        source=article.source,
        title=article.title,
        published=article.published,
        is_readout=result.is_readout,
        contacts=result.contacts,
        backfill=article.backfill,
    )


class ExtractorService:
    name = "extractor"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def register(self, broker: NatsBroker) -> None:
        # One extraction at a time per process.  A pull of several messages at once makes
        # FastStream run their handlers concurrently; as threads contending for the GIL they
        # took twice the CPU per article (bench/load_bench.py, a prefetch of 8, measured).
        one_at_a_time = asyncio.Semaphore(1)

        async def work(article: ArticleFetched) -> None:
            # trafilatura is CPU-bound: keep the event loop (and NATS heartbeats) responsive.
            async with one_at_a_time:
                readout = await asyncio.to_thread(to_readout, article)
            held = sum(c.status == "held" for c in readout.contacts)
            log.info(
                "extracted %s: readout=%s, %d contacts (%d held)",
                article.url,
                readout.is_readout,
                len(readout.contacts),
                held,
                extra={"url": article.url},
            )
            if readout.contacts:
                await bus.publish(broker, subjects.READOUTS, readout, readout.msg_id())

        bus.consume(
            broker,
            subject=subjects.ARTICLES,
            durable=subjects.EXTRACTOR_DURABLE,
            stage=self.name,
            model=ArticleFetched,
            work=work,
            cfg=self.settings.nats,
        )

    async def start(self, broker: NatsBroker) -> None:
        return None

    async def stop(self) -> None:
        return None

"""consume_batch against a real nats-server: batches, and a poison message among good ones."""

from __future__ import annotations

import asyncio

import nats
import pytest

from shared import bus, subjects
from shared.errors import PermanentError, TransientError
from shared.schemas import ArticleFetched
from shared.settings import NatsSettings
from tests.bus.test_dead_letter import _article, _dead_letters

pytestmark = pytest.mark.nats
URL = "https://example.org/{}"


def _first_holding(batches: list[list[str]], url: str) -> list[str]:
    """The first batch that held ``url``; every batch is in stream order."""
    for batch in batches:
        assert batch == sorted(batch)
    return next(batch for batch in batches if url in batch)


async def _unacked(url: str, subject: str, durable: str, within: float = 10) -> int:
    """Messages of the consumer not acked yet (waits for acks in flight to land)."""
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        deadline = asyncio.get_running_loop().time() + within
        while True:
            info = await js.consumer_info(subjects.stream_for(subject), durable)
            left = info.num_ack_pending + info.num_pending
            if left == 0 or asyncio.get_running_loop().time() > deadline:
                return left
            await asyncio.sleep(0.1)
    finally:
        await nc.close()


async def _run_batches(
    nats_url: str,
    unique: str,
    cfg: NatsSettings,
    fail: dict[str, type[Exception]],
    expect: int,
) -> tuple[list[list[str]], dict[str, int], str, str]:
    """Publish an invalid message and articles 1-5, then consume them in batches.

    ``fail``: url -> the error a batch holding it raises on the url's first delivery (always,
    for PermanentError).  Returns the batches worked (urls), deliveries per url, stage, durable.
    """
    await bus.ensure_streams(nats_url, cfg)
    stage, durable = f"test-{unique}", f"d-{unique}"
    subject = f"{subjects.ARTICLES}.{unique}"
    batches: list[list[str]] = []
    seen: dict[str, int] = {}
    committed: list[str] = []
    done = asyncio.Event()

    async def work(articles: list[ArticleFetched]) -> None:
        urls = [a.url for a in articles]
        batches.append(urls)
        for url in urls:
            error = fail.get(url)
            if error is PermanentError or (error is not None and seen.get(url, 0) == 0):
                if len(urls) == 1:
                    seen[url] = seen.get(url, 0) + 1
                raise error(f"{url} fails")
        for url in urls:
            seen[url] = seen.get(url, 0) + 1
        committed.extend(urls)  # all or nothing, as a transaction
        if len(set(committed)) >= expect:
            done.set()

    broker = bus.make_broker(nats_url, cfg)
    bus.consume_batch(
        broker,
        subject=subject,
        durable=durable,
        stage=stage,
        model=ArticleFetched,
        work=work,
        cfg=cfg,
    )
    await broker.connect()
    await broker.publish(b"{not json", subject, stream=subjects.stream_for(subject))
    for n in (1, 2, 3, 4, 5):
        await bus.publish(broker, subject, _article(n), f"{unique}-{n}")
    await broker.start()  # everything is in the stream: pulls take several at once
    try:
        await asyncio.wait_for(done.wait(), 30)
        assert await _unacked(nats_url, subject, durable) == 0
    finally:
        await broker.stop()
    return batches, seen, stage, subject


async def test_a_poison_message_is_dead_lettered_and_the_rest_of_its_batch_committed(
    nats_url: str, unique: str
) -> None:
    cfg = NatsSettings(max_deliver=3)
    batches, seen, stage, _ = await _run_batches(
        nats_url, unique, cfg, {URL.format(2): PermanentError}, expect=4
    )
    letters = await _dead_letters(nats_url, stage, 2)

    good = [URL.format(n) for n in (1, 3, 4, 5)]
    poisoned = _first_holding(batches, URL.format(2))
    assert len(poisoned) > 1  # good messages shared the poison's batch ...
    fallback = batches[batches.index(poisoned) + 1 :][: len(poisoned)]
    assert fallback == [[url] for url in poisoned]  # ... and were then worked one at a time
    assert {url: seen.get(url) for url in good} == dict.fromkeys(good, 1)
    reasons = sorted(letter.reason for letter in letters)
    assert len(reasons) == 2
    assert reasons[0].startswith(f"PermanentError: {URL.format(2)} fails")
    assert reasons[1].startswith("invalid ArticleFetched")


async def test_a_transient_failure_retries_only_its_message(nats_url: str, unique: str) -> None:
    cfg = NatsSettings(max_deliver=3)
    batches, seen, stage, _ = await _run_batches(
        nats_url, unique, cfg, {URL.format(3): TransientError}, expect=5
    )

    assert len(_first_holding(batches, URL.format(3))) > 1
    # 3 failed alone and was redelivered later; the others were committed once, not retried
    assert seen == {URL.format(n): 1 for n in (1, 2, 4, 5)} | {URL.format(3): 2}
    assert batches.count([URL.format(3)]) == 2
    letters = await _dead_letters(nats_url, stage, 1)
    assert [letter.reason.split(":")[0] for letter in letters] == ["invalid ArticleFetched"]

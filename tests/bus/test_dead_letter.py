"""The delivery rules of shared.bus against a real nats-server: ack, retry, dead-letter."""

from __future__ import annotations

import asyncio
import datetime as dt

import nats
import pytest

from shared import bus, subjects
from shared.errors import PermanentError, TransientError
from shared.schemas import ArticleFetched, DeadLetter
from shared.settings import NatsSettings

pytestmark = pytest.mark.nats


def _article(n: int) -> ArticleFetched:
    return ArticleFetched(
        url=f"https://example.org/{n}", fetched_at=dt.datetime.now(dt.UTC), text=f"text {n}"
    )


async def _dead_letters(url: str, stage: str, count: int, within: float = 10) -> list[DeadLetter]:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        sub = await js.pull_subscribe(subjects.dlq_subject(stage), durable=None)
        got: list[DeadLetter] = []
        deadline = asyncio.get_running_loop().time() + within
        while len(got) < count and asyncio.get_running_loop().time() < deadline:
            try:
                for msg in await sub.fetch(count - len(got), timeout=1):
                    got.append(DeadLetter.model_validate_json(msg.data))
                    await msg.ack()
            except nats.errors.TimeoutError:
                pass
        return got
    finally:
        await nc.close()


async def test_poison_message_is_dead_lettered_and_good_ones_keep_flowing(
    nats_url: str, unique: str
) -> None:
    cfg = NatsSettings(max_deliver=3)
    await bus.ensure_streams(nats_url, cfg)
    stage = f"test-{unique}"
    subject = f"{subjects.ARTICLES}.{unique}"
    handled: list[str] = []
    attempts: dict[str, int] = {}
    done = asyncio.Event()

    async def work(article: ArticleFetched) -> None:
        attempts[article.url] = attempts.get(article.url, 0) + 1
        if article.url.endswith("/2"):
            raise PermanentError("page cannot be decoded")
        if article.url.endswith("/3"):
            raise TransientError("database is locked")
        if article.url.endswith("/4") and attempts[article.url] == 1:
            raise TransientError("first try fails")
        handled.append(article.url)
        if len(handled) == 3:
            done.set()

    broker = bus.make_broker(nats_url, cfg)
    bus.consume(
        broker,
        subject=subject,
        durable=f"d-{unique}",
        stage=stage,
        model=ArticleFetched,
        work=work,
        cfg=cfg,
    )
    await broker.start()
    try:
        await broker.publish(b"{not json", subject, stream=subjects.stream_for(subject))
        for n in (1, 2, 3, 4, 5):
            await bus.publish(broker, subject, _article(n), f"{unique}-{n}")
        await asyncio.wait_for(done.wait(), 20)
        letters = await _dead_letters(nats_url, stage, 3, within=30)
    finally:
        await broker.stop()

    assert sorted(handled) == [f"https://example.org/{n}" for n in (1, 4, 5)]
    reasons = sorted(letter.reason for letter in letters)
    assert len(reasons) == 3, reasons
    assert reasons[0].startswith("PermanentError: page cannot be decoded")
    assert reasons[1].startswith("failed 3 times, last: TransientError: database is locked")
    assert reasons[2].startswith("invalid ArticleFetched")
    assert attempts["https://example.org/2"] == 1  # permanent: never retried
    assert attempts["https://example.org/3"] == 3  # transient: bounded
    poison = next(x for x in letters if x.reason.startswith("invalid"))
    assert poison.payload == "{not json" and poison.stage == stage


async def test_republish_with_same_content_is_deduplicated(nats_url: str, unique: str) -> None:
    cfg = NatsSettings()
    await bus.ensure_streams(nats_url, cfg)
    subject = f"{subjects.ARTICLES}.{unique}"
    broker = bus.make_broker(nats_url, cfg)
    await broker.connect()
    try:
        first, again = _article(1), _article(1)  # different fetched_at, same page
        assert first.msg_id() == again.msg_id()
        ack1 = await broker.publish(
            first.model_dump_json(),
            subject,
            headers={"Nats-Msg-Id": first.msg_id()},
            stream=subjects.stream_for(subject),
        )
        ack2 = await broker.publish(
            again.model_dump_json(),
            subject,
            headers={"Nats-Msg-Id": again.msg_id()},
            stream=subjects.stream_for(subject),
        )
    finally:
        await broker.stop()
    assert ack1 is not None and ack2 is not None
    assert not ack1.duplicate and ack2.duplicate

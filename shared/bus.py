"""NATS JetStream wiring shared by the services: broker, streams, publishing, reliable consumers.

Delivery rules, the same for every consumer (see ``consume``):

* the handler's work is done and committed first, then the message is acked;
* a payload that does not validate, or work that raises ``PermanentError``, goes to
  ``rw.dlq.<stage>`` at once with the reason, and the message is terminated;
* any other failure is nacked with a growing delay and redelivered, up to ``max_deliver``
  deliveries, then dead-lettered like a permanent one.

``consume_batch`` keeps the same rules for a consumer whose work is cheaper per message in bulk
(the notifier: one transaction for many readouts).  It pulls up to ``batch_size`` messages
(whatever is there: a pull returns at once with the messages available, so a lone message waits
for no others), dead-letters the invalid ones one by one, hands the valid payloads to ``work``
at once and acks each after it returns.  If the batch's work raises, nothing of it was
committed, and the same messages are worked one at a time under the rules above, so one poison
message is dead-lettered (or retried) alone and never holds back the others.

FastStream's own batch mode (``PullSub(batch=True)``) is not used: it keeps pulling until the
batch is full or its timeout ends (a lone message waits the whole timeout), and a nats-py
timeout in that loop drops the messages already pulled until ``ack_wait`` redelivers them.

Publishers set ``Nats-Msg-Id`` from the payload's content, so JetStream drops a re-publish
inside the streams' duplicate window.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar, cast

import nats
from faststream import AckPolicy, StreamMessage
from faststream.nats import ConsumerConfig, JStream, NatsBroker, NatsMessage, PullSub
from nats.aio.msg import Msg
from nats.js import api
from nats.js.errors import BadRequestError
from pydantic import BaseModel, ValidationError

from shared import natsfetch, source_health, subjects
from shared.errors import PermanentError
from shared.logs import adopt_library_loggers
from shared.metrics import MESSAGES_FAILED, MESSAGES_IN, MESSAGES_OUT, PROCESSING_SECONDS
from shared.natsconn import faststream_options, on_nats_error, tls_context
from shared.schemas import DeadLetter
from shared.settings import NatsSettings

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
DUPLICATE_WINDOW_SECONDS = 24 * 3600.0
STREAM_MAX_AGE_SECONDS = 30 * 24 * 3600.0
BATCH_SIZE = 100  # messages pulled at once by ``consume_batch``: the largest batch of work
# How long a publish waits for JetStream's ack (FastStream's default is 0.5 s, which a busy host
# or a slow disk overruns; nats-py's own default is 5 s).  A publish that times out is retried by
# its caller under the same Nats-Msg-Id, so waiting longer never doubles a message.
PUBLISH_TIMEOUT_SECONDS = 5.0


def connect_options(cfg: NatsSettings) -> dict[str, Any]:
    """Credentials and TLS for nats-py, from ``[nats]`` (``make_broker`` adapts them to FastStream).

    Refused credentials raise ``BrokerError`` from the connect call (see ``shared.natsconn``).
    """
    opts: dict[str, Any] = {
        "name": "readoutwatch",
        "max_reconnect_attempts": -1,
        "error_cb": on_nats_error,
    }
    if cfg.user:
        opts["user"] = cfg.user
        opts["password"] = cfg.password.get_secret_value()
    if cfg.token.get_secret_value():
        opts["token"] = cfg.token.get_secret_value()
    if cfg.creds_file:
        opts["user_credentials"] = cfg.creds_file
    if cfg.nkeys_seed:
        opts["nkeys_seed"] = cfg.nkeys_seed
    tls = tls_context(cfg)
    if tls is not None:
        opts["tls"] = tls
    if cfg.tls_handshake_first:  # TLS before the server's INFO: never plain text, even later
        opts["tls_handshake_first"] = True
    return opts


def server_urls(url: str) -> list[str]:
    """``[nats] url`` may list several servers of one cluster, comma-separated."""
    return [part.strip() for part in url.split(",") if part.strip()]


def make_broker(url: str, cfg: NatsSettings) -> NatsBroker:
    # FastStream narrates every message at INFO; route it through our logging tree instead of
    # its own coloured handler (shared.logs keeps the "faststream" branch at WARNING).
    natsfetch.install()  # an idle pull consumer's timeout is an empty poll, not an ERROR
    adopt_library_loggers()
    return NatsBroker(
        server_urls(url),
        graceful_timeout=20.0,
        logger=logging.getLogger("faststream.readoutwatch"),
        log_level=logging.DEBUG,
        **faststream_options(connect_options(cfg)),
    )


async def ensure_streams(url: str, cfg: NatsSettings) -> None:
    """Create or update the streams of ``subjects.STREAMS`` and the sources' health bucket
    (``shared.source_health``); safe to call at every start."""
    nc = await nats.connect(server_urls(url), **connect_options(cfg))
    try:
        js = nc.jetstream()
        for name, subs in subjects.STREAMS.items():
            config = api.StreamConfig(
                name=name,
                subjects=subs,
                storage=api.StorageType.FILE,
                num_replicas=cfg.replicas,
                duplicate_window=DUPLICATE_WINDOW_SECONDS,
                max_age=STREAM_MAX_AGE_SECONDS,
            )
            try:
                await js.add_stream(config)
            except BadRequestError:
                await js.update_stream(config)
        await source_health.ensure_bucket(js, cfg.replicas)
    finally:
        await nc.close()


async def publish(broker: NatsBroker, subject: str, model: BaseModel, msg_id: str) -> None:
    """Publish ``model`` as JSON to a JetStream subject, deduplicated by ``msg_id``."""
    await broker.publish(
        model.model_dump_json().encode(),
        subject,
        headers={"Nats-Msg-Id": msg_id, "content-type": "application/json"},
        stream=subjects.stream_for(subject),
        timeout=PUBLISH_TIMEOUT_SECONDS,
    )
    MESSAGES_OUT.labels(subject).inc()


def consume(
    broker: NatsBroker,
    *,
    subject: str,
    durable: str,
    stage: str,
    model: type[M],
    work: Callable[[M], Awaitable[None]],
    cfg: NatsSettings,
) -> None:
    """Subscribe ``work`` to ``subject`` through a durable pull consumer with the rules above."""

    @_subscriber(broker, subject, durable, cfg, 1, f"{stage} consumes {model.__name__}", stage)
    async def handler() -> None:
        raw = _current_message(broker)
        MESSAGES_IN.labels(subject).inc()
        started = time.perf_counter()
        try:
            payload = await _admit(broker, raw, stage, model, cfg)
            if payload is not None:
                await _work_one(broker, raw, stage, cfg, lambda: work(payload))
        finally:
            PROCESSING_SECONDS.labels(subject).observe(time.perf_counter() - started)


def _subscriber(
    broker: NatsBroker,
    subject: str,
    durable: str,
    cfg: NatsSettings,
    batch_size: int,
    description: str,
    stage: str,
) -> Callable[[Callable[[], Awaitable[None]]], Any]:
    """The durable pull subscription both consumers declare; handlers take no parameter and read
    the raw message with ``_current_message`` (see there)."""
    return broker.subscriber(
        subject,
        stream=JStream(subjects.stream_for(subject), declare=False),
        durable=durable,
        pull_sub=PullSub(batch_size=batch_size, timeout=1.0),
        ack_policy=AckPolicy.MANUAL,  # acked only after the work is committed (see module doc)
        config=ConsumerConfig(max_deliver=-1, ack_wait=cfg.ack_wait_seconds),
        title=f"{stage}:{subject}",
        description=description,
        decoder=_skip_decoding,
    )


def _current_message(broker: NatsBroker) -> Msg:
    """The message being handled, from FastStream's context rather than as a ``NatsMessage``
    parameter: FastDepends resolves such a parameter in a worker thread, a thread hop per
    message.  The payload is validated from the raw bytes by ``_admit``."""
    return cast(NatsMessage, broker.context.get_local("message")).raw_message


def consume_batch(
    broker: NatsBroker,
    *,
    subject: str,
    durable: str,
    stage: str,
    model: type[M],
    work: Callable[[list[M]], Awaitable[None]],
    cfg: NatsSettings,
    batch_size: int = BATCH_SIZE,
) -> None:
    """Subscribe ``work`` to batches of up to ``batch_size`` messages (see the module doc).

    ``work`` gets the valid payloads of a batch in stream order and must commit all or nothing.
    """
    batcher = _Batcher(work, stage)
    description = f"{stage} consumes {model.__name__} in batches"

    @_subscriber(broker, subject, durable, cfg, batch_size, description, stage)
    async def handler() -> None:
        raw = _current_message(broker)
        MESSAGES_IN.labels(subject).inc()
        started = time.perf_counter()
        try:
            payload = await _admit(broker, raw, stage, model, cfg)
            if payload is None:
                return
            try:
                await batcher.run(_sequence(raw), payload)
            except _BatchFailed as failed:
                if failed.size == 1:  # it failed alone: its outcome is known
                    await _work_one(broker, raw, stage, cfg, _raising(failed.cause))
                    return
                async with batcher.one_at_a_time:
                    await _work_one(broker, raw, stage, cfg, _one(work, payload))
                return
            await raw.ack()
        finally:
            PROCESSING_SECONDS.labels(subject).observe(time.perf_counter() - started)


async def _skip_decoding(msg: StreamMessage[Any]) -> None:
    """FastStream would parse every body as JSON for a handler that takes none (async: a sync
    decoder runs in a worker thread)."""
    return None


class _BatchFailed(Exception):
    def __init__(self, cause: Exception, size: int) -> None:
        super().__init__(str(cause))
        self.cause, self.size = cause, size


class _Batcher(Generic[M]):
    """Turns the messages of one pull, handled concurrently, into one call of ``work``.

    FastStream hands each message of a pull to its own handler task, all started at once; each
    handler submits its payload with ``run`` and waits.  The first submission starts a flush,
    which lets the event loop turn until no more payloads join for a few turns, then works
    them all at once, in stream order, and tells every waiting handler the outcome.  Flushes
    run one after another, so batches are committed in the order they were pulled.
    """

    # A batch is closed after this many event-loop turns without a new payload, each but the
    # first a short pause: the handlers of one pull reach ``run`` a few turns apart.
    JOIN_TURNS = 3
    JOIN_PAUSE = 0.001

    def __init__(self, work: Callable[[list[M]], Awaitable[None]], stage: str) -> None:
        self._work, self._stage = work, stage
        self._waiting: list[tuple[int, M, asyncio.Future[None]]] = []
        self._flush: asyncio.Task[None] | None = None
        self._in_turn = asyncio.Lock()  # one batch at a time
        self.one_at_a_time = asyncio.Lock()  # the fallback after a failed batch, in stream order

    async def run(self, seq: int, payload: M) -> None:
        """Work ``payload`` (stream sequence ``seq``) together with the payloads submitted at
        the same time; raises ``_BatchFailed`` if their batch failed (nothing of it committed)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((seq, payload, done))
        if self._flush is None:
            self._flush = asyncio.create_task(self._run_batch())
        await done

    async def _run_batch(self) -> None:
        async with self._in_turn:
            joined, quiet = len(self._waiting), 0
            while quiet < self.JOIN_TURNS:  # the other handlers of the pull join first
                await asyncio.sleep(self.JOIN_PAUSE if quiet else 0)
                quiet = quiet + 1 if len(self._waiting) == joined else 0
                joined = len(self._waiting)
            batch = sorted(self._waiting, key=lambda item: item[0])
            self._waiting, self._flush = [], None
            try:
                await self._work([payload for _, payload, _ in batch])
            except Exception as exc:
                if len(batch) > 1:
                    log.warning(
                        "%s: a batch of %d failed (%s: %s); working its messages one at a time",
                        self._stage,
                        len(batch),
                        type(exc).__name__,
                        exc,
                    )
                for _, _, done in batch:
                    done.set_exception(_BatchFailed(exc, len(batch)))
            else:
                for _, _, done in batch:
                    done.set_result(None)
            finally:  # cancelled mid-batch: the handlers stop too, their messages unacked
                for _, _, done in batch:
                    if not done.done():
                        done.cancel()


def _sequence(raw: Msg) -> int:
    return raw.metadata.sequence.stream if raw.metadata.sequence else 0


def _one(work: Callable[[list[M]], Awaitable[None]], payload: M) -> Callable[[], Awaitable[None]]:
    return lambda: work([payload])


def _raising(exc: Exception) -> Callable[[], Awaitable[None]]:
    async def again() -> None:
        raise exc

    return again


async def _admit(
    broker: NatsBroker, raw: Msg, stage: str, model: type[M], cfg: NatsSettings
) -> M | None:
    """The message's payload, or None once it was dead-lettered (too many deliveries, invalid)."""
    delivered = raw.metadata.num_delivered or 1
    if delivered > cfg.max_deliver:
        await _dead_letter(broker, raw, stage, f"gave up after {delivered - 1} deliveries")
        return None
    try:
        return model.model_validate_json(raw.data)
    except ValidationError as exc:
        await _dead_letter(broker, raw, stage, f"invalid {model.__name__}: {_first(exc)}")
        return None


async def _work_one(
    broker: NatsBroker,
    raw: Msg,
    stage: str,
    cfg: NatsSettings,
    run: Callable[[], Awaitable[None]],
) -> None:
    """Run one message's work, then ack it, retry it later or dead-letter it (module doc)."""
    delivered = raw.metadata.num_delivered or 1
    try:
        await run()
    except PermanentError as exc:
        await _dead_letter(broker, raw, stage, f"{type(exc).__name__}: {exc}")
        return
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        if delivered >= cfg.max_deliver:
            await _dead_letter(broker, raw, stage, f"failed {delivered} times, last: {reason}")
            return
        delay = min(2.0**delivered, 60.0)
        log.warning(
            "%s: delivery %d failed (%s); retrying in %.0fs", stage, delivered, reason, delay
        )
        MESSAGES_FAILED.labels(raw.subject, "retry").inc()
        await raw.nak(delay=delay)
        return
    await raw.ack()


async def _dead_letter(broker: NatsBroker, raw: Msg, stage: str, reason: str) -> None:
    letter = DeadLetter(
        subject=raw.subject,
        stage=stage,
        reason=reason[:2000],
        payload=raw.data.decode("utf-8", errors="replace"),
        num_delivered=raw.metadata.num_delivered,
        failed_at=dt.datetime.now(dt.UTC),
        headers={k: v for k, v in (raw.headers or {}).items() if isinstance(v, str)},
    )
    seq = raw.metadata.sequence.stream if raw.metadata.sequence else 0
    await publish(broker, subjects.dlq_subject(stage), letter, f"dlq:{raw.subject}:{seq}")
    MESSAGES_FAILED.labels(raw.subject, "dead_letter").inc()
    log.error(
        "%s: dead-lettered message %s from %s: %s; `readoutwatch dlq list` shows it,"
        " `readoutwatch dlq replay --seq N` republishes it once the cause is fixed",
        stage,
        seq,
        raw.subject,
        reason,
    )
    await raw.term()


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"

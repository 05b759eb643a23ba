"""NATS JetStream wiring shared by the services: broker, streams, publishing, reliable consumers.

Delivery rules, the same for every consumer (see ``consume``):

* the handler's work is done and committed first, then the message is acked;
* a payload that does not validate, or work that raises ``PermanentError``, goes to
  ``rw.dlq.<stage>`` at once with the reason, and the message is terminated;
* any other failure is nacked with a growing delay and redelivered, up to ``max_deliver``
  deliveries, then dead-lettered like a permanent one.

Publishers set ``Nats-Msg-Id`` from the payload's content, so JetStream drops a re-publish
inside the streams' duplicate window.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import nats
from faststream import AckPolicy
from faststream.nats import ConsumerConfig, JStream, NatsBroker, NatsMessage, PullSub
from nats.js import api
from nats.js.errors import BadRequestError
from pydantic import BaseModel, ValidationError

from shared import subjects
from shared.errors import PermanentError
from shared.metrics import MESSAGES_FAILED, MESSAGES_IN, MESSAGES_OUT, PROCESSING_SECONDS
from shared.natsconn import faststream_options, on_nats_error, tls_context
from shared.schemas import DeadLetter
from shared.settings import NatsSettings

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
DUPLICATE_WINDOW_SECONDS = 24 * 3600.0
STREAM_MAX_AGE_SECONDS = 30 * 24 * 3600.0


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
    return opts


def server_urls(url: str) -> list[str]:
    """``[nats] url`` may list several servers of one cluster, comma-separated."""
    return [part.strip() for part in url.split(",") if part.strip()]


def make_broker(url: str, cfg: NatsSettings) -> NatsBroker:
    # FastStream narrates every message at INFO; route it through our logging tree instead of
    # its own coloured handler (shared.logs keeps the "faststream" branch at WARNING).
    return NatsBroker(
        server_urls(url),
        graceful_timeout=20.0,
        logger=logging.getLogger("faststream.readoutwatch"),
        log_level=logging.DEBUG,
        **faststream_options(connect_options(cfg)),
    )


async def ensure_streams(url: str, cfg: NatsSettings) -> None:
    """Create or update the streams of ``subjects.STREAMS``; safe to call at every start."""
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
    finally:
        await nc.close()


async def publish(broker: NatsBroker, subject: str, model: BaseModel, msg_id: str) -> None:
    """Publish ``model`` as JSON to a JetStream subject, deduplicated by ``msg_id``."""
    await broker.publish(
        model.model_dump_json().encode(),
        subject,
        headers={"Nats-Msg-Id": msg_id, "content-type": "application/json"},
        stream=subjects.stream_for(subject),
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
    stream = JStream(subjects.stream_for(subject), declare=False)

    @broker.subscriber(
        subject,
        stream=stream,
        durable=durable,
        pull_sub=PullSub(batch_size=1, timeout=1.0),
        ack_policy=AckPolicy.MANUAL,  # acked only after the work is committed (see module doc)
        config=ConsumerConfig(max_deliver=-1, ack_wait=cfg.ack_wait_seconds),
        title=f"{stage}:{subject}",
        description=f"{stage} consumes {model.__name__}",
    )
    async def handler(msg: NatsMessage) -> None:
        raw = msg.raw_message
        delivered = raw.metadata.num_delivered or 1
        MESSAGES_IN.labels(subject).inc()
        started = time.perf_counter()
        if delivered > cfg.max_deliver:
            await _dead_letter(broker, msg, stage, f"gave up after {delivered - 1} deliveries")
            return
        try:
            payload = model.model_validate_json(raw.data)
        except ValidationError as exc:
            await _dead_letter(broker, msg, stage, f"invalid {model.__name__}: {_first(exc)}")
            return
        try:
            await work(payload)
        except PermanentError as exc:
            await _dead_letter(broker, msg, stage, f"{type(exc).__name__}: {exc}")
            return
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            if delivered >= cfg.max_deliver:
                await _dead_letter(broker, msg, stage, f"failed {delivered} times, last: {reason}")
                return
            delay = min(2.0**delivered, 60.0)
            log.warning(
                "%s: delivery %d failed (%s); retrying in %.0fs", stage, delivered, reason, delay
            )
            MESSAGES_FAILED.labels(subject, "retry").inc()
            await msg.nack(delay=delay)
            return
        finally:
            PROCESSING_SECONDS.labels(subject).observe(time.perf_counter() - started)
        await msg.ack()


async def _dead_letter(broker: NatsBroker, msg: NatsMessage, stage: str, reason: str) -> None:
    raw = msg.raw_message
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
    log.error("%s: dead-lettered message %s from %s: %s", stage, seq, raw.subject, reason)
    await msg.reject()


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"

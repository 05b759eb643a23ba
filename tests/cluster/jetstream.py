"""Test-side JetStream helpers: publish with retries through a failover, read a stream back,
and poll a consumer until it is drained."""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import TypeVar

import nats
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from pydantic import BaseModel

from shared import subjects

M = TypeVar("M", bound=BaseModel)
# During a failover any of nats-py's errors may come (timeout, no responders, no stream
# response, reconnecting): all of them mean "ask again in a moment".
RETRYABLE = nats.errors.Error


async def publish_until_acked(
    js: JetStreamContext, subject: str, model: BaseModel, msg_id: str, within: float = 30.0
) -> None:
    """Publish with ``Nats-Msg-Id``; while a node fails over, try again (the id dedups)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        try:
            await js.publish(
                subject,
                model.model_dump_json().encode(),
                headers={"Nats-Msg-Id": msg_id},
                stream=subjects.stream_for(subject),
                timeout=2.0,
            )
            return
        except RETRYABLE:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.2)


T = TypeVar("T")


async def _retrying(call: Callable[[], Awaitable[T]], within: float = 30.0) -> T:
    """``call()``, asked again while the cluster elects new stream leaders after a kill."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        try:
            return await call()
        except NotFoundError:
            raise
        except RETRYABLE:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.5)


async def read_stream(js: JetStreamContext, subject: str, model: type[M]) -> list[M]:
    """Every message of ``subject``'s stream, in order (deleted sequences skipped)."""
    stream = subjects.stream_for(subject)
    last = (await _retrying(functools.partial(js.stream_info, stream))).state.last_seq
    out = []
    for seq in range(1, last + 1):
        try:
            msg = await _retrying(functools.partial(js.get_msg, stream, seq))
        except NotFoundError:
            continue
        if msg.subject == subject:
            out.append(model.model_validate_json(msg.data or b"{}"))
    return out


async def until(
    predicate: Callable[[], object] | Callable[[], Awaitable[object]], within: float, what: str
) -> None:
    """Poll ``predicate`` (state held by other processes has no event to wait on)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = predicate()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {within:.0f}s waiting for {what}")
        await asyncio.sleep(0.1)


async def drained(js: JetStreamContext, subject: str, durable: str) -> bool:
    """True when the durable consumer of ``subject`` has nothing pending or unacked."""
    try:
        info = await js.consumer_info(subjects.stream_for(subject), durable, timeout=2.0)
    except RETRYABLE:
        return False  # a node failing over: ask again
    return not info.num_pending and not info.num_ack_pending

"""What the fault tests share: the notifier's consumer state, one readout to publish, the checks
"nothing acked yet" and "alerted exactly once", and running the CLI as a user would."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from nats.js import JetStreamContext

from shared import subjects
from shared.schemas import AlertRaised
from tests.cluster.jetstream import drained, publish_until_acked, read_stream, until
from tests.cluster.procs import REPO_ROOT
from tests.cluster.synthetic import generate
from tests.e2e.servers import LoopbackHTTP

HOOK = "/slack/hook"


async def notifier_info(js: JetStreamContext) -> Any:
    return await js.consumer_info(subjects.stream_for(subjects.READOUTS), subjects.NOTIFIER_DURABLE)


async def in_flight(js: JetStreamContext) -> bool:
    """The notifier holds a delivered, unacked readout (its handler is running)."""
    return bool((await notifier_info(js)).num_ack_pending)


async def publish_one_readout(js: JetStreamContext, seed: int) -> str:
    """Publish the extractor's verdict on one synthetic readout; its URL."""
    article = next(a for a in generate(4, seed=seed) if a.kind is not None)
    readout = article.readout()
    await publish_until_acked(js, subjects.READOUTS, readout, readout.msg_id())
    return article.url


async def assert_unacked_for(js: JetStreamContext, slack: LoopbackHTTP, seconds: float) -> None:
    """Through an outage: nothing acked and nothing sent, since nothing is committed."""
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        info = await notifier_info(js)
        assert info.ack_floor.stream_seq == 0, "acked before the work was committed"
        assert slack.posts(HOOK) == []
        await asyncio.sleep(0.2)


async def assert_alerted_once(js: JetStreamContext, slack: LoopbackHTTP, url: str) -> None:
    await until(lambda: len(slack.posts(HOOK)) >= 1, 60, "the alert")
    await until(lambda: drained(js, subjects.READOUTS, subjects.NOTIFIER_DURABLE), 30, "the ack")
    alerts = await read_stream(js, subjects.ALERTS, AlertRaised)
    assert [a.sources for a in alerts] == [[url]]
    assert len(slack.posts(HOOK)) == 1


async def cli(*args: str) -> tuple[int, str, str]:
    """``readoutwatch ARGS`` in a child process, without our READOUTWATCH_* environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "services.cli", *args, cwd=REPO_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode or 0, out.decode(), err.decode()

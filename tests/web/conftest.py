"""The web role as a user runs it: the seeds replayed into a data dir, then `readoutwatch web`.

``seeded`` replays ``seeds/`` through the real pipeline (``readoutwatch replay``) with a
subscription whose webhook points at a closed loopback port and one attempt allowed, so the
history holds the seven manifest alerts and each has one *failed* delivery with its error.
``web`` starts ``readoutwatch web`` on that data dir against a nats-server of its own, and puts
three sources' health into the key-value bucket the fetcher would fill: one broken, one quiet
and one fine.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import nats
import pytest

from shared.natsserver import EmbeddedNats, free_port
from shared.source_health import SourceHealth, ensure_bucket, put_health
from tests.conftest import REPO_ROOT

NOW = dt.datetime.now(dt.UTC)
BROKEN = SourceHealth(
    url="http://127.0.0.1:9/broken-feed.xml",
    kind="feed",
    last_polled=NOW - dt.timedelta(minutes=2),
    last_success=NOW - dt.timedelta(days=3),
    last_error="HTTP 503 Service Unavailable",
    failing_since=NOW - dt.timedelta(days=2, hours=5),
    consecutive_failures=14,
    next_poll=NOW + dt.timedelta(minutes=8),
    entries_seen=40,
    last_new_entry=NOW - dt.timedelta(days=4),
)
QUIET = SourceHealth(
    url="http://127.0.0.1:9/quiet-feed.xml",
    kind="feed",
    last_polled=NOW - dt.timedelta(minutes=1),
    last_success=NOW - dt.timedelta(minutes=1),
    next_poll=NOW + dt.timedelta(minutes=4),
    entries_seen=12,
    last_new_entry=NOW - dt.timedelta(days=30),
)
FINE = SourceHealth(
    url="http://127.0.0.1:9/busy-page",
    kind="page",
    last_polled=NOW - dt.timedelta(minutes=1),
    last_success=NOW - dt.timedelta(minutes=1),
    next_poll=NOW + dt.timedelta(minutes=4),
    entries_seen=300,
    last_new_entry=NOW - dt.timedelta(hours=2),
)


@dataclass(frozen=True)
class Web:
    url: str
    data_dir: Path


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web")
    config = root / "replay.toml"
    config.write_text(
        '[alerts]\nmax_attempts = 1\n\n[[subscriptions]]\nname = "desk"\n'
        f'webhook = "http://127.0.0.1:{free_port()}/hook"\n',
        encoding="utf-8",
    )
    data_dir = root / "data"
    command = [sys.executable, "-m", "services.cli", "replay", str(REPO_ROOT / "seeds")]
    command += ["--data-dir", str(data_dir), "--config", str(config)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, env=_env())
    # replay exits 1 when a delivery failed for good, as the dead webhook's all do here
    assert done.returncode == 1, done.stderr[-3000:]
    assert "replayed 5 articles, 7 alerts" in done.stderr, done.stderr[-3000:]
    assert "webhook desk: 7 failed" in done.stderr, done.stderr[-3000:]
    return data_dir


async def _put_sources(url: str) -> None:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        await ensure_bucket(js)
        for health in (BROKEN, QUIET, FINE):
            await put_health(js, health)
    finally:
        await nc.close()


@pytest.fixture(scope="session")
def web(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    broker = EmbeddedNats(tmp_path_factory.mktemp("web-nats"))
    broker.start()
    port = free_port()
    command = [sys.executable, "-m", "services.cli", "web", "--data-dir", str(seeded)]
    command += ["--nats-url", broker.url, "--http-port", str(port)]
    log = (tmp_path_factory.mktemp("web-log") / "web.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(command, stderr=log, text=True, env=_env())
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_ready(url, proc, Path(log.name))
        asyncio.run(_put_sources(broker.url))
        yield Web(url, seeded)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        broker.stop()
        log.close()


def _wait_ready(url: str, proc: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8")[-3000:]
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("readoutwatch web did not become ready within 60 s")

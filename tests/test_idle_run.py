"""A healthy `readoutwatch run` left idle logs nothing alarming, and only JSON.

The run has one loopback source that answers 304 and one whose host cannot be resolved (a
``.invalid`` name), and nothing to extract or deliver.  For ``IDLE_SECONDS`` (many periods of
the consumers' pull timeout, ``PULL_TIMEOUT_SECONDS``: an idle fetch that times out must stay an
empty poll, not FastStream's "Task-NN raised an exception, retrying..." ERROR with a traceback)
every line of stderr must be a JSON object, none an ERROR or a traceback, and the only WARNINGs
are the failing source's, spaced out as its polls back off.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from shared.natsserver import free_port
from tests.cluster.procs import reap
from tests.e2e.servers import LoopbackHTTP

IDLE_SECONDS = 120.0
PULL_TIMEOUT_SECONDS = 1.0  # shared.bus: PullSub(timeout=1.0) of both durable consumers
BROKEN_HOST = "feeds.readoutwatch-test.invalid"

pytestmark = [pytest.mark.nats, pytest.mark.slow, pytest.mark.timeout(IDLE_SECONDS + 120)]


def _config(tmp: Path, site: str) -> Path:
    path = tmp / "readoutwatch.toml"
    path.write_text(
        f"""
data_dir = "{tmp / "data"}"
[fetcher]
allow_private_networks = true
[[sources]]
url = "{site}/feed.xml"
every = "5s"
[[sources]]
url = "http://{BROKEN_HOST}/feed.xml"
every = "5s"
[http]
port = {free_port()}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def idle_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    """The run's stderr, and how many times the 304 source was polled."""
    assert IDLE_SECONDS >= 2 * PULL_TIMEOUT_SECONDS
    tmp = tmp_path_factory.mktemp("idle")
    site = LoopbackHTTP(routes={"/feed.xml": (304, "application/rss+xml", b"")}).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    try:
        with open(tmp / "stderr", "wb") as err:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "services.cli",
                    "run",
                    "--config",
                    str(_config(tmp, site.base)),
                ],
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=env,
            )
        try:
            deadline = time.monotonic() + IDLE_SECONDS
            while time.monotonic() < deadline:
                assert proc.poll() is None, "readoutwatch run exited while idle"
                time.sleep(1)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(30) == 0
        finally:
            reap(proc)
    finally:
        polls = sum(1 for r in site.requests if r.path == "/feed.xml")
        site.stop()
    return (tmp / "stderr").read_text(encoding="utf-8"), polls


def _records(raw: str) -> list[dict[str, Any]]:
    """The JSON log records of ``raw`` (test_every_line_is_... checks there is nothing else)."""
    records = []
    for line in raw.splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


def test_every_line_is_a_json_log_record_without_colour_codes(idle_run: Any) -> None:
    raw, _ = idle_run
    assert raw.strip(), "the run logged nothing"
    for number, line in enumerate(raw.splitlines(), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            pytest.fail(f"stderr line {number} is not JSON: {line[:200]!r}")
        assert {"ts", "level", "logger", "msg"} <= set(record), line
    assert "\x1b[" not in raw


def test_an_idle_run_logs_no_error_and_no_traceback(idle_run: Any) -> None:
    raw, polls = idle_run
    lines = _records(raw)
    assert polls >= 3, "the 304 source was hardly polled: nothing was exercised"
    assert "Traceback" not in raw
    bad = [line for line in lines if line["level"] in ("error", "critical") or "exc" in line]
    assert not bad, bad


def test_only_the_failing_source_warns_and_its_warnings_back_off(idle_run: Any) -> None:
    lines = _records(idle_run[0])
    warnings = [line for line in lines if line["level"] == "warning"]
    assert warnings and all(BROKEN_HOST in line["msg"] for line in warnings), warnings
    assert all("cannot resolve" in line["msg"] for line in warnings)
    delays = [
        int(m.group(1)) for w in warnings if (m := re.search(r"next poll in (\d+)s", w["msg"]))
    ]
    assert len(delays) == len(warnings) >= 4
    assert all(later > earlier for earlier, later in itertools.pairwise(delays))
    times = [dt.datetime.fromisoformat(w["ts"]).timestamp() for w in warnings]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    for delay, gap in zip(delays, gaps, strict=False):
        assert gap >= 0.7 * delay, (
            delay,
            gap,
        )  # the next poll came no sooner than announced (jitter)

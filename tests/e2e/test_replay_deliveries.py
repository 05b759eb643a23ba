"""`replay --config` with a Slack subscription waits for its deliveries and says how they went.

A real loopback Slack receiver answers 500 to the first three posts: the replay retries them
before it exits and reports ``slack desk: 7 delivered``.  A receiver that always fails makes
the deliveries fail for good (exit 1, the last error shown), or, with retries far away and a
short ``--wait-deliveries``, leaves them pending: the summary says when the next try is and
``readoutwatch alerts --pending`` prints the same lines.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.servers import LoopbackHTTP, Recorded

pytestmark = [pytest.mark.nats, pytest.mark.slow]
SLACK_PATH = "/services/T0/B0/replaytest"
SEED_ALERTS = 7


@pytest.fixture
def slack() -> Iterator[LoopbackHTTP]:
    site = LoopbackHTTP().start()
    yield site
    site.stop()


def _failing(times: int | None) -> object:
    """A post status: 500 for the first ``times`` posts (every post when None), then 200."""
    seen: list[Recorded] = []

    def status(req: Recorded) -> int:
        seen.append(req)
        return 500 if times is None or len(seen) <= times else 200

    return status


def _config(tmp: Path, slack: LoopbackHTTP, *, retry_base: float, max_attempts: int) -> Path:
    path = tmp / "replay.toml"
    path.write_text(
        f"""
[alerts]
retry_base_seconds = {retry_base}
max_attempts = {max_attempts}
[[subscriptions]]
name = "desk"
slack_webhook = "{slack.base}{SLACK_PATH}"
""",
        encoding="utf-8",
    )
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "services.cli", *args],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        check=False,
    )


def _report(stderr: str) -> list[str]:
    """The plain summary lines of stderr (log lines are JSON objects)."""
    return [line for line in stderr.splitlines() if line and not line.startswith("{")]


def test_failed_posts_are_retried_before_replay_exits(
    seeds_dir: Path, tmp_path: Path, slack: LoopbackHTTP
) -> None:
    slack.post_status = _failing(3)  # type: ignore[assignment]
    config = _config(tmp_path, slack, retry_base=0.3, max_attempts=10)
    result = _cli("replay", str(seeds_dir), "--json", "--config", str(config))
    assert result.returncode == 0, result.stderr[-3000:]
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == SEED_ALERTS
    assert all("participants" in json.loads(line) for line in result.stdout.splitlines())
    assert len(slack.posts(SLACK_PATH)) == SEED_ALERTS + 3
    assert _report(result.stderr)[-1] == f"slack desk: {SEED_ALERTS} delivered"


def test_deliveries_that_fail_for_good_make_replay_fail(
    seeds_dir: Path, tmp_path: Path, slack: LoopbackHTTP
) -> None:
    slack.post_status = _failing(None)  # type: ignore[assignment]
    config = _config(tmp_path, slack, retry_base=0.2, max_attempts=2)
    result = _cli("replay", str(seeds_dir), "--json", "--config", str(config))
    assert result.returncode == 1, result.stderr[-3000:]
    assert len(result.stdout.splitlines()) == SEED_ALERTS  # the alerts are still printed
    last = _report(result.stderr)[-1]
    assert last.startswith(f"slack desk: {SEED_ALERTS} failed (last error: "), last
    assert "500" in last


def test_pending_deliveries_are_reported_with_their_next_try(
    seeds_dir: Path, tmp_path: Path, slack: LoopbackHTTP
) -> None:
    slack.post_status = _failing(None)  # type: ignore[assignment]
    config = _config(tmp_path, slack, retry_base=3600, max_attempts=5)
    state = ["--data-dir", str(tmp_path / "state"), "--config", str(config)]
    result = _cli("replay", str(seeds_dir), "--json", "--wait-deliveries", "1", *state)
    assert result.returncode == 0, result.stderr[-3000:]
    # (a line for the built-in bus output too, should its publish wait for a retry)
    (last,) = [line for line in _report(result.stderr) if line.startswith("slack ")]
    pattern = (
        rf"slack desk: {SEED_ALERTS} pending, next try \d\d:\d\dZ, delivered by the next run or "
        r"notifier \(last error: .*500.*\)"
    )
    assert re.fullmatch(pattern, last), last
    pending = _cli("alerts", "--pending", *state)
    assert pending.returncode == 0, pending.stderr[-3000:]
    assert [line for line in pending.stdout.splitlines() if line.startswith("slack ")] == [last]


def test_a_pending_delivery_in_a_temporary_replay_is_reported_lost(
    seeds_dir: Path, tmp_path: Path, slack: LoopbackHTTP
) -> None:
    slack.post_status = _failing(None)  # type: ignore[assignment]
    config = _config(tmp_path, slack, retry_base=3600, max_attempts=5)
    result = _cli("replay", str(seeds_dir), "--wait-deliveries", "0", "--config", str(config))
    assert result.returncode == 1, result.stderr[-3000:]
    assert "state was temporary (use --data-dir" in _report(result.stderr)[-1]

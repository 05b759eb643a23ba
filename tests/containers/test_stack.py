"""The compose stack in containers, faults at the container level.  Each test feeds a batch of
synthetic articles through the feed server and holds the pipeline to "every alert arrives at
the Slack receiver exactly once" while its fault happens mid-stream.  The tests share one stack
and run in file order; the last one reads every container's environment and logs for secrets.

``docker kill`` marks a container as stopped by hand, and Docker then ignores its restart policy
(seen with Docker 20.10 here): ``crash`` sends SIGKILL to the container's process from the host
instead, which is what a crash is, and the restart policy brings the container back.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from tests.containers.running import Running
from tests.containers.stack import compose_services, seconds
from tests.containers.waits import arrived, assert_exactly_once, healthy, state, until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
APP = ["fetcher", "extractor-1", "extractor-2", "notifier"]


def mid_stream(run: Running, tag: str, first: int = 4) -> set[str]:
    """Put a batch on the feed gradually; return once ``first`` of its alerts arrived, while more
    articles are still to come."""
    publishing = run.publish_gradually(tag)
    expected = publishing.expected
    until(lambda: arrived(run.slack, expected) >= first, 180, f"the first alerts of {tag}")
    assert publishing.thread.is_alive(), "the batch was on the feed before the fault"
    return expected


def exactly_once(run: Running, expected: set[str]) -> None:
    """``assert_exactly_once``, allowing what the notifier logged it resent after a kill."""
    assert_exactly_once(run.slack, expected, notifier=run.stack.containers["notifier"])


def crash(run: Running, name: str) -> None:
    """SIGKILL the container's process; wait until the restart policy has it running again."""
    container = run.stack.containers[name]
    pid, restarts = state(container)["Pid"], container.attrs["RestartCount"]
    os.kill(pid, signal.SIGKILL)

    def restarted() -> bool:
        running = state(container)["Running"]  # reloads attrs first
        return bool(running and container.attrs["RestartCount"] > restarts)

    until(restarted, 60, f"{name} restarted by its restart policy")


def test_health_checks_turn_healthy_and_the_feed_becomes_alerts(stack: Running) -> None:
    healthy(stack.stack, APP)
    expected = stack.publish("e2e")
    assert len(expected) >= 15
    exactly_once(stack, expected)


def test_web_role_turns_healthy(stack: Running) -> None:
    if stack.web_skipped:
        pytest.skip(stack.web_skipped)
    healthy(stack.stack, ["web"])


@pytest.mark.parametrize("name", ["extractor-1", "notifier"])
def test_sigkill_mid_stream_then_restart_policy_every_alert_once(stack: Running, name: str) -> None:
    expected = mid_stream(stack, f"kill-{name}")
    crash(stack, name)
    healthy(stack.stack, [name])
    exactly_once(stack, expected)


def test_nats_restarted_mid_stream_nothing_lost(stack: Running) -> None:
    expected = mid_stream(stack, "nats-restart")
    stack.stack.containers["nats"].restart(timeout=10)
    healthy(stack.stack, ["nats", *APP])
    exactly_once(stack, expected)


def test_notifier_cut_from_postgres_for_20s_recovers(stack: Running) -> None:
    expected = mid_stream(stack, "db-cut")
    db, notifier = stack.stack.networks["db"], stack.stack.containers["notifier"]
    db.disconnect(notifier)
    try:
        time.sleep(20)
        during = arrived(stack.slack, expected)
    finally:
        db.connect(notifier, aliases=["notifier"])
    assert during < len(expected), "every alert arrived while the database was unreachable"
    exactly_once(stack, expected)


def test_docker_stop_drains_within_the_grace_period(stack: Running) -> None:
    grace = {
        name: seconds(spec["stop_grace_period"])
        for name, spec in compose_services().items()
        if "stop_grace_period" in spec
    }
    expected = mid_stream(stack, "stop")
    took = {}
    for name in ["fetcher", "extractor-2", "notifier"]:
        container = stack.stack.containers[name]
        started = time.monotonic()
        container.stop(timeout=grace[name.split("-")[0]])
        took[name] = time.monotonic() - started
        exit_code = state(container)["ExitCode"]
        logs = container.logs(tail=50).decode("utf-8", "replace")
        assert exit_code == 0, f"{name} exited {exit_code} after docker stop:\n{logs}"
        assert "draining" in logs, f"{name} did not drain:\n{logs}"
        assert took[name] < grace[name.split("-")[0]], took
        container.start()
    healthy(stack.stack, APP)
    exactly_once(stack, expected)
    print(f"docker stop took {took}")


def test_secrets_only_as_files_never_in_inspect_or_logs(stack: Running) -> None:
    values = stack.secret_values
    for name, container in stack.stack.containers.items():
        container.reload()
        inspected = json.dumps(container.attrs)
        env = container.attrs["Config"]["Env"] or []
        logs = container.logs().decode("utf-8", "replace")
        for secret, value in values.items():
            assert value not in inspected, f"{secret} in `docker inspect` of {name}"
            assert value not in logs, f"{secret} in the logs of {name}"
        for var in env:
            assert not var.startswith(
                ("READOUTWATCH_DATABASE_URL=", "READOUTWATCH_NATS_PASSWORD=")
            ), var
        spec = compose_services().get(name.split("-")[0], {})
        mounted = {m["Destination"] for m in container.attrs["Mounts"]}
        assert {f"/run/secrets/{s}" for s in spec.get("secrets", [])} <= mounted, name
    assert any("alert al_" in body for body in stack.slack.bodies())  # the webhook file was read

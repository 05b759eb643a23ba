"""`readoutwatch run` as a user starts it: embedded broker, health endpoints and dashboard,
clean Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from shared.natsserver import free_port
from tests.cluster.procs import reap

pytestmark = [pytest.mark.nats, pytest.mark.slow]


def _children_with(marker: str) -> list[str]:
    """Command lines of live processes that mention ``marker`` (our data dir)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "stat").read_text().split(") ", 1)[1][:1]
        except OSError:
            continue
        if marker in cmd and state != "Z":
            found.append(cmd)
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to look for orphans")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_run_serves_health_and_stops_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    port = free_port()
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "services.cli",
            "run",
            "--data-dir",
            str(data_dir),
            "--http-port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        ready = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1)
                if ready.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        assert ready is not None and ready.status_code == 200, proc.stderr and proc.stderr.read()
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        metrics = httpx.get(f"http://127.0.0.1:{port}/metrics").text
        assert "readoutwatch_messages_in" in metrics
        dashboard = httpx.get(f"http://127.0.0.1:{port}/")  # the web role runs in `run` too
        assert dashboard.status_code == 200 and "Newest contacts" in dashboard.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/contacts").json()["items"] == []
        assert _children_with(str(data_dir)), "the embedded nats-server should be running"

        started = time.monotonic()
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err[-2000:]
        assert time.monotonic() - started < 30
        assert "nats-server: v" in err  # the broker's version is logged at start
        assert _children_with(str(data_dir)) == []
        assert (data_dir / "readoutwatch.db").is_file()
    finally:
        reap(proc)


def test_bad_configuration_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[alerts]\nsilence_days = 'soon'\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "services.cli", "run", "--config", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "readoutwatch run: invalid configuration at alerts.silence_days: "
        "Input should be a valid integer, unable to parse string as an integer"
    ]

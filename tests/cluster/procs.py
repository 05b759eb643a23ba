"""Services as separate OS processes (``python -m services.cli <role> --config FILE``), as in
production: start, wait until /readyz answers, SIGKILL or SIGTERM them; plus a TOML writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from shared.natsserver import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(path: Path, config: dict[str, Any]) -> Path:
    """Write ``config`` as TOML: scalars, then ``[section]`` dicts, then ``[[array]]`` tables."""
    lines = [f"{k} = {_value(v)}" for k, v in config.items() if not isinstance(v, dict | list)]
    for key, value in config.items():
        if isinstance(value, dict):
            lines += [f"[{key}]", *(f"{k} = {_value(v)}" for k, v in value.items())]
        elif isinstance(value, list):
            for table in value:
                lines += [f"[[{key}]]", *(f"{k} = {_value(v)}" for k, v in table.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class ServiceProcess:
    """One ``readoutwatch <role>`` child; its stderr (JSON log lines) goes to ``log``."""

    role: str
    config: Path
    log: Path
    http_port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServiceProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
        cmd = [sys.executable, "-m", "services.cli", self.role, "--config", str(self.config)]
        cmd += ["--http-port", str(self.http_port)]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Block until GET /readyz is 200 (connected and consuming); fail if the child died."""
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.http_port}/readyz"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.role} exited {self.proc.returncode}: {self.tail()}")
            try:
                if httpx.get(url, timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{self.role} not ready within {timeout}s: {self.tail()}")

    def kill(self) -> None:
        """SIGKILL: no drain, no ack of what is in flight."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM and wait; the exit code (the child is killed if it overruns ``timeout``)."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"{self.role} did not stop within {timeout}s") from None

    def stop(self) -> None:
        """Best-effort cleanup for finally blocks."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.terminate(30)
            except AssertionError:
                pass

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def reap(proc: subprocess.Popen[Any]) -> None:
    """For ``finally`` blocks: a child still running after its test (a failed assertion) is
    killed and waited for, so no process outlives the test."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process (Linux /proc), 0.0 when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    except OSError:
        return 0.0
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")

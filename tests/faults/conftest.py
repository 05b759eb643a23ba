"""Fixtures of the fault tests: a nats-server of their own, a Slack receiver, a notifier config."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nats
import pytest

from shared.natsserver import EmbeddedNats
from tests.cluster.procs import write_config
from tests.e2e.servers import LoopbackHTTP
from tests.faults.helpers import HOOK


@pytest.fixture
def own_nats(tmp_path: Path) -> Iterator[EmbeddedNats]:
    """A nats-server for this test only: the services' durable names are fixed, so a shared
    server would hand them what other tests left behind."""
    server = EmbeddedNats(tmp_path / "nats").start()
    yield server
    server.stop()


@pytest.fixture
def slack() -> Iterator[LoopbackHTTP]:
    server = LoopbackHTTP().start()
    yield server
    server.stop()


@pytest.fixture
def make_config(tmp_path: Path, slack: LoopbackHTTP) -> Callable[..., Path]:
    """``make_config(nats_url, nats={...}, database={...})``: a TOML file for the services."""

    def make(url: str, **sections: dict[str, Any]) -> Path:
        config: dict[str, Any] = {
            "data_dir": str(tmp_path / "data"),
            "nats": {"url": url, **sections.pop("nats", {})},
            "output": {"console": False},
            **sections,
            "subscriptions": [{"name": "desk", "slack_webhook": slack.base + HOOK}],
        }
        return write_config(tmp_path / "readoutwatch.toml", config)

    return make


@pytest.fixture
async def js_client(own_nats: EmbeddedNats) -> Any:
    nc = await nats.connect(own_nats.url)
    yield nc.jetstream()
    await nc.close()

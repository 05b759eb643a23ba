"""`readoutwatch alerts --config FILE`: recent alerts and their delivery state, secrets hidden."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.cli import main
from services.notifier.channels import build_channels
from services.notifier.channels.webpost import open_http
from services.notifier.deliver import deliver_pending
from services.notifier.migrate import upgrade_database
from services.notifier.record import record_and_lease, record_readout
from services.notifier.thresholds import SilenceRules
from shared.db import make_engine, make_sessionmaker
from shared.settings import Settings, load_settings
from tests.e2e.servers import LoopbackHTTP
from tests.notifier.builders import SEEDS_IN_PUBLICATION_ORDER


async def _fill(settings: Settings) -> None:
    """Record the seeds, then one delivery pass while the Slack receiver answers 500."""
    await upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    for found in SEEDS_IN_PUBLICATION_ORDER:
        async with sessions() as session:
            await record_readout(
                session,
                found,
                rules=SilenceRules(),
                subscriptions=settings.subscriptions,
                outputs=["jsonl"],
            )
    async with open_http() as client:
        await deliver_pending(sessions, build_channels(settings, client))
    await engine.dispose()


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """main() points the root logger at this test's captured stderr; put it back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


@pytest.fixture
def config(tmp_path: Path) -> tuple[Path, str]:
    slack = LoopbackHTTP(post_status=lambda _req: 500).start()
    hook = f"{slack.base}/services/T1/B2/very-secret-token"
    path = tmp_path / "rw.toml"
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n'
        f'[[subscriptions]]\nname = "desk"\nslack_webhook = "{hook}"\n',
        encoding="utf-8",
    )
    asyncio.run(_fill(load_settings(path)))
    slack.stop()
    return path, hook


def test_lists_newest_alerts_with_their_deliveries(
    config: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, hook = config
    assert main(["alerts", "--config", str(path), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("2024-01-19 silence_ended: Joe Biden (US) – Benjamin Netanyahu")
    assert "first in 27 days" in lines[0]
    states = [line.split()[:2] for line in lines[1:3]]
    assert states == [["_output/jsonl", "done"], ["desk/slack", "pending"]]
    assert "HTTP 500" in lines[2] and "1 attempt," in lines[2]
    assert lines[3].startswith("2024-01-09 new_contact: Antony Blinken (US)")
    assert sum(not line.startswith(" ") for line in lines) == 2
    assert hook not in out and "very-secret-token" not in out


def test_json_lines_carry_the_delivery_state(
    config: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = config
    assert main(["alerts", "--config", str(path), "--json"]) == 0
    alerts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(alerts) == 7
    assert alerts[0]["type"] == "silence_ended" and alerts[0]["silence_days"] == 27
    states = {(d["channel"], d["status"], d["attempts"]) for d in alerts[0]["deliveries"]}
    assert states == {("jsonl", "done", 1), ("slack", "pending", 1)}


def test_a_fresh_data_dir_has_no_alerts_and_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["alerts", "--data-dir", str(tmp_path / "new")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no alerts yet" in captured.err
    assert not (tmp_path / "new" / "readoutwatch.db").exists()


def test_a_delivery_claimed_for_its_first_attempt_says_until_when(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The notifier commits new deliveries already claimed; one it never finished (it died, or
    is sending right now) shows until when it is claimed, not a retry time."""
    path = tmp_path / "rw.toml"
    path.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    settings = load_settings(path)
    lease_end = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)

    async def record() -> None:
        await upgrade_database(settings.database_url)
        engine = make_engine(settings.database_url)
        async with make_sessionmaker(engine)() as session:
            await record_and_lease(
                session,
                SEEDS_IN_PUBLICATION_ORDER[-1:],
                rules=SilenceRules(),
                subscriptions=[],
                outputs=["jsonl"],
                lease_until=lease_end,
            )
        await engine.dispose()

    asyncio.run(record())
    assert main(["alerts", "--config", str(path)]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "_output/jsonl" in line]
    assert "pending" in line and "1 attempt" in line
    assert "claimed until 2030-01-02 03:04:05Z" in line

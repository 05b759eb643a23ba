"""`readoutwatch replay seeds --json`: the seven manifest alerts, then none on a second run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.nats, pytest.mark.slow]


def _replay(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "services.cli", "replay", *args],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        check=False,
    )


def _expected(seeds_dir: Path) -> list[dict[str, object]]:
    manifest = json.loads((seeds_dir / "manifest.json").read_text(encoding="utf-8"))
    return [
        {
            "date": a["date"],
            "pair": sorted(a["pair"]),
            "type": a["type"],
            "silence_days": a.get("silence_days"),
        }
        for a in manifest["expected_alerts_in_date_order"]
    ]


def _summary(line: str) -> dict[str, object]:
    alert = json.loads(line)
    days = alert["silence_days"] if alert["type"] == "silence_ended" else None
    return {
        "date": alert["date"],
        "pair": sorted(p["name"] for p in alert["participants"]),
        "type": alert["type"],
        "silence_days": days,
    }


def test_replay_prints_the_manifest_alerts_once(seeds_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    first = _replay(str(seeds_dir), "--json", "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr[-3000:]
    lines = [line for line in first.stdout.splitlines() if line.strip()]
    got = [_summary(line) for line in lines]
    assert got == _expected(seeds_dir), "\n".join(lines)
    for line in lines:
        alert = json.loads(line)
        assert set(alert) >= {
            "type",
            "date",
            "kind",
            "participants",
            "silence_days",
            "previous_contact",
            "sources",
        }
        assert alert["sources"] and all(s.startswith("http") for s in alert["sources"])
        assert all(p["country"] in {"US", "IL"} for p in alert["participants"])

    second = _replay(str(seeds_dir), "--json", "--data-dir", str(data_dir))
    assert second.returncode == 0, second.stderr[-3000:]
    assert second.stdout.strip() == ""


def test_replay_of_a_missing_directory_is_one_clear_error(tmp_path: Path) -> None:
    result = _replay(str(tmp_path / "nowhere"), "--json")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("readoutwatch replay:")
    assert "manifest.json" in result.stderr

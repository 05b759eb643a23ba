"""`readoutwatch extract`: the CONTRACTS.md shape, one line out per line in, no NATS imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "services.cli", "extract", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_one_output_line_per_input_line_in_order() -> None:
    seed = (SEEDS / "003_45980abecdf191be.txt").read_text(encoding="utf-8")
    paras = "".join(f"<p>{line}</p>" for line in seed.splitlines() if line.strip())
    page = f"<html><head><title>Biden, Netanyahu talk</title></head><body>{paras}</body></html>"
    lines = [
        json.dumps({"id": "a1", "text": seed, "published": "2024-01-19"}),
        "{not json",
        json.dumps({"id": "a3", "text": "Shares rose after the earnings call on Monday."}),
        json.dumps({"id": "a4"}),
        json.dumps(
            {
                "id": "a5",
                "html": page,
                "published": "2024-01-19",
            }
        ),
        json.dumps({"id": "a6", "text": "x", "published": "not a date"}),
    ]
    result = _run("\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a1", None, "a3", "a4", "a5", "a6"]
    assert all(set(o) == {"id", "is_readout", "error", "contacts"} for o in out)

    first = out[0]
    assert first["is_readout"] is True and first["error"] is None
    call = first["contacts"][0]
    assert set(call) >= {
        "kind",
        "status",
        "date",
        "participants",
        "initiator",
        "duration_minutes",
        "previous_contact",
        "source",
        "topics",
        "evidence",
    }
    assert call["kind"] == "call" and call["date"] == "2024-01-19"
    assert call["previous_contact"] == "2023-12-23" and call["duration_minutes"] == 40
    names = {p["name"]: p["country"] for p in call["participants"]}
    assert names == {"Joe Biden": "US", "Benjamin Netanyahu": "IL"}

    assert out[1]["error"] and out[1]["is_readout"] is False
    assert out[2]["is_readout"] is False and out[2]["error"] is None
    assert out[3]["error"].startswith("no text and no html: give")
    assert out[4]["is_readout"] is True  # html input goes through trafilatura
    assert "published" in out[5]["error"]


def test_files_as_arguments_and_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Nothing happened."}) + "\n", encoding="utf-8")
    ok = _run("", str(path))
    assert ok.returncode == 0 and json.loads(ok.stdout)["id"] == "x"
    missing = _run("", str(tmp_path / "absent.jsonl"))
    assert missing.returncode == 1
    assert missing.stderr.startswith("readoutwatch extract: cannot read")


def test_extract_runs_without_nats_or_a_database() -> None:
    code = (
        "import io, sys; from services.extract_cmd import run_extract; "
        'run_extract([], io.StringIO(\'{"id": "1", "text": "Biden met Macron."}\'), '
        "io.StringIO()); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'nats', 'faststream', 'sqlalchemy', 'aiosqlite'}); print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

"""The labelled development set must clear the accuracy floors; every miss is printed on failure."""

from __future__ import annotations

import json
from pathlib import Path

from services.extractor.evaluate import FIELDS, evaluate, format_report
from shared.schemas import ExtractInput, ExtractOutput

DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset.jsonl"


def _rows() -> list[tuple[ExtractInput, ExtractOutput]]:
    rows = []
    for line in DEVSET.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        expected = record.pop("expected")
        rows.append((ExtractInput(**record), ExtractOutput(id=record["id"], **expected)))
    return rows


def test_devset_floors() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert sum(not e.is_readout for _, e in rows) >= sum(e.is_readout for _, e in rows)
    report = evaluate(rows)
    text = format_report(report)
    assert report.f1 >= 0.97, text
    for name in FIELDS:
        assert report.accuracy(name) >= 0.95, f"{name}\n{text}"
    assert report.contact_recall >= 0.95, text

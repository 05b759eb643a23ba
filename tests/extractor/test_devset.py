"""The labelled development sets must clear the accuracy floors; every miss is printed on failure.

``devset.jsonl`` is generated from templates (``make_devset.py``); ``devset_handwritten.jsonl``
from hand-written documents (``handwritten/*.toml`` via ``make_handwritten.py``). Each set and
the two together must hold F1 >= 0.97 and every field >= 0.95.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from services.extractor.evaluate import FIELDS, Report, evaluate, format_report
from shared.schemas import ExtractInput, ExtractOutput

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = {"templated": DATA / "devset.jsonl", "handwritten": DATA / "devset_handwritten.jsonl"}
Rows = list[tuple[ExtractInput, ExtractOutput]]


def _rows(path: Path) -> Rows:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        expected = record.pop("expected")
        rows.append((ExtractInput(**record), ExtractOutput(id=record["id"], **expected)))
    return rows


def _assert_floors(report: Report) -> None:
    text = format_report(report)
    assert report.f1 >= 0.97, text
    for name in FIELDS:
        assert report.accuracy(name) >= 0.95, f"{name}\n{text}"
    assert report.contact_recall >= 0.95, text


@pytest.mark.parametrize("name", sorted(SETS))
def test_devset_floors(name: str) -> None:
    _assert_floors(evaluate(_rows(SETS[name])))


def test_whole_devset() -> None:
    rows = [row for path in SETS.values() for row in _rows(path)]
    assert len(rows) >= 150
    assert sum(not e.is_readout for _, e in rows) >= sum(e.is_readout for _, e in rows)
    _assert_floors(evaluate(rows))


def test_handwritten_set_is_large_enough_and_in_sync() -> None:
    sys.path.insert(0, str(DATA))
    try:
        import make_handwritten
    finally:
        sys.path.remove(str(DATA))
    records = make_handwritten.records()
    assert len(records) >= 120
    assert sum(not r["expected"]["is_readout"] for r in records) >= len(records) / 2
    written = [json.loads(line) for line in SETS["handwritten"].read_text("utf-8").splitlines()]
    assert written == records, "run tests/data/make_handwritten.py after editing handwritten/"

"""The second reading of the real corpus's test part (``tests/data/real``): every label
correction traces to an adjudicated disagreement, and the second reader's agreement with the
original labels is the one the docs report (that part skipped when ``../shared/corpus`` is
absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from services.extract_cmd import load_real
from services.extractor.real_corpus import parse_fixes, parse_reading
from services.extractor.real_eval import score_real

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "real"
CORPUS = Path(os.environ.get("READOUTWATCH_CORPUS") or REPO.parent / "shared" / "corpus")
REAL = CORPUS / "real"


def _rows(name: str) -> list[dict[str, object]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_correction_is_an_applied_adjudication() -> None:
    fixes = parse_fixes((DATA / "labels.jsonl").read_text(encoding="utf-8"))
    outcomes = {str(row["id"]): str(row["outcome"]) for row in _rows("adjudication.jsonl")}
    applied = {i for i, outcome in outcomes.items() if outcome.startswith("applied: ")}
    assert set(fixes) == applied
    assert all(o.startswith(("applied: ", "not applied: ")) for o in outcomes.values())
    assert len(outcomes) == 40


def test_the_second_reading_covers_its_sample() -> None:
    sample = json.loads((DATA / "second_reading_sample.json").read_text(encoding="utf-8"))
    split = json.loads((DATA / "split.json").read_text(encoding="utf-8"))
    readings = parse_reading((DATA / "second_reading.jsonl").read_text(encoding="utf-8"))
    assert sorted(sample["test"]) == sorted(split["test"])
    assert set(sample["dev_sample"]) <= set(split["dev"]) and len(sample["dev_sample"]) == 42
    assert set(readings) == set(sample["test"]) | set(sample["dev_sample"])
    adjudicated = {str(row["id"]) for row in _rows("adjudication.jsonl")}
    assert adjudicated <= set(readings)


@pytest.mark.corpus
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is absent")
def test_agreement_with_the_original_labels() -> None:
    readings = parse_reading((DATA / "second_reading.jsonl").read_text(encoding="utf-8"))
    items = load_real(sorted(REAL.glob("*.jsonl")), DATA / "split.json", "test", None)
    report = score_real(items, lambda doc: readings[doc.id or ""])
    assert (report.readout.fp, report.readout.fn) == (0, 0)  # the verdict: 138 of 138
    assert (report.main_people, report.mains) == (88, 90)
    assert (report.main_date, report.main_found) == (65, 90)  # 25 dated where the label is null
    assert (report.other_right, report.others) == (51, 63)

"""Recall and false-positive rate on the real White House archive (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.extractor.corpus_eval import evaluate_corpus, format_corpus_report

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
WHITEHOUSE = CORPUS / "whitehouse" / "statements-releases"


@pytest.mark.corpus
@pytest.mark.skipif(not WHITEHOUSE.is_dir(), reason="../shared/corpus is absent")
def test_whitehouse_corpus_floor() -> None:
    report = evaluate_corpus(WHITEHOUSE)
    text = format_corpus_report(report)
    assert report.positives > 200, text
    assert report.recall >= 0.72, text
    assert report.fpr <= 0.03, text

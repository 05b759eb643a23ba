"""The words-alone yardstick's pure parts: what it reads, how its runs are summed up, and what
overruling the rules would do (no scikit-learn needed here)."""

from __future__ import annotations

from services.extractor.words_alone import WORDS_CHARS, overrule, summary, words_of


def test_it_reads_the_headline_and_the_lead_only() -> None:
    body = "Leaders spoke by phone. " * 200
    assert words_of("A call", body) == "A call\n" + body[:WORDS_CHARS]
    assert words_of(None, "Short text.") == "Short text."
    assert words_of(None, None) == ""


def test_summary_counts_confident_probabilities_and_how_many_are_right() -> None:
    probs = [0.95, 0.05, 0.6, 0.02]
    gold = [True, False, False, True]
    p, r, f1, share, right = summary(probs, gold)
    assert (p, r, f1) == (0.5, 0.5, 0.5)
    assert share == 0.75  # 0.95, 0.05 and 0.02 are confident; 0.6 is not
    assert right == 2 / 3  # the 0.02 says no to a readout


def test_overrule_splits_vetoes_and_promotions_into_fixes_and_breaks() -> None:
    verdicts = [True, True, False, False, True]
    probs = [0.05, 0.02, 0.97, 0.95, 0.5]
    gold = [False, True, True, False, False]
    assert overrule(verdicts, probs, gold) == {
        "veto right": 1,
        "veto wrong": 1,
        "promote right": 1,
        "promote wrong": 1,
    }

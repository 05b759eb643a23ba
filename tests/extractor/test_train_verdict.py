"""The verdict trainer's choice of model: by mean cross-validated F1, ties to precision, then to
the stronger regularisation and the model that vetoes least (no scikit-learn needed here)."""

from __future__ import annotations

from services.extractor.train_verdict import _prf, choose


def test_precision_recall_f1() -> None:
    assert _prf([True, True, False, False], [True, False, True, False]) == (0.5, 0.5, 0.5)
    assert _prf([False, False], [True, False]) == (0.0, 0.0, 0.0)


def test_choice_prefers_f1_then_precision_then_regularisation() -> None:
    results = {
        (3.0, 0.6): (0.96, 0.90, 0.930),
        (1.0, 0.4): (0.95, 0.93, 0.940),
        (0.1, 0.5): (0.97, 0.91, 0.940),
    }
    assert choose(results) == (0.1, 0.5)
    tied = {(c, cut): (0.965, 0.921, 0.943) for c in (0.03, 1.0) for cut in (0.3, 0.6)}
    assert choose(tied) == (0.03, 0.3)

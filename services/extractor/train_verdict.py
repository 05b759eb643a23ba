"""Train the ``is_readout`` model (``verdict.py``) on the dev part of the labelled real articles.

    python -m services.extractor.train_verdict [CORPUS_DIR] [--write]

Reads ``../shared/corpus/real`` (the frozen test part is never read: only ``dev`` ids of
``tests/data/real/split.json``, with ``tests/data/real/labels.jsonl`` applied), runs the rules
on each article, and fits a logistic regression (scikit-learn: the ``train`` extra, pinned in
``constraints-train.txt``) over ``verdict.features``. Prints the precision, recall and F1 of
the rules alone and, for each regularisation strength C and cut, the model's mean over repeated
5-fold cross-validation (five fold seeds); the (C, cut) of the best mean CV F1 is chosen (ties:
precision, then the stronger regularisation and the model that vetoes least). Choosing among
twenty settings on the same folds flatters the chosen one, so a nested CV (the choice made inside
each outer training part) gives the honest figure. ``--write`` stores the chosen model's non-zero
weights in ``data/verdict.json`` only when that nested-CV F1 beats the rules alone by
``MIN_GAIN``; otherwise it removes the file and the rules decide (an in-sample precision of 1.000
is memory, not evidence). Deterministic: the folds and the solver take fixed seeds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .pipeline import analyse
from .real_corpus import parse_fixes, parse_item, split_ids
from .real_eval import RealItem
from .verdict import MODEL

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "tests" / "data" / "real"
SEED = 20261206
SEEDS = (SEED, 1, 2, 3, 4)  # repeated 5-fold CV: one split's luck does not pick the model
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
CUTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MIN_GAIN = 0.002  # nested-CV F1 over the rules alone a written model must earn


Row = tuple[dict[str, float] | None, bool, bool, bool]


def dev_items(corpus: Path) -> list[RealItem]:
    """Every dev article of ``corpus``, label corrections applied (the test part is not read)."""
    keep = split_ids((REAL / "split.json").read_text(encoding="utf-8"), "dev")
    fixes = parse_fixes((REAL / "labels.jsonl").read_text(encoding="utf-8"))
    items = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            if raw["id"] in keep:
                items.append(parse_item(raw, fixes))
    return items


def dev_rows(corpus: Path) -> list[Row]:
    """(features, has held contact, rules' verdict, label) of every dev article."""
    rows = []
    for item in dev_items(corpus):
        out, feats = analyse(item.doc)
        held = any(c.status == "held" for c in out.contacts)
        rows.append((feats, held, out.is_readout, item.is_readout))
    return rows


def _prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    """Precision, recall, F1 of the readout verdict."""
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    if not tp:
        return 0.0, 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)


def _fit(feats: list[dict[str, float]], gold: list[bool], c: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        DictVectorizer(), LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    )
    return model.fit(feats, gold)


def _probs(rows: list[Row], train: list[int], test: list[int], c: float) -> dict[int, float]:
    """The model's probabilities on ``test`` rows (0 where the rules say no: it only vetoes),
    fitted on the ``train`` rows that hold a contact."""
    fit = [i for i in train if rows[i][0] is not None and rows[i][1]]
    model = _fit([rows[i][0] for i in fit], [rows[i][3] for i in fit], c)  # type: ignore[misc]
    out = dict.fromkeys(test, 0.0)
    scored = [i for i in test if rows[i][0] is not None and rows[i][1] and rows[i][2]]
    if scored:
        probs = model.predict_proba([rows[i][0] for i in scored])[:, 1]
        out.update({i: float(p) for i, p in zip(scored, probs, strict=True)})
    return out


def _folds(rows: list[Row], among: list[int], seed: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    split = StratifiedKFold(5, shuffle=True, random_state=seed).split(
        among, [rows[i][3] for i in among]
    )
    return [([among[i] for i in tr], [among[i] for i in te]) for tr, te in split]


def cross_validate(
    rows: list[Row], among: list[int] | None = None, seeds: tuple[int, ...] = SEEDS
) -> dict[tuple[float, float], tuple[float, float, float]]:
    """Mean (P, R, F1) over repeated 5-fold CV (``seeds``) of every (C, cut), over the rows
    ``among`` (all by default)."""
    among = list(range(len(rows))) if among is None else among
    gold = [rows[i][3] for i in among]
    sums: dict[tuple[float, float], list[float]] = {}
    for seed in seeds:
        folds = _folds(rows, among, seed)
        for c in C_GRID:
            probs: dict[int, float] = {}
            for train, test in folds:
                probs.update(_probs(rows, train, test, c))
            for cut in CUTS:
                prf = _prf([probs[i] >= cut for i in among], gold)
                acc = sums.setdefault((c, cut), [0.0, 0.0, 0.0])
                for k in range(3):
                    acc[k] += prf[k] / len(seeds)
    return {k: (v[0], v[1], v[2]) for k, v in sums.items()}


def choose(results: dict[tuple[float, float], tuple[float, float, float]]) -> tuple[float, float]:
    """The (C, cut) of the best mean CV F1; ties go to precision, then to the stronger
    regularisation and the lower cut (the model that vetoes least)."""
    return max(
        results,
        key=lambda k: (round(results[k][2], 6), round(results[k][0], 6), -k[0], -k[1]),
    )


def nested(rows: list[Row]) -> tuple[float, float, float]:
    """(P, R, F1) of the whole procedure, C and cut chosen inside each outer training part:
    the honest estimate of what the written model adds on unseen articles."""
    pred = dict.fromkeys(range(len(rows)), False)
    for train, test in _folds(rows, list(range(len(rows))), SEED):
        c, cut = choose(cross_validate(rows, train, SEEDS[:2]))
        probs = _probs(rows, train, test, c)
        pred.update({i: probs[i] >= cut for i in test})
    return _prf([pred[i] for i in range(len(rows))], [r[3] for r in rows])


def main(corpus: Path, write: bool) -> None:
    rows = dev_rows(corpus)
    gold = [r[3] for r in rows]
    rules = _prf([r[2] for r in rows], gold)
    print(f"{'rules alone':<18} P {rules[0]:.3f} R {rules[1]:.3f} F1 {rules[2]:.3f}")
    results = cross_validate(rows)
    for (c, cut), (p, r, f1) in results.items():
        print(f"{f'C={c} cut={cut}':<18} cross-validated P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    c, cut = choose(results)
    best = results[(c, cut)]
    print(f"chosen: C={c} cut={cut} (CV P {best[0]:.3f} R {best[1]:.3f} F1 {best[2]:.3f})")
    honest = nested(rows)
    print(
        f"nested CV (choice made inside each fold): P {honest[0]:.3f} R {honest[1]:.3f} "
        f"F1 {honest[2]:.3f}; rules alone F1 {rules[2]:.3f}"
    )
    if not write:
        return
    if honest[2] < rules[2] + MIN_GAIN:
        MODEL.unlink(missing_ok=True)
        print(f"no model written ({MODEL.name} removed): in nested CV it does not beat the rules")
        return
    usable = [r for r in rows if r[0] is not None and r[1]]
    model = _fit([r[0] for r in usable], [r[3] for r in usable], c)  # type: ignore[misc]
    vec, lr = model.steps[0][1], model.steps[1][1]
    weights = {
        f: round(float(w), 4)
        for f, w in zip(vec.feature_names_, lr.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    MODEL.write_text(
        json.dumps(
            {
                "about": "is_readout model: `python -m services.extractor.train_verdict --write`",
                "trained_on": f"{len(usable)} dev articles with a held contact",
                "cross_validated_f1": round(best[2], 3),
                "nested_cv_f1": round(honest[2], 3),
                "rules_alone_f1": round(rules[2], 3),
                "C": c,
                "cut": cut,
                "intercept": round(float(lr.intercept_[0]), 4),
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL.name}: {len(weights)} weights, {MODEL.stat().st_size} bytes")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--write"]
    main(
        Path(args[0]) if args else REPO.parent / "shared" / "corpus" / "real", "--write" in sys.argv
    )

"""Train the ``is_readout`` model (``verdict.py``) on the dev part of the labelled real articles.

    python -m services.extractor.train_verdict [CORPUS_DIR] [--write]

Reads ``../shared/corpus/real`` (the frozen test part is never read: only ``dev`` ids of
``tests/data/real/split.json``, with ``tests/data/real/labels.jsonl`` applied), runs the rules
on each article, and fits a logistic regression (scikit-learn, a development dependency only)
over ``verdict.features``. Prints the 5-fold cross-validated readout F1 of the rules alone and
of the model for a few regularisation strengths; ``--write`` stores the best model's non-zero
weights in ``data/verdict.json``. Deterministic: the folds and the solver take a fixed seed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .pipeline import analyse
from .real_corpus import parse_fixes, parse_item, split_ids
from .verdict import MODEL

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "tests" / "data" / "real"
SEED = 20261206
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
CUTS = (0.3, 0.4, 0.5, 0.6)


def dev_rows(corpus: Path) -> list[tuple[dict[str, float] | None, bool, bool, bool]]:
    """(features, has held contact, rules' verdict, label) of every dev article."""
    keep = split_ids((REAL / "split.json").read_text(encoding="utf-8"), "dev")
    fixes = parse_fixes((REAL / "labels.jsonl").read_text(encoding="utf-8"))
    rows = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            if raw["id"] not in keep:
                continue
            item = parse_item(raw, fixes)
            out, feats = analyse(item.doc)
            held = any(c.status == "held" for c in out.contacts)
            rows.append((feats, held, out.is_readout, item.is_readout))
    return rows


def _f1(pred: list[bool], gold: list[bool]) -> float:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _fit(feats: list[dict[str, float]], gold: list[bool], c: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        DictVectorizer(), LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    )
    return model.fit(feats, gold)


def cross_validate(rows: list[tuple[dict[str, float] | None, bool, bool, bool]]) -> dict:
    from sklearn.model_selection import StratifiedKFold

    gold = [r[3] for r in rows]
    usable = [i for i, r in enumerate(rows) if r[0] is not None and r[1]]
    results = {"rules": _f1([r[2] for r in rows], gold)}
    folds = list(
        StratifiedKFold(5, shuffle=True, random_state=SEED).split(usable, [gold[i] for i in usable])
    )
    for c in C_GRID:
        probs = dict.fromkeys(range(len(rows)), 0.0)
        for train, test in folds:
            tr, te = [usable[i] for i in train], [usable[i] for i in test]
            model = _fit([rows[i][0] for i in tr], [gold[i] for i in tr], c)  # type: ignore[misc]
            for i, p in zip(te, model.predict_proba([rows[i][0] for i in te])[:, 1], strict=True):
                probs[i] = float(p) if rows[i][2] else 0.0  # the model only vetoes
        for cut in CUTS:
            results[f"C={c} cut={cut}"] = _f1([probs[i] >= cut for i in range(len(rows))], gold)
    return results


def main(corpus: Path, write: bool) -> None:
    rows = dev_rows(corpus)
    results = cross_validate(rows)
    for name, f1 in results.items():
        print(f"{name:<18} cross-validated F1 {f1:.3f}")
    name = max((k for k in results if k != "rules"), key=lambda k: results[k])
    c, cut = (float(part.split("=")[1]) for part in name.split())
    print(f"best: {name} ({results[name]:.3f}; rules alone {results['rules']:.3f})")
    if not write:
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
                "cross_validated_f1": round(results[name], 3),
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

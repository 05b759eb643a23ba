"""What the words alone can tell: a yardstick for any learned reader trained on the real dev part.

    python -m services.extractor.words_alone [REAL_DIR] [WHITEHOUSE_DIR]

A bag of word 1-3-grams of each dev article's headline and lead (its first ``WORDS_CHARS``
characters), logistic regression (scikit-learn: the ``train`` extra). Prints, for each C, the
precision, recall and F1 of repeated 5-fold cross-validation (the seeds of ``train_verdict``),
how many articles it is confident about (probability under ``SURE`` or over 1 - ``SURE``) and how
many of those it gets right. Its CV F1 is a figure on text it was not fitted to, unlike the
rules' figure on the dev part they were tuned on.

Then whether it could serve as a second opinion beside the rules: of the articles the rules get
wrong on dev, how many it is confident and right about (cross-validated); and, fitted on all of
dev, what overruling the rules where it is confident would do on the White House archive of
2021-22 (a veto of a "yes", a promotion of a "no"). Nothing here is used at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .corpus_eval import documents
from .pipeline import extract
from .real_eval import RealItem
from .train_verdict import REPO, SEED, SEEDS, _prf, dev_items

WORDS_CHARS = 1500  # the headline and lead
SURE = 0.1  # a probability this far from 0 or 1 counts as confident
WORDS_C = (1.0, 3.0, 10.0, 30.0, 100.0)  # many sparse n-grams want weak regularisation

Summary = tuple[float, float, float, float, float]  # P, R, F1, share confident, right of those


def words_of(title: str | None, text: str | None) -> str:
    """A document's headline and lead: the yardstick's whole input."""
    lead = (text or "")[:WORDS_CHARS]
    return f"{title}\n{lead}" if title else lead


def sure(p: float) -> bool:
    return p < SURE or p > 1 - SURE


def summary(probs: list[float], gold: list[bool]) -> Summary:
    """(P, R, F1) at the cut 0.5, the share of confident probabilities, the share of those right."""
    confident = [i for i, p in enumerate(probs) if sure(p)]
    right = sum((probs[i] >= 0.5) == gold[i] for i in confident)
    return (
        *_prf([p >= 0.5 for p in probs], gold),
        len(confident) / len(probs) if probs else 0.0,
        right / len(confident) if confident else 0.0,
    )


def _model(c: float) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 3), min_df=2, sublinear_tf=True),
        LogisticRegression(C=c, max_iter=3000, random_state=SEED),
    )


def cv_probs(texts: list[str], gold: list[bool], c: float, seed: int) -> list[float]:
    """Each text's probability from the model fitted on the other four fifths."""
    from sklearn.model_selection import StratifiedKFold

    probs = [0.0] * len(texts)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, gold):
        model = _model(c).fit([texts[i] for i in train], [gold[i] for i in train])
        for i, p in zip(test, model.predict_proba([texts[i] for i in test])[:, 1], strict=True):
            probs[i] = float(p)
    return probs


def grid(texts: list[str], gold: list[bool]) -> dict[float, tuple[Summary, list[float]]]:
    """For each C: the mean summary over the seeds, and each text's mean probability."""
    out = {}
    for c in WORDS_C:
        runs = [cv_probs(texts, gold, c, seed) for seed in SEEDS]
        sums = [summary(run, gold) for run in runs]
        col = [sum(s[k] for s in sums) / len(sums) for k in range(5)]
        probs = [sum(run[i] for run in runs) / len(runs) for i in range(len(texts))]
        out[c] = ((col[0], col[1], col[2], col[3], col[4]), probs)
    return out


def overrule(verdicts: list[bool], probs: list[float], gold: list[bool]) -> dict[str, int]:
    """What overruling ``verdicts`` where the probability is confident would do: vetoes and
    promotions, each split into right (it fixes a wrong verdict) and wrong (it breaks one)."""
    out = dict.fromkeys(("veto right", "veto wrong", "promote right", "promote wrong"), 0)
    for said, p, truth in zip(verdicts, probs, gold, strict=True):
        if said and p < SURE:
            out["veto right" if not truth else "veto wrong"] += 1
        elif not said and p > 1 - SURE:
            out["promote right" if truth else "promote wrong"] += 1
    return out


def report(real: Path, whitehouse: Path) -> None:
    items: list[RealItem] = dev_items(real)
    gold = [i.is_readout for i in items]
    texts = [words_of(i.doc.title, i.doc.text) for i in items]
    rules = [extract(i.doc).is_readout for i in items]
    print(f"words alone: headline and lead, {len(items)} dev articles, repeated 5-fold CV")
    results = grid(texts, gold)
    for c, ((p, r, f1, share, right), _) in results.items():
        those = f" (right on {right:.1%} of those)" if share else ""
        print(f"  C={c:<5} P {p:.3f} R {r:.3f} F1 {f1:.3f}  confident on {share:.1%}{those}")
    best = max(results, key=lambda c: results[c][0][2])
    probs = results[best][1]
    wrong = [n for n, (said, truth) in enumerate(zip(rules, gold, strict=True)) if said != truth]
    print(
        f"rules on the same articles (tuned on them, so in-sample): F1 {_prf(rules, gold)[2]:.3f}; "
        f"of their {len(wrong)} wrong verdicts the words (C={best}) are confident on "
        f"{sum(sure(probs[n]) for n in wrong)}: {overrule(rules, probs, gold)} over all of dev"
    )
    if not whitehouse.is_dir():
        print(f"no White House archive at {whitehouse}: overruling there not measured")
        return
    model = _model(best).fit(texts, gold)
    docs = [(doc, truth) for doc, truth in documents(whitehouse) if truth is not None]
    wh_probs = model.predict_proba([words_of(d.title, d.text) for d, _ in docs])[:, 1]
    said = [extract(d).is_readout for d, _ in docs]
    effect = overrule(said, [float(p) for p in wh_probs], [t for _, t in docs])
    print(f"fitted on all of dev, overruling the rules on the White House archive: {effect}")


if __name__ == "__main__":
    corpus = REPO.parent / "shared" / "corpus"
    args = sys.argv[1:]
    real = Path(args[0]) if args else corpus / "real"
    if not any(real.glob("*.jsonl")):
        sys.exit(f"no labelled real articles (*.jsonl) in {real}: give the corpus folder")
    report(real, Path(args[1]) if len(args) > 1 else corpus / "whitehouse")

"""The last word on ``is_readout``: a logistic regression over what the rules found (their
verdict, held and planned contacts in the headline and lead, recalled, stale or undated ones)
and the words around each contact expression there ("is arranging a phone conversation",
"ready to meet ... if", "arrives ... for talks", "held talks on Friday").

The rules find the contacts and their people; the model only judges whether the document's news
is a held one, where modality and news-vs-background words stop generalising as rules. Trained on
the dev part of the real articles by ``train_verdict.py``; the weights are a small JSON file
read once (no pickle, nothing from the network). Without that file the rules' verdict stands.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from functools import cache

from .classify import Candidate
from .data import DATA_DIR

MODEL = DATA_DIR / "verdict.json"
STALE_DAYS = 14
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _tokens(text: str) -> list[str]:
    """Lower-case words; names (capitalised past the first word) and numbers as classes."""
    out = []
    for n, m in enumerate(_WORD.finditer(text)):
        word, low = m.group(), m.group().lower()
        if low in _DAYS:
            out.append("<day>")
        elif low in _MONTHS and (word[0].isupper() or low != "may"):
            out.append("<month>")
        elif word.isdigit():
            out.append("<num>")
        elif word[0].isupper() and n > 0 and low not in ("i",):
            out.append("<cap>")
        else:
            out.append(low)
    return out


def _grams(prefix: str, text: str, into: dict[str, float]) -> None:
    words = _tokens(text)
    for gram in [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]:
        into[f"{prefix}{gram}"] = 1.0


def _window(c: Candidate) -> str:
    """The words around the candidate's contact expression in its sentence."""
    at = c.evidence.find(c.trigger) if c.trigger else -1
    if at < 0:
        return c.evidence
    return c.evidence[max(0, at - 80) : at + len(c.trigger) + 60]


def features(
    found: list[Candidate],
    sents: list[str],
    body_start: int,
    lead: int,
    day: dt.date | None,
    rule_main: bool,
) -> dict[str, float]:
    """The document's features for the model (``day``: the publication date, when known)."""
    feats: dict[str, float] = {"bias": 1.0, "rule_main": float(rule_main)}
    feats["no_published"] = float(day is None)
    if body_start:
        _grams("h:", sents[0], feats)
    near = [c for c in found if c.sentence < lead]
    feats["fallback"] = float(sum(1 for c in near if c.extra.get("fallback")))
    for c in near:
        where = "head" if c.sentence < body_start else "lead"
        feats[f"{c.status}_{where}"] = feats.get(f"{c.status}_{where}", 0.0) + 1.0
        if c.status == "held":
            feats["held_background"] = feats.get("held_background", 0.0) + c.background
            feats["held_undated"] = feats.get("held_undated", 0.0) + (c.date is None)
            if day is not None and c.date is not None:
                feats["held_stale"] = float((day - c.date).days > STALE_DAYS)
        _grams("w:", _window(c), feats)
    held = {frozenset(c.keys) for c in near if c.status == "held"}
    feats["plan_of_held_pair"] = float(
        any(frozenset(c.keys) in held for c in near if c.status == "planned")
    )
    feats["held_later"] = float(any(c.status == "held" for c in found if c.sentence >= lead))
    for name in ("held_head", "held_lead", "planned_head", "planned_lead", "held_background"):
        if name in feats:
            feats[name] = math.log1p(feats[name])
    return feats


@cache
def _model() -> tuple[float, dict[str, float], float] | None:
    if not MODEL.is_file():
        return None
    raw = json.loads(MODEL.read_text(encoding="utf-8"))
    weights = {k: float(v) for k, v in raw["weights"].items()}
    return float(raw["intercept"]), weights, float(raw["cut"])


def available() -> bool:
    """Is there a trained veto (``data/verdict.json``)? Without one the rules decide."""
    return _model() is not None


def score(feats: dict[str, float]) -> float | None:
    """The model's probability that the news is a held contact (None without a model)."""
    model = _model()
    if model is None:
        return None
    intercept, weights = model[0], model[1]
    z = intercept + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def decide(feats: dict[str, float]) -> bool:
    """``is_readout``: the rules' verdict, unless the model vetoes it. (The model never turns
    a "no" into a "yes": the rules' traps, "claims ... are false", "who held talks with",
    hold there, and the White House archive keeps its false-positive rate.)"""
    p = score(feats)
    model = _model()
    if not feats.get("rule_main"):
        return False
    return p is None or model is None or p >= model[2]

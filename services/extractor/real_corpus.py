"""Read labelled real articles (``label`` shape), apply label corrections, select a split part,
and print a ``RealReport``. Pure: the caller reads the files and hands their text in."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from shared.schemas import Contact, ExtractInput, ExtractOutput, Person

from .real_eval import RealItem, RealReport, ratio
from .real_match import Held, Who


def parse_item(raw: dict[str, Any], fixes: dict[str, dict[str, Any]]) -> RealItem:
    """One corpus line as a ``RealItem``; ``fixes`` replaces label keys by id (corrections)."""
    label = dict(raw["label"])
    label.update(fixes.get(raw.get("id") or "", {}))
    doc = ExtractInput.model_validate({k: v for k, v in raw.items() if k not in ("label", "why")})
    contacts = tuple(
        Held(
            people=tuple(Who(p.get("name"), p.get("country")) for p in c["participants"]),
            kind=c["kind"],
            date=dt.date.fromisoformat(c["date"]) if c.get("date") else None,
            main=bool(c.get("main")),
        )
        for c in label.get("contacts", [])
        if c.get("status", "held") == "held"
    )
    previous = label.get("previous_contact")
    return RealItem(
        doc=doc,
        is_readout=bool(label["is_readout"]),
        contacts=contacts,
        previous=dt.date.fromisoformat(previous) if previous else None,
    )


def parse_fixes(text: str) -> dict[str, dict[str, Any]]:
    """A labels-correction file: one ``{"id", "label": {keys to replace}, "reason"}`` a line."""
    fixes: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row.get("label"), dict) or not row.get("reason") or "id" not in row:
            raise ValueError(f"line {number}: needs id, label (object) and reason")
        fixes.setdefault(row["id"], {}).update(row["label"])
    return fixes


def parse_reading(text: str) -> dict[str, ExtractOutput]:
    """A second reading of some items (one ``{"id", "label"}`` a line, the corpus's label shape)
    as outputs by id, so that ``score_real`` scores a second reader exactly as it scores the
    extractor: how far two careful readers agree, beside how far the extractor agrees."""
    readings: dict[str, ExtractOutput] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        label = row.get("label") if isinstance(row, dict) else None
        if not isinstance(label, dict) or not isinstance(row.get("id"), str):
            raise ValueError(f"line {number}: needs id and label (object)")
        if row["id"] in readings:
            raise ValueError(f"line {number}: id {row['id']!r} read twice")
        readings[row["id"]] = label_output(row["id"], label)
    return readings


def label_output(ident: str, label: dict[str, Any]) -> ExtractOutput:
    """A label as the extractor's output: its held contacts, the previous contact on the news."""
    previous = label.get("previous_contact")
    contacts = [
        Contact(
            kind=c["kind"],
            date=dt.date.fromisoformat(c["date"]) if c.get("date") else None,
            participants=[
                Person(name=p.get("name"), country=p.get("country")) for p in c["participants"]
            ],
            previous_contact=dt.date.fromisoformat(previous)
            if previous and c.get("main")
            else None,
        )
        for c in label.get("contacts", [])
        if c.get("status", "held") == "held"
    ]
    return ExtractOutput(id=ident, is_readout=bool(label["is_readout"]), contacts=contacts)


def split_ids(text: str, part: str) -> frozenset[str]:
    """The ids of one part (e.g. ``test``, ``dev``) of a split file."""
    split = json.loads(text)
    if part not in split or not isinstance(split[part], list):
        parts = [k for k, v in split.items() if isinstance(v, list) and k != "strata"]
        raise ValueError(f"no part {part!r} in the split (parts: {', '.join(parts)})")
    return frozenset(split[part])


def draw_split(
    strata: dict[Any, list[str]], share: float, seed: int, described: str
) -> dict[str, Any]:
    """A split file's content: ``share`` of each stratum's ids (sorted strata, sorted ids, one
    ``random.Random(seed)``) is the ``test`` part, the rest ``dev``. The same draw serves the
    real corpus (``tests/data/real``) and the fresh blind sets (``tests/data/fresh*``)."""
    rng = random.Random(seed)
    test: list[str] = []
    for key in sorted(strata):
        ids = sorted(strata[key])
        test += rng.sample(ids, round(len(ids) * share))
    every = sorted(i for ids in strata.values() for i in ids)
    return {
        "seed": seed,
        "test_share": share,
        "strata": described,
        "test": sorted(test),
        "dev": sorted(set(every) - set(test)),
    }


def format_real(r: RealReport) -> str:
    v = r.readout
    lines = [
        f"readout            P={v.precision:.3f} R={v.recall:.3f} F1={v.f1:.3f} "
        f"(tp={v.tp} fp={v.fp} fn={v.fn} tn={v.tn})"
    ]
    for name, s in sorted(r.by_published.items(), reverse=True):
        lines.append(
            f"  {name:<16} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"(n={s.tp + s.fp + s.fn + s.tn})"
        )
    dates = ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(r.date_by_published.items()))
    right = r.other_right
    lines += [
        f"reported contact   participants {r.participants:.3f} ({r.main_people}/{r.mains}), "
        f"found {r.main_found}/{r.mains}",
        f"  kind             {r.kind:.3f} ({r.main_kind}/{r.main_found})",
        f"  date             {r.date:.3f} ({r.main_date}/{r.main_found}; {dates})",
        f"other held         right {r.others_right:.3f} ({right}/{r.others}), right people "
        f"{ratio(r.other_people, r.others):.3f} ({r.other_people}/{r.others})",
        f"  extra            {r.extra} held contacts output that no label lists",
        f"previous contact   {r.previous_accuracy:.3f} ({r.previous[0]}/{r.previous[1]}), "
        f"labelled found {r.previous_labelled[0]}/{r.previous_labelled[1]}, "
        f"output where none labelled {r.previous_spurious}",
    ]
    return "\n".join(lines)

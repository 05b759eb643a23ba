"""The fresh blind sets' records in the repository (their texts stay outside it): each split
covers exactly the set's facts, once, with disjoint parts, and every fact can be checked
against a rebuilt text by its hash."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = {
    "fresh": 134,
    "fresh2": 291,
    "fresh3": 445,
    "fresh4": 449,
    "fresh5": 430,
    "fresh6": 424,
    "fresh7": 402,
    "fresh8": 193,
}


@pytest.mark.parametrize(("name", "size"), sorted(SETS.items()))
def test_split_covers_the_facts_once(name: str, size: int) -> None:
    split = json.loads((DATA / name / "split.json").read_text(encoding="utf-8"))
    lines = (DATA / name / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    facts = [json.loads(line) for line in lines if line.strip()]
    ids = [fact["id"] for fact in facts]
    assert len(ids) == len(set(ids)) == size
    assert not set(split["test"]) & set(split["dev"])
    assert set(split["test"]) | set(split["dev"]) == set(ids)
    assert split["seed"] == 20261206
    urls = [fact["url"] for fact in facts]
    assert len(urls) == len(set(urls)), "a page is in the set twice"
    for fact in facts:
        assert re.fullmatch(r"[0-9a-f]{64}", fact["text_sha256"]), fact["id"]
        label = fact["label"]
        mains = [c for c in label["contacts"] if c.get("main")]
        assert bool(mains) == label["is_readout"], f"{fact['id']}: news contact vs verdict"


def test_sets_share_no_page() -> None:
    seen: dict[str, str] = {}
    for name in SETS:
        lines = (DATA / name / "facts.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines:
            url = json.loads(line)["url"]
            assert url not in seen, f"{url} is in {seen.get(url)} and {name}"
            seen[url] = name

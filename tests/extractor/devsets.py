"""The texts of the two hand-made development sets (``tests/data/devset*.jsonl``), for the tests
that check a fast path against the plain form it replaces on every sentence we have."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
NAMES = ("devset.jsonl", "devset_handwritten.jsonl")


def titles_and_texts() -> list[tuple[str, str]]:
    """Each document's headline (empty when it has none) and text, in file order."""
    out: list[tuple[str, str]] = []
    for name in NAMES:
        for line in (DATA / name).read_text("utf-8").splitlines():
            row = json.loads(line)
            out.append((row.get("title") or "", row["text"]))
    return out

"""Regenerate devset_handwritten.jsonl from the hand-written documents in handwritten/*.toml.

Run: .venv/bin/python tests/data/make_handwritten.py  (deterministic: files and documents in
order). The TOML files are the source: readable multi-line texts, one ``[[doc]]`` each, with the
expected contacts written as ``"canonical name|role|country"``.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OUT = HERE / "devset_handwritten.jsonl"


def _person(spec: str) -> dict[str, str | None]:
    name, role, country = spec.split("|")
    return {"name": name, "role": role or None, "country": country or None}


def _contact(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": raw["kind"],
        "status": raw.get("status", "held"),
        "date": raw.get("date"),
        "participants": [_person(p) for p in raw["participants"]],
        "previous_contact": raw.get("previous_contact"),
        "duration_minutes": raw.get("duration_minutes"),
        "initiator": raw.get("initiator"),
    }


def records() -> list[dict[str, Any]]:
    out = []
    for path in sorted((HERE / "handwritten").glob("*.toml")):
        for doc in tomllib.loads(path.read_text(encoding="utf-8"))["doc"]:
            out.append(
                {
                    "id": doc["id"],
                    "style": doc["style"],
                    "url": doc.get("url"),
                    "title": doc.get("title"),
                    "published": doc["published"],
                    "text": doc["text"].strip(),
                    "note": doc.get("note"),
                    "expected": {
                        "is_readout": doc["is_readout"],
                        "contacts": [_contact(c) for c in doc.get("contact", [])],
                    },
                }
            )
    return out


def main() -> None:
    rows = records()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    positives = sum(r["expected"]["is_readout"] for r in rows)
    print(f"{len(rows)} documents ({positives} readouts, {len(rows) - positives} not) -> {OUT}")


if __name__ == "__main__":
    main()

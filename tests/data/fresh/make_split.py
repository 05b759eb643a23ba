"""Split the fresh blind set (built 2026-12-06, see README.md) into a dev and a holdout part.

    python tests/data/fresh/make_split.py FRESH_DIR [OUT_DIR]

FRESH_DIR holds the set's JSON Lines files with their texts (kept outside the repository);
OUT_DIR (default: this folder) receives ``split.json`` and ``facts.jsonl`` (the second batch:
``tests/data/fresh2``).
Stratified by file, label (readout / hard negative) and whether the page gave a publication
date: half of each stratum, drawn with the recorded seed, is the holdout (``test`` in
``split.json``, so ``readoutwatch eval --split`` reads it like the real corpus's split). The
holdout is scored once, after tuning on the dev half has stopped. Also writes ``facts.jsonl``:
each item's facts (url, publication date, label, a hash of the text), never the text.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from services.extractor.real_corpus import draw_split

SEED = 20261206
HOLDOUT_SHARE = 0.5
HERE = Path(__file__).parent


def main(fresh: Path, out: Path = HERE) -> None:
    strata: dict[tuple[str, bool, bool], list[str]] = {}
    facts = []
    for path in sorted(fresh.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            key = (path.stem, item["label"]["is_readout"], item["published"] is None)
            strata.setdefault(key, []).append(item["id"])
            digest = hashlib.sha256(item["text"].encode("utf-8")).hexdigest()
            facts.append(
                {
                    "id": item["id"],
                    "url": item["url"],
                    "published": item["published"],
                    "text_sha256": digest,
                    "label": item["label"],
                    "why": item["why"],
                }
            )
    split = draw_split(strata, HOLDOUT_SHARE, SEED, "file x is_readout x published")
    (out / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    lines = [json.dumps(f, ensure_ascii=False) for f in sorted(facts, key=lambda f: f["id"])]
    (out / "facts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(split['test'])} holdout, {len(split['dev'])} dev")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else HERE)

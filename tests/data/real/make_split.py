"""Split the labelled real articles (``../shared/corpus/real``) into a frozen test and a dev part.

    python tests/data/real/make_split.py [CORPUS_DIR]

Stratified by region file and label (readout / hard negative): a quarter of each stratum, drawn
with the recorded seed, goes to the test part. The result, ``split.json`` beside this file, holds
ids only (never texts). The test part is scored once before any rule is tuned on it and never
tuned on after; develop on the rest.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from services.extractor.real_corpus import draw_split

SEED = 20261206
TEST_SHARE = 0.25
HERE = Path(__file__).parent
DEFAULT_CORPUS = HERE.parents[3] / "shared" / "corpus" / "real"


def main(corpus: Path) -> None:
    strata: dict[tuple[str, bool], list[str]] = {}
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            strata.setdefault((path.stem, item["label"]["is_readout"]), []).append(item["id"])
    split = draw_split(strata, TEST_SHARE, SEED, "region file x is_readout")
    (HERE / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"{len(split['test'])} test, {len(split['dev'])} dev")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)

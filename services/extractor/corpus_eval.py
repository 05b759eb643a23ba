"""Measure the extractor on the White House briefing-room archive, labelled from titles alone.

    python -m services.extractor.corpus_eval ../shared/corpus/whitehouse [--sample N] [--misses]
        [--raw-titles]

Recall is measured on the foreign call and meeting readouts, the false-positive rate on every
other document (labels: ``corpus_labels``). ``--sample N`` keeps every positive and every N-th
other document in file-name (that is, date) order: the quick, stratified run the tests use.
``--raw-titles`` scores against the titles' own labels, without ``corpus_labels.CORRECTIONS``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shared.schemas import ExtractInput

from .corpus_labels import label
from .pipeline import extract


@dataclass
class CorpusReport:
    positives: int = 0
    found: int = 0
    negatives: int = 0
    false_positives: int = 0
    skipped: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def fpr(self) -> float:
        return self.false_positives / self.negatives if self.negatives else 0.0


def front_matter(raw: str) -> tuple[dict[str, str], str]:
    """(fields, body) of a Markdown file with a simple YAML front matter."""
    if not raw.startswith("---"):
        return {}, raw
    end = raw.find("\n---", 3)
    head, body = raw[3:end], raw[end + 4 :]
    fields: dict[str, str] = {}
    for m in re.finditer(r"^(\w+):[ \t]*(.*(?:\n[ \t]+.*)*)", head, re.M):
        value = m.group(2).strip()
        if value[:1] in "\"'":
            value = re.sub(r"\\\n\s*", "", value[1:-1])
            value = re.sub(r"\n\s*", " ", value).replace("\\_", " ").replace("\\ ", " ")
            value = re.sub(
                r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))",
                lambda u: chr(int(u.group(1) or u.group(2), 16)),
                value,
            )
            value = value.replace('\\"', '"').replace("''", "'")
        fields[m.group(1)] = " ".join(value.split())
    return fields, body


def documents(folder: Path, corrected: bool = True) -> Iterator[tuple[ExtractInput, bool | None]]:
    """Every Markdown document under ``folder``, in file-name order, with its title label
    (``corrected``: with the corrections of titles the text contradicts)."""
    for path in sorted(folder.rglob("*.md")):
        meta, body = front_matter(path.read_text(encoding="utf-8", errors="replace"))
        title = meta.get("title", "")
        try:
            published = dt.date.fromisoformat(meta.get("date", "").strip("'\"")[:10])
        except ValueError:
            published = None
        doc = ExtractInput(
            id=path.name, text=body, title=title, published=published, url=meta.get("source_url")
        )
        yield doc, label(title, path.name, corrected)


def evaluate_corpus(folder: str | Path, sample: int = 1, corrected: bool = True) -> CorpusReport:
    """Recall on foreign call/meeting readouts, false-positive rate on everything else; with
    ``sample`` > 1 only every ``sample``-th negative is run (every positive always is);
    ``corrected=False``: the titles' own labels."""
    report = CorpusReport()
    negatives_seen = 0
    for doc, truth in documents(Path(folder), corrected):
        if truth is None:
            report.skipped += 1
            continue
        if not truth:
            negatives_seen += 1
            if (negatives_seen - 1) % sample:
                continue
        got = extract(doc).is_readout
        if truth:
            report.positives += 1
            report.found += got
            if not got:
                report.misses.append(doc.title or doc.id or "?")
        else:
            report.negatives += 1
            report.false_positives += got
            if got:
                report.false_alarms.append(doc.title or doc.id or "?")
    return report


def format_corpus_report(r: CorpusReport, misses: bool = True) -> str:
    lines = [
        f"foreign readouts: {r.found}/{r.positives} found (recall {r.recall:.3f})",
        f"other documents: {r.false_positives}/{r.negatives} flagged (FPR {r.fpr:.3f}); "
        f"{r.skipped} ambiguous titles left out",
    ]
    if misses:
        lines += [f"  missed: {t}" for t in r.misses]
        lines += [f"  false alarm: {t}" for t in r.false_alarms]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sample", type=int, default=1, help="run every N-th negative only")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    parser.add_argument(
        "--raw-titles", action="store_true", help="the titles' own labels, no corrections"
    )
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    report = evaluate_corpus(args.folder, max(1, args.sample), corrected=not args.raw_titles)
    print(format_corpus_report(report, misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure the extractor on the White House briefing-room archive, labelled from document titles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shared.schemas import ExtractInput

from .pipeline import extract

_CONTACT = re.compile(
    r"\b(?:Call|Meetings?|Conversation|Video|Phone|Bilateral|Trilateral|Telephone)\b", re.I
)
# Statements "on"/"following" a call or meeting are readouts under another name.
_STATEMENT_ON = re.compile(
    r"^(?:Joint |NSC Press )?Statement\b.*\b(?:on|Following|Regarding)\b", re.I
)
_FOREIGN = re.compile(
    r"\b(?:Prime Minister|Chancellor|King|Queen|Emir|Amir|Crown Prince|Sultan|Taoiseach|Pope|"
    r"Secretary[- ]General|President(?! Biden| Joe| Joseph| Harris|['’]s)(?:-elect)?|Premier|"
    r"Chairman|Chairperson|Foreign Minister|Presidents of|Leaders|Allies)\b"
)
_AMBIGUOUS = re.compile(
    r"\b(?:National Security Advis[eo]rs?|Secretary|Ambassador|Deputy|Envoy|Advis[eo]rs?|"
    r"Spokesperson)\b"
)


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
        fields[m.group(1)] = value
    return fields, body


def label(title: str) -> bool | None:
    """True: a readout of a call/meeting with a foreign leader; False: anything else;
    None: a readout of officials whose level the title does not settle (left out)."""
    if not (title.lower().startswith(("readout", "joint readout")) or _STATEMENT_ON.search(title)):
        return False
    if not _CONTACT.search(title):
        return False
    rest = title.split(" with ", 1)[1] if " with " in title else title
    if re.search(r"\b(?:Governors?|Mayors?|CEOs?|Congress|Caucus|Senators?|Civil Rights)\b", rest):
        return False
    subject = title.split(" with ", 1)[0].rsplit(" on ", 1)[-1]
    if _AMBIGUOUS.search(subject) or _AMBIGUOUS.search(rest[:40]):
        return None
    return bool(_FOREIGN.search(rest))


def documents(folder: Path) -> Iterator[tuple[ExtractInput, bool | None]]:
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
        yield doc, label(title)


def evaluate_corpus(folder: str | Path) -> CorpusReport:
    """Recall on foreign call/meeting readouts, false-positive rate on everything else."""
    report = CorpusReport()
    for doc, truth in documents(Path(folder)):
        if truth is None:
            report.skipped += 1
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


def format_corpus_report(r: CorpusReport) -> str:
    lines = [
        f"foreign readouts: {r.found}/{r.positives} found (recall {r.recall:.3f})",
        f"other documents: {r.false_positives}/{r.negatives} flagged (FPR {r.fpr:.3f}); "
        f"{r.skipped} ambiguous titles left out",
    ]
    lines += [f"  missed: {t}" for t in r.misses]
    lines += [f"  false alarm: {t}" for t in r.false_alarms]
    return "\n".join(lines)

"""Score the extractor on the labelled real articles (``../shared/corpus/real`` shape).

Each label lists every held contact the article reports, the news (``main``) and those recalled
in passing. The figures: the readout verdict (P/R/F1, also split by whether the input had a
``published`` date); the reported contact's participants, kind and date, over the readouts we
also call readouts; the other held contacts, scored apart (right people; right people and date)
with the count of held contacts we output that no label holds; the previous contact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from shared.schemas import ExtractInput, ExtractOutput

from .pipeline import extract
from .real_match import Held, assign, people_of, same_people


@dataclass(frozen=True)
class RealItem:
    doc: ExtractInput
    is_readout: bool
    contacts: tuple[Held, ...]
    previous: dt.date | None


@dataclass
class Verdicts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, want: bool, got: bool) -> None:
        if want and got:
            self.tp += 1
        elif want:
            self.fn += 1
        elif got:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


@dataclass
class RealReport:
    readout: Verdicts = field(default_factory=Verdicts)
    by_published: dict[str, Verdicts] = field(default_factory=dict)
    mains: int = 0  # labelled news contacts of the readouts we also call readouts
    main_found: int = 0
    main_people: int = 0
    main_kind: int = 0
    main_date: int = 0
    date_by_published: dict[str, list[int]] = field(default_factory=dict)  # [right, found]
    others: int = 0
    other_people: int = 0
    other_right: int = 0  # right people and right date
    extra: int = 0  # held contacts output that no label lists
    previous: list[int] = field(default_factory=lambda: [0, 0])  # [right, scored]
    previous_labelled: list[int] = field(default_factory=lambda: [0, 0])  # [found, labelled]
    previous_spurious: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def participants(self) -> float:
        return ratio(self.main_people, self.mains)

    @property
    def date(self) -> float:
        return ratio(self.main_date, self.main_found)

    @property
    def kind(self) -> float:
        return ratio(self.main_kind, self.main_found)

    @property
    def others_right(self) -> float:
        return ratio(self.other_right, self.others)

    @property
    def previous_accuracy(self) -> float:
        return ratio(*self.previous)


def score_real(
    items: Iterable[RealItem], run: Callable[[ExtractInput], ExtractOutput] = extract
) -> RealReport:
    report = RealReport()
    for item in items:
        got = run(item.doc)
        _score_item(report, item, got, item.doc.id or item.doc.url or "?")
    return report


def _score_item(report: RealReport, item: RealItem, got: ExtractOutput, tag: str) -> None:
    dated = "published" if item.doc.published else "no published"
    report.readout.add(item.is_readout, got.is_readout)
    report.by_published.setdefault(dated, Verdicts()).add(item.is_readout, got.is_readout)
    if item.is_readout != got.is_readout:
        report.misses.append(f"{tag}: readout want {item.is_readout} got {got.is_readout}")
    held = [c for c in got.contacts if c.status == "held"]
    hits = assign(item.contacts, held)
    claimed = {id(c) for c in hits if c is not None}
    for contact in held:
        if id(contact) not in claimed:
            report.extra += 1
            report.misses.append(f"{tag}: extra held {_names(contact)} {contact.date}")
    for want, hit in zip(item.contacts, hits, strict=True):
        right_people = hit is not None and same_people(want.people, people_of(hit))
        if not want.main:
            report.others += 1
            report.other_people += right_people
            report.other_right += right_people and hit is not None and hit.date == want.date
            if not right_people:
                report.misses.append(f"{tag}: other held not found {_wanted(want)} {want.date}")
            elif hit is not None and hit.date != want.date:
                report.misses.append(f"{tag}: other held date got {hit.date} want {want.date}")
            continue
        if not (item.is_readout and got.is_readout):
            continue
        report.mains += 1
        report.main_people += right_people
        if hit is None:
            report.misses.append(f"{tag}: main contact not found")
            continue
        if not right_people:
            report.misses.append(f"{tag}: participants {_names(hit)}")
        report.main_found += 1
        report.main_kind += hit.kind == want.kind
        if hit.kind != want.kind:
            report.misses.append(f"{tag}: kind got {hit.kind} want {want.kind}")
        report.main_date += hit.date == want.date
        tally = report.date_by_published.setdefault(dated, [0, 0])
        tally[0] += hit.date == want.date
        tally[1] += 1
        if hit.date != want.date:
            report.misses.append(f"{tag}: date got {hit.date} want {want.date}")
    if item.is_readout and got.is_readout:
        hit = next((h for w, h in zip(item.contacts, hits, strict=True) if w.main), None)
        said = hit.previous_contact if hit else None
        report.previous[0] += said == item.previous
        report.previous[1] += 1
        report.previous_spurious += said is not None and item.previous is None
        if said != item.previous:
            report.misses.append(f"{tag}: previous contact got {said} want {item.previous}")
    if item.previous is not None:
        report.previous_labelled[0] += item.previous in {c.previous_contact for c in held}
        report.previous_labelled[1] += 1


def _wanted(contact: Held) -> list[str | None]:
    return [who.name for who in contact.people]


def _names(contact: object) -> list[str | None]:
    return [p.name for p in getattr(contact, "participants", [])]

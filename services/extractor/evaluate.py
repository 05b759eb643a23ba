"""Score extractor output against labelled documents: is_readout P/R/F1 and per-field accuracy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from shared.schemas import Contact, ExtractInput, ExtractOutput

from .pipeline import extract
from .real_eval import Verdicts

FIELDS = ("participants", "kind", "date", "previous_contact")


@dataclass
class Report(Verdicts):
    """Readout verdicts (``Verdicts``: P/R/F1) and the fields of the matched held contacts."""

    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    expected_contacts: int = 0
    misses: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.field_hits[name] / self.matched if self.matched else 1.0

    @property
    def contact_recall(self) -> float:
        return self.matched / self.expected_contacts if self.expected_contacts else 1.0


def _names(c: Contact) -> frozenset[str]:
    return frozenset(p.name or f"?{p.country}" for p in c.participants)


def _match(expected: Contact, got: list[Contact]) -> Contact | None:
    """The predicted contact (same status) sharing most participants with ``expected``."""
    want = _names(expected)
    pool = [c for c in got if c.status == expected.status and len(_names(c) & want) >= 2]
    return max(pool, key=lambda c: len(_names(c) & want), default=None)


def evaluate(
    rows: Iterable[tuple[ExtractInput, ExtractOutput]],
    run: Callable[[ExtractInput], ExtractOutput] = extract,
) -> Report:
    """Run ``run`` on each input and compare with the expected output."""
    report = Report()
    for doc, expected in rows:
        got = run(doc)
        tag = doc.id or doc.url or "?"
        if expected.is_readout and got.is_readout:
            report.tp += 1
        elif expected.is_readout:
            report.fn += 1
            report.misses.append(f"{tag}: missed readout ({got.error or 'no main held contact'})")
        elif got.is_readout:
            report.fp += 1
            held = [c.evidence for c in got.contacts if c.status == "held"]
            report.misses.append(f"{tag}: false readout, evidence {held[:1]}")
        else:
            report.tn += 1
        for want in (c for c in expected.contacts if c.status == "held"):
            report.expected_contacts += 1
            hit = _match(want, got.contacts)
            if hit is None:
                report.misses.append(f"{tag}: contact {sorted(_names(want))} not found")
                continue
            report.matched += 1
            checks = {
                "participants": (_names(hit), _names(want)),
                "kind": (hit.kind, want.kind),
                "date": (hit.date, want.date),
                "previous_contact": (hit.previous_contact, want.previous_contact),
            }
            for name, (a, b) in checks.items():
                if a == b:
                    report.field_hits[name] += 1
                else:
                    report.misses.append(f"{tag}: {name} got {_show(a)} want {_show(b)}")
    return report


def _show(value: object) -> str:
    return str(sorted(value)) if isinstance(value, frozenset) else str(value)


def format_report(report: Report) -> str:
    lines = [
        f"is_readout  P={report.precision:.3f} R={report.recall:.3f} F1={report.f1:.3f} "
        f"(tp={report.tp} fp={report.fp} fn={report.fn} tn={report.tn})",
        f"contacts    matched {report.matched}/{report.expected_contacts} "
        f"({report.contact_recall:.3f})",
    ]
    lines += [f"{name:<18}{report.accuracy(name):.3f}" for name in FIELDS]
    if report.misses:
        lines.append(f"misses ({len(report.misses)}):")
        lines += [f"  - {m}" for m in report.misses]
    return "\n".join(lines)

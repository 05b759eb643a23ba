"""Officials-elect: someone titled "President-elect", "Prime Minister-designate", "PM-in-waiting"
or "Secretary-General-elect" is not yet a senior official of a government (the corpus rule: a
president-elect is not counted). A held contact whose only counterpart is such a person is no
contact between officials, so an article whose news is only such contacts is no readout.

The title must qualify the participant itself: the mention's own words ("President-elect X",
"X, the US president-elect"), the title right before a name the lexicon reads without it
("Premier-elect X"), or an apposition right after it ("X, South Korea's president-elect,").
A sentence that says so qualifies that sentence's contacts; a text that calls someone elect
(not "then" or "former" elect) qualifies every contact of theirs in it, except where the
gazetteer has them in a senior office on the contact's date (or, undated, on the day the text
is read at, when that day is known): a recalled contact from an earlier term still counts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from .classify import Candidate
from .people import Mention, gazetteer
from .periods import told_year
from .roster import key_of

# an office word joined to "elect" / "designate" / "in waiting": "President-elect",
# "Prime Minister-designate", "PM-in-waiting", "Secretary-General-elect" (not "deputy elect",
# "Ambassador-designate": no senior office)
_OFFICE = r"(?:president|minister|premier|chancellor|pm|general|taoiseach|leader)"
_ELECT = rf"{_OFFICE}(?:\s*-\s*|\s+)(?:elect|designate)\b|{_OFFICE}(?:\s*-\s*|\s+)in[- ]waiting\b"
_IN_SPAN = re.compile(rf"\b(?:{_ELECT})", re.IGNORECASE)
# the word right after a mention that ends with an office: "X, Britain's prime minister" +
# "-in-waiting"
_SUFFIX = re.compile(r"(?:\s*-\s*|\s+)(?:elect|designate|in[- ]waiting)\b", re.IGNORECASE)
# the title right before the name: "Premier-elect Li", "Prime Minister-in-waiting, Sir X"
_BEFORE = re.compile(
    rf"\b(?:{_ELECT})[\s,]*(?:(?:Dr|Mr|Mrs|Ms|Sir|Dame|H\.?E)\.?\s+)?$", re.IGNORECASE
)
# an apposition right after the name: ", the US president-elect", ", South Korea's
# president-elect", "(president-elect)", ", who is the prime minister-designate"
_AFTER = re.compile(
    rf"\s*[,(–—]\s*(?:who\s+is\s+)?(?:the\s+|(?i:incoming\s+))?"
    rf"(?:[A-Z][\w.'’-]*\s+){{0,3}}(?i:(?:(?:prime|vice|foreign|secretary)[\s-]+)?(?:{_ELECT}))"
)
# "then president-elect X", "the former prime minister-designate": elect at another time
_THEN = re.compile(r"\b(?:then|former|ex)[\s-]*(?:[A-Z][\w.'’-]*\s+){0,2}$", re.IGNORECASE)


def _serving_title(title: str | None) -> bool:
    """A title of office as held ("president"), not one to come ("president-elect")."""
    return bool(title) and _SUFFIX.search(title or "") is None


@dataclass
class Elect:
    """Who the text calls elect: per sentence (any wording) and in the whole text (not "then")."""

    # sentence -> officials it calls elect -> whether as "then" elect (at the contact's time)
    by_sentence: dict[int, dict[str, bool]] = field(default_factory=dict)
    in_text: set[str] = field(default_factory=set)
    officials: dict[str, str] = field(default_factory=dict)  # person's name -> gazetteer id
    # sentence -> officials it names under a serving title ("U.S. President X"): there the
    # title of another sentence ("spoke to President-elect X in December") does not reach
    titled: dict[int, set[str]] = field(default_factory=dict)

    def note(self, idx: int, sentence: str, resolved: list[Mention]) -> None:
        """Record the officials ``sentence`` (number ``idx``) calls elect, and those it names
        under a serving title."""
        for m in resolved:
            if m.person is not None and m.person.name is not None and _serving_title(m.title):
                self.titled.setdefault(idx, set()).add(key_of(m.person))
        low = sentence.lower()
        if "elect" not in low and "designate" not in low and "waiting" not in low:
            return
        for m in resolved:
            if m.person is None or m.person.name is None:
                continue
            span = sentence[m.start : m.end]
            suffix = _SUFFIX.match(sentence, m.end)  # "X, Britain's prime minister-in-waiting"
            hit = _IN_SPAN.search(span + sentence[m.end : suffix.end()] if suffix else span)
            start = m.start + hit.start() if hit else m.start
            if hit is None:
                before = _BEFORE.search(sentence[max(0, m.start - 60) : m.start])
                if before is not None:
                    start = max(0, m.start - 60) + before.start()
                elif not self._apposition(sentence, m, resolved):
                    continue
            name = key_of(m.person)
            then = bool(_THEN.search(sentence[max(0, start - 40) : start]))
            self.by_sentence.setdefault(idx, {})[name] = then
            if m.key:
                self.officials[name] = m.key
            if not then:
                self.in_text.add(name)

    @staticmethod
    def _apposition(sentence: str, m: Mention, resolved: list[Mention]) -> bool:
        """'X, the US president-elect': the title after X is X's, unless it is the next
        person's own ('X, President-elect Y and Z met')."""
        after = _AFTER.match(sentence, m.end)
        if after is None:
            return False
        name = m.person.name if m.person else None
        return not any(
            m.end <= r.start <= after.end() + 1 and r.person and r.person.name != name
            for r in resolved
        )

    def serving(self, name: str, day: dt.date | None) -> bool:
        """Whether the gazetteer has this official in a senior office on ``day``."""
        o = gazetteer().by_id.get(self.officials.get(name, ""))
        return day is not None and o is not None and bool(o.roles_at(day))

    def keep(
        self, found: list[Candidate], sents: list[str], roles_day: dt.date, dated: bool
    ) -> list[Candidate]:
        """The candidates with officials-elect taken out of their participants; a candidate
        left without officials of two governments is dropped. An official is judged on the
        contact's date, else the one earlier year its sentence tells ("met X in 2018"), else
        (``dated``: a day with evidence, and not "then" elect) the day the text is read at."""
        if not self.by_sentence:
            return found
        out = []
        for c in found:
            here = self.by_sentence.get(c.sentence, {})
            titled = self.titled.get(c.sentence, set())
            named = [n for n in c.keys if n in here or (n in self.in_text and n not in titled)]
            day = c.date
            if named and day is None:
                day = told_year(sents[c.sentence], roles_day if dated else dt.date.max)
            elect = [
                n
                for n in named
                if not self.serving(n, day or (roles_day if dated and not here.get(n) else None))
            ]
            if not elect:
                out.append(c)
                continue
            pairs = [(p, k) for p, k in zip(c.participants, c.keys, strict=True) if k not in elect]
            if len({p.country for p, _ in pairs if p.country}) < 2:
                continue  # its only counterpart is not yet in office: no contact of officials
            out.append(replace(c, participants=[p for p, _ in pairs], keys=[k for _, k in pairs]))
        return out

"""People outside the gazetteer, named with a title: the fullest form of each name the text
gives ("President Ali" -> "Irfaan Ali") and the country said anywhere for it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from shared.schemas import Person

from .people import Mention, gazetteer

_FIRST_NAMES = re.compile(r"((?:[A-Z][\w'’\-]+\s+){1,2})$")


class UnknownNames:
    """The unknown people of one document, keyed by the last word of their name."""

    def __init__(self) -> None:
        self.by_last: dict[str, Person] = {}

    def people(self) -> list[Person]:
        return list(self.by_last.values())

    def note(self, p: Person) -> None:
        last = (p.name or "").split()[-1]
        have = self.by_last.get(last)
        if have is None:
            self.by_last[last] = p
        elif have.country is None and p.country is not None:
            self.by_last[last] = have.model_copy(update={"country": p.country})

    def complete(self, text: str) -> None:
        """'President Ali' -> 'Irfaan Ali' when the text spells the full name somewhere."""
        g = gazetteer()
        for last, p in list(self.by_last.items()):
            if len((p.name or "").split()) > 1:
                continue
            firsts: Counter[str] = Counter()
            for start in _standing(text, last):
                head = _FIRST_NAMES.search(text[max(0, start - 60) : start])
                words = head.group(1).split() if head else []
                while words and (words[0] in g.not_name or words[0].lower() in g.title_starts):
                    words.pop(0)
                if words and not any(w.lower() in g.title_starts for w in words):
                    firsts[" ".join(words)] += 1
            if firsts:
                first = firsts.most_common(1)[0][0]
                self.by_last[last] = p.model_copy(update={"name": f"{first} {last}"})

    def settle(self, m: Mention) -> Mention:
        """The mention with the fullest name and the country known for it."""
        assert m.person is not None
        best = self.by_last.get((m.person.name or "").split()[-1])
        if best is None:
            return m
        country = m.person.country or best.country
        person = m.person.model_copy(update={"name": best.name, "country": country})
        return replace(m, person=person, key=f"?{best.name}", country=country, senior=m.senior)


def _standing(text: str, word: str) -> Iterator[int]:
    r"""Where ``word`` stands in ``text`` with no word character, "'" or "’" on either side:
    the matches of ``(?<![\w’'])word(?![\w’'])`` (left to right, not overlapping), found by
    ``str.find`` instead of a regex tried at every position of the text."""
    if not word:
        yield from (m.start() for m in re.finditer(r"(?<![\w’'])(?![\w’'])", text))
        return
    n, size = len(text), len(word)
    at = text.find(word)
    while at >= 0:
        end = at + size
        if (at == 0 or not _joins(text[at - 1])) and (end == n or not _joins(text[end])):
            yield at
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _joins(c: str) -> bool:
    r"""Is ``c`` a character that ``[\w’']`` matches (a word character as ``re`` reads it)?"""
    return c.isalnum() or c in "_’'"

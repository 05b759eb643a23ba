"""Words a regex match must contain, read off the pattern: a cheap substring pre-filter.

Running two dozen case-insensitive trigger patterns over every sentence is the costliest part of
the extractor's own work; most sentences hold none of the words that a pattern cannot match
without ("phone", "video", "talks"). ``required_words`` reads these from the pattern's top
level: each plain word, and each mandatory group whose alternatives all begin with letters,
gives a set of words one of which every match contains. A top-level alternation gives one set:
the most selective set of each alternative, joined (a match holds a word of its own
alternative's set). The reading is conservative: whatever it does not understand (classes,
lookarounds, optional parts, an alternative without a word) it skips, which only makes the
filter let more sentences through, never fewer.

``Rule`` bundles a pattern with its words and, when the pattern allows it, a case-sensitive copy:
a case-insensitive pattern whose letters are all lower-case ASCII (no inline flags, no escapes
but classes, boundaries and punctuation) finds on the lower-cased text exactly the spans it
finds on the text, and sre runs it about twice as fast without ``IGNORECASE``. That holds for
any text without the four letters that case-insensitive matching folds to ASCII letters while
``str.lower`` does not (or changes the length): "İ", "ı", "ſ" and the Kelvin sign (checked over
every code point, with word, space and digit classes, in ``tests/extractor/test_fast_paths.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_QUANTIFIERS = "?*+{"
_GROUP_FLAGS = re.compile(r"^\?[a-zA-Z-]*:")
_LETTERS = re.compile(r"[A-Za-z]+")

WordSets = tuple[tuple[str, ...], ...]


def required_words(pattern: str) -> WordSets:
    """Sets of lower-case words; a match of ``pattern`` holds at least one word of each set.
    The most selective sets (longest shortest word) come first."""
    items = _top_level(pattern)
    if items is None:
        return _either(pattern)
    sets: list[tuple[str, ...]] = []
    for body, is_group in items:
        if not is_group:
            sets.append((body.lower(),))
            continue
        if body.startswith(("?=", "?!", "?<")):
            continue  # a lookaround, or a named group: not read
        words = [_leading_word(alt) for alt in _alternatives(_GROUP_FLAGS.sub("", body))]
        if all(words):
            sets.append(tuple(dict.fromkeys(w for w in words if w)))
    return tuple(sorted(sets, key=lambda ws: -min(map(len, ws))))


def _either(pattern: str) -> WordSets:
    """One set for a top-level alternation: the first (most selective) set of every
    alternative; nothing when an alternative has no mandatory word."""
    words: list[str] = []
    for alternative in _alternatives(pattern):
        sets = required_words(alternative)
        if not sets:
            return ()
        words += sets[0]
    return (tuple(dict.fromkeys(words)),)


def may_match(low: str, sets: WordSets) -> bool:
    """False when the lower-cased text ``low`` lacks every word of one of ``sets``."""
    for words in sets:  # plain loops: this runs for every pattern and sentence
        for word in words:
            if word in low:
                break
        else:
            return False
    return True


def _top_level(pattern: str) -> list[tuple[str, bool]] | None:
    """Mandatory top-level pieces: (group body, True) or (plain word, False); None when the
    pattern is an alternation at its top level (no piece is then mandatory)."""
    items: list[tuple[str, bool]] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(pattern, i)
        elif c == "(":
            end = _group_end(pattern, i)
            if not (end + 1 < n and pattern[end + 1] in _QUANTIFIERS):
                items.append((pattern[i + 1 : end], True))
            i = end + 1
        elif c == "|":
            return None
        elif c.isascii() and c.isalpha():  # other letters ("é") are not read: conservative
            m = _LETTERS.match(pattern, i)
            assert m is not None
            word = m.group()
            if m.end() < n and pattern[m.end()] in _QUANTIFIERS:
                word = word[:-1]  # "talks?": the last letter is optional
            if word:
                items.append((word, False))
            i = m.end()
        else:
            i += 1
    return items


def _group_end(pattern: str, start: int) -> int:
    depth, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class opening at ``start``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a leading "]" is a literal
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _alternatives(body: str) -> list[str]:
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(body, i)
            continue
        if c == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        depth += (c == "(") - (c == ")")
        i += 1
    parts.append(body[start:])
    return parts


def _leading_word(alternative: str) -> str | None:
    """The letters an alternative starts with ("video\\s*..." -> video), else None."""
    m = _LETTERS.match(alternative)
    if m is None:
        return None
    word = m.group()
    if m.end() < len(alternative) and alternative[m.end()] in _QUANTIFIERS:
        word = word[:-1]
    return word.lower() or None


class Rule(NamedTuple):
    """A pattern, the words its matches hold, and its case-sensitive copy for ASCII text."""

    pattern: re.Pattern[str]
    words: WordSets
    lower: re.Pattern[str] | None

    def may_match_given(self, low: str, present: set[str]) -> bool:
        """``may_match(low, self.words)``, its first set read off ``present``: the words of
        ``low`` among those of ``first_words`` of a list holding this rule."""
        words = self.words
        return not words or (not present.isdisjoint(words[0]) and may_match(low, words[1:]))

    def finditer(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """Matches in ``text`` (``low``: ``text.lower()``); spans only, as the text may not be
        the string matched."""
        if self.lower is not None and lower_is_faithful(text):
            return self.lower.finditer(low)
        return self.pattern.finditer(text)

    def search(self, text: str, low: str) -> bool:
        if not may_match(low, self.words):
            return False
        if self.lower is not None and lower_is_faithful(text):
            return self.lower.search(low) is not None
        return self.pattern.search(text) is not None


# Letters that case-insensitive regexes match to ASCII letters but ``str.lower`` keeps (or
# lengthens): İ ı ſ and the Kelvin sign.
FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")


def lower_is_faithful(text: str) -> bool:
    """Does a lower-case ASCII pattern, matched case-sensitively on ``text.lower()``, find what
    it finds case-insensitively on ``text``, at the same places?"""
    return text.isascii() or not may_match(text, (FOLDING,))


def first_words(rules: list[Rule]) -> tuple[str, ...]:
    """The words of every rule's most selective set: one substring test each per text tells
    which of a list's rules can match, instead of one test per rule."""
    return tuple(dict.fromkeys(w for r in rules if r.words for w in r.words[0]))


def rule(pattern: str, flags: int = 0) -> Rule:
    compiled = re.compile(pattern, flags)
    lower = re.compile(pattern) if flags & re.IGNORECASE and _lower_only(pattern) else None
    return Rule(compiled, required_words(pattern), lower)


_CASELESS_ESCAPES = frozenset("sSwWbBdD")


def _lower_only(pattern: str) -> bool:
    """No upper-case or non-ASCII letter, inline flag or letter-making escape: the pattern
    means the same, matched case-sensitively, on lower-cased ASCII text."""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt.isalnum() and nxt not in _CASELESS_ESCAPES:
                return False  # \x41, \N{...}, \1 ...
            i += 2
            continue
        if c.isupper() or (c.isalpha() and not c.isascii()):
            return False  # ("ſ" and the Kelvin sign match ASCII letters case-insensitively)
        if c == "(" and pattern[i + 1 : i + 2] == "?" and pattern[i + 2 : i + 3] not in ":=!<":
            return False  # an inline flag: "(?i:", "(?-i:"
        i += 1
    return True

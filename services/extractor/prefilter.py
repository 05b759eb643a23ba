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


def leading_words(pattern: str) -> tuple[str, ...] | None:
    """Lower-case words one of which every match of ``pattern`` starts with (ignoring case),
    read off the first element of each top-level alternative past a ``\\b``: a word, or a
    mandatory group of alternatives that all start with one; None when an alternative does
    not (a class, an escape, an optional group, a lookaround, flags ...)."""
    words: list[str] = []
    for alternative in _alternatives(pattern):
        while alternative.startswith("\\b"):
            alternative = alternative[2:]
        if alternative.startswith("("):
            end = _group_end(alternative, 0)
            after = alternative[end + 1 : end + 2]
            if after and after in _QUANTIFIERS and after != "?":
                return None  # a repeated group
            body = alternative[1:end]
            if body.startswith(("?:", "?i:")):
                body = body.partition(":")[2]
            elif body.startswith("?"):
                return None  # a lookaround, a named group, flags
            inner = leading_words(body)
            if inner and after == "?":  # optional: what follows starts the other matches
                rest = leading_words(alternative[end + 2 :].lstrip("?+"))
                inner = (*inner, *rest) if rest else None
            if not inner:
                return None
            words += inner
            continue
        word = _leading_word(alternative)
        if word is None:
            return None
        words.append(word)
    return tuple(dict.fromkeys(words))


class Rule(NamedTuple):
    """A pattern, the words its matches hold, its case-sensitive copy for ASCII text, and the
    words its matches start with (``starts``: one regex finding them in lower-cased text).

    A pattern is run only where one of its first words stands: sre finds those places by their
    first letters, fast, where the pattern itself (most begin with ``\\b``, or with a group
    matched ignoring case) gives it no prefix to scan for and is tried at every position."""

    pattern: re.Pattern[str]
    words: WordSets
    lower: re.Pattern[str] | None
    starts: re.Pattern[str] | None = None

    def finditer(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """Matches in ``text`` (``low``: ``text.lower()``); spans only, as the text may not be
        the string matched."""
        faithful = lower_is_faithful(text)
        if self.starts is not None and faithful:
            return self._scan(text, low)
        if self.lower is not None and faithful:
            return self.lower.finditer(low)
        return self.pattern.finditer(text)

    def _scan(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, the pattern tried only where a first word stands in
        ``low`` (the same places in ``text``: lower-casing it is faithful). A match at the
        first place it succeeds is the one a search finds; it is not empty (it starts with a
        word), so the next is searched from its end, as ``finditer`` does."""
        assert self.starts is not None
        starts, match = self.starts.search, self.pattern.match
        pos = 0
        while (place := starts(low, pos)) is not None:
            m = match(text, place.start())
            if m is None:
                pos = place.start() + 1
            else:
                yield m
                pos = m.end()

    def search(self, text: str, low: str) -> bool:
        return may_match(low, self.words) and self.found(text, low)

    def found(self, text: str, low: str) -> bool:
        """``search`` without the word test (made already)."""
        faithful = lower_is_faithful(text)
        if self.starts is not None and faithful:
            return next(self._scan(text, low), None) is not None
        if self.lower is not None and faithful:
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
    starts = _starts(pattern, flags, lower is not None)
    return Rule(compiled, required_words(pattern), lower, starts)


def _starts(pattern: str, flags: int, lowered: bool) -> re.Pattern[str] | None:
    """The regex finding the first words of ``pattern``'s matches, when scanning for them pays:
    the pattern gives sre no prefix of its own to scan for (it opens with ``\\b``, or with words
    matched ignoring case on the text itself), and its first words are not so short ("in",
    "I") that they stand almost everywhere."""
    first = leading_words(pattern)
    if not first or min(map(len, first)) < 3:
        return None
    alternatives = _alternatives(pattern)
    if not any(a.startswith("\\b") or _optional_first(a) for a in alternatives):
        caseless = (flags & re.IGNORECASE and not lowered) or any(
            a.startswith("(?i:") for a in alternatives
        )
        if not caseless:
            return None  # it opens with its words, matched as written: sre scans for them
    return re.compile("|".join(map(re.escape, first)))


def _optional_first(alternative: str) -> bool:
    """Does ``alternative`` open with an optional group ("(?:tele)?phone")?"""
    if not alternative.startswith("("):
        return False
    end = _group_end(alternative, 0)
    return alternative[end + 1 : end + 2] == "?"


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


class Finder(NamedTuple):
    """``pattern.search`` without scanning the text with ``pattern`` itself.

    A pattern opening with ``\\b`` (as most rules do) gives sre no literal or character-set
    prefix, so a search runs the whole pattern at every position of the text: slow over a full
    article. ``loose`` is the pattern with the ``\\b`` opening each top-level alternative dropped:
    it matches wherever the pattern does (and at a few more places), and sre scans for it by its
    first letters. Each place it matches, leftmost first, is tried with ``pattern.match``: the
    first success is the match ``pattern.search`` finds. ``loose_low`` is ``loose`` matched
    case-sensitively on the lower-cased text, for case-insensitive patterns (see ``Rule``)."""

    pattern: re.Pattern[str]
    loose: re.Pattern[str]
    loose_low: re.Pattern[str] | None

    def search(self, text: str, low: str) -> re.Match[str] | None:
        """``self.pattern.search(text)`` (``low``: ``text.lower()``)."""
        if self.loose_low is not None and lower_is_faithful(text):
            scan, where = self.loose_low, low
        else:
            scan, where = self.loose, text
        pos = 0
        match = self.pattern.match
        while (m := scan.search(where, pos)) is not None:
            start = m.start()
            found = match(text, start)
            if found is not None:
                return found
            pos = start + 1
        return None


def finder(pattern: re.Pattern[str]) -> Finder:
    alternatives = _alternatives(pattern.pattern)
    loose = "|".join(a.removeprefix("\\b") for a in alternatives)
    lowered = _lowered(loose) if pattern.flags & re.IGNORECASE else None
    loose_low = re.compile(lowered, pattern.flags & ~re.IGNORECASE) if lowered else None
    return Finder(pattern, re.compile(loose, pattern.flags), loose_low)


def _lowered(pattern: str) -> str | None:
    """``pattern`` in lower case when that means the same case-insensitively and can run
    case-sensitively on lower-cased text (ASCII, no upper-case escape such as ``\\W``)."""
    if not pattern.isascii() or re.search(r"\\[A-Z]|\(\?P", pattern):
        return None
    low = pattern.lower()
    return low if _lower_only(low) else None


class RuleIndex:
    """Which rules of a list may match a text (``may_match`` with each rule's words), without
    testing every rule: each distinct word of the rules' most selective sets is looked for once,
    and a word containing a shorter one ("called", "call") only when that one is present. Only
    the rules holding a present word (and those with no words) are tested with their other
    sets."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        words = sorted(first_words(rules), key=len)
        inside = {
            w: next((u for u in reversed(words[:i]) if len(u) < len(w) and u in w), None)
            for i, w in enumerate(words)
        }
        self._roots = tuple(w for w in words if inside[w] is None)
        self._within = {u: tuple(w for w in words if inside[w] == u) for u in words}
        self._holding = {
            w: tuple(i for i, r in enumerate(rules) if r.words and w in r.words[0]) for w in words
        }
        self._always = tuple(i for i, r in enumerate(rules) if not r.words)
        self._rest = [r.words[1:] for r in rules]

    def matching(self, low: str) -> list[int]:
        """Indexes, in order, of the rules for which ``may_match(low, rule.words)`` holds."""
        present = [w for w in self._roots if w in low]
        if not present and not self._always:
            return []
        within, holding = self._within, self._holding
        found = set(self._always)
        for word in present:  # grows as longer words are found
            found.update(holding[word])
            present += [w for w in within[word] if w in low]
        rest = self._rest
        return [i for i in sorted(found) if not rest[i] or may_match(low, rest[i])]

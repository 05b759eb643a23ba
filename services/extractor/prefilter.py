"""Words a regex match must contain, read off the pattern: a cheap substring pre-filter.

Running two dozen case-insensitive trigger patterns over every sentence is the costliest part of
the extractor's own work; most sentences hold none of the words that a pattern cannot match
without ("phone", "video", "talks"). ``required_words`` reads these from the pattern's top
level: each plain word, and each mandatory group whose alternatives all begin with letters,
gives a set of words one of which every match contains. The reading is conservative: whatever
it does not understand (top-level alternation, classes, lookarounds, optional parts) it skips,
which only makes the filter let more sentences through, never fewer.
"""

from __future__ import annotations

import re

_QUANTIFIERS = "?*+{"
_GROUP_FLAGS = re.compile(r"^\?[a-zA-Z-]*:")
_LETTERS = re.compile(r"[A-Za-z]+")

WordSets = tuple[tuple[str, ...], ...]


def required_words(pattern: str) -> WordSets:
    """Sets of lower-case words; a match of ``pattern`` holds at least one word of each set.
    The most selective sets (longest shortest word) come first."""
    items = _top_level(pattern)
    if items is None:
        return ()
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
        elif c.isalpha():
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

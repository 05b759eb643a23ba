"""Split a sentence into word tokens with offsets and normalised forms for dictionary look-ups.

Names, titles and countries are found by looking token sequences up in dicts (see ``people.py``)
rather than by one regex per name: the cost no longer grows with the size of the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import add, itemgetter
from typing import NamedTuple

# A word: letters/digits with inner apostrophes, hyphens and dotted initials ("U.S.", "Sa'ar").
# (Written as runs of word characters between dots, not an alternation per character: the same
# matches, found twice as fast.)
_WORD = re.compile(r"[^\W\d_][\w'’ʻ\-]*(?:\.(?=[^\W\d_])[\w'’ʻ\-]*)*\.?")
_SPECIAL = str.maketrans(
    {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "þ": "th",
     "Þ": "Th", "ð": "d", "æ": "ae", "Æ": "Ae", "ı": "i", "ʻ": "'", "’": "'", "‘": "'"}
)  # fmt: skip
# An elided article before a capital: "d'Ivoire", "d'Estaing", "l'Aquila" (part of a name).
_ELIDED = re.compile(r"[a-z]{1,2}['’](?=\w)")
# Lower-case words that may sit inside a name ("Mohammed bin Salman", "Ursula von der Leyen").
PARTICLES = frozenset(
    "bin ibn al el von der den de da di du dos das van le la ould e y del do".split()
)


class Token(NamedTuple):  # a NamedTuple: tokens are made by the hundred thousand, and cheaply
    start: int
    end: int
    text: str  # as written, possessive stripped
    norm: str  # accent-folded, dots removed: the key for name and country look-ups
    low: str  # ``norm`` lower-cased: the key for title look-ups
    cap: bool  # starts with a capital letter (or is a particle-prefixed name: "al-Sisi")
    poss: bool  # written with a possessive ending ("Biden's")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accents and special letters folded to ASCII-ish, curly quotes to straight ones."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    return (text if text.isascii() else fold(text)).replace(".", "")


# What ``tokenize`` makes of each distinct word, per ``keep`` set: texts repeat their words, so
# each is analysed once (bounded: cleared when full).
_Form = tuple[int, str, str, str, bool, bool]  # length kept, text, norm, low, cap, poss
_FORMS: dict[frozenset[str], dict[str, _Form | None]] = {}
_MAX_FORMS = 200_000
_new_token = tuple.__new__  # Token's fields in one tuple, without NamedTuple's Python __new__

# The same per whitespace-separated chunk ("Biden's", "(U.S.)", "said,"): no word crosses
# whitespace, so a sentence's tokens are its chunks' tokens moved by the chunks' offsets, and
# chunks repeat as words do. Each kept word of a chunk: (offset in the chunk, length kept, the
# Token fields after ``end``).
_Rest = tuple[str, str, str, bool, bool]  # text, norm, low, cap, poss
_Chunk = tuple[tuple[int, int, _Rest], ...]
_CHUNKS: dict[frozenset[str], dict[str, _Chunk]] = {}
_MAX_CHUNKS = 100_000  # more distinct than words ("said,", "(U.S.)"), and bigger


def chunks_of(sentence: str) -> list[str] | None:
    """The whitespace-separated chunks of ``sentence``, or None unless exactly one whitespace
    character separates them (no leading, trailing or doubled space): then each chunk's offset
    follows from the lengths before it, and per-chunk answers add up to the sentence's."""
    chunks = sentence.split()
    if sum(map(len, chunks)) + len(chunks) - 1 != len(sentence):
        return None
    return chunks


def tokenize(
    sentence: str, keep: frozenset[str] = frozenset(), chunks: list[str] | None = None
) -> list[Token]:
    """Word tokens of ``sentence``; lower-case words only when ``keep`` holds them (or when
    ``keep`` is empty), since names and places are capitalised and titles are few words.
    (``chunks``: ``chunks_of(sentence)``, when known and not None.)"""
    if chunks is None:
        chunks = chunks_of(sentence)
        if chunks is None:
            return tokenize_plain(sentence, keep)
    ends = accumulate(map(len, chunks), initial=0)
    cache = _CHUNKS.get(keep)
    if cache is None or len(cache) > _MAX_CHUNKS:
        cache = _CHUNKS[keep] = {}
    try:
        entries = list(map(cache.__getitem__, chunks))
    except KeyError:
        for chunk in set(chunks).difference(cache):
            cache[chunk] = _chunk(chunk, keep)
        entries = list(map(cache.__getitem__, chunks))
    tokens: list[Token] = []
    append = tokens.append
    # chunk k starts after the k chunks before it and the k spaces between them
    for offset, entry in compress(zip(map(add, ends, count()), entries, strict=False), entries):
        for rel, length, rest in entry:
            start = offset + rel
            append(_new_token(Token, (start, start + length, *rest)))
    return tokens


def _chunk(chunk: str, keep: frozenset[str]) -> _Chunk:
    return tuple((t.start, t.end - t.start, t[2:]) for t in tokenize_plain(chunk, keep))


def tokenize_plain(sentence: str, keep: frozenset[str] = frozenset()) -> list[Token]:
    """``tokenize`` word by word over the whole sentence: the reference the chunked path must
    equal, and the path for text not single-spaced."""
    forms = _FORMS.get(keep)
    if forms is None or len(forms) > _MAX_FORMS:
        forms = _FORMS[keep] = {}
    tokens: list[Token] = []
    append = tokens.append
    for m in _WORD.finditer(sentence):
        raw = m.group()
        try:
            form = forms[raw]
        except KeyError:
            form = forms[raw] = _form(raw, keep)
        if form is not None:
            start = m.start()
            append(_new_token(Token, (start, start + form[0], *form[1:])))
    return tokens


def _form(raw: str, keep: frozenset[str]) -> _Form | None:
    """The token fields of one word as written, or None for a word of no interest."""
    if keep and raw[0].islower() and raw not in keep and "-" not in raw:
        # "talks with the US president.": a kept word ends the sentence
        if not _elided(raw) and not (raw[-1] == "." and raw[:-1] in keep):
            return None  # most words: lower-case and of no interest
    if raw[-1] == "." and not _is_initials(raw):
        raw = raw[:-1]
    word, poss = raw, False
    if len(raw) > 3 and raw[-1] in "s'’":
        if raw[-1] == "s" and raw[-2] in "'’":
            word, poss = raw[:-2], True  # "Biden's"
        elif raw[-1] != "s" and raw[-2] == "s":
            word, poss = raw[:-1], True  # "Reuters'"
    k = _particle_folded(norm(word))
    cap = word[0].isupper() or ("-" in word and _particle_name(word)) or _elided(word)
    return len(raw), word, k, k.lower(), bool(cap), poss


def _particle_folded(k: str) -> str:
    """'Bin', 'Al-Sabah': a particle's case varies between spellings ('bin', 'al-Sabah')."""
    head, dash, tail = k.partition("-")
    return head.lower() + dash + tail if head.lower() in PARTICLES and head[:1].isupper() else k


def _elided(word: str) -> bool:
    m = _ELIDED.match(word)
    return m is not None and word[m.end()].isupper()


def _is_initials(word: str) -> bool:
    """'U.S.', 'S.', 'Jr.': the final dot belongs to the word."""
    return len(word) == 2 or word in ("Jr.", "Sr.") or (word[-3] == "." and len(word) <= 8)


def _particle_name(word: str) -> bool:
    """'al-Sisi', 'el-Sisi', 'bin-Zayed': a lower-case particle fused to a capitalised name."""
    head, _, tail = word.partition("-")
    return head.lower() in PARTICLES and tail[:1].isupper()


_NORM, _LOW = itemgetter(3), itemgetter(4)  # Token.norm, Token.low, read without a generator


def key(tokens: list[Token] | tuple[Token, ...]) -> tuple[str, ...]:
    return tuple(map(_NORM, tokens))


def low_key(tokens: list[Token] | tuple[Token, ...]) -> tuple[str, ...]:
    """The look-up key of a title: the tokens' lower-case forms."""
    return tuple(map(_LOW, tokens))


def phrase_key(text: str) -> tuple[str, ...]:
    """The look-up key of a name or place as written in a data file."""
    return tuple(t.norm for t in tokenize(text))


def adjacent(sentence: str, left: Token, right: Token) -> bool:
    """True when only spaces separate two tokens (no comma, bracket or other punctuation)."""
    gap = sentence[left.end : right.start]
    return not gap.strip() and "\n" not in gap

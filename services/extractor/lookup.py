"""Token-level look-ups for the mention finder: what name, title or place starts at a token,
the country written before a title ("Israeli President") or after it ("of Guyana"), and how far
the capitalised words of a name run."""

from __future__ import annotations

import re

from .data import Official
from .people import Gazetteer
from .tokens import PARTICLES, Token, adjacent, key, low_key, norm

_CAPITALISED = re.compile(r"[A-Z][\w’'.]*")
_MAX_SEEN = 200_000


def worth_tokenizing(
    g: Gazetteer, sentence: str, low: str | None = None, chunks: list[str] | None = None
) -> bool:
    """Could ``sentence`` mention an official at all? (Most sentences of long texts cannot.)
    (``low``: ``sentence.lower()``, ``chunks``: ``chunks_of(sentence)``, when known.)"""
    if chunks is None:
        return _worth(g, sentence, low)
    # Neither a capitalised word nor a title word crosses whitespace: the sentence is worth it
    # when one of its chunks is, and chunks repeat, so each is judged once.
    seen = g.chunk_seen
    if len(seen) > _MAX_SEEN:
        seen.clear()
    try:
        return any(map(seen.__getitem__, chunks))
    except KeyError:
        for chunk in set(chunks).difference(seen):
            seen[chunk] = _worth(g, chunk, chunk.lower())
        return any(map(seen.__getitem__, chunks))


def _worth(g: Gazetteer, sentence: str, low: str | None) -> bool:
    known = g.capital_seen
    if len(known) > _MAX_SEEN:
        known.clear()  # a long-running service meets new words forever: keep the cache bounded
    for word in _CAPITALISED.findall(sentence):
        found = known.get(word)
        if found is None:
            found = known[word] = _names_someone(g, word)
        if found:
            return True
    low = sentence.lower() if low is None else low
    for word in g.title_words:  # a substring test: cheap, and errs on "yes"
        if word in low:
            return True
    return False


def _names_someone(g: Gazetteer, word: str) -> bool:
    """Is a capitalised word (as written) a word of some official's name?"""
    return norm(word.rstrip(".").removesuffix("'s").removesuffix("’s")) in g.capital_words


def name_at(g: Gazetteer, s: str, toks: list[Token], i: int) -> tuple[int, list[Official]] | None:
    """Longest full name or alias starting at token ``i`` (commas only before 'Jr.')."""
    best = None
    j = i
    while j < len(toks) and j - i < g.name_len:
        if j > i and not (adjacent(s, toks[j - 1], toks[j]) or toks[j].norm in ("Jr", "Sr")):
            break
        cands = g.names.get(key(toks[i : j + 1]))
        if cands:
            best = (j + 1, cands)
        if toks[j].poss:
            break
        j += 1
    return best


def title_at(g: Gazetteer, s: str, toks: list[Token], i: int) -> tuple[int, str] | None:
    best = None
    for j in range(i + 1, min(len(toks), i + g.title_len) + 1):
        if j > i + 1 and not adjacent(s, toks[j - 2], toks[j - 1]):
            break
        title = g.titles.get(low_key(toks[i:j]))
        if title is not None:
            best = (j, title)
    if best and best[1] == "pm" and toks[i].text != "PM":
        return None
    return best


def place_at(g: Gazetteer, s: str, toks: list[Token], i: int) -> tuple[int, str] | None:
    if i >= len(toks) or toks[i].norm not in g.place_starts:
        return None
    best = None
    for j in range(i + 1, min(len(toks), i + g.place_len) + 1):
        if j > i + 1 and not adjacent(s, toks[j - 2], toks[j - 1]):
            break
        code = g.places.get(key(toks[i:j]))
        if code is not None:
            best = (j, code)
    return best


def place_before(g: Gazetteer, s: str, toks: list[Token], i: int) -> tuple[int, str] | None:
    """'Israeli President', "India's prime minister", 'U.S. Vice President' -> (first token of
    the place, country code)."""
    if i == 0 or not (adjacent(s, toks[i - 1], toks[i]) or toks[i - 1].poss):
        return None
    for k in range(min(g.place_len, i), 0, -1):
        code = g.places.get(key(toks[i - k : i]))
        if code is not None:
            return i - k, code
    return None


def of_place(g: Gazetteer, s: str, toks: list[Token], j: int) -> tuple[int, str] | None:
    """'... of (the) Guyana' ("his counterpart from Ukraine") starting at token ``j``; also
    'of the (Federal Democratic) Republic of Ethiopia', 'of the Kingdom of Bahrain'."""
    if 0 < j < len(toks) and toks[j].low in ("of", "from") and adjacent(s, toks[j - 1], toks[j]):
        k = j + 1 + (j + 1 < len(toks) and toks[j + 1].low == "the")
        if k < len(toks) and adjacent(s, toks[k - 1], toks[k]):
            return place_at(g, s, toks, k) or _state_of(g, s, toks, k)
    return None


_STATES = frozenset("republic kingdom sultanate principality emirate federation state".split())


def _state_of(g: Gazetteer, s: str, toks: list[Token], k: int) -> tuple[int, str] | None:
    """'(Federal Democratic) Republic of Ethiopia' from token ``k``: the place after 'of'."""
    for n in range(k, min(len(toks) - 2, k + 4)):
        if not (toks[n].cap and adjacent(s, toks[n], toks[n + 1])):
            return None
        if toks[n].low in _STATES and toks[n + 1].low == "of":
            if adjacent(s, toks[n + 1], toks[n + 2]):
                return place_at(g, s, toks, n + 2)
            return None
    return None


def name_run(g: Gazetteer, s: str, toks: list[Token], k: int) -> int:
    """End of the capitalised words that can be a name, starting at token ``k``."""
    end = k
    while end < len(toks) and end - k < 5:
        t = toks[end]
        if end > k and not adjacent(s, toks[end - 1], t):
            break
        particle = t.low in PARTICLES and end > k
        if not (t.cap or particle) or t.text in g.not_name or t.low in g.title_starts:
            break
        if place_at(g, s, toks, end) is not None and end > k:
            break
        end += 1
        if t.poss:
            break
    while end > k and toks[end - 1].low in PARTICLES:
        end -= 1
    return end

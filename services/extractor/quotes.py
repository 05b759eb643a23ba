"""Who "I" and "me" are in a quoted report of a contact: the speaker the quote is attributed
to ('"I spoke with Prime Minister X. ...," Zelensky said'; '"X called me," Duda said';
'Sharif wrote: "I met X"'). Pure text and mentions: the pipeline resolves the mentions."""

from __future__ import annotations

import re
from collections.abc import Callable

from .people import Mention

Resolver = Callable[[int], list[Mention]]

# "I" as the subject of the contact expression ("I spoke with", "I have just had a call with"),
# "me" as its object ("X called me")
_I_SUBJECT = re.compile(
    r"(?:^|[“\"‘,;:]\s*|\b(?:and|then)\s+)"
    # a time told first: '"Today I spoke with', 'This evening we held talks with'
    r"(?:(?:Today|Tonight|Yesterday|Earlier\s+today|This\s+(?:morning|afternoon|evening))"
    r",?\s+)?(?:I|[Ww]e)\s+"
    r"(?:(?:have|had|also|just|then|today|recently|again|earlier|already|once|now)\s+){0,3}"
    # "I had a good meeting with", "we held bilateral talks with"
    r"(?:(?:(?:had|held|have|has)\s+(?:a|an)|held)\s+(?:[\w-]+\s+){0,2}?)?$"
)
_ME_OBJECT = re.compile(r"^\s*me\b")

_SAY = r"(?:said|says|wrote|writes|tweeted|posted|added|stated|told\s+\w+)"
_CLOSE_PRONOUN = re.compile(rf"[,.!?]\s*[”\"]\s+(?:he|she)\s+{_SAY}\b")
# a signature: the official's name alone on a line at the end of a first-person statement
_SIGNED = 3  # lines from the end a signature may stand on
# '...," Duda said' / '..." said Duda': the quote closes right before its attribution
_CLOSE_BEFORE = re.compile(rf"[,.!?]\s*[”\"]\s+(?P<who>[^“”\"]{{0,80}}?)\s+{_SAY}\b")
_CLOSE_AFTER = re.compile(rf"[,.!?]\s*[”\"]\s+{_SAY}\s+")
# 'Zelensky wrote on Telegram: "I spoke with ..."'
_OPEN_AFTER = re.compile(rf"\b{_SAY}\b[^“”\":;]{{0,40}}:\s*[“\"]")
# 'I had a phone call with X, Zelensky wrote on Telegram.': a post reported without quote marks
_UNQUOTED = re.compile(
    rf"^\W*I\s[^“”\"]{{0,200}}?(?P<comma>,)\s+(?P<who>[A-Z][^“”\",;]{{0,60}}?)\s+{_SAY}\b"
)
# '"..." This was reported by X.': an attribution of its own after the quote closes
_REPORTED_BY = re.compile(
    r"^\W*(?:This|That|It)\s+was\s+(?:reported|said|stated|written|announced|posted)\s+by\s+"
)
LOOK = 3  # sentences a quote may run on before its attribution


def first_person(sentence: str, start: int, end: int) -> str | None:
    """'subject' when "I" states the contact at ``start``-``end``, 'object' for "... me",
    else None."""
    if _I_SUBJECT.search(sentence[:start]):
        return "subject"
    if _ME_OBJECT.match(sentence[end:]):
        return "object"
    return None


def attribution(sentence: str, mentions: list[Mention]) -> Mention | None:
    """The official a quote closing in ``sentence`` is attributed to, if any."""
    found = _CLOSE_BEFORE.search(sentence)
    if found is not None:
        named = [m for m in mentions if found.start("who") <= m.start < found.end("who")]
        return named[-1] if named else None
    found = _CLOSE_AFTER.search(sentence)
    if found is not None:
        named = [m for m in mentions if found.end() <= m.start < found.end() + 60]
        return named[0] if named else None
    found = _UNQUOTED.search(sentence)
    if found is not None:
        named = [m for m in mentions if found.start("who") <= m.start < found.end("who")]
        return named[-1] if named else None
    return None


def opens_quote(sentence: str, mentions: list[Mention]) -> Mention | None:
    """The official of 'X wrote: "...' when ``sentence`` opens such a quote."""
    found = _OPEN_AFTER.search(sentence)
    if found is None:
        return None
    named = [m for m in mentions if m.end <= found.start()]
    return named[-1] if named else None


def closes(sentence: str) -> bool:
    """Whether a quote ends in ``sentence`` (so an earlier attribution no longer speaks)."""
    return "”" in sentence or bool(re.search(r"[,.!?]\"", sentence))


def speaker(
    sents: list[str], idx: int, exprs: list[tuple[int, int, str, str]], named: Resolver
) -> tuple[Mention, str] | None:
    """The speaker "I"/"me" stands for in sentence ``idx`` and how ("subject"/"object"), when
    one of its contact expressions is told in the first person inside an attributed quote.
    ``named(j)``: the resolved senior officials of sentence ``j``."""
    sentence = sents[idx]
    person = next((p for s, e, _, _ in exprs if (p := first_person(sentence, s, e))), None)
    if person is None:
        return None
    for j in range(idx, min(len(sents), idx + LOOK + 1)):
        who = attribution(sents[j], named(j))
        if who is None and _CLOSE_PRONOUN.search(sents[j]):
            who = _antecedent(sents, idx, named)  # '"Today I spoke with X," she said'
        if who is not None:
            return who, person
        if closes(sents[j]):
            if j + 1 < len(sents) and (after := _REPORTED_BY.match(sents[j + 1])) is not None:
                # '"I spoke with X." This was reported by President Y.': the next sentence's
                named_after = [m for m in named(j + 1) if after.end() <= m.start < after.end() + 60]
                if named_after:
                    return named_after[0], person
            break
    for j in range(idx, max(-1, idx - LOOK - 1), -1):
        if j < idx and closes(sents[j]):
            break
        who = opens_quote(sents[j], named(j))
        if who is not None:
            return who, person
    if _QUOTE_MARK.search(sentence) is None and _OPENS_FIRST.match(sentence):
        # 'This evening we held talks with X.' opening a statement signed by its author
        who = _signature(sents, idx, named)
        if who is not None:
            return who, person
    return None


_QUOTE_MARK = re.compile(r"[“”\"]")
_OPENS_FIRST = re.compile(
    r"^\W*(?:(?:Today|Tonight|Yesterday|Earlier\s+today|This\s+(?:morning|afternoon|evening))"
    r",?\s+)?(?:I|[Ww]e)\s"
)


def _antecedent(sents: list[str], idx: int, named: Resolver) -> Mention | None:
    """Who "he" / "she" attributing a quote is: the speaker of the quote before, else the first
    official the sentences before name (not a possessive: "X's office")."""
    for k in range(idx - 1, max(-1, idx - LOOK - 1), -1):
        mentions = named(k)
        who = attribution(sents[k], mentions)
        if who is not None:
            return who
        plain = [m for m in mentions if not m.possessive]
        if plain:
            return plain[0]
    return None


def _signature(sents: list[str], idx: int, named: Resolver) -> Mention | None:
    """The official whose name stands alone on one of the last lines of the text, after the
    first-person sentence ``idx``: the statement's author."""
    for k in range(len(sents) - 1, max(idx, len(sents) - _SIGNED - 1), -1):
        mentions = named(k)
        if len(mentions) != 1 or (person := mentions[0].person) is None:
            continue
        m = mentions[0]
        rest = sents[k][: m.start] + sents[k][m.end :]
        surname = (person.name or "").split()[-1:]
        if not rest.strip(" .,-–—") and surname and surname[0] in sents[k]:
            return m
    return None


def quoted(sentence: str) -> tuple[int, int] | None:
    """The span of a quote's own words, apart from its attribution ('"..., X called me," Duda
    said on X.'; 'Zelensky wrote on Telegram: "I spoke with ..."')."""
    found = _OPEN_AFTER.search(sentence)
    if found is not None:
        return found.end(), len(sentence)
    found = _CLOSE_BEFORE.search(sentence) or _CLOSE_AFTER.search(sentence)
    if found is None and (bare := _UNQUOTED.search(sentence)) is not None:
        return 0, bare.start("comma") + 1
    return None if found is None else (0, found.start() + 1)

"""The cheap gate before contact expressions: does a sentence hold one of the words every
contact expression holds ("called", "met", "talks", "visit", ...)?

Most sentences hold none: substrings of the words' stems are tested first, and only a sentence
holding one is read with the word regex, which runs case-sensitively on the lower-cased sentence
(the answer of the case-insensitive one, at about twice the speed; see ``prefilter``).
"""

from __future__ import annotations

import re

from .prefilter import lower_is_faithful

_WORDS = (
    r"\b(?:call\w*|(?:tele)?phone\w*|spok\w*|speak\w*|talk\w*|convers\w*|met|meet\w*|"
    r"host(?!age)\w*|receiv\w*|welcom\w*|visit\w*|sat|sit|sits|video\w*|virtual\w*|summit\w*|"
    r"bilateral|confer\w*|rang|dial\w*|conven\w*|particip\w*|took part|join\w*|"
    r"discuss(?:ed|es)|chat(?:ted|s)|consult(?:ed|s)|saw off|sees off|farewell|"
    r"(?:discussions?|consultations?)\s+with)\b"
)
_HINT = re.compile(_WORDS, re.IGNORECASE)
_HINT_LOWER = re.compile(_WORDS)  # for lower-cased text
# Lower-case substrings: a sentence holding none of them holds none of the words. ("visit"
# holds "sit": a sentence without "sit" has no "visit", so it is not looked for again.)
_STEMS = (
    "call", "phone", "spok", "speak", "talk", "convers", "met", "meet", "host", "receiv",
    "welcom", "sat", "sit", "video", "virtual", "summit", "bilateral", "confer",
    "rang", "dial", "conven", "particip", "took part", "join", "discuss", "chat", "saw off",
    "sees off", "farewell", "consult",
)  # fmt: skip


def has_hint(sentence: str, low: str | None = None) -> bool:
    """Could ``sentence`` state a contact at all? (``low``: ``sentence.lower()``, when known.)"""
    low = sentence.lower() if low is None else low
    for stem in _STEMS:
        if stem in low:
            if lower_is_faithful(sentence):
                return _HINT_LOWER.search(low) is not None
            return _HINT.search(sentence) is not None
    return False

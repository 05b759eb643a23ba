"""Is a held contact recalled in passing rather than reported as the news? "building on their
May meeting", "Modi, who held talks with Biden on Thursday, addressed Congress", "has spoken
to him more often than to anyone", "when they met in Sochi in 2007"."""

from __future__ import annotations

import datetime as dt
import re

from .periods import past_period

_BACKGROUND = re.compile(
    r"\b(?:building on|builds on|build on|result of|follow-up to|following up on|in the wake of|"
    r"recalled|recalling|since|as (?:agreed|discussed) (?:at|during|in))\b[^.;]{0,60}$"
    r"|^\W*(?:previously|in the past|at their (?:last|previous|first))\b[^.;]*$"
    r"|\b(?:last|previous|most recent)\s+(?:\w+\s+)?$"  # "Putin's last conversation with Trump"
    r"|\b(?:follows|followed|comes after|came after)\s+(?:several|a series of|a number of|"
    r"multiple|repeated|previous|earlier)\b[^.;]{0,40}$"  # "the summit follows several calls"
    r"|,\s+(?:who|whom)\b[^,;]{0,80}$"  # "Modi, who held talks with Biden on Thursday, ..."
    r"|\bhad\s+(?:already\s+|earlier\s+|previously\s+|also\s+)?(?:met|spoken|talked|held|hosted|"
    r"received|made|told|discussed|agreed|visited|called|phoned|been)\b[^.;]{0,80}$",
    re.IGNORECASE,
)
_HABITUAL = re.compile(
    r"\b(?:more often|several times|many times|repeatedly|regularly|frequently|twice|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens of) times)\b",
    re.IGNORECASE,
)


# "the presidents of both countries, who met in Buenos Aires, said": the people of the news
# contact itself, a group, are what the relative clause describes
_GROUP_WHO = re.compile(
    r"\b(?:leaders|presidents|prime ministers|ministers|counterparts|the two|both)\b"
    r"[^,;]{0,40},\s+who\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
_NO_OBJECT = re.compile(
    r"^(?:met|spoke|talked|held talks)\s+(?:in|at|on|by|via|for|over|during|earlier|late|last|"
    r"yesterday|today)\b",
    re.IGNORECASE,
)


# reported speech shifts the news into the past perfect: "announced that he had held talks"
_REPORTED = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|revealed|told\s+\w+)\b[^.;]{0,60}?\bthat\s+"
    r"(?:he|she|they|the two(?:\s+\w+)?|both)\s+had\s+(?:just\s+|earlier\s+)?"
    r"(?:held|had|spoken|talked|met|received|hosted)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


def recalled(sentence: str, start: int, when: dt.date | None, day: dt.date | None) -> bool:
    """True when the contact stated at ``start`` is background to the sentence's news."""
    head = sentence[max(0, start - 90) : start]
    if _REPORTED.search(head):
        return False  # "Zelensky said ... that he had spoken with Sunak": the news, reported
    if _GROUP_WHO.search(sentence[max(0, start - 150) : start]) and _NO_OBJECT.match(
        sentence[start:]
    ):
        return False
    return (
        bool(_BACKGROUND.search(head))
        or bool(_HABITUAL.search(sentence))
        or (when is None and past_period(sentence, start, day))
    )

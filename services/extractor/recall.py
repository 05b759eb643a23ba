"""Is a held contact recalled in passing rather than reported as the news? "building on their
May meeting", "Modi, who held talks with Biden on Thursday, addressed Congress", "has spoken
to him more often than to anyone", "when they met in Sochi in 2007", "pointed to his meeting
with", "Modi's last formal bilateral meet with Xi"."""

from __future__ import annotations

import datetime as dt
import re

from .periods import past_period

_BACKGROUND = re.compile(
    r"\b(?:building on|builds on|build on|result of|follow-up to|following up on|in the wake of|"
    r"recalled|recalling|pointed to|referred to|referring to|followed(?! by)|follows|"
    r"(?:comes|came) after|"
    r"as (?:agreed|discussed) (?:at|during|in))\b[^.;]{0,60}$"
    r"|^\W*(?:previously|in the past|at their (?:last|previous|first))\b[^.;]*$"
    # "since their May meeting", not "since the attacks, Blinken met"
    r"|\bsince\b[^.;,]{0,60}$"
    # "his recent meeting with", "their recent call"
    r"|\b(?:his|her|their|a)\s+recent\s+(?:[\w-]+\s+){0,2}$"
    # "Putin's last conversation with Trump", "Modi's last formal bilateral meet with Xi"
    r"|\b(?:last|previous|most recent)\s+(?:[\w-]+\s+){0,2}$"
    # "The only face-to-face meeting between A and B was in June"
    r"|^\W*the\s+only\s+(?:[\w-]+\s+){0,2}$"
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


# "Macron told Kishida that he has held talks with X": a contact told to another, in a contact
# (not "told reporters he met X", the article's news)
_TOLD_OFFICIAL = re.compile(
    r"\b(?:told|informed|assured|briefed)\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:that\s+)?"
    r"(?:he|she)\s+(?:[\w-]+\s+){0,4}$"
)


def recalled(sentence: str, start: int, when: dt.date | None, day: dt.date | None) -> bool:
    """True when the contact stated at ``start`` is background to the sentence's news."""
    return (
        bool(_BACKGROUND.search(sentence[max(0, start - 90) : start]))
        or bool(_TOLD_OFFICIAL.search(sentence[max(0, start - 90) : start]))
        or bool(_HABITUAL.search(sentence))
        or (when is None and past_period(sentence, start, day))
    )

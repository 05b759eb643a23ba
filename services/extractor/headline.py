"""The headline of a text handed in without a title: its first paragraph, when that is one short
line without closing punctuation ("Putin, Macron held phone conversation"). Told apart, the
headline states no time and is not the body's lead, as with a given title."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?:;,]['\"”’)]?$")


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body), or (None, text) when the first paragraph is no headline."""
    head, sep, body = text.lstrip().partition("\n")
    head = head.strip()
    if not sep or not body.strip() or not 15 <= len(head) <= 200 or _END.search(head):
        return None, text
    if len(head.split()) < 3 or head.isupper():
        return None, text
    return head, body

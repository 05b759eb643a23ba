"""What the rule tests (``test_rules*.py``) share: extracting one sentence as a dated article,
and reading back the held contacts and who took part in them."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput, ExtractOutput


def run(text: str, *, day: dt.date, title: str | None = None) -> ExtractOutput:
    """Extract ``text`` as an article published on ``day``; relative dates resolve against it.

    Fails the test at once if the pipeline reported an error, so a rule test never passes
    because extraction gave up and returned no contacts.
    """
    out = extract(ExtractInput(id="t", text=text, title=title, published=day))
    assert out.error is None, out.error
    return out


def held(out: ExtractOutput) -> list[Contact]:
    """The contacts that took place, leaving out the planned ones."""
    return [c for c in out.contacts if c.status == "held"]


def participant_names(contact: Contact) -> frozenset[str | None]:
    """Who took part, as an unordered set, since the rules do not promise an order."""
    return frozenset(p.name for p in contact.participants)


def held_pairs(text: str, *, day: dt.date) -> list[frozenset[str | None]]:
    """Who took part in each held contact of ``text`` published on ``day``, in output order."""
    return [participant_names(c) for c in held(run(text, day=day))]

"""Rules added after the seventh unseen batch (``blind_g.toml``, written by someone who had not
seen the rules), each on a sentence of its own kind, worded unlike the batch's documents."""

from __future__ import annotations

import datetime as dt

from services.extractor import dates
from shared.schemas import Contact, ExtractOutput
from tests.extractor.rules_helpers import held, participant_names, run


def _pair(out: ExtractOutput, *names: str) -> Contact:
    want = frozenset(names)
    return next(c for c in held(out) if participant_names(c) == want)


def test_previous_meeting_with_a_place_and_commas_in_the_next_sentence() -> None:
    out = run(
        "Indian Prime Minister Narendra Modi and Australian Prime Minister Anthony Albanese "
        "spoke by telephone on Wednesday. The conversation, their first since they met at "
        "Kirribilli House in Sydney, New South Wales, on May 24, covered trade and mining.",
        day=dt.date(2023, 9, 7),
    )
    call = _pair(out, "Narendra Modi", "Anthony Albanese")
    assert call.date == dt.date(2023, 9, 6)
    assert call.previous_contact == dt.date(2023, 5, 24)


def test_a_neighbours_previous_contact_is_not_lent_to_other_people() -> None:
    out = run(
        "German Chancellor Olaf Scholz called French President Emmanuel Macron on Monday. The "
        "call, their first since they met in Paris on June 6, lasted an hour. Separately, "
        "Scholz met Italian Prime Minister Giorgia Meloni on Tuesday. Both meetings were about "
        "the new budget rules of the European Union and the support for Ukraine.",
        day=dt.date(2023, 7, 12),
    )
    assert _pair(out, "Olaf Scholz", "Emmanuel Macron").previous_contact == dt.date(2023, 6, 6)
    assert _pair(out, "Olaf Scholz", "Giorgia Meloni").previous_contact is None
    recalled = [c for c in held(out) if c.date == dt.date(2023, 6, 6)]
    assert all(c.previous_contact is None for c in recalled)  # not June 6 a year earlier


def test_date_after_on_is_the_contacts_even_before_a_verb() -> None:
    out = run(
        "Hungarian Prime Minister Viktor Orban's meeting with Chinese President Xi Jinping in "
        "Beijing on 28 December drew criticism on Friday from several EU governments.",
        day=dt.date(2024, 1, 5),
    )
    assert _pair(out, "Viktor Orbán", "Xi Jinping").date == dt.date(2023, 12, 28)


def test_an_attributive_date_still_names_an_event() -> None:
    sentence = "Leaders spoke on Monday about the Oct. 7 attack."
    got = dates.contact_date(sentence, sentence.index("spoke"), dt.date(2024, 10, 9))
    assert got == dt.date(2024, 10, 7)  # "Monday" is further; only the event date is dropped
    assert dates.contact_date(sentence, 0, dt.date(2024, 10, 9)) == dt.date(2024, 10, 7)


def test_named_days_are_not_weekdays() -> None:
    for named in ("Easter Sunday", "Good Friday", "Super Tuesday"):
        assert [m.kind for m in dates.find(f"They met on {named}.")] == []
    assert [m.kind for m in dates.find("They met on Sunday.")] == ["weekday"]


def test_headline_infinitive_before_the_call_is_a_plan() -> None:
    out = run(
        "Spanish Prime Minister Pedro Sanchez and Moroccan King Mohammed VI are due to speak "
        "by phone on Friday, the Spanish government said on Tuesday.",
        day=dt.date(2024, 2, 6),
        title="Sanchez, Mohammed VI to review migration in phone call on Friday",
    )
    assert not out.is_readout
    assert held(out) == []

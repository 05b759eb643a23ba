"""Round ten (11k), readouts missed: an opening contact phrase whose clause goes on with a bare
"they" ("During half-hour phone talks, they also agreed ...") tells the contact of the pair the
sentence before named, as "the two sides" after such a phrase already did. A phrase naming
another party of its own ("In a call with reporters, they said") or a gathering ("After the
summit, they flew home") does not, nor does a "they" after a sentence naming one country's
officials only. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput

_DAY = dt.date(2021, 3, 9)
_LEAD = (
    "Finland and Estonia look to closer energy ties\n\n"
    "Finnish President Sauli Niinisto and Estonian President Kersti Kaljulaid agreed on "
    "Tuesday that the two countries should deepen their energy links, Niinisto's office said.\n\n"
)


def _out(second: str, lead: str = _LEAD) -> tuple[bool, list[Contact]]:
    out = extract(ExtractInput(id="t", text=lead + second, published=_DAY))
    assert out.error is None, out.error
    return bool(out.is_readout), [c for c in out.contacts if c.status == "held"]


def _names(c: Contact) -> set[str | None]:
    return {p.name for p in c.participants}


def test_they_after_an_opening_call_phrase_are_the_pair_named_before() -> None:
    readout, held = _out(
        "During a 40-minute phone conversation, they also discussed the security of the "
        "Baltic Sea and agreed to stay in close touch."
    )
    assert readout
    [call] = held
    assert call.kind == "call"
    assert _names(call) == {"Sauli Niinistö", "Kersti Kaljulaid"}


def test_they_after_an_opening_talks_phrase_are_the_pair_named_before() -> None:
    readout, held = _out("In the talks, they reviewed the progress of the joint rail project.")
    assert readout
    [talks] = held
    assert _names(talks) == {"Sauli Niinistö", "Kersti Kaljulaid"}


def test_a_call_with_someone_else_is_not_the_pair_s() -> None:
    readout, held = _out("In a call with reporters, they said the pipeline would open in May.")
    assert not readout and not held


def test_a_meeting_with_other_people_is_not_the_pair_s() -> None:
    readout, held = _out(
        "During a meeting with business leaders, they praised the new undersea cable."
    )
    assert not readout and not held


def test_a_gathering_is_not_a_contact_of_the_pair() -> None:
    readout, held = _out("After the summit, they flew home to prepare the budget talks.")
    assert not readout and not held


def test_they_after_one_country_s_officials_is_no_contact() -> None:
    lead = (
        "Finland looks to closer energy ties\n\n"
        "Finnish President Sauli Niinisto and Prime Minister Sanna Marin agreed on Tuesday "
        "that the country should deepen its energy links, the president's office said.\n\n"
    )
    readout, held = _out("In a phone call, they also discussed the Baltic Sea.", lead)
    assert not readout and not held

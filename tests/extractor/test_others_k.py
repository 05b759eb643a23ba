"""Round ten (11k, dates of the held contacts): a sentence that tells an undated contact again
with its people and a day of the week dates it.

- a contact only the headline states ("A meets B") takes the weekday of the lead's first
  sentence when that sentence names both its people as a held event ("On Tuesday, A and B
  opened a centre"), not the page's own date, and not a plan's day ("A is set to meet B on
  Wednesday");
- a body contact takes the weekday of a neighbouring sentence that names the countries of all
  its people as held ("The President of A received on Tuesday the heads of government of B and
  C"), not a plan's.

Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput

_PAGE = dt.date(2019, 4, 3)  # a Wednesday
_TUESDAY = dt.date(2019, 4, 2)


def _held(text: str, published: dt.date | None = _PAGE) -> list[Contact]:
    out = extract(ExtractInput(id="t", text=text, published=published))
    assert out.error is None, out.error
    return [c for c in out.contacts if c.status == "held"]


_HEADLINE = (
    "Finnish President meets Estonian Prime Minister Juri Ratas\n\n"
    "3 April 2019 10:15\n\n"
    "{lead}\n\n"
    "The new hall will host exhibitions and concerts for both communities.\n\n"
    "A joint statement on ferry links was signed as well."
)


def test_the_lead_naming_both_people_on_a_weekday_dates_the_headline_s_contact() -> None:
    lead = (
        "On Tuesday, Finnish President Sauli Niinisto and Juri Ratas opened a new cultural hall "
        "in the port town of Kotka."
    )
    [meeting] = _held(_HEADLINE.format(lead=lead))
    assert meeting.date == _TUESDAY


def test_a_lead_naming_one_of_them_leaves_the_page_s_day() -> None:
    lead = (
        "On Tuesday, Finnish President Sauli Niinisto opened a new cultural hall in the port "
        "town of Kotka with local officials."
    )
    [meeting] = _held(_HEADLINE.format(lead=lead))
    assert meeting.date != _TUESDAY


def test_a_lead_telling_a_plan_of_both_people_does_not_date_the_contact() -> None:
    lead = (
        "Finnish President Sauli Niinisto and Juri Ratas are set to open a new cultural hall "
        "in the port town of Kotka on Tuesday."
    )
    for meeting in _held(_HEADLINE.format(lead=lead)):
        assert meeting.date != _TUESDAY


_COUNTRIES = (
    "Finland's president receives visiting heads of government\n\n"
    "{lead}\n\n"
    "Sauli Niinisto held separate bilateral meetings with Estonian Prime Minister Juri Ratas "
    "and Latvian Prime Minister Krisjanis Karins, in Helsinki for a Nordic-Baltic forum.\n\n"
    "The talks covered energy links and regional security."
)


def test_a_neighbour_naming_the_countries_on_a_weekday_dates_each_meeting() -> None:
    lead = (
        "The President of Finland received on Tuesday in Helsinki the heads of government of "
        "Estonia and Latvia."
    )
    meetings = _held(_COUNTRIES.format(lead=lead))
    assert {tuple(sorted(p.country or "" for p in m.participants)) for m in meetings} >= {
        ("EE", "FI"),
        ("FI", "LV"),
    }
    assert all(m.date == _TUESDAY for m in meetings)


def test_a_neighbour_naming_only_one_country_does_not_date_them() -> None:
    lead = "The President of Finland on Tuesday opened a new bridge over the river in Helsinki."
    meetings = _held(_COUNTRIES.format(lead=lead))
    assert meetings and all(m.date != _TUESDAY for m in meetings)


def test_a_neighbour_telling_a_plan_of_the_countries_does_not_date_them() -> None:
    lead = (
        "The President of Finland will receive on Tuesday in Helsinki the heads of government "
        "of Estonia and Latvia."
    )
    meetings = _held(_COUNTRIES.format(lead=lead))
    assert meetings and all(m.date != _TUESDAY for m in meetings)

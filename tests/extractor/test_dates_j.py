"""Round nine (11j): a story relaying another outlet's report ("..., Agency reports.", "the X
News Agency said that ...", "(Own News / Agency - <date>)", a syndicated feed's note) does not
date its undated news contact by the page's date line: that is the relay's day, not the
contact's. The page's own outlet reporting, or a contact told as going on as the report is
written ("is holding a call"), keeps it. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput


def _held(text: str, url: str | None = None, published: dt.date | None = None) -> list[Contact]:
    out = extract(ExtractInput(id="t", text=text, url=url, published=published))
    assert out.error is None, out.error
    return [c for c in out.contacts if c.status == "held"]


_DAY = dt.date(2019, 4, 2)
_REPORTS = (
    "Finnish President speaks with Estonian President\n\n"
    "HELSINKI, APRIL 2, NORDPRESS. Finnish President Sauli Niinisto held a phone conversation "
    "with Estonian President Kersti Kaljulaid, {who} reports.\n\n"
    "The two presidents discussed security in the Baltic Sea region.\n\n"
    "They agreed to keep in close contact."
)


def test_another_outlet_s_report_leaves_the_contact_undated() -> None:
    [call] = _held(_REPORTS.format(who="Balticwire"), "https://nordpress.example/en/1", _DAY)
    assert call.date is None


def test_the_page_s_own_outlet_reporting_keeps_the_date_line_s_day() -> None:
    [call] = _held(_REPORTS.format(who="Nordpress"), "https://nordpress.example/en/1", _DAY)
    assert call.date == _DAY


_SAID = (
    "President receives call from Prime Minister\n\n"
    "2019-04-02 - 10:15\n\n"
    "{who} said that Finnish President Sauli Niinisto held a telephone conversation with "
    "Estonian Prime Minister Juri Ratas.\n\n"
    "The two sides reviewed ties between their countries."
)


def test_a_news_agency_said_that_leaves_the_contact_undated() -> None:
    [call] = _held(_SAID.format(who="Baltic News Agency"), "https://mirror.example/n/5", _DAY)
    assert call.date is None


def test_the_president_s_office_said_that_keeps_the_day() -> None:
    [call] = _held(_SAID.format(who="The President's Office"), "https://mirror.example/n/5", _DAY)
    assert call.date == _DAY


_BRACKET = (
    "Finnish President holds call with Estonian President\n\n"
    "HELSINKI (Northwire News / Balticwire - 2nd April, 2019) Finnish President Sauli Niinisto "
    "{verb} a telephone conversation with Estonian President Kersti Kaljulaid, a spokesman "
    "said.\n\n"
    "The two presidents discussed security in the Baltic Sea region."
)


def test_a_relayed_bracket_dateline_does_not_date_a_held_call() -> None:
    [call] = _held(_BRACKET.format(verb="held"), "https://northwire.example/w/1", _DAY)
    assert call.date is None


def test_a_call_going_on_as_the_relay_is_written_takes_its_day() -> None:
    [call] = _held(_BRACKET.format(verb="is holding"), "https://northwire.example/w/1", _DAY)
    assert call.date == _DAY


def test_a_syndicated_feed_s_note_leaves_the_contact_undated() -> None:
    text = (
        "Finnish President receives call from Estonian President\n\n"
        "Finnish President Sauli Niinisto has received a phone call from Estonian President "
        "Kersti Kaljulaid, discussing ties between the two countries.\n\n"
        "The two presidents reviewed security in the region.\n\n"
        "(This story was generated from a syndicated feed.)"
    )
    [call] = _held(text, "https://portal.example/a/7", _DAY)
    assert call.date is None
    [own] = _held(
        text.replace("generated from a syndicated feed", "written by our staff"), None, _DAY
    )
    assert own.date == _DAY

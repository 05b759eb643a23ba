"""Round eleven (11l, the other held contacts): a list of leaders ends at its last place, and
a contact told only inside a period ("since ...", "earlier this week") has no day of its own.

- "has spoken with the prime ministers of A, B and C and President of the European Council X":
  the list of places ends at C, so that the official named after it does not hide the list's
  leaders (one call each);
- "Since taking office on Monday, X has spoken with A": the present perfect places the call in
  the period "since" opens (also when "Since" opens the sentence); the day dates the period, and
  the call takes no neighbour's date either ("his third trip since the March 1 summit, X met A"
  dates a count: the contact keeps its day);
- "Earlier this week, X spoke to A. ... a statement on the phone call": an other contact any of
  whose tellings places it only vaguely has no date, though a later telling names no time.

Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.groups import group_mentions
from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput

_PAGE = dt.date(2022, 3, 10)  # a Thursday
_WEDNESDAY = dt.date(2022, 3, 9)
_MONDAY = dt.date(2022, 3, 7)


def _held(text: str) -> list[Contact]:
    out = extract(ExtractInput(id="t", text=text, published=_PAGE))
    assert out.error is None, out.error
    return [c for c in out.contacts if c.status == "held"]


def _people(c: Contact) -> set[str]:
    return {p.name or "" for p in c.participants}


_NEWS = (
    "Scholz and Rutte discuss energy on a video call\n\n"
    "German Chancellor Olaf Scholz held a video call with Dutch Prime Minister Mark Rutte on "
    "Wednesday about gas supplies.\n\n"
    "The two leaders agreed to coordinate their purchases of liquefied gas.\n\n"
    "{line}"
)


def test_a_list_of_places_ends_at_its_last_place() -> None:
    sentence = (
        "Scholz has spoken with the prime ministers of Norway, Denmark and Sweden and President "
        "of the European Council Charles Michel."
    )
    groups = group_mentions(sentence)
    assert {m.country for m in groups} == {"NO", "DK", "SE"}
    assert {sentence[m.start : m.end] for m in groups} == {
        "prime ministers of Norway, Denmark and Sweden"
    }


def test_the_leaders_of_a_list_before_a_named_official_are_each_a_contact() -> None:
    line = (
        "Scholz has also spoken with the prime ministers of Norway, Denmark and Sweden and "
        "President of the European Council Charles Michel."
    )
    held = _held(_NEWS.format(line=line))
    pairs = [_people(c) for c in held]
    for other in ("Jonas Gahr Støre", "Mette Frederiksen", "Magdalena Andersson", "Charles Michel"):
        assert {"Olaf Scholz", other} in pairs


def test_a_list_ending_the_sentence_keeps_its_leaders() -> None:
    line = "Scholz has also spoken with the prime ministers of Norway and Denmark."
    pairs = [_people(c) for c in _held(_NEWS.format(line=line))]
    assert {"Olaf Scholz", "Jonas Gahr Støre"} in pairs
    assert {"Olaf Scholz", "Mette Frederiksen"} in pairs


def test_a_day_in_an_opening_since_clause_dates_no_contact() -> None:
    line = (
        "Since taking office on Monday, Scholz has spoken with the prime ministers of Norway, "
        "Denmark and Sweden and President of the European Council Charles Michel."
    )
    held = _held(_NEWS.format(line=line))
    news = next(c for c in held if "Mark Rutte" in _people(c))
    assert news.date == _WEDNESDAY
    others = [c for c in held if c is not news]
    assert len(others) == 4
    assert all(c.date is None for c in others)  # neither Monday nor the video call's day


def test_a_day_the_contact_s_own_clause_states_still_dates_it() -> None:
    line = "On Monday, Scholz spoke with Norwegian Prime Minister Jonas Gahr Store."
    held = _held(_NEWS.format(line=line))
    [call] = [c for c in held if "Mark Rutte" not in _people(c)]
    assert call.date == _MONDAY


def test_a_since_dating_a_count_leaves_the_contact_its_day() -> None:
    text = (
        "Austin meets Guerini in Rome\n\n"
        "10 March 2022 10:15\n\n"
        "On his third trip since the March 1 summit, US Defense Secretary Lloyd Austin met "
        "Italian Defence Minister Lorenzo Guerini in Rome.\n\n"
        "They discussed the war in Ukraine and the eastern flank."
    )
    [meeting] = _held(text)
    assert meeting.date is not None  # the page's, not left undated by the "since"


_VAGUE = (
    "Austin holds first call with Italian defence minister\n\n"
    "US Defense Secretary Lloyd Austin on Wednesday held an introductory call with Italian "
    "Defence Minister Lorenzo Guerini.\n\n"
    "They discussed the war in Ukraine and the eastern flank.\n\n"
    "{line}\n\n"
    "Draghi's office also issued a statement on the phone call, saying the prime minister "
    "thanked Austin for the US commitment."
)


def test_an_other_call_told_earlier_this_week_has_no_date() -> None:
    line = "Earlier this week, Austin spoke by phone to Prime Minister Mario Draghi."
    held = _held(_VAGUE.format(line=line))
    news = next(c for c in held if "Lorenzo Guerini" in _people(c))
    assert news.date == _WEDNESDAY
    [other] = [c for c in held if "Mario Draghi" in _people(c)]
    assert other.date is None


def test_an_other_call_on_its_own_day_keeps_it() -> None:
    line = "On Monday, Austin spoke by phone to Prime Minister Mario Draghi."
    held = _held(_VAGUE.format(line=line))
    [other] = [c for c in held if "Mario Draghi" in _people(c)]
    assert other.date == _MONDAY

"""Rules added after the fifth unseen batch (written by someone who had not seen the rules),
each on a sentence of its own kind, worded unlike the batch's documents."""

from __future__ import annotations

import datetime as dt

from shared.schemas import ExtractOutput
from tests.extractor.rules_helpers import held, participant_names, run


def _pairs(out: ExtractOutput) -> list[tuple[frozenset[str | None], dt.date | None]]:
    return [(participant_names(c), c.date) for c in held(out)]


def test_a_tour_told_with_she_keeps_the_traveller() -> None:
    out = run(
        "Foreign Minister Penny Wong has finished a visit to the region.\n\n"
        "Senator Wong began in Port Moresby on Tuesday, where she held talks with Papua New "
        "Guinea's Prime Minister James Marape.\n\n"
        "On Wednesday she flew to Honiara for a meeting with Solomon Islands Prime Minister "
        "Jeremiah Manele.\n\n"
        "She ended the visit in Port Vila on Thursday with a meeting with Vanuatu's Prime "
        "Minister Charlot Salwai.",
        day=dt.date(2024, 7, 19),
    )
    assert out.is_readout
    got = {names: when for names, when in _pairs(out)}
    for other, when in (("Marape", 16), ("Manele", 17), ("Salwai", 18)):
        pair = next(k for k in got if any(other in (n or "") for n in k))
        assert "Penny Wong" in pair
        assert got[pair] == dt.date(2024, 7, when)


def test_the_two_leaders_clause_is_not_negated_by_an_earlier_if() -> None:
    out = run(
        "President Joe Biden told Chinese President Xi Jinping on Monday that tariffs would rise "
        "if the talks failed, as the two leaders held a video call.",
        day=dt.date(2022, 3, 15),
    )
    assert out.is_readout
    assert [c.kind for c in held(out)] == ["video_call"]


def test_when_the_two_met_after_without() -> None:
    out = run(
        "Dutch Prime Minister Dick Schoof and his Belgian counterpart Bart De Wever agreed to "
        "cut delays on the border without new checks, when the two met in The Hague on Tuesday.",
        day=dt.date(2025, 3, 20),
    )
    assert out.is_readout
    assert _pairs(out) == [(frozenset({"Dick Schoof", "Bart De Wever"}), dt.date(2025, 3, 18))]


def test_their_first_talks_after_a_plan_are_the_plan() -> None:
    out = run(
        "President Joe Biden and Mexican President Andrés Manuel López Obrador will meet in "
        "Mexico City next week, officials said on Friday, in their first talks in a year.",
        day=dt.date(2023, 1, 2),
    )
    assert not out.is_readout
    assert not held(out)


def test_plans_for_a_summit_put_on_hold() -> None:
    out = run(
        "Prime Minister Keir Starmer said on Monday that plans for a summit with French "
        "President Emmanuel Macron had been put on hold.",
        day=dt.date(2024, 9, 10),
    )
    assert not out.is_readout
    assert not held(out)


def test_was_to_hold_talks_is_planned() -> None:
    out = run(
        "Chancellor Olaf Scholz cancelled his trip, during which he was to hold talks with "
        "Kenyan President William Ruto.",
        day=dt.date(2024, 5, 3),
    )
    assert not out.is_readout


def test_where_he_met_needs_an_official_in_the_sentence() -> None:
    out = run(
        "Indian Prime Minister Narendra Modi received the chief executive of a carmaker in Delhi "
        "on Friday.\n\n"
        "The executive arrived from Hanoi, where he met Prime Minister Pham Minh Chinh.",
        day=dt.date(2024, 4, 13),
    )
    assert not held(out)


def test_coordinated_second_meeting_and_a_series_dated_together() -> None:
    out = run(
        "Japanese Prime Minister Fumio Kishida held several meetings at the summit on Monday.\n\n"
        "Kishida first met Indian Prime Minister Narendra Modi, and the two agreed to work on "
        "rail links.\n\n"
        "He then held talks with Canadian Prime Minister Justin Trudeau, with whom he discussed "
        "energy, and later met Italian Prime Minister Giorgia Meloni.\n\n"
        "Kishida is expected to meet Indonesian President Joko Widodo on Thursday.",
        day=dt.date(2023, 9, 12),
    )
    monday = dt.date(2023, 9, 11)
    got = _pairs(out)
    for other in ("Narendra Modi", "Justin Trudeau", "Giorgia Meloni"):
        assert (frozenset({"Fumio Kishida", other}), monday) in got
    planned = [c for c in out.contacts if c.status == "planned"]
    assert [{p.name for p in c.participants} for c in planned] == [{"Fumio Kishida", "Joko Widodo"}]


def test_earlier_this_week_is_not_the_day_it_was_said() -> None:
    out = run(
        "Chilean President Gabriel Boric and Argentine President Javier Milei discussed the "
        "border in a phone call earlier this week, Chile's presidency said on Friday.",
        day=dt.date(2024, 7, 19),
    )
    assert [when for _, when in _pairs(out)] == [None]


def test_since_he_took_office_is_no_previous_contact() -> None:
    out = run(
        "Kenyan President William Ruto hosted Ghana's President John Dramani Mahama on Monday, "
        "the first visit by the two since his inauguration on January 7.\n\n"
        "Ruto and Mahama held talks on trade.",
        day=dt.date(2025, 2, 11),
    )
    assert [c.previous_contact for c in held(out)] == [None]


def test_first_conversation_between_the_two_leaders_since_a_date() -> None:
    out = run(
        "French President Emmanuel Macron spoke with Russian President Vladimir Putin by "
        "telephone on Tuesday, the first conversation between the two leaders since September "
        "11, 2022.",
        day=dt.date(2025, 7, 2),
    )
    assert [c.previous_contact for c in held(out)] == [dt.date(2022, 9, 11)]

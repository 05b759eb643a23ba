"""Rules added after the sixth unseen batch (``blind_f.toml``, written by someone who had not
seen the rules), each on a sentence of its own kind, worded unlike the batch's documents."""

from __future__ import annotations

import datetime as dt

from services.extractor.fields import duration
from shared.schemas import ExtractOutput
from tests.extractor.rules_helpers import held, participant_names, run


def _names(out: ExtractOutput) -> list[frozenset[str | None]]:
    return [participant_names(c) for c in held(out)]


def test_after_speaking_with_takes_the_clause_subject() -> None:
    out = run(
        "Japanese Prime Minister Fumio Kishida announced a new aid package on Thursday after "
        "speaking with Ukrainian President Volodymyr Zelensky.",
        day=dt.date(2023, 5, 12),
    )
    assert out.is_readout
    assert _names(out) == [frozenset({"Fumio Kishida", "Volodymyr Zelensky"})]
    assert held(out)[0].date == dt.date(2023, 5, 11)


def test_plural_calls_with_two_leaders_are_two_calls() -> None:
    out = run(
        "Chancellor Olaf Scholz held phone calls with President Emmanuel Macron of France and "
        "Prime Minister Giorgia Meloni of Italy on Monday about the budget rules.",
        day=dt.date(2023, 11, 14),
    )
    assert sorted(_names(out), key=sorted) == [
        frozenset({"Olaf Scholz", "Emmanuel Macron"}),
        frozenset({"Olaf Scholz", "Giorgia Meloni"}),
    ]


def test_hosting_the_two_leaders_together_is_a_three_way_meeting() -> None:
    out = run(
        "Malaysian Prime Minister Anwar Ibrahim met Singapore's Prime Minister Lawrence Wong and "
        "Indonesian President Prabowo Subianto separately on Tuesday, then hosted the two "
        "leaders together for a working lunch.",
        day=dt.date(2025, 1, 15),
    )
    got = _names(out)
    trio = frozenset({"Anwar Ibrahim", "Lawrence Wong", "Prabowo Subianto"})
    assert trio in got
    assert frozenset({"Anwar Ibrahim", "Lawrence Wong"}) in got
    assert frozenset({"Anwar Ibrahim", "Prabowo Subianto"}) in got


def test_an_agency_dateline_ending_in_a_colon_does_not_date_the_contact() -> None:
    out = run(
        "ISLAMABAD, Mar 5 (APP): Deputy Prime Minister and Foreign Minister Ishaq Dar met Chinese "
        "Foreign Minister Wang Yi in Beijing on Monday.",
        day=dt.date(2025, 3, 5),
    )
    assert [c.date for c in held(out)] == [dt.date(2025, 3, 3)]


def test_an_unqualified_secretary_general_is_the_uns() -> None:
    out = run(
        "The Secretary-General met President Emmanuel Macron of France in Paris on Friday to "
        "discuss the climate summit.",
        day=dt.date(2023, 6, 24),
    )
    assert _names(out) == [frozenset({"António Guterres", "Emmanuel Macron"})]


def test_a_secretary_general_named_before_is_not_replaced_by_the_uns() -> None:
    out = run(
        "NATO Secretary General Mark Rutte arrived in Kyiv on Thursday.\n\n"
        "The Secretary-General met President Volodymyr Zelensky on Thursday afternoon.",
        day=dt.date(2024, 10, 4),
    )
    assert frozenset({"Mark Rutte", "Volodymyr Zelensky"}) in _names(out)
    assert not any("António Guterres" in names for names in _names(out))


def test_first_since_a_named_event_with_its_date() -> None:
    out = run(
        "Foreign Minister Wang Yi held talks with Malaysian Prime Minister Anwar Ibrahim in "
        "Kuala Lumpur on Friday, the first meeting of the two since the 2024 ASEAN Regional "
        "Forum session in Vientiane on 27 July 2024.",
        day=dt.date(2025, 2, 22),
    )
    assert [c.previous_contact for c in held(out)] == [dt.date(2024, 7, 27)]


def test_hours_and_minutes() -> None:
    assert duration(["The meeting lasted two hours and 15 minutes, officials said."]) == 135
    assert duration(["Their call lasted 40 minutes."]) == 40


def test_a_first_person_present_habit_in_a_quote_is_no_contact() -> None:
    out = run(
        '"We speak with President Xi Jinping very often," Brazilian President Luiz Inácio Lula '
        "da Silva said at a dinner on Tuesday.",
        day=dt.date(2024, 11, 20),
    )
    assert not out.is_readout
    assert not held(out)


def test_rumours_of_a_call_that_are_denied_are_no_contact() -> None:
    out = run(
        "Rumours that Prime Minister Shehbaz Sharif spoke by phone with Indian Prime Minister "
        "Narendra Modi on Sunday are baseless, the Foreign Office said.",
        day=dt.date(2025, 5, 12),
    )
    assert not out.is_readout
    assert not held(out)

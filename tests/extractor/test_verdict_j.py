"""Round nine (issue-11j-verdict): the readout verdict's modality classes. Sentences written for
these tests, each with a near-miss twin on the other side of the rule."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import run

DAY = dt.date(2023, 3, 14)


def test_a_lead_that_denies_the_contact_makes_no_readout() -> None:
    for title, text in (
        (
            "Ottawa denies claim of a call",
            "Canada denied reports of a phone call between Canadian Prime Minister Justin "
            "Trudeau and French President Emmanuel Macron. Trudeau spoke with Macron on "
            "Monday, the French side had said.",
        ),
        (
            "No such call, says Paris",
            "French President Emmanuel Macron has not recently telephoned with Canadian Prime "
            "Minister Justin Trudeau, his office said. Macron called Trudeau on Monday, a "
            "newspaper had claimed.",
        ),
        (
            "No plans for a call, spokesman says",
            "French President Emmanuel Macron has no plans to hold phone talks with Canadian "
            "Prime Minister Justin Trudeau, his spokesman said on Tuesday. Macron and Trudeau "
            "held their first phone conversation in January.",
        ),
        (
            "A call is not scheduled",
            "A phone conversation between French President Emmanuel Macron and Canadian Prime "
            "Minister Justin Trudeau has not been scheduled yet, a spokesman said on Tuesday. "
            "Macron and Trudeau spoke by phone on Monday.",
        ),
    ):
        assert not run(text, day=DAY, title=title).is_readout, text


def test_a_held_contact_beside_a_denial_of_something_else_twin_is_a_readout() -> None:
    for title, text in (
        (
            "Macron and Trudeau hold a call",
            # the denial is passive and of a meeting request, not of the call
            "French President Emmanuel Macron spoke with Canadian Prime Minister Justin Trudeau "
            "by phone on Monday amid reports, denied by the palace, that a visit was refused.",
        ),
        (
            "Macron and Trudeau hold a call",
            # "have not spoken since" dates the held call's predecessor; it denies nothing
            "French President Emmanuel Macron spoke with Canadian Prime Minister Justin Trudeau "
            "by phone on Monday. The two leaders had not spoken since January.",
        ),
    ):
        assert run(text, day=DAY, title=title).is_readout, text


def test_a_past_verb_opening_its_own_clause_after_a_plan_is_held() -> None:
    for text in (
        # the plan ("to attend") is the visit's; ", held a meeting with" is a clause of its own
        "German Chancellor Olaf Scholz, who is visiting Ottawa, Canada, to attend the summit, "
        "held a meeting with Canadian Prime Minister Justin Trudeau on Monday.",
        # the plan is the trip; "after he spoke" tells the held call
        "German Chancellor Olaf Scholz will travel to Rome next month after he spoke with "
        "Canadian Prime Minister Justin Trudeau on the phone on Monday.",
    ):
        assert run(text, day=DAY).is_readout, text


def test_a_past_verb_inside_the_plans_clause_twin_stays_planned() -> None:
    for text in (
        # the verb belongs to the hypothetical clause: no comma, no conjunction of time
        "If German Chancellor Olaf Scholz visits, it would be the first time a chancellor met "
        "Canadian Prime Minister Justin Trudeau in Ottawa.",
        # a passive after the plan: "is to be held"
        "A meeting of German Chancellor Olaf Scholz and Canadian Prime Minister Justin Trudeau "
        "is expected next month, and talks are to be held in Ottawa.",
    ):
        assert not run(text, day=DAY).is_readout, text


def test_conditional_readiness_is_no_contact_even_in_scare_quotes() -> None:
    for title, text in (
        (
            None,
            # scare quotes around "prepared" hide no readiness
            'French President Emmanuel Macron said on Monday he is "prepared" to talk to '
            "Canadian Prime Minister Justin Trudeau.",
        ),
        (
            # "prepares for talks with": the talks are to come
            "Macron prepares for talks with Trudeau",
            "French President Emmanuel Macron prepares for talks with Canadian Prime Minister "
            "Justin Trudeau, his office said on Monday.",
        ),
    ):
        assert not run(text, day=DAY, title=title).is_readout, text


def test_a_quoted_held_contact_twin_is_a_readout() -> None:
    for text in (
        # quotes around one word of a held contact change nothing
        'French President Emmanuel Macron said on Monday he had a "frank" talk with Canadian '
        "Prime Minister Justin Trudeau by phone.",
        "French President Emmanuel Macron, who prepared for the summit for weeks, held talks "
        "with Canadian Prime Minister Justin Trudeau on Monday.",
    ):
        assert run(text, day=DAY).is_readout, text


def test_a_held_contact_told_after_a_previews_plan_is_background() -> None:
    text = (
        "French President Emmanuel Macron will speak with Canadian Prime Minister Justin "
        "Trudeau by phone tonight, his office said. On Monday, Macron spoke with German "
        "Chancellor Olaf Scholz about energy."
    )
    assert not run(text, day=DAY, title="Macron to call Trudeau").is_readout


def test_a_held_contact_told_first_beside_a_plan_twin_is_the_news() -> None:
    # the held call comes first; the plan after it is the call's outcome
    text = (
        "French President Emmanuel Macron spoke with German Chancellor Olaf Scholz by phone on "
        "Monday. Macron will speak with Canadian Prime Minister Justin Trudeau on Friday."
    )
    assert run(text, day=DAY, title="Macron and Scholz discuss energy").is_readout


def test_a_contact_being_prepared_or_announced_is_a_plan() -> None:
    for title, text in (
        (
            "Embassy works to prepare a conversation between Macron and Trudeau",
            "Preparations for a call between French President Emmanuel Macron and Canadian "
            "Prime Minister Justin Trudeau continue, a spokesman said.",
        ),
        (
            "Aides prepare a meeting of Macron and Trudeau",
            "Aides of French President Emmanuel Macron prepare a meeting with Canadian Prime "
            "Minister Justin Trudeau, officials said.",
        ),
    ):
        assert not run(text, day=DAY, title=title).is_readout, text


def test_a_contact_held_after_preparations_twin_is_a_readout() -> None:
    text = (
        "After weeks of preparations, French President Emmanuel Macron held a meeting with "
        "Canadian Prime Minister Justin Trudeau on Monday."
    )
    assert run(text, day=DAY, title="Macron and Trudeau meet").is_readout

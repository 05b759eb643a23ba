"""Round six (issue-11g-readout): classes of wording behind the readout verdict, each with a
near-miss twin that must not change (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs, run

DAY = dt.date(2022, 6, 8)


def test_a_leaders_name_before_administration_is_no_participant() -> None:
    for text in (
        "Serbian Defence Minister Milos Vucevic met on Wednesday with Tom Smith, an adviser "
        "in the Trump Administration.",
        "Serbian Defence Minister Milos Vucevic met on Wednesday with a delegation of the "
        "Joe Biden administration.",
        "Serbian Defence Minister Milos Vucevic met on Wednesday with envoys of the Biden "
        "government.",
    ):
        assert not run(text, day=DAY).is_readout, text
        assert not held_pairs(text, day=DAY), text


def test_the_leader_himself_twin_is_still_a_participant() -> None:
    text = (
        "Serbian Defence Minister Milos Vucevic met on Wednesday with Biden, whose "
        "administration backs the talks."
    )
    assert run(text, day=DAY).is_readout
    assert held_pairs(text, day=DAY) == [frozenset({"Miloš Vučević", "Joe Biden"})]


def test_a_contracted_negation_is_no_contact() -> None:
    day = dt.date(2021, 10, 14)
    for text in (
        "Japanese Prime Minister Fumio Kishida hasn't called South Korean President Moon "
        "Jae-in yet.",
        "Japanese Prime Minister Fumio Kishida hasn’t phoned South Korean President Moon "
        "Jae-in yet.",
        "Japan's new prime minister didn’t meet South Korean President Moon Jae-in in Rome.",
        "Japanese Prime Minister Fumio Kishida won’t meet South Korean President Moon Jae-in.",
    ):
        assert not run(text, day=day).is_readout, text
        assert not held_pairs(text, day=day), text


def test_a_contraction_elsewhere_twin_is_still_a_readout() -> None:
    day = dt.date(2021, 10, 14)
    for text in (
        "It wasn’t a surprise: Japanese Prime Minister Fumio Kishida called South Korean "
        "President Moon Jae-in on Thursday.",
        "Japanese Prime Minister Fumio Kishida, who hasn’t left Tokyo this month, called "
        "South Korean President Moon Jae-in on Thursday.",
    ):
        assert run(text, day=day).is_readout, text
        assert held_pairs(text, day=day) == [frozenset({"Fumio Kishida", "Moon Jae-in"})]


def test_not_met_since_a_year_is_read_alike_with_a_contraction() -> None:
    day = dt.date(2021, 10, 14)
    text = (
        "Japanese Prime Minister Fumio Kishida hasn’t met South Korean President Moon Jae-in "
        "since 2019."
    )
    out = run(text, day=day)
    assert not out.is_readout
    assert held_pairs(text, day=day) == [frozenset({"Fumio Kishida", "Moon Jae-in"})]


def test_people_merely_present_are_not_the_leaders_who_meet() -> None:
    day = dt.date(2023, 5, 10)
    for present in (
        "Also present were Asean secretary-general Kao Kim Hourn and Timor Leste Prime "
        "Minister Taur Matan Ruak.",
        "Asean secretary-general Kao Kim Hourn and Timor Leste Prime Minister Taur Matan Ruak "
        "were also present.",
    ):
        text = (
            "Prime Minister Anwar Ibrahim today attended the opening session of the regional "
            f"summit.\n{present}\nThe leaders begin their two-day meeting on trade."
        )
        assert not run(text, day=day).is_readout, present
        assert not held_pairs(text, day=day), present


def test_the_leaders_after_a_presence_list_twin_are_still_the_meetings_pair() -> None:
    day = dt.date(2023, 6, 21)
    text = (
        "Indian Prime Minister Narendra Modi met US President Joe Biden in Washington on "
        "Tuesday.\nAlso present were Foreign Minister S. Jaishankar and Secretary of State "
        "Antony Blinken.\nThe leaders discussed trade and defence."
    )
    assert run(text, day=day).is_readout
    assert frozenset({"Narendra Modi", "Joe Biden"}) in held_pairs(text, day=day)


def test_variant_demonyms_and_a_joint_foreign_ministry_title_name_the_official() -> None:
    day = dt.date(2019, 3, 12)
    for text in (
        "Serbian President Aleksandar Vucic received in Belgrade today Slovakian Minister of "
        "Foreign and European Affairs Miroslav Lajcak.",
        "Serbian President Aleksandar Vucic received in Belgrade today Slovakian Foreign "
        "Minister Miroslav Lajcak.",
        "Serbian President Aleksandar Vucic received in Belgrade today French Minister for "
        "Europe and Foreign Affairs Jean-Yves Le Drian.",
    ):
        out = run(text, day=day)
        assert out.is_readout, text
        assert len(held_pairs(text, day=day)) == 1, text


def test_a_minister_of_another_portfolio_twin_is_still_no_readout() -> None:
    day = dt.date(2019, 3, 12)
    text = (
        "Serbian President Aleksandar Vucic received in Belgrade today the Slovakian Minister "
        "of Economy and European Funds."
    )
    assert not run(text, day=day).is_readout


def test_a_joint_press_conference_with_an_official_is_a_meeting() -> None:
    day = dt.date(2022, 4, 5)
    for text in (
        "Chilean President Gabriel Boric said on Monday at a joint press conference with "
        "Argentine President Alberto Fernandez that the two countries share challenges.",
        "Chilean President Gabriel Boric and Argentine President Alberto Fernandez held a "
        "joint news conference in Buenos Aires on Monday.",
    ):
        out = run(text, day=day)
        assert out.is_readout, text
        assert held_pairs(text, day=day) == [frozenset({"Gabriel Boric", "Alberto Fernández"})]


def test_a_planned_or_solo_press_conference_twin_is_no_readout() -> None:
    day = dt.date(2022, 4, 5)
    for text in (
        "Chilean President Gabriel Boric and Argentine President Alberto Fernandez will hold "
        "a joint news conference in Buenos Aires on Monday.",
        "Chilean President Gabriel Boric said on Monday at a press conference that Argentine "
        "President Alberto Fernandez is a friend.",
        "Chilean President Gabriel Boric said on Monday at a joint press conference with his "
        "foreign minister that Argentine President Alberto Fernandez is a friend.",
    ):
        assert not run(text, day=day).is_readout, text
        assert not held_pairs(text, day=day), text


def test_a_country_between_title_and_name_is_the_officials_country() -> None:
    day = dt.date(2019, 5, 17)
    text = (
        "A telephone conversation took place today between President Uzbekistan Shavkat "
        "Mirziyoyev and President Kazakhstan Kassym-Jomart Tokayev."
    )
    assert run(text, day=day).is_readout
    assert held_pairs(text, day=day) == [frozenset({"Shavkat Mirziyoyev", "Kassym-Jomart Tokayev"})]


def test_a_place_that_begins_a_name_or_a_company_twin_is_unchanged() -> None:
    day = dt.date(2025, 5, 17)
    text = "Defence Minister Israel Katz met US Secretary of State Marco Rubio today."
    assert held_pairs(text, day=day) == [frozenset({"Israel Katz", "Marco Rubio"})]
    text = (
        "President Uzbekistan Airways chief Ali Vali met Kazakh President Kassym-Jomart "
        "Tokayev today."
    )
    assert not run(text, day=day).is_readout


def test_not_only_and_not_just_do_not_negate_the_contact() -> None:
    day = dt.date(2024, 3, 6)
    for text in (
        "US President Joe Biden not only called French President Emmanuel Macron on Tuesday "
        "but also wrote to him.",
        "US President Joe Biden didn't just meet French President Emmanuel Macron on Tuesday, "
        "he also dined with him.",
    ):
        assert run(text, day=day).is_readout, text
        assert held_pairs(text, day=day) == [frozenset({"Joe Biden", "Emmanuel Macron"})]


def test_a_plain_negation_twin_still_negates() -> None:
    day = dt.date(2024, 3, 6)
    for text in (
        "US President Joe Biden did not call French President Emmanuel Macron on Tuesday.",
        "US President Joe Biden didn't meet French President Emmanuel Macron on Tuesday.",
        "US President Joe Biden not only refused to call French President Emmanuel Macron but "
        "also recalled his envoy.",
    ):
        assert not run(text, day=day).is_readout, text
        assert not held_pairs(text, day=day), text

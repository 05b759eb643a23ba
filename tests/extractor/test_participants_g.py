"""Who took part in the reported contact (round six): leaders who "were joined in the call by"
others, a line repeated on the page (a caption), and the end of a term in brackets, which says
when an official left office, not when the text was written. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.anchor import latest_stated
from services.extractor.pipeline import extract
from services.extractor.roster import is_roster
from shared.schemas import ExtractInput

from .rules_helpers import held, participant_names, run

DAY = dt.date(2019, 5, 14)
LEAD = (
    "Canadian Prime Minister Justin Trudeau held a video call with German Chancellor Angela "
    "Merkel on Monday to discuss trade. "
)


def test_they_were_joined_in_the_call_by_adds_the_people_to_it() -> None:
    text = LEAD + "They were joined in the video call by Emmanuel Macron, president of France."
    [call] = held(run(text, day=DAY))
    assert participant_names(call) == {"Justin Trudeau", "Angela Merkel", "Emmanuel Macron"}


def test_joined_by_a_spouse_or_in_another_sense_is_no_roster() -> None:
    assert is_roster("They were joined in the video call by Emmanuel Macron.")
    assert is_roster("The two leaders were later joined by Emmanuel Macron.")
    for other in (
        "Macron was joined by his wife at the dinner.",
        "They were joined in marriage by a priest.",
        "France joined them in condemning the attack.",
    ):
        assert not is_roster(other), other


def test_a_line_repeated_on_the_page_states_no_second_contact() -> None:
    headline = "Prime Minister in video call with European leaders"
    text = (
        headline + "\n\n" + LEAD + "\n\n" + headline + "\n\n"
        "They were joined in the video call by Emmanuel Macron, president of France, and Mark "
        "Rutte, prime minister of the Netherlands."
    )
    [call] = held(run(text, day=DAY))
    assert participant_names(call) == {
        "Justin Trudeau", "Angela Merkel", "Emmanuel Macron", "Mark Rutte"
    }  # fmt: skip


def test_a_line_said_once_more_in_other_words_still_counts() -> None:
    text = LEAD + "Merkel also held a phone call with French President Emmanuel Macron on Tuesday."
    pairs = [participant_names(c) for c in held(run(text, day=DAY))]
    assert {"Angela Merkel", "Emmanuel Macron"} in pairs


def test_the_end_of_a_term_in_brackets_is_not_when_the_text_was_written() -> None:
    limit = dt.date(2026, 1, 1)
    assert latest_stated("Former Prime Minister A. Person (2014 - 2018)", limit) == dt.date(
        2014, 7, 1
    )
    # a year said in prose is the latest stated year as before
    assert latest_stated("The pact of 2014 was renewed in 2018.", limit) == dt.date(2018, 7, 1)
    assert latest_stated("The talks ran from 2014 - 2018 in Geneva.", limit) == dt.date(2018, 7, 1)


def test_a_phone_dialogue_led_by_two_ministers_is_their_call() -> None:
    text = (
        "The president said that a phone dialogue took place, led by Chilean Foreign Minister "
        "Alberto van Klaveren and US Secretary of State Antony Blinken, on Monday."
    )
    [call] = held(run(text, day=dt.date(2023, 6, 14)))
    assert call.kind == "call"
    assert participant_names(call) == {"Alberto van Klaveren", "Antony Blinken"}


def test_a_delegation_led_by_a_minister_is_no_call_of_its_leaders() -> None:
    text = (
        "The president said a delegation led by Chilean Foreign Minister Alberto van Klaveren "
        "arrived in Washington on Monday."
    )
    assert not held(run(text, day=dt.date(2023, 6, 14)))


def test_an_office_the_gazetteer_does_not_spell_still_joins_the_next_name() -> None:
    text = (
        "Foreign Minister Sergey Lavrov met with Austrian Foreign Minister Alexander Schallenberg "
        "and Minister for Foreign and European Affairs and Trade of Malta and incoming "
        "Chairman-in-Office Ian Borg in Vienna."
    )
    [talks] = held(run(text, day=dt.date(2023, 11, 30)))
    assert participant_names(talks) == {"Sergey Lavrov", "Alexander Schallenberg", "Ian Borg"}


def test_capitalised_words_without_an_office_still_end_the_list() -> None:
    text = (
        "Foreign Minister Sergey Lavrov met with Austrian Foreign Minister Alexander Schallenberg "
        "and Members of the Parliament of Austria and of Malta Ian Borg in Vienna."
    )
    [talks] = held(run(text, day=dt.date(2023, 11, 30)))
    assert participant_names(talks) == {"Sergey Lavrov", "Alexander Schallenberg"}


def test_accompanying_a_president_to_receive_a_courtesy_visit_is_the_presidents_meeting() -> None:
    text = (
        "Foreign Minister Retno Marsudi said after accompanying the president to receive the "
        "courtesy visit of Singaporean Foreign Minister Vivian Balakrishnan at the palace on "
        "Friday."
    )
    [talks] = held(run(text, day=dt.date(2022, 12, 30)))
    assert participant_names(talks) == {"Joko Widodo", "Vivian Balakrishnan"}


def test_a_courtesy_visit_still_to_be_received_is_not_held() -> None:
    text = (
        "Indonesian President Joko Widodo will receive the courtesy visit of Singaporean Foreign "
        "Minister Vivian Balakrishnan at the palace next week."
    )
    assert not held(run(text, day=dt.date(2022, 12, 30)))


FEB = dt.date(2022, 2, 20)
BEFORE = "US Secretary of State Antony Blinken said talks were still possible. "


def test_during_his_call_with_x_y_said_is_ys_call() -> None:
    text = BEFORE + "During his long discussion with Macron, Putin said the shelling had grown."
    [call] = held(run(text, day=FEB))
    assert participant_names(call) == {"Vladimir Putin", "Emmanuel Macron"}


def test_during_his_call_without_a_named_subject_keeps_the_earlier_one() -> None:
    text = (
        BEFORE
        + "During his long discussion with Russian Foreign Minister Sergey Lavrov, he said it."
    )
    [call] = held(run(text, day=FEB))
    assert participant_names(call) == {"Antony Blinken", "Sergey Lavrov"}


def test_separate_calls_with_one_leader_are_one_call_each() -> None:
    text = (
        "After separate calls with France's President Emmanuel Macron, both Russian leader "
        "Vladimir Putin and Ukraine's Volodymyr Zelensky pressed for more talks."
    )
    pairs = [participant_names(c) for c in held(run(text, day=FEB))]
    assert sorted(pairs, key=sorted) == sorted(
        [{"Vladimir Putin", "Emmanuel Macron"}, {"Volodymyr Zelensky", "Emmanuel Macron"}],
        key=sorted,
    )


def test_one_call_with_a_leader_is_the_first_subjects_only() -> None:
    text = (
        "After a call with France's President Emmanuel Macron, both Russian leader Vladimir "
        "Putin and Ukraine's Volodymyr Zelensky pressed for more talks."
    )
    pairs = [participant_names(c) for c in held(run(text, day=FEB))]
    assert {"Volodymyr Zelensky", "Emmanuel Macron"} not in pairs


def test_a_cached_pages_footer_dates_the_story() -> None:
    text = (
        "Prime Minister Jacinda Ardern and her Japanese counterpart Yoshihide Suga held phone "
        "talks on Thursday to discuss trade.\n\nThe story has 300 words, post on "
        "example-news.co at March 12, 2021. This is a cached page."
    )
    out = extract(ExtractInput(id="t", text=text))
    assert [c.date for c in held(out)] == [dt.date(2021, 3, 11)]


def test_a_post_on_a_topic_is_no_date_of_the_page() -> None:
    text = (
        "Prime Minister Jacinda Ardern and her Japanese counterpart Yoshihide Suga held phone "
        "talks on Thursday to discuss trade.\n\nShe wrote a post on trade at the weekend."
    )
    out = extract(ExtractInput(id="t", text=text))
    assert [c.date for c in held(out)] == [None]


def test_a_country_before_coordinated_titles_holds_for_each() -> None:
    text = (
        "NATO Secretary General Jens Stoltenberg met with US Secretary of State Mike Pompeo and "
        "Secretary of Defense Harold Quinby on Thursday."
    )
    pairs = [participant_names(c) for c in held(run(text, day=dt.date(2018, 9, 14)))]
    assert {"Jens Stoltenberg", "Harold Quinby"} in pairs


def test_a_title_of_no_country_after_a_clause_stays_of_none() -> None:
    text = (
        "NATO Secretary General Jens Stoltenberg met with US Secretary of State Mike Pompeo, who "
        "praised Secretary of Defense Harold Quinby on Thursday."
    )
    people = {p for c in held(run(text, day=dt.date(2018, 9, 14))) for p in participant_names(c)}
    assert "Harold Quinby" not in people

"""The reported contact's date on real wording: the time of a "since ..." clause is not the
contact's, a lead sentence about the same contact dates it, glued words ("onTuesday"), a
contact of another kind stated before it is another occasion. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor import dates
from services.extractor.periods import vague_time
from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput
from tests.extractor.rules_helpers import held, run


def test_a_vague_time_in_a_since_clause_leaves_the_contact_datable() -> None:
    assert not vague_time("X has met Y for the first time since taking office last week.")
    assert not vague_time("It was their first call since their meeting in early October.")
    assert vague_time("X has already met Y.")
    assert vague_time("X met Y last week, after taking office.")
    text = (
        "Madrid, Jun 13 (dpa) - Spanish Prime Minister Pedro Sanchez has met Portuguese Prime "
        "Minister Antonio Costa in Lisbon, a first since the new cabinet was sworn in last "
        "week. Their informal talks took place on Monday evening and covered water rights."
    )
    [talks] = held(run(text, day=dt.date(2023, 6, 13)))
    assert talks.date == dt.date(2023, 6, 12)


def test_a_weekday_glued_to_on_is_still_a_weekday() -> None:
    text = (
        "Indian Prime Minister Narendra Modi held a telephone conversation with French President "
        "Emmanuel Macron onTuesday, his office said."
    )
    [call] = held(run(text, day=dt.date(2023, 6, 15)))
    assert call.date == dt.date(2023, 6, 13)


def _undated(text: str) -> list[Contact]:
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None, out.error
    return [c for c in out.contacts if c.status == "held"]


def test_a_contact_dated_by_its_own_weekday_borrows_no_caption_date() -> None:
    text = (
        "German Chancellor Olaf Scholz and French President Emmanuel Macron shake hands at a "
        "dinner in Paris, Oct. 26, 2022.\n\n"
        "Scholz held a telephone conversation with Macron on Friday, during which the two "
        "leaders discussed energy prices."
    )
    [call] = _undated(text)
    assert call.date is None


def test_an_earlier_contact_on_the_same_weekday_dates_it() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida meets Australian Prime Minister Anthony Albanese "
        "in Perth, October 22, 2022.\n\n"
        "Kishida met on Saturday evening with Albanese and New Zealand Prime Minister Jacinda "
        "Ardern."
    )
    dates_out = {c.date for c in _undated(text)}
    assert dates_out == {dt.date(2022, 10, 22)}
    on_sunday = text.replace("on Saturday", "on Sunday")
    assert {c.date for c in _undated(on_sunday)} == {dt.date(2022, 10, 22), None}


def test_the_next_sentence_telling_the_visit_again_dates_it() -> None:
    text = (
        "King Charles has met with French President Emmanuel Macron.\n\n"
        "The King welcomed the French leader to Buckingham Palace on Monday for a banquet."
    )
    [visit] = held(run(text, day=dt.date(2023, 9, 19)))
    assert visit.date == dt.date(2023, 9, 18)


def test_the_thursday_phone_call_two_sentences_on_dates_a_headline_call() -> None:
    text = (
        "Erdogan and Putin talk grain\n\n"
        "Ankara's and Moscow's heads of state compared notes on the Black Sea, officials said."
        "\n\n"
        "In the Thursday phone call, the Turkish side pressed for a ceasefire, Recep Tayyip "
        "Erdogan's office said."
    )
    calls = held(run(text, day=dt.date(2022, 7, 15)))
    assert calls and all(c.date == dt.date(2022, 7, 14) for c in calls)


def test_earlier_on_a_weekday_dates_the_news_contact_told_before() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky said he had a phone conversation with German "
        "Chancellor Olaf Scholz about air defence.\n\n"
        "The front line was also on the agenda, according to Zelensky's office.\n\n"
        "Earlier on Saturday he had phoned French President Emmanuel Macron about grain."
    )
    out = run(text, day=dt.date(2023, 6, 12))  # a Monday: Saturday was 10 June
    dated = {frozenset(p.name for p in c.participants): c.date for c in held(out)}
    assert dated[frozenset({"Volodymyr Zelensky", "Olaf Scholz"})] == dt.date(2023, 6, 10)


def test_slashed_dates_read_by_the_weekday_beside_them_or_the_anchor() -> None:
    def one(sentence: str, anchor: dt.date | None) -> dt.date | None:
        [mention] = dates.find(sentence)
        return dates.resolve(mention, anchor)

    assert one("Ramaphosa hosted Tinubu on Wednesday 7/6/2023.", None) == dt.date(2023, 6, 7)
    assert one("Widodo received Anwar on Friday (05/02/2021).", None) == dt.date(2021, 2, 5)
    assert one("The talks took place on 25/10/2023.", None) == dt.date(2023, 10, 25)
    assert one("The talks took place on 10/25/2023.", None) == dt.date(2023, 10, 25)
    assert one("The talks took place on 11/03/2024.", None) is None  # March or November
    assert one("The talks took place on 11/03/2024.", dt.date(2024, 3, 12)) == dt.date(2024, 3, 11)
    assert one("The talks took place on 3/11/2024.", dt.date(2024, 3, 12)) == dt.date(2024, 3, 11)


def test_a_weekday_named_beside_its_date_gives_way_to_the_date() -> None:
    anchor = dt.date(2022, 3, 18)
    sentence = "The presidents' earlier meeting was held on Thursday, 10th March in Lima."
    at = sentence.index("meeting")
    assert dates.contact_date(sentence, at, anchor) == dt.date(2022, 3, 10)
    sentence = "The two leaders met on Monday (March 14) in Quito."
    assert dates.contact_date(sentence, sentence.index("met"), anchor) == dt.date(2022, 3, 14)
    sentence = "The two leaders met on Tuesday and signed a deal on March 16."
    assert dates.contact_date(sentence, sentence.index("met"), anchor) == dt.date(2022, 3, 15)


def test_an_earlier_clause_with_its_own_subject_keeps_its_date() -> None:
    sentence = (
        "Berlin marked the signing of the accord on 3 May, and the chancellor rang the prime "
        "minister on 5 May about its next steps."
    )
    around = sentence.index("rang")
    assert dates.contact_date(sentence, around, dt.date(2014, 6, 21)) == dt.date(2014, 5, 5)
    sentence = "The minister arrived on 8 June, and then met the king."
    around = sentence.index("met")
    assert dates.contact_date(sentence, around, dt.date(2014, 6, 21)) == dt.date(2014, 6, 8)


def test_a_plan_is_not_dated_by_the_day_it_was_announced_nor_a_year_ahead() -> None:
    text = (
        "German Chancellor Olaf Scholz said on March 2 that he expected to hold a phone call "
        "with Chinese President Xi Jinping in the coming days."
    )
    out = run(text, day=dt.date(2023, 3, 3))
    assert [c.date for c in out.contacts if c.status == "planned"] == [None]
    assert dates.infer_year(9, 20, dt.date(2022, 9, 21), forward=True) is None
    assert dates.infer_year(1, 10, dt.date(2022, 12, 5), forward=True) == dt.date(2023, 1, 10)


def test_a_joint_meeting_with_two_of_one_side_is_one_contact_dated_with_the_news() -> None:
    text = (
        "Geneva\n\n12 March 2024\n\n"
        "Note on the Secretary-General's talks with Charles Michel\n\n"
        "Secretary-General Antonio Guterres met jointly with European Council President Charles "
        "Michel and the High Representative of the European Union, Josep Borrell.\n\n"
        "Sudan and climate finance were among the subjects."
    )
    out = extract(ExtractInput(id="t", text=text))
    people = {frozenset(p.name for p in c.participants): c.date for c in out.contacts}
    trio = frozenset({"António Guterres", "Charles Michel", "Josep Borrell"})
    assert people.get(trio) == dt.date(2024, 3, 12), people
    assert frozenset({"António Guterres", "Josep Borrell"}) not in people


def test_a_contact_recalled_from_an_earlier_year_borrows_no_date() -> None:
    news = (
        "Indian Prime Minister Narendra Modi held a phone call with French President Emmanuel "
        "Macron on Monday. "
    )
    for recalled in (
        "In 2022, Modi met German Chancellor Olaf Scholz in Berlin.",
        "Modi had held talks with Japanese Prime Minister Fumio Kishida during his visit to "
        "Tokyo in 2023.",
        "Modi also spoke with US President Joe Biden last year.",
        "Modi and US President Joe Biden met on the sidelines of a summit in Bali two years ago.",
    ):
        out = run(news + recalled, day=dt.date(2024, 3, 12))
        dated = [c.date for c in held(out)]
        assert dated == [dt.date(2024, 3, 11), None], recalled
    # "since ..." before the contact recalls nothing of its own time: it keeps the day
    visit = news + "On his third visit since the war began, Modi met German Chancellor Olaf Scholz."
    assert [c.date for c in held(run(visit, day=dt.date(2024, 3, 12)))] == [
        dt.date(2024, 3, 11),
        dt.date(2024, 3, 11),
    ]
    same_day = news + "Modi also spoke with German Chancellor Olaf Scholz on Sunday."
    assert [c.date for c in held(run(same_day, day=dt.date(2024, 3, 12)))] == [
        dt.date(2024, 3, 11),
        dt.date(2024, 3, 10),
    ]


def test_a_contact_told_after_an_undated_one_takes_no_older_date() -> None:
    text = (
        "South African President Cyril Ramaphosa spoke with Ukrainian President Volodymyr "
        "Zelensky by phone on Wednesday. A few weeks ago Ramaphosa had spoken to Russian "
        "President Vladimir Putin about the war. Afterwards he also phoned US President Joe "
        "Biden."
    )
    dated = {
        frozenset(p.name for p in c.participants): c.date
        for c in held(run(text, day=dt.date(2022, 4, 21)))
    }
    assert dated[frozenset({"Cyril Ramaphosa", "Volodymyr Zelensky"})] == dt.date(2022, 4, 20)
    assert dated[frozenset({"Cyril Ramaphosa", "Joe Biden"})] is None


def test_today_in_a_story_datelined_a_day_before_the_page_date_is_the_datelines_day() -> None:
    call = "Indian Prime Minister Narendra Modi held a phone call with French President "
    call += "Emmanuel Macron today."
    for line in (
        "Paris, 11 March (ANI): ",
        "New Delhi [India], March 11 (ANI): ",
        "NEW DELHI, MARCH 11: ",
    ):
        [held_call] = held(run(line + call, day=dt.date(2024, 3, 12)))
        assert held_call.date == dt.date(2024, 3, 11), line
    # a dateline a day ahead of the page's date (a later time zone) leaves the page's date
    [ahead] = held(run("Ankara, Aug 14 (IANS) " + call, day=dt.date(2020, 8, 13)))
    assert ahead.date == dt.date(2020, 8, 13)


def test_the_previous_day_and_a_count_of_days_ago() -> None:
    call = "Indian Prime Minister Narendra Modi held a phone call with French President Emmanuel "
    call += "Macron "
    for said, want in (
        ("the previous day.", dt.date(2024, 3, 11)),
        ("two days ago.", dt.date(2024, 3, 10)),
        ("3 days ago.", dt.date(2024, 3, 9)),
    ):
        [held_call] = held(run(call + said, day=dt.date(2024, 3, 12)))
        assert held_call.date == want, said


def test_the_bodys_own_day_wins_over_the_headlines_date() -> None:
    """A government site stamps its readout's title with the day it published it; the body says
    the call was the day before. Without a day in the body, the title's date still dates it."""
    title = "PM call with President Stubb of Finland: 14 March 2024"
    body = "Prime Minister Rishi Sunak spoke to Finnish President Alexander Stubb yesterday evening"
    out = extract(ExtractInput(id="t", title=title, text=body))
    assert [c.date for c in out.contacts] == [dt.date(2024, 3, 13)]
    plain = body.replace(" yesterday evening", "")
    out = extract(ExtractInput(id="t", title=title, text=plain))
    assert [c.date for c in out.contacts] == [dt.date(2024, 3, 14)]

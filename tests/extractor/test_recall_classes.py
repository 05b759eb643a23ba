"""Readouts of classes real pages miss (issue 11, class 4), with sentences written for the test:
undated texts about office-holders of the past, previews whose "the meeting" is the plan, a
contact phrase opening the sentence, agencies' word order, Title Case headlines."""

from __future__ import annotations

import datetime as dt

from services.extractor.headline import sentence_case, split_headline
from services.extractor.pipeline import extract
from shared.schemas import ExtractInput


def _undated(text: str) -> tuple[bool, list[frozenset[str | None]]]:
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None, out.error
    held = [frozenset(p.name for p in c.participants) for c in out.contacts if c.status == "held"]
    return out.is_readout, held


def test_undated_text_titling_a_past_office_holder_is_read_as_written_then() -> None:
    # no date at all: "Prime Minister Scott Morrison" says the text was written in his term
    text = (
        "Prime Minister Scott Morrison opened his Pacific tour with new pledges on climate.\n\n"
        "Morrison began the trip with a meeting with Fijian counterpart Frank Bainimarama in "
        "Suva yesterday."
    )
    readout, held = _undated(text)
    assert readout
    assert frozenset({"Scott Morrison", "Frank Bainimarama"}) in held


def test_undated_text_calling_him_former_stays_out_of_office() -> None:
    text = (
        "Former Prime Minister Scott Morrison opened a private Pacific tour.\n\n"
        "Morrison began the trip with a meeting with Fijian counterpart Frank Bainimarama in "
        "Suva yesterday."
    )
    assert not _undated(text)[0]


def test_the_meeting_after_a_plan_is_that_plan() -> None:
    text = (
        "Prime Minister Suga will meet President Moon Jae-in on Sunday on the sidelines of the "
        "summit.\n\nThe meeting follows several phone calls between Suga and Moon over the past "
        "months."
    )
    assert not _undated(text)[0]


def test_a_headline_future_after_or_is_a_plan() -> None:
    text = (
        "Try refreshing your browser, or Morrison to hold first meeting with new U.S. President "
        "Biden on Tuesday Back to video."
    )
    assert _undated(text)[1] == []


DAY = dt.date(2021, 6, 14)


def _dated(text: str) -> tuple[bool, list[frozenset[str | None]]]:
    out = extract(ExtractInput(id="t", text=text, published=DAY))
    assert out.error is None, out.error
    held = [frozenset(p.name for p in c.participants) for c in out.contacts if c.status == "held"]
    return out.is_readout, held


def test_a_contact_phrase_opening_the_sentence_joins_subject_and_object() -> None:
    pair = frozenset({"Emmanuel Macron", "Narendra Modi"})
    for text in (
        "In a phone call on Monday, President Emmanuel Macron thanked Prime Minister Narendra "
        "Modi for his support.",
        "Over the phone, President Emmanuel Macron congratulated Prime Minister Narendra Modi "
        "on the result.",
        "In a telephonic conversation, President Emmanuel Macron felicitated Prime Minister "
        "Narendra Modi on his victory.",
    ):
        assert pair in _dated(text)[1], text


def test_an_opening_phrase_with_someone_else_or_no_contact_joins_nobody() -> None:
    for text in (
        "In a phone call with reporters, President Emmanuel Macron praised Prime Minister "
        "Narendra Modi.",
        "In a speech on Monday, President Emmanuel Macron thanked Prime Minister Narendra Modi.",
    ):
        assert _dated(text)[1] == [], text


def test_calls_up_a_leader_is_a_call_but_calling_up_reservists_is_not() -> None:
    text = "President Joe Biden on Monday called up Prime Minister Narendra Modi to discuss trade."
    assert frozenset({"Joe Biden", "Narendra Modi"}) in _dated(text)[1]
    text = "President Vladimir Putin called up reservists after his meeting with the army chiefs."
    assert _dated(text)[1] == []


def test_agency_word_order_of_a_reception() -> None:
    for text, pair in (
        (
            "President Abdel Fattah al-Sisi received on Sunday Foreign Minister Ayman Safadi of "
            "Jordan.",
            {"Abdel Fattah el-Sisi", "Ayman Safadi"},
        ),
        (
            "President Xi Jinping received at the Great Hall of the People Prime Minister "
            "Anthony Albanese.",
            {"Xi Jinping", "Anthony Albanese"},
        ),
        (
            "Prime Minister Abiy Ahmed held a reception for President William Ruto at the "
            "National Palace.",
            {"Abiy Ahmed", "William Ruto"},
        ),
    ):
        assert frozenset(pair) in _dated(text)[1], text
    assert _dated("President Joe Biden received on Monday a letter from Xi Jinping.")[1] == []


def test_title_case_headline_reads_its_verbs() -> None:
    assert sentence_case("Trudeau Called Trump About Tariffs") == (
        "Trudeau called Trump about Tariffs"
    )
    assert sentence_case("Trudeau called Trump about tariffs") == (
        "Trudeau called Trump about tariffs"
    )
    text = (
        "Justin Trudeau Called Donald Trump & They Agreed To Keep In Close Contact\n\n"
        "The leaders also talked about the pandemic."
    )
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2020, 10, 11)))
    assert out.is_readout


def test_gulf_cooperation_council_and_central_asian_foreign_ministers_are_known() -> None:
    text = (
        "Foreign Minister Faisal bin Farhan received a phone call from GCC Secretary-General "
        "Nayef Al-Hajraf on Monday."
    )
    assert frozenset({"Faisal bin Farhan", "Nayef Al-Hajraf"}) in _dated(text)[1]
    text = (
        "Foreign Minister Mukhtar Tileuberdi had a telephone conversation with Secretary of "
        "State Antony Blinken."
    )
    assert frozenset({"Mukhtar Tileuberdi", "Antony Blinken"}) in _dated(text)[1]
    out = extract(
        ExtractInput(
            id="t",
            text="Sheikh Hamdan bin Mohammed received Defence Secretary John Healey in Dubai.",
            published=dt.date(2025, 3, 14),
        )
    )
    assert out.is_readout  # Dubai's crown prince, the UAE's defence minister since July 2024
    text = "Rashid Meredov held talks with Sirojiddin Muhriddin in Ashgabat on Monday."
    assert frozenset({"Rashid Meredov", "Sirojiddin Muhriddin"}) in _dated(text)[1]
    out = extract(
        ExtractInput(
            id="t",
            text="GCC Secretary-General Jasem Albudaiwi met President Emmanuel Macron in Paris.",
            published=dt.date(2024, 5, 3),
        )
    )
    assert out.is_readout
    assert {p.country for p in out.contacts[0].participants} == {"GCC", "FR"}


def test_the_two_sides_after_an_opening_call_phrase_are_the_people_just_named() -> None:
    text = (
        "Foreign Minister Abdullah bin Zayed exchanged festive greetings with President "
        "Emmanuel Macron.\n\nIn a phone call, the two sides discussed joint action."
    )
    assert frozenset({"Abdullah bin Zayed", "Emmanuel Macron"}) in _dated(text)[1]
    text = (
        "Foreign Minister Abdullah bin Zayed sent festive greetings to the Emir.\n\n"
        "In a phone call, the two sides discussed joint action."
    )
    assert _dated(text)[1] == []


def test_two_countries_then_a_plural_title_are_each_countrys_holder() -> None:
    text = (
        "President Emmanuel Macron on Wednesday held talks with the German and Italian leaders "
        "at the Elysee."
    )
    assert frozenset({"Emmanuel Macron", "Angela Merkel", "Mario Draghi"}) in _dated(text)[1]
    text = "President William Ruto held talks with Uganda and Tanzania Presidents in Nairobi."
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2023, 9, 14)))
    people = {p.name for c in out.contacts for p in c.participants}
    assert {"William Ruto", "Yoweri Museveni", "Samia Suluhu Hassan"} <= people


def test_a_meeting_in_progress_and_the_meeting_of_a_with_b() -> None:
    day = dt.date(2023, 7, 18)
    text = "President Bola Tinubu is currently hosting President Patrice Talon at the villa."
    assert extract(ExtractInput(id="t", text=text, published=day)).is_readout
    text = "The meeting of President Bola Tinubu with President Patrice Talon began in Abuja."
    assert extract(ExtractInput(id="t", text=text, published=day)).is_readout
    text = "It came during the meeting of President Tinubu on Monday in Abuja with President Talon."
    assert extract(ExtractInput(id="t", text=text, published=day)).is_readout
    text = "The meeting of President Bola Tinubu with President Patrice Talon will take place soon."
    assert not extract(ExtractInput(id="t", text=text, published=day)).is_readout


def test_a_republished_release_takes_government_and_date_from_the_boilerplate() -> None:
    text = (
        "The Prime Minister and the Taoiseach spoke yesterday evening.\n\n"
        "They discussed the border and trade.\n\n"
        "British Prime Minister's Office published this content on 12 March 2021 and is solely "
        "responsible for the information contained herein."
    )
    out = extract(ExtractInput(id="t", text=text))
    assert out.is_readout
    call = out.contacts[0]
    assert {p.name for p in call.participants} == {"Boris Johnson", "Micheál Martin"}
    assert call.date == dt.date(2021, 3, 11)


def test_undated_text_naming_two_past_office_holders_in_full_reads_them_in_office() -> None:
    text = (
        "Scott Morrison and Frank Bainimarama spoke by phone about the cyclone recovery.\n\n"
        "The two leaders agreed to stay in close contact."
    )
    readout, held = _undated(text)
    assert readout
    assert frozenset({"Scott Morrison", "Frank Bainimarama"}) in held
    # called former anywhere: out of office
    text = (
        "Scott Morrison and Frank Bainimarama spoke by phone about the cyclone recovery.\n\n"
        "The former prime minister Morrison now sits on company boards."
    )
    assert not _undated(text)[0]


def test_a_house_speakers_title_is_no_head_of_state() -> None:
    text = (
        "President Maia Sandu met with the President of the Chamber of Deputies, Marcel "
        "Ciolacu, in Bucharest."
    )
    assert not _undated(text)[0]
    assert not _dated(text)[0]


def test_previously_announced_talks_are_a_plan() -> None:
    text = (
        "President Joe Biden will also see the leaders of India and Japan in addition to the "
        "previously announced talks with President Xi Jinping."
    )
    assert _dated(text)[1] == []


def test_south_asian_headline_names_and_wording() -> None:
    day = dt.date(2023, 5, 30)
    for text, pair in (
        (
            "PM Shehbaz, Erdogan discuss ties over phone\n\nThe premier greeted the Turkish "
            "leader.",
            {"Shehbaz Sharif", "Recep Tayyip Erdoğan"},
        ),
        (
            "Prez Biden calls up PM Modi\n\nThe two leaders discussed trade.",
            {"Joe Biden", "Narendra Modi"},
        ),
        (
            "President Ranil meets PM Modi in New Delhi\n\nThe two leaders discussed energy.",
            {"Ranil Wickremesinghe", "Narendra Modi"},
        ),
    ):
        out = extract(ExtractInput(id="t", text=text, published=day))
        assert out.is_readout, text
        assert {p.name for p in out.contacts[0].participants} == pair
    text = "Nawaz Sharif meets Modi in Ufa\n\nPrime Minister Nawaz Sharif met Modi on Friday."
    assert extract(ExtractInput(id="t", text=text, published=dt.date(2015, 7, 11))).is_readout


def test_a_first_person_post_reported_without_quote_marks() -> None:
    text = "I had a phone call with President Emmanuel Macron, Zelensky wrote on Telegram."
    assert frozenset({"Volodymyr Zelensky", "Emmanuel Macron"}) in _dated(text)[1]
    text = "I hope to meet President Emmanuel Macron soon, Zelensky wrote on Telegram."
    assert _dated(text)[1] == []


def test_agency_wording_discussions_and_honorific_chains() -> None:
    day = dt.date(2023, 3, 14)
    for text, pair in (
        (
            "Prime Minister Abiy Ahmed today held fruitful discussions with President William "
            "Ruto.",
            {"Abiy Ahmed", "William Ruto"},
        ),
        (
            "His Majesty Sultan Haji Hassanal Bolkiah received a courtesy call from Prime "
            "Minister Anwar Ibrahim at the palace.",
            {"Sultan Hassanal Bolkiah", "Anwar Ibrahim"},
        ),
    ):
        out = extract(ExtractInput(id="t", text=text, published=day))
        assert out.is_readout, text
        assert {p.name for p in out.contacts[0].participants} == pair


def test_a_group_who_met_is_the_news_but_one_who_met_someone_is_background() -> None:
    day = dt.date(2022, 4, 5)
    text = (
        "The presidents of Argentina and Chile, who met in Buenos Aires on Monday, pledged to "
        "work together on energy."
    )
    assert extract(ExtractInput(id="t", text=text, published=day)).is_readout
    text = (
        "Prime Minister Narendra Modi, who met President Joe Biden on Thursday, addressed "
        "Congress on Friday."
    )
    assert not extract(ExtractInput(id="t", text=text, published=dt.date(2023, 6, 24))).is_readout


def test_a_pair_that_agreed_something_after_a_call_held_the_call() -> None:
    day = dt.date(2021, 1, 23)
    for text in (
        "Justin Trudeau and Joe Biden agreed to meet next month after a phone call.",
        "Justin Trudeau and Joe Biden agreed to meet next month, the prime minister's office "
        "said, following a call between the two leaders.",
    ):
        out = extract(ExtractInput(id="t", text=text, published=day))
        held = [c for c in out.contacts if c.status == "held"]
        assert held and held[0].kind == "call", text
    text = (
        "Justin Trudeau and Joe Biden agreed on a joint statement after a meeting of their "
        "foreign ministers."
    )
    assert not extract(ExtractInput(id="t", text=text, published=day)).is_readout


def test_undated_bare_title_is_the_holder_in_office_with_the_named_official() -> None:
    text = (
        "Readout of the Secretary-General's meeting with the AU chief\n\n"
        "The Secretary-General met with H.E. Mr. Moussa Faki Mahamat, Chairperson of the "
        "African Union Commission. They discussed peace in the Sahel."
    )
    out = extract(ExtractInput(id="t", text=text))
    assert out.is_readout
    assert {p.name for p in out.contacts[0].participants} == {
        "António Guterres",
        "Moussa Faki Mahamat",
    }


def test_working_meals_one_on_ones_and_telecons() -> None:
    pair = frozenset({"Emmanuel Macron", "Narendra Modi"})
    for text in (
        "President Emmanuel Macron and Prime Minister Narendra Modi had a working lunch in "
        "Paris on Monday.",
        "President Emmanuel Macron and Prime Minister Narendra Modi held a bilateral on the "
        "sidelines of the summit.",
        "Prime Minister Narendra Modi had a telecon with President Emmanuel Macron on Monday.",
    ):
        assert pair in _dated(text)[1], text
    text = (
        "President Emmanuel Macron and Prime Minister Narendra Modi will have a working lunch "
        "in Paris next week."
    )
    assert _dated(text)[1] == []


def test_page_furniture_before_the_headline_is_dropped() -> None:
    assert split_headline("Advertisement\n\nModi Dials Macron, Discusses Ukraine\n\nBody.") == (
        "Modi Dials Macron, Discusses Ukraine",
        "\nBody.",
    )
    text = "ADVERTISEMENT\n\nModi Dials Macron, Discusses Ukraine\n\nThe two leaders talked war."
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2023, 3, 14)))
    assert out.is_readout


def test_consulted_with_a_counterpart() -> None:
    text = (
        "President Emmanuel Macron also consulted on Friday afternoon with his Ukrainian "
        "counterpart Volodymyr Zelensky."
    )
    assert frozenset({"Emmanuel Macron", "Volodymyr Zelensky"}) in _dated(text)[1]
    assert _dated("President Emmanuel Macron consulted with his advisers first.")[1] == []


def test_a_live_update_where_the_planned_meeting_began() -> None:
    day = dt.date(2023, 9, 14)
    text = (
        "President Aleksandar Vucic will meet Prime Minister Albin Kurti in Brussels today.\n\n"
        "The meeting of Vucic with Kurti began in Brussels at noon."
    )
    assert extract(ExtractInput(id="t", text=text, published=day)).is_readout
    text = (
        "President Aleksandar Vucic will meet Prime Minister Albin Kurti in Brussels today.\n\n"
        "The meeting is expected to focus on the licence plates."
    )
    assert not extract(ExtractInput(id="t", text=text, published=day)).is_readout


def test_courtesy_visits_exchanges_of_views_and_one_on_one_formats() -> None:
    for text, pair in (
        (
            "Prime Minister Anwar Ibrahim received a courtesy visit from Foreign Minister Wang Yi.",
            {"Anwar Ibrahim", "Wang Yi"},
        ),
        (
            "Sheikh Tamim bin Hamad Al Thani exchanged views with President Emmanuel Macron on "
            "regional issues.",
            {"Tamim bin Hamad Al Thani", "Emmanuel Macron"},
        ),
        (
            "President Ilham Aliyev received in a one-on-one format President Recep Tayyip "
            "Erdogan.",
            {"Ilham Aliyev", "Recep Tayyip Erdoğan"},
        ),
    ):
        out = extract(ExtractInput(id="t", text=text, published=dt.date(2023, 3, 14)))
        assert out.is_readout, text
        assert {p.name for p in out.contacts[0].participants} == pair
    text = "Sheikh Tamim bin Hamad Al Thani exchanged letters with President Emmanuel Macron."
    assert not extract(ExtractInput(id="t", text=text, published=dt.date(2023, 3, 14))).is_readout


def test_undated_bare_surnames_of_past_leaders_never_called_former() -> None:
    text = "Merkel spoke by phone with Obama on Monday, the German and US governments said."
    readout, held = _undated(text)
    assert readout
    assert frozenset({"Angela Merkel", "Barack Obama"}) in held
    text = "Biden and Xi just spoke for the first time in months, US and Chinese officials said."
    assert _undated(text)[0]
    # a surname whose holder's country the text never names is someone else
    text = "Medvedev met party leader Castro in Havana, Cuban television reported."
    assert frozenset({"Dmitry Medvedev", "Xiomara Castro"}) not in _undated(text)[1]
    text = (
        "Merkel met Obama in Berlin on Monday during his book tour.\n\n"
        "The former chancellor Merkel now writes her memoirs."
    )
    assert not _undated(text)[0]


def test_congratulatory_calls_accepted_and_called_to_congratulate() -> None:
    pair = frozenset({"Joe Biden", "William Ruto"})
    for text in (
        "President William Ruto accepted a congratulatory phone call from President Joe Biden.",
        "President Joe Biden called to congratulate President William Ruto on Monday.",
    ):
        assert pair in _dated(text)[1], text
    for text in (
        "President William Ruto accepted an invitation from President Joe Biden to visit.",
        "President Joe Biden will call to congratulate President William Ruto tomorrow.",
        "President Joe Biden sent a congratulatory message to President William Ruto.",
    ):
        assert _dated(text)[1] == [], text


def test_headlines_in_capitals_or_title_case_with_from() -> None:
    day = dt.date(2023, 3, 14)
    for text, pair in (
        (
            "BIDEN, XI HOLD TALKS IN BALI\n\nThe two leaders discussed Taiwan.",
            {"Joe Biden", "Xi Jinping"},
        ),
        (
            "Erdogan Receives Phone Call From Putin\n\nThe two leaders discussed grain.",
            {"Recep Tayyip Erdoğan", "Vladimir Putin"},
        ),
    ):
        out = extract(ExtractInput(id="t", text=text, published=day))
        assert out.is_readout, text
        assert {p.name for p in out.contacts[0].participants} == pair
    assert split_headline("WORLD BRIEFS\n\nFloods hit the coast.")[0] is None


def test_audiences_and_welcomes() -> None:
    for text, pair in (
        (
            "King Abdullah II granted an audience to Foreign Minister Wang Yi at the palace.",
            {"King Abdullah II", "Wang Yi"},
        ),
        (
            "President Paul Kagame accorded a warm welcome to President William Ruto in Kigali.",
            {"Paul Kagame", "William Ruto"},
        ),
        (
            "President Joko Widodo was accorded a state welcome by Prime Minister Anwar Ibrahim.",
            {"Joko Widodo", "Anwar Ibrahim"},
        ),
    ):
        assert frozenset(pair) in _dated(text)[1], text
    assert _dated("King Abdullah II granted an audience to the new envoys.")[1] == []


def test_plans_and_gatherings_stay_out() -> None:
    for text in (
        "At the summit, President Emmanuel Macron criticised Chancellor Olaf Scholz.",
        "The meeting of the foreign ministers of France and Germany will begin on Monday.",
        "In a letter, President Emmanuel Macron thanked Chancellor Olaf Scholz for his support.",
        "President Emmanuel Macron will host a dinner for Chancellor Olaf Scholz next week.",
    ):
        assert _dated(text)[1] == [], text


def test_a_later_event_in_a_relative_clause_does_not_make_the_call_a_plan() -> None:
    text = (
        "President Joe Biden and President Pedro Sánchez spoke today about the summit, which "
        "will be held in Madrid next week."
    )
    assert frozenset({"Joe Biden", "Pedro Sánchez"}) in _dated(text)[1]


def test_undated_text_about_life_after_office_keeps_them_out() -> None:
    for text in (
        "Barack Obama met Angela Merkel in Berlin during his European book tour.",
        "Boris Johnson met Volodymyr Zelensky in Kyiv on a private visit after leaving office.",
    ):
        assert not _undated(text)[0], text


def test_an_opening_meeting_phrase_does_not_join_whoever_the_subject_names() -> None:
    for text in (
        "In a cabinet meeting on Monday, President Vladimir Putin criticised President Joe Biden.",
        "During the meeting, President Vladimir Putin criticised President Joe Biden.",
        "In a televised meeting, President Vladimir Putin attacked President Joe Biden.",
    ):
        assert _dated(text)[1] == [], text


def test_reported_speech_of_a_contact_is_the_news() -> None:
    for text, pair in (
        (
            '"I had a good meeting with President Andrzej Duda," Zelensky said in his evening '
            "video address.",
            {"Volodymyr Zelensky", "Andrzej Duda"},
        ),
        (
            "Zelensky said in his nightly address that he had spoken with Prime Minister Rishi "
            "Sunak.",
            {"Volodymyr Zelensky", "Rishi Sunak"},
        ),
        (
            "President Volodymyr Zelensky announced that he had held talks with President "
            "Emmanuel Macron.",
            {"Volodymyr Zelensky", "Emmanuel Macron"},
        ),
    ):
        out = extract(ExtractInput(id="t", text=text, published=dt.date(2023, 3, 14)))
        assert out.is_readout, text
        assert {p.name for p in out.contacts[0].participants} == pair
    text = (
        "Prime Minister Narendra Modi, who had met President Joe Biden in May, addressed the "
        "assembly on Friday."
    )
    assert not extract(ExtractInput(id="t", text=text, published=dt.date(2023, 6, 24))).is_readout


def test_a_hope_or_wish_to_meet_is_no_meeting() -> None:
    for text in (
        "President Joe Biden said that he had hoped to meet President Xi Jinping.",
        "President Joe Biden wanted to speak with President Xi Jinping before the summit.",
        "President Joe Biden wished to meet President Xi Jinping in Bali.",
    ):
        assert _dated(text)[1] == [], text


def test_an_apo_release_names_its_government() -> None:
    text = (
        "The President received a phone call from President Emmanuel Macron on Monday.\n\n"
        "The two leaders discussed trade and security.\n\n"
        "Distributed by APO Group on behalf of The Presidency of the Republic of South Africa."
    )
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2023, 3, 14)))
    assert out.is_readout
    assert {p.name for p in out.contacts[0].participants} == {"Cyril Ramaphosa", "Emmanuel Macron"}

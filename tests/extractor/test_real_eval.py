"""The real-corpus scoring itself: verdicts, the reported contact, other held contacts, the
previous contact, label corrections and the split, on small made-up items (no corpus needed)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest

from services.extract_cmd import run_eval
from services.extractor.real_corpus import parse_fixes, parse_item, parse_reading, split_ids
from services.extractor.real_eval import score_real
from services.extractor.real_match import Who, same_person
from shared.errors import ConfigError
from shared.schemas import Contact, ExtractInput, ExtractOutput, Person

MACRON, PUTIN, SCHOLZ = ("Emmanuel Macron", "FR"), ("Vladimir Putin", "RU"), ("Olaf Scholz", "DE")


def _line(i: str, readout: bool, contacts: list[dict[str, object]], **extra: object) -> dict:
    label = {"is_readout": readout, "contacts": contacts, "previous_contact": None}
    return {"id": i, "text": "x", "published": extra.get("published"), "label": label}


def _held(a: tuple[str, str], b: tuple[str, str], date: str | None, main: bool) -> dict:
    people = [{"name": n, "country": c} for n, c in (a, b)]
    return {"kind": "call", "status": "held", "participants": people, "date": date, "main": main}


def _out(*contacts: tuple[tuple[str, str], tuple[str, str], str | None]) -> ExtractOutput:
    found = [
        Contact(
            kind="call",
            date=dt.date.fromisoformat(d) if d else None,
            participants=[Person(name=n, country=c) for n, c in (a, b)],
        )
        for a, b, d in contacts
    ]
    return ExtractOutput(is_readout=bool(found), contacts=found)


def test_people_match_across_spellings_not_countries() -> None:
    assert same_person(Who("Volodymyr Zelensky", "UA"), Who("Volodymyr Zelenskyy", "UA"))
    assert same_person(Who("Mohammed bin Salman", "SA"), Who("Mohammed bin Salman Al Saud", "SA"))
    assert not same_person(Who("Olaf Scholz", "DE"), Who("Emmanuel Macron", "FR"))
    assert not same_person(Who("Joe Biden", "US"), Who("Hunter Biden", "GB"))


def test_scores_main_others_and_extras() -> None:
    lines = [
        _line("a", True, [_held(MACRON, PUTIN, "2022-05-03", True)], published="2022-05-03"),
        _line(
            "b",
            True,
            [_held(MACRON, SCHOLZ, None, True), _held(PUTIN, SCHOLZ, "2022-01-02", False)],
        ),
        _line("c", False, []),
    ]
    outputs = {
        "a": _out((MACRON, PUTIN, "2022-05-03")),
        "b": _out((MACRON, SCHOLZ, "2026-12-06"), (PUTIN, SCHOLZ, None), (MACRON, PUTIN, None)),
        "c": ExtractOutput(),
    }
    items = [parse_item(line, {}) for line in lines]
    report = score_real(items, run=lambda doc: outputs[doc.id or ""])
    assert (report.readout.tp, report.readout.fp, report.readout.fn) == (2, 0, 0)
    assert (report.main_people, report.mains, report.main_date) == (2, 2, 1)
    assert report.date_by_published == {"published": [1, 1], "no published": [0, 1]}
    assert (report.other_people, report.other_right, report.others) == (1, 0, 1)
    assert report.extra == 1  # Macron-Putin in "b" is in no label
    assert "b: other held date got None want 2022-01-02" in report.misses
    assert "b: extra held ['Emmanuel Macron', 'Vladimir Putin'] None" in report.misses


def test_misses_name_the_other_held_contact_not_found() -> None:
    line = _line("d", True, [_held(MACRON, SCHOLZ, None, True), _held(PUTIN, SCHOLZ, None, False)])
    report = score_real([parse_item(line, {})], run=lambda doc: _out((MACRON, SCHOLZ, None)))
    assert report.misses == ["d: other held not found ['Vladimir Putin', 'Olaf Scholz'] None"]


def test_corrections_and_split(tmp_path: Path) -> None:
    fixes = parse_fixes(json.dumps({"id": "c", "label": {"is_readout": True}, "reason": "r"}))
    assert parse_item(_line("c", False, []), fixes).is_readout
    with pytest.raises(ValueError, match="reason"):
        parse_fixes(json.dumps({"id": "c", "label": {"is_readout": True}}))
    split = json.dumps({"seed": 1, "test": ["a"], "dev": ["b", "c"]})
    assert split_ids(split, "dev") == {"b", "c"}
    with pytest.raises(ValueError, match="parts: test, dev"):
        split_ids(split, "train")
    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps(_line(i, False, [])) for i in ("b", "c")]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "split.json").write_text(split, encoding="utf-8")
    with pytest.raises(ConfigError, match="1 ids of part 'test'"):
        run_eval([corpus], StringIO(), split=tmp_path / "split.json", part="test")
    out = StringIO()
    run_eval([corpus], out, split=tmp_path / "split.json", part="dev")
    assert "tn=2" in out.getvalue() and "no published" in out.getvalue()


def test_run_eval_reads_real_shape_with_published() -> None:
    item = parse_item(_line("a", True, [], published="2022-05-03"), {})
    assert item.doc == ExtractInput(id="a", text="x", published=dt.date(2022, 5, 3))


def test_one_output_contact_serves_one_label_the_news_first() -> None:
    # the news call today and their meeting recalled from 2021: two labels of one pair
    line = _line(
        "d",
        True,
        [_held(MACRON, PUTIN, "2022-05-03", True), _held(MACRON, PUTIN, None, False)],
        published="2022-05-03",
    )
    item = parse_item(line, {})
    one = score_real([item], run=lambda doc: _out((MACRON, PUTIN, "2022-05-03")))
    assert (one.main_date, one.other_people, one.other_right) == (1, 0, 0)  # used up by the news
    # two output contacts: the recalled one first in the text; ties go to the right date
    two = score_real(
        [item], run=lambda doc: _out((MACRON, PUTIN, None), (MACRON, PUTIN, "2022-05-03"))
    )
    assert (two.main_date, two.other_people, two.other_right, two.extra) == (1, 1, 1, 0)


def test_misses_name_a_wrong_previous_contact() -> None:
    line = _line("e", True, [_held(MACRON, PUTIN, "2022-05-03", True)], published="2022-05-03")
    line["label"]["previous_contact"] = "2022-03-01"
    item = parse_item(line, {})
    report = score_real([item], run=lambda doc: _out((MACRON, PUTIN, "2022-05-03")))
    assert (report.previous, report.previous_labelled) == ([0, 1], [0, 1])
    assert report.misses == ["e: previous contact got None want 2022-03-01"]


def test_a_second_reading_is_scored_as_the_extractor_is(tmp_path: Path) -> None:
    first = [
        _line("a", True, [_held(MACRON, PUTIN, "2022-05-03", True)], published="2022-05-03"),
        _line("b", False, [_held(MACRON, SCHOLZ, "2021-01-02", False)]),
        _line("c", False, []),
    ]
    first[0]["label"]["previous_contact"] = "2022-03-01"
    # the second reader agrees on "a" but for its previous contact, calls "b" a readout and
    # dates its contact otherwise, and did not read "c"
    second = [
        {"id": "a", "label": dict(first[0]["label"], previous_contact=None)},
        {
            "id": "b",
            "label": {
                "is_readout": True,
                "contacts": [_held(MACRON, SCHOLZ, None, True)],
                "previous_contact": "2020-12-01",
            },
        },
    ]
    readings = parse_reading("\n".join(json.dumps(r) for r in second))
    assert readings["b"].contacts[0].previous_contact == dt.date(2020, 12, 1)
    report = score_real(
        [parse_item(line, {}) for line in first[:2]], lambda d: readings[d.id or ""]
    )
    assert (report.readout.tp, report.readout.fp, report.main_date) == (1, 1, 1)
    assert (report.previous, report.previous_labelled) == ([0, 1], [0, 1])
    assert report.misses[-1] == "b: other held date got None want 2021-01-02"
    with pytest.raises(ValueError, match="line 1: needs id and label"):
        parse_reading('["a"]')
    with pytest.raises(ValueError, match="line 2: id 'a' read twice"):
        parse_reading(json.dumps(second[0]) + "\n" + json.dumps(second[0]))

    corpus, reading = tmp_path / "c.jsonl", tmp_path / "second.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in first), encoding="utf-8")
    reading.write_text("".join(json.dumps(r) + "\n" for r in second), encoding="utf-8")
    out = StringIO()
    run_eval([corpus], out, reader=reading)
    text = out.getvalue()
    assert text.startswith("2 of the 2 items read a second time are here\n")
    assert "== second reader\nreadout            P=0.500 R=1.000" in text
    assert "== extractor\n" in text and "(n=3)" not in text
    reading.write_text('{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not a second reading \(line 1: needs id and label"):
        run_eval([corpus], StringIO(), reader=reading)

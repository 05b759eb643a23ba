"""Bad inputs give a clear error or a clean negative, quickly, and never raise."""

from __future__ import annotations

import datetime as dt
import time

from services.extractor.pipeline import NO_INPUT, extract, html_to_text
from shared.schemas import ExtractInput

DAY = dt.date(2024, 1, 8)


def test_empty_and_missing() -> None:
    assert extract(ExtractInput(id="a")).error == NO_INPUT
    out = extract(ExtractInput(id="b", text="   \n  ", published=DAY))
    assert out.error and not out.is_readout


def test_binary_garbage() -> None:
    junk = bytes(range(256)).decode("latin-1") * 200
    out = extract(ExtractInput(id="c", text=junk, published=DAY))
    assert not out.is_readout
    out = extract(ExtractInput(id="d", html=junk, published=DAY, title="x"))
    assert not out.is_readout


def test_broken_html() -> None:
    html = "<html><body><p>President Joe Biden spoke by phone on Monday with Prime Minister"
    out = extract(ExtractInput(id="e", html=html + " <div><<<>", published=DAY, title="t"))
    assert out.error is None or not out.is_readout


def test_non_english() -> None:
    text = "Le président Emmanuel Macron a reçu lundi le chancelier allemand à l'Élysée. " * 5
    out = extract(ExtractInput(id="f", text=text, published=DAY))
    assert not out.is_readout
    out = extract(ExtractInput(id="g", text="バイデン米大統領は13日、電話協議を実施した。" * 20))
    assert not out.is_readout


def test_huge_page_is_bounded() -> None:
    para = "<p>Markets were calm on Monday as traders waited for data on inflation.</p>\n"
    html = "<html><body>" + para * 260_000 + "</body></html>"  # ~20 MB
    assert len(html) > 19_000_000
    start = time.monotonic()
    out = extract(ExtractInput(id="h", html=html, published=DAY, title="Markets"))
    assert time.monotonic() - start < 20
    assert not out.is_readout


def test_huge_text_is_bounded() -> None:
    text = "Biden and Netanyahu called for calm on Monday. " * 400_000
    start = time.monotonic()
    out = extract(ExtractInput(id="i", text=text, published=DAY))
    assert time.monotonic() - start < 10
    assert not out.is_readout


def test_html_to_text_returns_metadata() -> None:
    html = (
        "<html><head><title>Leaders talk</title><meta property='article:published_time' "
        "content='2024-01-08'></head><body><article><p>President Joe Biden spoke by phone on "
        "Monday with Prime Minister Benjamin Netanyahu of Israel about the hostages held in Gaza "
        "and humanitarian aid, the White House said in a readout.</p></article></body></html>"
    )
    text, title, published = html_to_text(html)
    assert "Netanyahu" in text
    assert title == "Leaders talk"
    assert published == DAY
    out = extract(ExtractInput(id="j", html=html, published=DAY, title="Leaders talk"))
    assert out.is_readout, out


def test_planned_only_is_not_readout() -> None:
    text = "French President Emmanuel Macron will meet Chinese President Xi Jinping next week."
    out = extract(ExtractInput(id="k", text=text, published=DAY))
    assert not out.is_readout
    assert [c.status for c in out.contacts] == ["planned"]


def test_domestic_meeting_is_not_a_contact() -> None:
    text = "Prime Minister Narendra Modi met chief ministers of several states on Monday in Delhi."
    out = extract(ExtractInput(id="l", text=text, published=DAY))
    assert not out.is_readout and not out.contacts

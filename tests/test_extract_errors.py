"""Every `error` of `readoutwatch extract` names its cause and what to give instead.

Each case goes through ``process_line``, the command's own path from an input line to an
output line; the 20 MB page goes through the real command too.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from services.extract_cmd import process_line
from services.extractor import pipeline
from services.extractor.page import MAX_HTML

SCRIPT_PAGE = "<html><body><div id=app></div><script>render()</script></body></html>"
PROSE = "<p>The finance ministry said on Monday that inflation had slowed for a third month.</p>"


def _error(line: str) -> str:
    out = process_line(line)
    assert out.is_readout is False and out.error, out
    return out.error


def _page_with_prose_after(markup: int) -> str:
    """A page whose first ``markup`` characters are a script: the article comes after it."""
    script = "<script>var data = '" + "x" * markup + "';</script>"
    return f"<html><head>{script}</head><body>{PROSE * 20}</body></html>"


def test_a_huge_page_says_it_is_too_large_with_the_limit() -> None:
    page = _page_with_prose_after(20_000_000)
    error = _error(json.dumps({"id": "big", "html": page}))
    assert error.startswith(f"page too large: {len(page):,} characters of HTML")
    assert f"first {MAX_HTML:,} are read" in error and "`text`" in error


def test_the_same_page_under_the_limit_is_read() -> None:
    out = process_line(json.dumps({"id": "ok", "html": _page_with_prose_after(10_000)}))
    assert out.error is None, out.error


def test_the_command_says_so_for_a_20_mb_page() -> None:
    line = json.dumps({"id": "big", "html": _page_with_prose_after(20_000_000)}) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "services.cli", "extract"],
        input=line,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["error"].startswith("page too large: ")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "not valid JSON (Expecting property name"),
        ('["a list"]', "not a JSON object but a array"),
        ('"a string"', "not a JSON object but a string"),
        ('{"id": "a"}', "no text and no html: give the article's plain text as `text`"),
        ('{"id": "a", "text": "  \\n "}', "`text` is blank: give the article's plain text"),
        (json.dumps({"id": "a", "html": SCRIPT_PAGE}), "no article text in the HTML"),
        ('{"id": "a", "text": "x", "published": "19 Jan"}', "invalid `published` ('19 Jan'): "),
        ('{"text": "x", "id": 7}', "invalid `id` (7): "),
    ],
)  # fmt: skip
def test_each_error_names_its_cause(line: str, expected: str) -> None:
    assert _error(line).startswith(expected)


def test_text_in_another_language_says_only_english_is_read() -> None:
    text = "Le président a reçu lundi le chancelier allemand à l'Élysée pour un entretien. " * 5
    error = _error(json.dumps({"id": "fr", "text": text}))
    assert error == "text is not English prose (only English is read)"


def test_an_internal_failure_asks_to_be_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "sentences", broken)
    error = _error(json.dumps({"id": "x", "text": "President Biden spoke with Mr Macron today."}))
    assert error == "internal error, please report it: RuntimeError: boom"

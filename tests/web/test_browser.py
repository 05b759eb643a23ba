"""The dashboard in a real browser: Debian's Chromium driven by Playwright, axe-core injected.

Content is checked with JavaScript turned off (no page needs it); axe-core (``make browser``
puts it in ``.cache/axe``) then runs on every page, in light and in dark mode, and must find no
serious or critical violation.  With ``RW_SCREENSHOTS=DIR`` the home and pair pages are saved
there as PNGs (``docs/img`` holds those of ``docs/web.md``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import REPO_ROOT
from tests.web.conftest import BROKEN, QUIET, Web

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO_ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAIR = "/pair?pair=" + quote("Joe Biden|Benjamin Netanyahu")
PAGES = [
    "/",
    PAIR,
    "/person?name=" + quote("Benjamin Netanyahu"),
    "/search?person=" + quote("Antony Blinken"),
    "/alerts",
    "/sources",
    "/search?since=soon",  # a 400 page
    "/nowhere",  # a 404 page
]

pytestmark = [
    pytest.mark.nats,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (`make browser`)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def no_js(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


def test_home_shows_contacts_silences_alerts_and_the_failing_badge(web: Web, no_js: Any) -> None:
    no_js.goto(web.url + "/")
    latest = no_js.get_by_role("table", name="The newest contacts, newest first")
    assert latest.locator("tbody tr").count() == 8
    assert latest.locator("tbody tr").first.inner_text().startswith("2024-01-19")
    silences = no_js.get_by_role("table", name="Pairs by current silence")
    assert silences.locator("tbody tr").count() == 5
    assert silences.get_by_text("past threshold").count() == 5
    failed = no_js.locator("li.delivery.state-failed")
    assert failed.count() == 7  # every alert's dead webhook, each with its error
    assert "Cannot connect" in failed.first.inner_text()
    assert no_js.get_by_role("navigation", name="Main").get_by_text("1 failing").is_visible()
    title = no_js.locator("time").first.get_attribute("title")
    assert title is not None and title.endswith(" UTC")  # the absolute time on hover


def test_pair_page_draws_the_timeline_and_the_27_day_gap(web: Web, no_js: Any) -> None:
    no_js.goto(web.url + PAIR)
    assert no_js.get_by_role("heading", level=1).inner_text().startswith("Joe Biden")
    timeline = no_js.locator("svg.timeline")
    assert timeline.is_visible()
    assert timeline.locator(".tl-mark").count() == 3
    assert "27 days" in timeline.text_content()  # the gap the 2024-01-19 call ended
    assert "longest gap: 47 days" in timeline.text_content()
    rows = no_js.get_by_role("table", name="Contacts of this pair, newest first").locator(
        "tbody tr"
    )
    assert rows.count() == 3
    first = rows.first.inner_text()
    assert "2024-01-19" in first and "27" in first and "jns.org" in first
    assert "past threshold" in no_js.locator("dl.facts").inner_text()


def test_search_by_keyboard_gives_a_bookmarkable_url(web: Web, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(web.url + "/search")
        page.keyboard.press("Tab")  # the skip link first
        page.get_by_label("Leader").focus()
        page.keyboard.type("Antony Blinken")
        page.keyboard.press("Tab")
        page.keyboard.type("IL")
        page.get_by_label("Kind").select_option("meeting")
        page.get_by_role("button", name="Search").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?**")
        assert "person=Antony+Blinken" in page.url and "kind=meeting" in page.url
        table = page.get_by_role("table", name="Matching contacts, newest first")
        assert table.locator("tbody tr").count() == 3
        bookmarked = page.url
        page.goto(web.url + "/")
        page.goto(bookmarked)
        assert table.locator("tbody tr").count() == 3
        assert page.get_by_label("Leader").input_value() == "Antony Blinken"
    finally:
        context.close()


def test_sources_page_tells_broken_from_quiet(web: Web, no_js: Any) -> None:
    no_js.goto(web.url + "/sources")
    rows = no_js.locator("tbody tr")
    assert rows.count() == 3
    broken = rows.first.inner_text()  # broken first
    assert BROKEN.url in broken and "broken" in broken and "HTTP 503" in broken
    assert "failing since" in broken and "14 failed polls" in broken
    quiet = no_js.locator("tr.status-quiet").inner_text()
    assert QUIET.url in quiet and "nothing new since" in quiet


@pytest.mark.skipif(not AXE.exists(), reason="no axe-core in .cache/axe (`make browser`)")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(web: Web, browser: Any, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    try:
        for path in PAGES:
            page.goto(web.url + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run(document)")
            assert len(result["passes"]) > 10, path  # axe ran and checked this page
            serious = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if serious:
                found[path] = serious
            _screenshot(page, path, scheme)
    finally:
        context.close()
    assert found == {}


def _screenshot(page: Any, path: str, scheme: str) -> None:
    where = os.environ.get("RW_SCREENSHOTS")
    names = {"/": "home", PAIR: "pair"}
    if where and path in names:
        page.screenshot(path=str(Path(where) / f"{names[path]}-{scheme}.png"))  # 1280 x 900

"""The JSON API of `readoutwatch web` over the replayed seeds: the contract's paths and fields,
filters, cursors, 400s with a reason, and every answer valid against /api/openapi.json."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import jsonschema
import pytest

from tests.web.conftest import BROKEN, QUIET, Web

pytestmark = [pytest.mark.nats, pytest.mark.slow]
BIDEN_NETANYAHU = "Joe Biden|Benjamin Netanyahu"


def _get(web: Web, path: str, **params: Any) -> Any:
    response = httpx.get(web.url + path, params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _all(web: Web, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item, following ``next`` page by page."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        page = _get(web, path, **params, **({"cursor": cursor} if cursor else {}))
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items
    raise AssertionError("no last page")


def test_contacts_newest_first_with_the_contract_fields(web: Web) -> None:
    contacts = _get(web, "/api/v1/contacts")["items"]
    assert len(contacts) == 8  # seven alerts' contacts and the "first since Dec. 23" one
    assert [c["date"] for c in contacts] == sorted((c["date"] for c in contacts), reverse=True)
    for c in contacts:
        assert set(c) >= {"id", "date", "kind", "participants", "sources", "duration_minutes"}
        assert set(c) >= {"topics", "first_seen"}
        assert all(set(p) >= {"name", "role", "country"} for p in c["participants"])
        assert c["sources"] and all(url.startswith("http") for url in c["sources"])
    newest = contacts[0]
    assert {p["name"] for p in newest["participants"]} == {"Joe Biden", "Benjamin Netanyahu"}
    assert newest["kind"] == "call" and newest["duration_minutes"] == 40
    assert "hostages" in newest["topics"]


def test_a_pair_either_way_round_and_a_person_in_any_case(web: Web) -> None:
    dates = [c["date"] for c in _get(web, "/api/v1/contacts", pair=BIDEN_NETANYAHU)["items"]]
    assert dates == ["2024-01-19", "2023-12-23", "2023-11-06"]
    other_way = _get(web, "/api/v1/contacts", pair="benjamin netanyahu|JOE BIDEN")["items"]
    assert [c["date"] for c in other_way] == dates
    harris = _get(web, "/api/v1/contacts", person="kamala harris")["items"]
    assert [c["date"] for c in harris] == ["2024-01-08", "2023-11-07"]


def test_country_kind_and_date_range(web: Web) -> None:
    meetings = _get(web, "/api/v1/contacts", kind="meeting", country="il")["items"]
    assert len(meetings) == 3 and {c["date"] for c in meetings} == {"2024-01-09"}
    assert _get(web, "/api/v1/contacts", country="FR")["items"] == []
    ranged = _get(web, "/api/v1/contacts", since="2023-12-01", until="2024-01-08")["items"]
    assert [c["date"] for c in ranged] == ["2024-01-08", "2023-12-23"]


def test_cursor_pages_cover_everything_once(web: Web) -> None:
    everything = _get(web, "/api/v1/contacts", limit=500)["items"]
    paged = _all(web, "/api/v1/contacts", limit=3)
    assert [c["id"] for c in paged] == [c["id"] for c in everything]
    alerts = _all(web, "/api/v1/alerts", limit=2)
    assert len(alerts) == 7 and len({a["alert_id"] for a in alerts}) == 7
    for sort in ("recent", "silence"):
        pairs = _all(web, "/api/v1/pairs", limit=2, sort=sort)
        whole = _get(web, "/api/v1/pairs", sort=sort)["items"]
        assert [p["pair"] for p in pairs] == [p["pair"] for p in whole] and len(whole) == 5


def test_pairs_with_silence_against_threshold(web: Web) -> None:
    pairs = _get(web, "/api/v1/pairs", pair=BIDEN_NETANYAHU)["items"]
    assert len(pairs) == 1
    pair = pairs[0]
    assert [p["name"] for p in pair["people"]] == ["Joe Biden", "Benjamin Netanyahu"]
    assert [p["country"] for p in pair["people"]] == ["US", "IL"]
    assert (pair["contacts"], pair["first_contact"], pair["last_contact"]) == (
        3,
        "2023-11-06",
        "2024-01-19",
    )
    today = dt.datetime.now(dt.UTC).date()
    assert pair["silence_days"] == (today - dt.date(2024, 1, 19)).days
    assert pair["threshold_days"] == 21 and pair["past_threshold"] is True
    by_silence = _get(web, "/api/v1/pairs", sort="silence")["items"]
    lasts = [p["last_contact"] for p in by_silence]
    assert lasts == sorted(lasts) and lasts[-1] == "2024-01-19"


def test_a_persons_counterparts_by_last_contact(web: Web) -> None:
    pairs = _get(web, "/api/v1/pairs", person="Benjamin Netanyahu", sort="recent")["items"]
    assert [p["people"][0]["name"] for p in pairs] == ["Benjamin Netanyahu"] * 2
    assert [p["people"][1]["name"] for p in pairs] == ["Joe Biden", "Antony Blinken"]


def test_alerts_show_a_failed_delivery_with_its_error(web: Web) -> None:
    alerts = _get(web, "/api/v1/alerts")["items"]
    assert len(alerts) == 7
    ended = [a for a in alerts if a["type"] == "silence_ended"]
    assert {a["silence_days"] for a in ended} == {27, 62}
    for alert in alerts:
        states = {d["channel"]: d for d in alert["deliveries"]}
        assert states["webhook"]["status"] == "failed"
        assert "Cannot connect" in states["webhook"]["last_error"]
        assert states["jsonl"]["status"] == "done"
        assert all("target" not in d for d in alert["deliveries"])  # no addresses shown


def test_sources_tell_quiet_from_broken(web: Web) -> None:
    sources = {s["url"]: s for s in _get(web, "/api/v1/sources")["items"]}
    broken, quiet = sources[BROKEN.url], sources[QUIET.url]
    assert broken["status"] == "broken" and quiet["status"] == "quiet"
    assert broken["last_error"] == "HTTP 503 Service Unavailable"
    assert broken["consecutive_failures"] == 14 and broken["failing_since"]
    for source in sources.values():
        assert set(source) >= {"url", "kind", "last_success", "last_error", "next_poll"}
        assert set(source) >= {"consecutive_failures", "entries_seen"}


@pytest.mark.parametrize(
    ("path", "query", "reason"),
    [
        ("/api/v1/contacts", "bogus=1", "unknown parameter 'bogus'"),
        ("/api/v1/contacts", "kind=telegram", "kind"),
        ("/api/v1/contacts", "since=yesterday", "since"),
        ("/api/v1/contacts", "since=2024-02-01&until=2024-01-01", "since is after until"),
        ("/api/v1/contacts", "pair=Joe%20Biden", "two names"),
        ("/api/v1/contacts", "limit=0", "limit"),
        ("/api/v1/contacts", "limit=ten", "limit"),
        ("/api/v1/contacts", "cursor=abc", "cursor"),
        ("/api/v1/contacts", "kind=call&kind=meeting", "more than once"),
        ("/api/v1/contacts", "country=U5", "country"),
        ("/api/v1/pairs", "sort=loudest", "sort"),
        ("/api/v1/pairs", "cursor=WyIyMDI0Il0", "cursor"),
        ("/api/v1/alerts", "person=Joe", "unknown parameter 'person'"),
        ("/api/v1/alerts", "cursor=WyIyMDI0LTAxLTAxVDAwOjAwOjAwIiwgImFsXzEiXQ", "cursor"),
        ("/api/v1/pairs", "cursor=WyIyMDI0LTEzLTAxIiwgImEiXQ", "cursor"),
        ("/api/v1/sources", "limit=5", "unknown parameter"),
        ("/feeds/contacts.atom", "pair=Joe%20Biden", "two names"),
        ("/feeds/alerts.atom", "cursor=%%%", "cursor"),
    ],
)
def test_bad_parameters_get_400_with_a_reason(web: Web, path: str, query: str, reason: str) -> None:
    response = httpx.get(f"{web.url}{path}?{query}", timeout=10)
    assert response.status_code == 400, response.text
    assert reason in response.json()["error"]


def test_limit_is_capped_not_refused(web: Web) -> None:
    assert len(_get(web, "/api/v1/contacts", limit=100_000)["items"]) == 8


def _validator(doc: dict[str, Any], path: str) -> jsonschema.protocols.Validator:
    schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    wrapped = {**schema["schema"], "components": doc["components"]}
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(wrapped, format_checker=checker)


def test_every_answer_matches_the_openapi_document(web: Web) -> None:
    doc = _get(web, "/api/openapi.json")
    assert doc["openapi"].startswith("3.1")
    jsonschema.Draft202012Validator.check_schema({"$defs": doc["components"]["schemas"]})
    calls = {
        "/api/v1/pairs": [{}, {"sort": "recent", "limit": 2}, {"person": "Joe Biden"}],
        "/api/v1/contacts": [{}, {"pair": BIDEN_NETANYAHU}, {"limit": 1}],
        "/api/v1/alerts": [{}, {"limit": 3}],
        "/api/v1/sources": [{}],
    }
    assert set(calls) == {p for p in doc["paths"] if p.startswith("/api/v1/")}
    for path, queries in calls.items():
        names = {p["name"] for p in doc["paths"][path]["get"]["parameters"]}
        validator = _validator(doc, path)
        for query in queries:
            assert set(query) <= names
            validator.validate(_get(web, path, **query))
    error = httpx.get(web.url + "/api/v1/pairs?x=1", timeout=10).json()
    error_schema = doc["paths"]["/api/v1/pairs"]["get"]["responses"]["400"]["content"]
    jsonschema.validate(
        error, {**error_schema["application/json"]["schema"], "components": doc["components"]}
    )


NASTY = ["'", '"; DROP TABLE contacts; --', "\x00", "9" * 40, "-1", "2024-02-30", "a|b|c", "ü|ö"]
NASTY += ["<script>alert(1)</script>", "%", "_", "::", "true", " "]


def test_no_value_of_any_parameter_gets_a_500(web: Web) -> None:
    doc = _get(web, "/api/openapi.json")
    pages = {"/": [], "/search": ["person", "pair", "country", "kind", "since", "until"]}
    pages |= {"/pair": ["pair", "limit", "cursor"], "/person": ["name", "sort", "cursor"]}
    targets = {
        path: [p["name"] for p in op["get"]["parameters"]] for path, op in doc["paths"].items()
    }
    for path, names in (targets | pages).items():
        for name in [*names, "unknown"]:
            for value in NASTY:
                response = httpx.get(web.url + path, params={name: value}, timeout=10)
                assert response.status_code in (200, 400, 404), (path, name, value, response.text)

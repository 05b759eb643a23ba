"""The Atom feeds of `readoutwatch web`, read with feedparser as a feed reader would."""

from __future__ import annotations

from typing import Any

import feedparser
import httpx
import pytest

from tests.web.conftest import Web

pytestmark = [pytest.mark.nats, pytest.mark.slow]


def _feed(web: Web, path: str, **params: str) -> Any:
    response = httpx.get(web.url + path, params=params, timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


def test_contacts_feed_one_entry_per_contact_with_stable_ids(web: Web) -> None:
    feed = _feed(web, "/feeds/contacts.atom")
    contacts = httpx.get(web.url + "/api/v1/contacts", timeout=10).json()["items"]
    assert len(feed.entries) == len(contacts) == 8
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == 8 and all(i.startswith("urn:readoutwatch:contact:") for i in ids)
    assert [e.id for e in _feed(web, "/feeds/contacts.atom").entries] == ids  # stable
    for entry, contact in zip(feed.entries, contacts, strict=True):
        for person in contact["participants"]:
            assert person["name"] in entry.title
        assert contact["date"] in entry.title
        assert contact["kind"].replace("_", " ") in entry.title
        assert entry.updated_parsed is not None
        assert [link.href for link in entry.links] == contact["sources"]
        assert entry.links[0].rel == "alternate"


def test_contacts_feed_of_a_pair_and_of_a_person(web: Web) -> None:
    pair = _feed(web, "/feeds/contacts.atom", pair="Joe Biden|Benjamin Netanyahu")
    assert [e.title.rsplit(", ", 1)[1] for e in pair.entries] == [
        "2024-01-19",
        "2023-12-23",
        "2023-11-06",
    ]
    whole = {e.id for e in _feed(web, "/feeds/contacts.atom").entries}
    assert {e.id for e in pair.entries} <= whole  # the same contact, the same id
    person = _feed(web, "/feeds/contacts.atom", person="Antony Blinken")
    assert len(person.entries) == 3 and all("Antony Blinken" in e.title for e in person.entries)
    assert "Antony Blinken" in person.feed.title


def test_alerts_feed_one_entry_per_alert(web: Web) -> None:
    feed = _feed(web, "/feeds/alerts.atom")
    assert len(feed.entries) == 7
    ids = {entry.id for entry in feed.entries}
    alerts = httpx.get(web.url + "/api/v1/alerts", timeout=10).json()["items"]
    assert ids == {f"urn:readoutwatch:alert:{a['alert_id']}" for a in alerts}
    ended = [e for e in feed.entries if e.title.startswith("silence ended")]
    assert any("after 27 days" in e.title and "2024-01-19" in e.title for e in ended)
    assert all("failed" in e.summary for e in feed.entries)  # the dead webhook, said plainly

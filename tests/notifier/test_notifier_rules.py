"""Pure rules of the notifier: pairs, the silence decision, subscription filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.notifier.pairs import contact_pairs, name_key
from services.notifier.routing import OUTPUT_SUBSCRIPTION, Route, matches, routes_for
from services.notifier.silence import Known, decide
from shared.schemas import AlertParticipant, AlertRaised, Person
from shared.settings import SubscriptionSettings
from tests.notifier.builders import (
    BIDEN,
    BLINKEN,
    HERZOG,
    KATZ,
    NETANYAHU,
    SEEDS_IN_PUBLICATION_ORDER,
    contact,
    d,
)

MANIFEST = Path(__file__).resolve().parents[2] / "seeds" / "manifest.json"


def test_pair_key_ignores_order_case_and_accents() -> None:
    (a,) = contact_pairs(contact("call", "2024-01-01", BIDEN, NETANYAHU))
    (b,) = contact_pairs(
        contact("call", "2024-01-01", Person(name="benjamin  NETANYAHU", country="IL"), BIDEN)
    )
    assert a.key == b.key
    assert name_key("Recep Tayyip Erdoğan") == name_key("recep tayyip erdogan")


def test_one_pair_per_participants_of_different_countries() -> None:
    stateside = Person(name="Lloyd Austin", country="US")
    pairs = contact_pairs(contact("meeting", "2024-01-09", BLINKEN, stateside, HERZOG, KATZ))
    names = sorted(tuple(sorted(p.name for p in pair.participants)) for pair in pairs)
    assert names == [
        ("Antony Blinken", "Isaac Herzog"),
        ("Antony Blinken", "Israel Katz"),
        ("Isaac Herzog", "Lloyd Austin"),
        ("Israel Katz", "Lloyd Austin"),
    ]


def test_unknown_country_still_pairs_but_duplicates_and_nameless_do_not() -> None:
    unknown = Person(name="Someone Unknown")
    assert len(contact_pairs(contact("call", "2024-01-01", BIDEN, unknown))) == 1
    assert contact_pairs(contact("call", "2024-01-01", BIDEN, BIDEN, Person(country="IL"))) == []


@pytest.mark.parametrize(
    ("history", "text_previous", "expected"),
    [
        ([], None, ("new_contact", None, None)),
        ([Known(d("2023-11-07"))], None, ("silence_ended", 62, "2023-11-07")),
        ([Known(d("2023-12-20"))], None, ("new_contact", 19, "2023-12-20")),
        ([Known(d("2023-12-18"))], None, ("new_contact", 21, "2023-12-18")),  # == threshold
        ([Known(d("2023-12-17"))], None, ("silence_ended", 22, "2023-12-17")),
        # the text's "first since" outranks older history, and later history outranks the text
        ([Known(d("2023-11-06"))], d("2023-12-01"), ("silence_ended", 38, "2023-12-01")),
        ([Known(d("2024-01-05"))], d("2023-12-23"), ("new_contact", 3, "2024-01-05")),
        ([Known(d("2023-10-01"), "mentioned")], None, ("silence_ended", 99, "2023-10-01")),
        # a "first since" on or after the contact itself is nonsense and is ignored
        ([], d("2024-01-08"), ("new_contact", None, None)),
    ],
)
def test_decide(history: list[Known], text_previous: object, expected: tuple) -> None:
    decision = decide(d("2024-01-08"), "call", history, text_previous, 21)  # type: ignore[arg-type]
    previous = None if expected[2] is None else d(expected[2])
    assert (decision.type, decision.silence_days, decision.previous_contact) == (
        expected[0],
        expected[1],
        previous,
    )


def test_out_of_order_contacts_raise_nothing() -> None:
    later = [Known(d("2024-01-19"))]
    assert not decide(d("2024-01-08"), "call", later, None, 21).raises_alert
    # a later mention alone does not make a contact out of order: only held contacts do
    assert decide(d("2024-01-08"), "call", [Known(d("2024-01-19"), "mentioned")], None, 21).type
    # same day, other kind: not out of order
    assert decide(d("2024-01-19"), "meeting", later, None, 21).type == "new_contact"


def _replay_in_memory(threshold: int) -> list[dict[str, object]]:
    """The seed sequence through contact_pairs + decide, with a dict as the history."""
    history: dict[str, list[Known]] = {}
    alerts = []
    for found in SEEDS_IN_PUBLICATION_ORDER:
        for c in found.contacts:
            if c.status != "held" or c.date is None:
                continue
            for pair in contact_pairs(c):
                known = history.setdefault(pair.key, [])
                decision = decide(c.date, c.kind, known, c.previous_contact, threshold)
                known.append(Known(c.date))
                if c.previous_contact:
                    known.append(Known(c.previous_contact, "mentioned"))
                if decision.type:
                    alert: dict[str, object] = {
                        "date": c.date.isoformat(),
                        "pair": [p.name for p in pair.participants],
                        "type": decision.type,
                    }
                    if decision.type == "silence_ended":
                        alert["silence_days"] = decision.silence_days
                    alerts.append(alert)
    return sorted(alerts, key=lambda a: str(a["date"]))


def test_seed_sequence_gives_the_manifest_alerts() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    expected = [
        {k: v for k, v in alert.items() if k != "why"}
        for alert in manifest["expected_alerts_in_date_order"]
    ]
    assert _replay_in_memory(manifest["silence_threshold_days"]) == expected


def _alert(**fields: object) -> AlertRaised:
    base: dict[str, object] = {
        "alert_id": "al_x",
        "type": "silence_ended",
        "date": "2024-01-19",
        "kind": "call",
        "participants": [
            AlertParticipant(name="Joe Biden", country="US"),
            AlertParticipant(name="Benjamin Netanyahu", country="IL"),
        ],
        "silence_days": 27,
    }
    return AlertRaised.model_validate(base | fields)


@pytest.mark.parametrize(
    ("filters", "wanted"),
    [
        ({}, True),
        ({"people": ["benjamin netanyahu"]}, True),
        ({"people": ["Isaac Herzog"]}, False),
        ({"countries": ["il"]}, True),
        ({"countries": ["FR"]}, False),
        ({"kinds": ["meeting"]}, False),
        ({"types": ["silence_ended"], "kinds": ["call", "video_call"]}, True),
        ({"types": ["new_contact"]}, False),
        ({"min_silence_days": 27}, True),
        ({"min_silence_days": 28}, False),
    ],
)
def test_subscription_filters(filters: dict[str, object], wanted: bool) -> None:
    sub = SubscriptionSettings.model_validate({"name": "desk", **filters})
    assert matches(sub, _alert()) is wanted


def test_min_silence_excludes_alerts_without_a_silence() -> None:
    sub = SubscriptionSettings(name="desk", min_silence_days=1)
    assert not matches(sub, _alert(type="new_contact", silence_days=None))


def test_routes_one_row_per_channel_and_address_without_secrets() -> None:
    subs = [
        SubscriptionSettings.model_validate(
            {
                "name": "desk",
                "slack_webhook": "https://hooks.example/secret",
                "webhook": "https://in.example/hook",
                "email": ["a@example.org", "b@example.org", "a@example.org"],
            }
        ),
        SubscriptionSettings(name="france", countries=["FR"], email=["fr@example.org"]),
    ]
    routes = routes_for(_alert(), subs)
    assert routes == [
        Route(OUTPUT_SUBSCRIPTION, "console"),
        Route(OUTPUT_SUBSCRIPTION, "jsonl"),
        Route("desk", "slack"),
        Route("desk", "webhook"),
        Route("desk", "email", "a@example.org"),
        Route("desk", "email", "b@example.org"),
    ]
    assert "secret" not in repr(routes)

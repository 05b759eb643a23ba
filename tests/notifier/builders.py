"""Hand-made readouts mirroring seeds/manifest.json, and small builders for notifier tests."""

from __future__ import annotations

import datetime as dt

from shared.schemas import Contact, ContactKind, Person, ReadoutFound

BIDEN = Person(name="Joe Biden", role="President", country="US")
HARRIS = Person(name="Kamala Harris", role="Vice President", country="US")
BLINKEN = Person(name="Antony Blinken", role="Secretary of State", country="US")
NETANYAHU = Person(name="Benjamin Netanyahu", role="Prime Minister", country="IL")
HERZOG = Person(name="Isaac Herzog", role="President", country="IL")
KATZ = Person(name="Israel Katz", role="Foreign Minister", country="IL")
LAPID = Person(name="Yair Lapid", role="Opposition Leader", country="IL")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def contact(
    kind: ContactKind, date: str | None, *people: Person, status: str = "held", **fields: object
) -> Contact:
    return Contact.model_validate(
        {
            "kind": kind,
            "status": status,
            "date": date,
            "participants": [p.model_dump() for p in people],
            **fields,
        }
    )


def readout(url: str, published: str, *contacts: Contact, is_readout: bool = True) -> ReadoutFound:
    return ReadoutFound(
        url=url, published=d(published), is_readout=is_readout, contacts=list(contacts)
    )


URL_000 = "http://www.israelnationalnews.com/news/383274"
URL_001 = (
    "https://www.israel365news.com/378662/herzog-to-harris-no-ceasefire-until-hostages-returned/"
)
URL_002 = (
    "https://www.timesofisrael.com/blinken-set-to-meet-israels-war-leadership-as-us-concerns-grow/"
)
URL_003 = "https://www.jns.org/biden-netanyahu-talk-for-first-time-since-dec-23/"
URL_004 = (
    "https://baynews9.com/fl/tampa/politics/2023/11/06/white-house--biden-spoke-with-netanyahu"
)

# The five seeds in publication order (004, 001, 000, 002, 003), with the traps the extractor
# must drop already dropped, except where a test adds them back on purpose.
SEEDS_IN_PUBLICATION_ORDER = [
    readout(URL_004, "2023-11-06", contact("call", "2023-11-06", BIDEN, NETANYAHU)),
    readout(
        URL_001,
        "2023-11-08",
        contact("call", "2023-11-07", HARRIS, HERZOG, initiator="Kamala Harris"),
    ),
    readout(URL_000, "2024-01-08", contact("call", "2024-01-08", HARRIS, HERZOG)),
    readout(
        URL_002,
        "2024-01-09",
        contact("meeting", "2024-01-09", BLINKEN, HERZOG),
        contact("meeting", "2024-01-09", BLINKEN, KATZ),
        contact("meeting", "2024-01-09", BLINKEN, NETANYAHU),
        contact(
            "meeting", None, BLINKEN, Person(name="Yair Lapid", country="IL"), status="planned"
        ),
    ),
    readout(
        URL_003,
        "2024-01-19",
        contact(
            "call",
            "2024-01-19",
            BIDEN,
            NETANYAHU,
            duration_minutes=40,
            previous_contact="2023-12-23",
        ),
    ),
]

"""Synthetic articles with known answers, for the scale-out test and the load benchmark.

Readouts come from a handful of templates, each naming a distinct pair of leaders from the
extractor's gazetteer (``services/extractor/data/people.json``) on its own date, so every readout
raises exactly one ``new_contact`` alert whatever order the pipeline handles them in.
Non-readouts mention one leader, or none, and raise nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from shared.schemas import ArticleFetched, Contact, ContactKind, Person, ReadoutFound

PEOPLE = Path(__file__).resolve().parents[2] / "services/extractor/data/people.json"
ROLES = {"President", "Prime Minister", "Chancellor", "Foreign Minister", "King"}
# Every chosen leader holds the role all along; ten days stay inside the notifier's backfill
# window ([alerts] max_age_days), so the alerts do not depend on the order of arrival.
FIRST_DAY, DAYS = dt.date(2023, 3, 6), 10

READOUTS: list[tuple[ContactKind, str]] = [
    (
        "call",
        "{r1} {a} spoke by phone on {wd} with {r2} {b}, the office of the {r1} said.\n\n"
        "The two leaders discussed bilateral trade, energy security and regional stability, "
        "and agreed to stay in close contact.",
    ),
    (
        "meeting",
        "{r1} {a} met with {r2} {b} in Geneva on {wd}.\n\nThe leaders discussed cooperation "
        "on climate and security, according to a readout of the meeting.",
    ),
    (
        "call",
        "{r1} {a} held a phone call with {r2} {b} on {wd}.\n\nThe leaders reviewed progress on "
        "their shared priorities and discussed the situation in the region.",
    ),
    (
        "video_call",
        "{r1} {a} held a video call with {r2} {b} on {wd} to discuss economic ties and the "
        "global food crisis.",
    ),
    ("call", "{r1} {a} spoke with {r2} {b} by telephone on {wd}. They discussed the war."),
]
OTHERS = [
    "{r1} {a} said on {wd} that the government would raise spending on schools and hospitals "
    "next year.\n\nOpposition parties criticised the plan. Markets rose after the announcement.",
    "Heavy rain caused flooding across the region on {wd}, officials said. Thousands of homes "
    "were without power and schools were closed.",
    "The central bank left interest rates unchanged on {wd}. Analysts expect a cut later in the "
    "year as inflation slows.",
]


# A news site's page around the text: navigation, a sidebar and a footer for trafilatura to drop.
_LINKS = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
    f"<body><header><nav><ul>{_LINKS}</ul></nav></header><main><article><h1>{{title}}</h1>"
    f"{{body}}</article><aside><h2>Latest</h2><ul>{_LINKS}</ul></aside></main>"
    f"<footer><p>Share this page</p><ul>{_LINKS}</ul><p>Privacy policy.</p></footer></body></html>"
)


@dataclass(frozen=True)
class Leader:
    name: str
    country: str
    role: str


@dataclass(frozen=True)
class Synthetic:
    """One article and what the pipeline must make of it (``pair`` is None: no alert)."""

    url: str
    published: dt.date
    text: str
    kind: ContactKind | None = None
    pair: frozenset[str] | None = None
    people: tuple[Leader, ...] = ()

    def fetched(self, *, html: bool = False) -> ArticleFetched:
        """As the fetcher hands it on: the whole page (``html``) or, like a replay, plain text."""
        body = "".join(f"<p>{p}</p>" for p in self.text.split("\n\n"))
        return ArticleFetched(
            url=self.url,
            final_url=self.url,
            source="synthetic",
            published=self.published,
            fetched_at=dt.datetime.now(dt.UTC),
            content_type="text/html" if html else "text/plain",
            html=PAGE.format(title=f"News {self.published}", body=body) if html else None,
            text=None if html else self.text,
        )

    def readout(self) -> ReadoutFound:
        """The extractor's verdict on this readout, for tests that start at the notifier."""
        assert self.kind is not None, "not a readout"
        people = [Person(name=p.name, role=p.role, country=p.country) for p in self.people]
        contact = Contact(kind=self.kind, date=self.published, participants=people)
        return ReadoutFound(
            url=self.url, published=self.published, is_readout=True, contacts=[contact]
        )


def leaders() -> list[Leader]:
    """People holding one of ``ROLES`` throughout the synthetic date range."""
    first, last = FIRST_DAY.isoformat(), (FIRST_DAY + dt.timedelta(days=DAYS)).isoformat()
    found = []
    for person in json.loads(PEOPLE.read_text(encoding="utf-8"))["people"]:
        for role, start, end, *senior in person["roles"]:  # a 4th ``false``: not senior
            if senior == [False]:
                continue
            if role in ROLES and start <= first and (end is None or end > last):
                name = re.sub(r"\s*\(.*\)$", "", person["name"])  # "(Portugal)" disambiguates
                if "." not in name:  # "Guðni Th. Jóhannesson" would end the sentence early
                    found.append(Leader(name, person["country"], role))
                break
    return found


def generate(count: int, readout_share: float = 0.5, *, seed: int = 0) -> list[Synthetic]:
    """``count`` articles, about ``readout_share`` of them readouts of distinct pairs, shuffled."""
    rng = random.Random(seed)
    people = leaders()
    pairs = [
        (a, b) for i, a in enumerate(people) for b in people[i + 1 :] if a.country != b.country
    ]
    rng.shuffle(pairs)
    n_readouts = round(count * readout_share)
    if n_readouts > len(pairs):
        raise ValueError(f"only {len(pairs)} distinct pairs for {n_readouts} readouts")
    out = []
    for n in range(count):
        day = FIRST_DAY + dt.timedelta(days=n % DAYS)
        a, b = pairs[n] if n < n_readouts else (people[n % len(people)], people[0])
        fields = {"r1": a.role, "a": a.name, "r2": b.role, "b": b.name, "wd": f"{day:%A}"}
        url = f"https://synthetic.example/{seed}/{n}"
        if n < n_readouts:
            kind, template = READOUTS[n % len(READOUTS)]
            text = template.format(**fields)
            out.append(Synthetic(url, day, text, kind, frozenset((a.name, b.name)), (a, b)))
        else:
            out.append(Synthetic(url, day, OTHERS[n % len(OTHERS)].format(**fields)))
    rng.shuffle(out)
    return out

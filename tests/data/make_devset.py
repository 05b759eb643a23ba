# ruff: noqa: E501
"""Regenerate devset.jsonl: hand-written article templates filled with real office-holders.

Run: .venv/bin/python tests/data/make_devset.py  (deterministic; seed fixed).
The leader table below is written independently of the extractor's gazetteer.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

# name, surname, title, country name, demonym, ISO code, start, end
L = [
    (
        "Joe Biden",
        "Biden",
        "President",
        "the United States",
        "U.S.",
        "US",
        "2021-01-20",
        "2025-01-19",
    ),
    (
        "Donald Trump",
        "Trump",
        "President",
        "the United States",
        "U.S.",
        "US",
        "2025-01-20",
        "2025-12-31",
    ),
    (
        "Emmanuel Macron",
        "Macron",
        "President",
        "France",
        "French",
        "FR",
        "2020-01-01",
        "2025-12-31",
    ),
    ("Olaf Scholz", "Scholz", "Chancellor", "Germany", "German", "DE", "2021-12-08", "2025-05-05"),
    (
        "Rishi Sunak",
        "Sunak",
        "Prime Minister",
        "the United Kingdom",
        "British",
        "GB",
        "2022-10-25",
        "2024-07-04",
    ),
    (
        "Keir Starmer",
        "Starmer",
        "Prime Minister",
        "the United Kingdom",
        "British",
        "GB",
        "2024-07-05",
        "2025-12-31",
    ),
    (
        "Narendra Modi",
        "Modi",
        "Prime Minister",
        "India",
        "Indian",
        "IN",
        "2020-01-01",
        "2025-12-31",
    ),
    ("Vladimir Putin", "Putin", "President", "Russia", "Russian", "RU", "2020-01-01", "2025-12-31"),
    ("Xi Jinping", "Xi", "President", "China", "Chinese", "CN", "2020-01-01", "2025-12-31"),
    (
        "Recep Tayyip Erdoğan",
        "Erdogan",
        "President",
        "Turkey",
        "Turkish",
        "TR",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Volodymyr Zelensky",
        "Zelensky",
        "President",
        "Ukraine",
        "Ukrainian",
        "UA",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Luiz Inácio Lula da Silva",
        "Lula",
        "President",
        "Brazil",
        "Brazilian",
        "BR",
        "2023-01-01",
        "2025-12-31",
    ),
    (
        "Fumio Kishida",
        "Kishida",
        "Prime Minister",
        "Japan",
        "Japanese",
        "JP",
        "2021-10-04",
        "2024-09-30",
    ),
    (
        "Giorgia Meloni",
        "Meloni",
        "Prime Minister",
        "Italy",
        "Italian",
        "IT",
        "2022-10-22",
        "2025-12-31",
    ),
    (
        "Justin Trudeau",
        "Trudeau",
        "Prime Minister",
        "Canada",
        "Canadian",
        "CA",
        "2020-01-01",
        "2025-03-13",
    ),
    (
        "Anthony Albanese",
        "Albanese",
        "Prime Minister",
        "Australia",
        "Australian",
        "AU",
        "2022-05-23",
        "2025-12-31",
    ),
    (
        "Benjamin Netanyahu",
        "Netanyahu",
        "Prime Minister",
        "Israel",
        "Israeli",
        "IL",
        "2022-12-29",
        "2025-12-31",
    ),
    (
        "Abdel Fattah el-Sisi",
        "Sisi",
        "President",
        "Egypt",
        "Egyptian",
        "EG",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Mohammed bin Salman",
        "bin Salman",
        "Crown Prince",
        "Saudi Arabia",
        "Saudi",
        "SA",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Cyril Ramaphosa",
        "Ramaphosa",
        "President",
        "South Africa",
        "South African",
        "ZA",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Yoon Suk Yeol",
        "Yoon",
        "President",
        "South Korea",
        "South Korean",
        "KR",
        "2022-05-10",
        "2025-04-03",
    ),
    (
        "Pedro Sánchez",
        "Sánchez",
        "Prime Minister",
        "Spain",
        "Spanish",
        "ES",
        "2020-01-01",
        "2025-12-31",
    ),
    ("Andrzej Duda", "Duda", "President", "Poland", "Polish", "PL", "2020-01-01", "2025-08-05"),
    (
        "António Guterres",
        "Guterres",
        "Secretary-General",
        "the United Nations",
        "UN",
        "UN",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Ursula von der Leyen",
        "von der Leyen",
        "President of the European Commission",
        "the European Union",
        "EU",
        "EU",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Anwar Ibrahim",
        "Anwar",
        "Prime Minister",
        "Malaysia",
        "Malaysian",
        "MY",
        "2022-11-24",
        "2025-12-31",
    ),
    ("William Ruto", "Ruto", "President", "Kenya", "Kenyan", "KE", "2022-09-13", "2025-12-31"),
    (
        "Javier Milei",
        "Milei",
        "President",
        "Argentina",
        "Argentine",
        "AR",
        "2023-12-10",
        "2025-12-31",
    ),
    (
        "Tamim bin Hamad Al Thani",
        "Tamim",
        "Emir",
        "Qatar",
        "Qatari",
        "QA",
        "2020-01-01",
        "2025-12-31",
    ),
    (
        "Mark Rutte",
        "Rutte",
        "Secretary General",
        "NATO",
        "NATO",
        "NATO",
        "2024-10-01",
        "2025-12-31",
    ),
    (
        "Antony Blinken",
        "Blinken",
        "Secretary of State",
        "the United States",
        "U.S.",
        "US",
        "2021-01-26",
        "2025-01-19",
    ),
    (
        "Sergey Lavrov",
        "Lavrov",
        "Foreign Minister",
        "Russia",
        "Russian",
        "RU",
        "2020-01-01",
        "2025-12-31",
    ),
    ("Wang Yi", "Wang", "Foreign Minister", "China", "Chinese", "CN", "2023-07-25", "2025-12-31"),
    (
        "S. Jaishankar",
        "Jaishankar",
        "External Affairs Minister",
        "India",
        "Indian",
        "IN",
        "2020-01-01",
        "2025-12-31",
    ),
]
WD = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
       "October", "November", "December"]  # fmt: skip
TOPICS = ["trade and investment", "the war in Ukraine", "climate change", "energy security",
          "the situation in Gaza and the release of hostages", "regional security"]  # fmt: skip
rng = random.Random(20240119)


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def pair(heads_only: bool = True) -> tuple[tuple, tuple, dt.date]:
    while True:
        a, b = rng.sample(L, 2)
        if a[5] == b[5]:
            continue
        if heads_only and (("Minister" in a[2] and "Prime" not in a[2]) or "Secretary of" in a[2]):
            continue
        lo, hi = max(d(a[6]), d(b[6])), min(d(a[7]), d(b[7]))
        if lo < hi:
            return a, b, lo + dt.timedelta(days=rng.randrange((hi - lo).days))


def p(x: tuple) -> dict:
    return {"name": x[0], "role": x[2], "country": x[5]}


def contact(kind: str, day, a, b, prev=None, status="held") -> dict:
    return {"kind": kind, "status": status, "date": str(day) if day else None,
            "participants": [p(a), p(b)], "previous_contact": str(prev) if prev else None}  # fmt: skip


def md(day: dt.date) -> str:
    return f"{MON[day.month - 1]} {day.day}"


def positive(i: int) -> dict:
    a, b, pub = pair(heads_only=i % 7 != 0)
    t = i % 16
    lag = rng.choice([0, 0, 1, 1, 2, 3])
    ev = pub - dt.timedelta(days=lag)
    wd = WD[ev.weekday()]
    top = rng.choice(TOPICS)
    title = None
    prev = None
    kind = "call"
    if t == 0:
        title = f"Readout of {a[2]} {a[1]}'s Call with {b[2]} {b[0]} of {b[3]}"
        text = (
            f"{a[2]} {a[0]} spoke today with {b[2]} {b[1]} of {b[3]}. The leaders discussed {top}"
            f" and agreed to remain in close contact."
        )
        ev = pub
    elif t == 1:
        text = (
            f"{a[4]} {a[2]} {a[0]} and {b[4]} {b[2]} {b[0]} spoke by phone on {wd}, {a[1]}'s "
            f"office said in a statement. The two leaders discussed {top}, the statement said."
        )
    elif t == 2:
        kind = "meeting"
        text = (
            f"{a[0]} met {b[4]} {b[2]} {b[0]} on the sidelines of the G20 summit on {wd}. "
            f"The two discussed {top}, according to a readout of the meeting."
        )
    elif t == 3:
        kind = "video_call"
        text = (
            f"{a[2]} {a[0]} held a video call with {b[2]} {b[0]} on {wd} to discuss {top}. "
            f"It was their second virtual conversation this year."
        )
    elif t == 4:
        ev = pub - dt.timedelta(days=1)
        text = (
            f"{a[0]} and {b[0]} held a phone conversation yesterday, during which they reviewed "
            f"{top}. The call lasted about 45 minutes, officials said."
        )
    elif t == 5:
        prev = ev - dt.timedelta(days=rng.randrange(30, 200))
        text = (
            f"{a[4]} {a[2]} {a[0]} spoke with {b[4]} {b[2]} {b[0]} on {wd} for the first time "
            f"since {md(prev)}, officials said. They focused on {top}."
        )
    elif t == 6:
        n = rng.randrange(20, 90)
        prev = ev - dt.timedelta(days=n)
        text = (
            f"{a[1]} called {b[1]} on {wd}, the first call between the two leaders in {n} days. "
            f"{a[4]} officials said the conversation centred on {top}."
        )
    elif t == 7:
        kind = "meeting"
        text = (
            f"{a[2]} {a[0]} hosted {b[4]} {b[2]} {b[0]} on {wd} for talks on {top}. "
            f"{b[1]} is on a two-day visit to {a[3]}."
        )
    elif t == 8:
        text = (
            f"On {MON[ev.month - 1]} {ev.day}, {ev.year}, {a[0]} had a telephone conversation "
            f"with {b[2]} of {b[3]} {b[0]}. The parties exchanged views on {top}."
        )
    elif t == 9:
        text = (
            f"{a[2]} {a[0]} held a phone call with {b[2]} {b[0]} on the evening of {wd}. "
            f"{a[1]} said that both sides should deepen cooperation on {top}."
        )
    elif t == 10:
        kind = "meeting"
        text = (
            f"{b[4]} {b[2]} {b[0]} received {a[4]} {a[2]} {a[0]} in the capital on {wd}. "
            f"The two leaders held talks on {top} and signed several agreements."
        )
        a, b = b, a
    elif t == 11:
        ev = pub
        text = (
            f"{a[2]} {a[0]} has spoken with {b[2]} {b[0]} by telephone to discuss {top}. "
            f"{a[1]} thanked {b[1]} for the cooperation, {a[1]}'s office said."
        )
    elif t == 12:
        title = f"{a[1]}, {b[1]} discuss {top.split(' and ')[0]} in phone call"
        text = (
            f"{a[4]} {a[2]} {a[0]} told {b[1]} in a phone call on {wd} that {top} remained a "
            f"priority. The call came as markets watched the talks closely."
        )
    elif t == 13:
        kind = "meeting"
        text = (
            f"{b[0]} and {a[0]} held talks in {a[3]} on {wd}, their first face-to-face meeting "
            f"this year. They discussed {top}."
        )
    elif t == 14:
        text = (
            f"{a[0]} spoke over the phone with {b[0]} on {wd}. According to the Kremlin and "
            f"a statement from {b[1]}'s office, the two discussed {top}."
        )
    else:
        ev = pub
        text = (
            f"{a[2]} {a[1]} spoke with {b[4]} {b[2]} {b[0]} this morning. {a[1]} reaffirmed "
            f"support and the leaders agreed to stay in close touch on {top}."
        )
    if ev > pub:
        ev = pub
    filler = " Analysts said the contact reflected a broader effort to manage tensions."
    return {
        "text": text + filler,
        "title": title,
        "published": str(pub),
        "expected": {"is_readout": True, "contacts": [contact(kind, ev, a, b, prev)]},
    }


def negative(i: int) -> dict:
    a, b, pub = pair()
    t = i % 22
    wd = WD[pub.weekday()]
    old = pub - dt.timedelta(days=rng.randrange(60, 400))
    texts = [
        f"{a[4]} {a[2]} {a[0]} called for a ceasefire on {wd}, urging {b[2]} {b[1]} to allow aid in.",
        f"The company said on its earnings call on {wd} that revenue rose 8%. Analysts on the call asked about margins.",
        f"{a[0]} calls on {b[0]} to release political prisoners, saying the issue would shape ties.",
        f"{a[0]} told reporters on {wd} that he expected {b[0]} to respond soon. He spoke to reporters at the airport.",
        f"In an interview broadcast on {wd}, {a[0]} said he had a good relationship with {b[0]} but no meeting was planned.",
        f"{a[0]} spoke at the UN General Assembly on {wd}, urging leaders including {b[0]} to act on climate.",
        f"{a[2]} {a[0]} met with state governors at the capital on {wd} to discuss disaster relief funding.",
        f"{a[0]} will meet {b[4]} {b[2]} {b[0]} next week in Geneva, officials said on {wd}.",
        f"Inflation eased in {MON[pub.month - 1]}, data showed on {wd}. {a[0]} last spoke with {b[0]} in {MON[old.month - 1]} about trade.",
        f"The Prime Minister's XI beat the visiting side by six wickets in Canberra on {wd}.",
        f"Opinion: {a[0]} and {b[0]} must find a way to talk. Their rivalry is bad for everyone, writes our columnist.",
        f"{a[2]} {a[0]} landed in {b[3]} on {wd} night for a three-day state visit, his office said.",
        f"Police warned on {wd} of a phone scam in which callers pretend to be from the tax office.",
        f"Call of Duty sales topped charts again on {wd}, the publisher said.",
        f"{a[0]} wrote on X on {wd} that {b[0]} was wrong about tariffs.",
        f"{a[4]} {a[2]} {a[0]} has not spoken with {b[0]} since the dispute began, aides said on {wd}.",
        f"{a[0]} declined to meet {b[0]} during the summit, his spokesperson said on {wd}.",
        f"{a[0]} sent a congratulatory letter to {b[0]} on {wd} marking the anniversary of diplomatic ties.",
        f"{a[2]} {a[0]} welcomes {b[2]} {b[0]} at the airport, {MON[old.month - 1]} {old.day}, {old.year}. Photo by Staff/GPO.\nMarkets were calm on {wd}.",
        f"The plan met with criticism from {b[0]}'s allies, while {a[0]} stayed silent on {wd}.",
        f"{a[0]} is expected to speak with {b[0]} later this week, the foreign ministry said on {wd}.",
        f"{a[2]} {a[0]} held a meeting with his cabinet ministers on {wd} to review the budget.",
    ]
    expected: list[dict] = []
    if t == 7:
        expected = [contact("meeting", None, a, b, status="planned")]
    return {
        "text": texts[t],
        "title": None,
        "published": str(pub),
        "expected": {"is_readout": False, "contacts": expected},
    }


def main() -> None:
    rows = [positive(i) for i in range(90)] + [negative(i) for i in range(95)]
    out = Path(__file__).with_name("devset.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for n, row in enumerate(rows):
            row = {"id": f"dev{n:03d}", "url": f"https://example.org/dev/{n}", **row}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

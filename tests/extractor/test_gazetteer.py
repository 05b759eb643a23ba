"""The data files hold together: unique ids, known country codes and roles, ordered terms, one
holder per office per day, every UN member covered, and every official found by title + name."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from services.extractor.data import load
from services.extractor.pipeline import extract
from shared.schemas import ExtractInput

UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA
NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
UG UA AE GB US UY UZ VU VE VN YE ZM ZW
""".split()
HEADS_EXEMPT = {"SM"}  # Captains Regent change every six months
# Offices with a single holder per country on any day.
SINGLE = {
    "President", "Prime Minister", "Chancellor", "Foreign Minister", "Defence Minister", "King",
    "Queen", "Emir", "Sultan", "Premier", "Taoiseach", "Secretary of State", "Secretary of Defense",
    "Foreign Secretary", "Defence Secretary", "External Affairs Minister", "Secretary-General",
}  # fmt: skip
PAIRING = {"IN": "President Emmanuel Macron"}  # the other side of each probe sentence


def test_ids_unique_and_codes_known() -> None:
    data = load()
    names = [o.name for o in data.people]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    codes = {c.code for c in data.countries}
    assert not [o.name for o in data.people if o.country not in codes]
    assert not [c for c in UN_MEMBERS if c not in codes], "UN member without a countries entry"
    assert len(codes) == len(data.countries), "two countries share a code"
    contract = [c.contract_code for c in data.countries if c.contract_code]
    assert contract == ["AU"], "only the African Union is written otherwise (as Australia is)"


def test_roles_are_known_and_terms_ordered() -> None:
    data = load()
    titled = {role for roles in data.lexicon.titles.values() for role in roles}
    leaders = {c.leader for c in data.countries}
    extra = {"Member of the Presidency", "Chair of the Council of Ministers", "Prince",
             "Chairman of the Presidential Council", "President of the Council of Ministers",
             "Chairman of the Presidential Leadership Council"}  # fmt: skip
    for o in data.people:
        assert o.roles, o.name
        for r in o.roles:
            assert r.title in titled | leaders | extra, (o.name, r.title)
            assert r.end is None or r.start < r.end, (o.name, r.title)
        # 2020 onward, and the earlier office-holders real articles meet (from 2000)
        assert any(r.end is None or r.end > dt.date(2000, 1, 1) for r in o.roles), o.name


def test_one_holder_per_office_per_day() -> None:
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for o in load().people:
        for r in o.roles:
            if r.title in SINGLE:
                terms[(o.country, r.title)].append((r.start, r.end or dt.date.max, o.name))
    overlaps = [
        (office, a[2], b[2])
        for office, spans in terms.items()
        for a, b in itertools.pairwise(sorted(spans))
        if b[0] < a[1]
    ]
    assert not overlaps, overlaps


def test_shared_spellings_never_overlap_in_time() -> None:
    """Two entries may share a spelling (one person, two governments) only one at a time."""
    data = load()
    spellings: dict[str, list] = defaultdict(list)
    for o in data.people:
        for alias in {o.canonical, *o.aliases}:
            spellings[alias].append(o)
    for alias, people in spellings.items():
        spans = sorted((r.start, r.end or dt.date.max) for o in people for r in o.roles)
        if len(people) > 1:
            assert all(b[0] >= a[1] for a, b in itertools.pairwise(spans)), alias


def test_every_un_member_has_a_head() -> None:
    data = load()
    heads = {"President", "Prime Minister", "Chancellor", "King", "Emir", "Sultan", "Prince",
             "Supreme Leader", "State Administration Council Chairman", "Grand Duke",
             "Chairman of the Sovereignty Council", "Member of the Presidency",
             "Chair of the Council of Ministers", "Chairman of the Presidential Leadership Council",
             "Chief Adviser", "General Secretary", "Taoiseach"}  # fmt: skip
    covered = {o.country for o in data.people if {r.title for r in o.roles} & heads}
    assert not [c for c in UN_MEMBERS if c not in covered and c not in HEADS_EXEMPT]


def test_every_official_is_found_by_title_and_name() -> None:
    """'<Role> <Name> spoke by phone ... with <someone>' names that official, on a day in office."""
    misses = []
    for o in load().people:
        for r in o.roles:
            day = min(r.start + dt.timedelta(days=10), (r.end or dt.date.max) - dt.timedelta(1))
            if not dt.date(2019, 1, 1) <= day <= dt.date(2026, 1, 1):
                continue
            other = PAIRING.get(o.country, "Prime Minister Narendra Modi")
            text = f"{r.title} {o.canonical} spoke by phone on {day:%A} with {other}."
            out = extract(ExtractInput(id=o.name, text=text, published=day))
            names = {
                p.name or "" for c in out.contacts if c.status == "held" for p in c.participants
            }
            if not out.is_readout or o.canonical not in names:
                misses.append(f"{o.name} as {r.title} on {day}: {sorted(names)}")
    assert not misses, "\n".join(misses)

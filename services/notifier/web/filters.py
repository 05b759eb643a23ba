"""WHERE clauses over the notifier's ``contacts`` table shared by the contact and pair queries.

A pair key is ``"a::b"`` of the two name keys (``pairs.pair_key``), so a person's contacts are
the keys that start or end with theirs.  A country is looked up in the participants' JSON, which
each database spells its own way.
"""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, and_, or_, text

from services.notifier.models import ContactRow, table_of
from services.notifier.pairs import name_key, pair_key
from services.notifier.web.params import pair_names

CONTACTS = table_of(ContactRow)


def person_clause(name: str) -> ColumnElement[bool]:
    key = name_key(name)
    first = and_(CONTACTS.c.pair_key >= f"{key}::", CONTACTS.c.pair_key < f"{key}:;")
    return or_(first, CONTACTS.c.pair_key.endswith(f"::{key}", autoescape=True))


def pair_clause(pair: str) -> ColumnElement[bool]:
    one, other = pair_names(pair)
    return CONTACTS.c.pair_key == pair_key(one, other)


def country_clause(dialect: str, country: str) -> ColumnElement[bool]:
    """Some participant of the contact is of ``country`` (ISO code, upper case)."""
    if dialect == "postgresql":
        wanted = json.dumps([{"country": country}])
        return text("CAST(contacts.participants AS jsonb) @> CAST(:country AS jsonb)").bindparams(
            country=wanted
        )  # type: ignore[return-value]
    return text(
        "EXISTS (SELECT 1 FROM json_each(contacts.participants) AS p "
        "WHERE json_extract(p.value, '$.country') = :country)"
    ).bindparams(country=country)  # type: ignore[return-value]


def people_clauses(
    dialect: str, *, person: str | None, pair: str | None, country: str | None
) -> list[ColumnElement[bool]]:
    clauses = []
    if person:
        clauses.append(person_clause(person))
    if pair:
        clauses.append(pair_clause(pair))
    if country:
        clauses.append(country_clause(dialect, country))
    return clauses

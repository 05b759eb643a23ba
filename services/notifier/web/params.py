"""Query parameters of the pages, the API and the feeds: one pydantic model each, checked whole.

The feeds take the API's parameters: ``contacts.atom`` those of ``/api/v1/contacts``.

An unknown parameter, a repeated one or a bad value raises ``BadRequest`` with a reason (a 400,
never a 500).  Empty values count as absent, so a search form submitted with blank fields is the
same query as one without them.  ``limit`` is capped at ``MAX_LIMIT``; cursors are opaque.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from multidict import MultiMapping
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from shared.schemas import ContactKind

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
Q = TypeVar("Q", bound=BaseModel)


class BadRequest(ValueError):
    """A request the server refuses, with the reason shown to the caller."""


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Paged(_Query):
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, description=f"page size, capped at {MAX_LIMIT}")
    cursor: str | None = Field(default=None, description="the `next` of the previous page")

    @field_validator("limit")
    @classmethod
    def _cap(cls, value: int) -> int:
        return min(value, MAX_LIMIT)


class _People(Paged):
    person: str | None = Field(default=None, description="a leader's name, any accents or case")
    pair: str | None = Field(default=None, description="two leaders: NAME|NAME", examples=["A|B"])
    country: str | None = Field(
        default=None, pattern=r"^[A-Za-z]{2,5}$", description="ISO 3166-1 a-2"
    )

    @field_validator("pair")
    @classmethod
    def _two_names(cls, value: str | None) -> str | None:
        if value is not None and len(pair_names(value)) != 2:
            raise ValueError("a pair is two names separated by |, e.g. Joe Biden|Xi Jinping")
        return value

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class PairsQuery(_People):
    sort: Literal["silence", "recent"] = Field(
        default="silence", description="longest silence first"
    )
    watched: bool | None = Field(
        default=None, description="only pairs the notifier watches (or not)"
    )


class ContactsQuery(_People):
    kind: ContactKind | None = None
    since: dt.date | None = Field(default=None, description="on or after this date (YYYY-MM-DD)")
    until: dt.date | None = Field(default=None, description="on or before this date (YYYY-MM-DD)")

    @model_validator(mode="after")
    def _ordered(self) -> ContactsQuery:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self


class AlertsQuery(Paged):
    pass


class SourcesQuery(_Query):
    pass


def pair_names(value: str) -> list[str]:
    return [name.strip() for name in value.split("|") if name.strip()]


def parse(model: type[Q], query: MultiMapping[str] | Mapping[str, str]) -> Q:
    """``query`` as ``model``, or ``BadRequest`` saying what is wrong with it."""
    values: dict[str, Any] = {}
    for key in query:
        got = query.getall(key) if isinstance(query, MultiMapping) else [query[key]]
        if len(got) > 1:
            raise BadRequest(f"parameter {key!r} given more than once")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in got[0]):
            raise BadRequest(f"{key}: control characters are not allowed")
        if got[0] != "":
            values[key] = got[0]
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise BadRequest(_reason(exc)) from None


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"unknown parameter {where!r}"
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def encode_cursor(*values: object) -> str:
    text = json.dumps([v.isoformat() if isinstance(v, dt.date) else v for v in values])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, *types: type) -> tuple[Any, ...]:
    """The values ``encode_cursor`` packed, each converted to its type; ``BadRequest`` if not."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(types):
            raise ValueError("wrong length")
        return tuple(_typed(value, kind) for value, kind in zip(raw, types, strict=True))
    except (ValueError, TypeError) as exc:
        raise BadRequest("cursor: not a cursor this server gave out") from exc


def _typed(value: Any, kind: type) -> Any:
    if kind is dt.datetime:
        when = dt.datetime.fromisoformat(value)
        if when.tzinfo is None:
            raise ValueError("a time without its zone")
        return when
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if not isinstance(value, kind):
        raise TypeError(f"{value!r} is no {kind.__name__}")
    return value

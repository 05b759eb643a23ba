"""Load and validate the extractor's data files (gazetteer, countries, lexicon) once per process."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from functools import cache
from pathlib import Path
from re import Pattern

from pydantic import BaseModel, Field, field_validator

DATA_DIR = Path(__file__).parent / "data"


class Role(BaseModel):
    title: str
    start: dt.date
    end: dt.date | None = None
    # False for an office the gazetteer lists so that its holder is recognised, but which is no
    # senior office under the labelling rules (an heir who does not govern: Jordan's crown prince)
    senior: bool = True

    def active(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class Official(BaseModel):
    name: str
    country: str
    roles: list[Role]
    aliases: list[str] = Field(default_factory=list)
    surname: str | None = None
    display: str | None = None

    @field_validator("roles", mode="before")
    @classmethod
    def _roles(cls, value: list[list[str | bool | None]]) -> list[dict[str, str | bool | None]]:
        return [
            {"title": r[0], "start": r[1], "end": r[2], "senior": r[3] if len(r) > 3 else True}
            for r in value
        ]

    @property
    def canonical(self) -> str:
        return self.display or self.name

    @property
    def last_name(self) -> str:
        return self.surname or self.canonical.split()[-1]

    @property
    def senior_roles(self) -> list[Role]:
        return [r for r in self.roles if r.senior]

    def roles_at(self, day: dt.date) -> list[str]:
        """The senior offices held at ``day``."""
        return [r.title for r in self.roles if r.active(day) and r.senior]

    def latest_role(self, day: dt.date) -> str:
        """The role held at ``day``, else the most recent one before it (else the first listed)."""
        held = self.roles_at(day)
        if held:
            return held[0]
        past = [r for r in self.roles if r.start <= day]
        return max(past, key=lambda r: r.start).title if past else self.roles[0].title


class Country(BaseModel):
    code: str
    # The code written in the output when the contract's differs from ``code`` (the African
    # Union is "AU" there, like Australia: a distinct code inside keeps the two sides apart).
    contract_code: str | None = None
    names: list[str]
    demonyms: list[str]
    leader: str
    domains: list[str] = Field(default_factory=list)


class Trigger(BaseModel):
    re: str
    kind: str
    form: str
    case: bool = False

    def compiled(self) -> Pattern[str]:
        return re.compile(self.re, 0 if self.case else re.IGNORECASE)


class SourceRule(BaseModel):
    re: str
    label: str
    case: bool = False


class Lexicon(BaseModel):
    titles: dict[str, list[str]]
    counterparts: dict[str, list[str]]
    triggers: list[Trigger]
    cues: dict[str, str]
    status: dict[str, str]
    span_traps: list[str]
    span_traps_case: list[str]
    sentence_traps: list[str]
    stop_before: list[str]
    not_name: list[str]
    common_surnames: list[str]
    sources: list[SourceRule]
    topics: dict[str, list[str]]


class Data(BaseModel):
    people: list[Official]
    countries: list[Country]
    lexicon: Lexicon


@cache
def load() -> Data:
    """Parse and validate every data file; cached so the cost is paid once per process."""
    people = json.loads((DATA_DIR / "people.json").read_text(encoding="utf-8"))["people"]
    countries = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))["countries"]
    raw = tomllib.loads((DATA_DIR / "lexicon.toml").read_text(encoding="utf-8"))
    lexicon = Lexicon(
        titles=raw["titles"],
        counterparts=raw["counterparts"],
        triggers=raw["triggers"]["items"],
        cues=raw["cues"],
        status=raw["status"],
        span_traps=raw["traps"]["span"],
        span_traps_case=raw["traps"]["span_case"],
        sentence_traps=raw["traps"]["sentence"],
        stop_before=raw["names"]["stop_before"],
        not_name=raw["names"]["not_name"],
        common_surnames=raw["names"]["common_surnames"],
        sources=raw["sources"]["items"],
        topics=raw["topics"],
    )
    return Data(people=people, countries=countries, lexicon=lexicon)

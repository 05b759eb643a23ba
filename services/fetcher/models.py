"""Plain records the fetcher passes between its own steps (the bus record is ``ArticleFetched``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from services.fetcher.urls import normalise_url
from shared.source_health import SourceHealth

PollStatus = Literal["ok", "not_modified", "unchanged", "error"]


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, listing page or sitemap.

    ``url`` is absolute http(s) or None (an item with no usable link); ``content`` is the full
    article HTML when the feed carries it, so the page need not be fetched.
    """

    url: str | None
    guid: str | None = None
    title: str | None = None
    published: dt.date | None = None
    summary: str | None = None
    content: str | None = None

    def keys(self) -> list[str]:
        """Seen keys: an entry counts as seen when any of them is already recorded."""
        keys = []
        if self.url:
            keys.append("url:" + normalise_url(self.url))
        if self.guid:
            keys.append("guid:" + self.guid.strip())
        if not keys:  # no link, no guid: the text is all that identifies it
            text = f"{self.title or ''}\n{self.summary or ''}".encode()
            keys.append("text:" + hashlib.sha256(text).hexdigest())
        return keys


@dataclass(frozen=True)
class FeedParseResult:
    entries: list[FeedEntry]
    title: str | None = None
    link: str | None = None  # the site the feed describes, absolute
    format: str = ""  # feedparser's version string, "sitemap", "sitemapindex" or "page"
    children: list[str] = field(default_factory=list)  # a sitemap index's sitemaps, newest first
    warnings: list[str] = field(default_factory=list)  # e.g. a bozo feed that still parsed


@dataclass(frozen=True)
class Validators:
    """What a conditional GET needs, and the body hash that says "nothing changed"."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True)
class PollResult:
    """Outcome of one source poll. ``entries`` are new (not yet seen) and not yet published.

    ``validators`` are to be stored once every new entry is published and marked seen; storing
    them earlier would turn the next poll into a 304 and lose the entries that failed.
    """

    source: str
    status: PollStatus
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    validators: Validators | None = None
    link: str | None = None  # the site the feed describes (base for entries without a link)
    next_poll_at: dt.datetime | None = None
    backfill: bool = False  # ``entries``: what a first poll found listed (backfill.py)
    health: SourceHealth | None = None  # the source's health after this poll


@dataclass
class SourceSummary:
    """One line of the per-source report of ``poll_once`` (stderr of ``poll --once``)."""

    source: str
    status: PollStatus
    new: int = 0
    not_modified: bool = False
    error: str | None = None
    failed: int = 0  # new entries whose page could not be fetched or published; retried next poll
    next_poll_at: dt.datetime | None = None
    backfill: bool = False  # the entries published were a first poll's backfill
    health: SourceHealth | None = None

    def line(self) -> str:
        text = f"{self.source}: {self.status}, {self.new} new"
        if self.backfill and self.new:
            text += " (first poll: history only, no alerts)"
        if self.failed:
            text += f", {self.failed} failed (retried next poll)"
        return text + (f" ({self.error})" if self.error else "")


@dataclass
class Counters:
    """Running totals for metrics; the service exports them (e.g. as Prometheus counters)."""

    polls: int = 0
    polls_ok: int = 0
    polls_not_modified: int = 0
    polls_unchanged: int = 0
    polls_failed: int = 0
    entries_new: int = 0
    articles_published: int = 0
    articles_failed: int = 0
    articles_given_up: int = 0
    bytes_fetched: int = 0

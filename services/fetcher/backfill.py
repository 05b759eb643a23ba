"""A new source's first poll: which of the entries it already lists fill the contact history.

On a source's first poll (and the polls after it, until those entries are delivered) the
newest ``[fetcher] backfill_entries`` entries it lists are published marked ``backfill``: the
extractor reads them as any other, and the notifier records their contacts in the history
without alerting.  The older ones are recorded as seen and never published, so a sitemap of 730
items costs 100 page fetches, not 730.  ``backfill = true`` (per source or in ``[fetcher]``)
publishes every listed entry unmarked instead: they may alert, as entries new since the last
poll do.  Pure functions; ``poller.py`` applies them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from services.fetcher.models import FeedEntry
from shared.settings import FetcherSettings, SourceSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FirstPoll:
    publish: list[FeedEntry]  # the newest, oldest first: published marked backfill
    record: list[FeedEntry]  # the older ones: recorded as seen, never published


def alerts_on_existing(source: SourceSettings, settings: FetcherSettings) -> bool:
    """``backfill = true``: a new source's listed entries are processed as new ones."""
    return source.backfill if source.backfill is not None else settings.backfill


def split(new: list[FeedEntry], cap: int) -> FirstPoll:
    """The newest ``cap`` of ``new`` (unseen entries, oldest first in listing order) to publish.

    Newest by publication date where entries have one (sitemaps often list oldest first); the
    listing order decides among entries without a date or with the same one.
    """
    ordered = sorted(new, key=lambda entry: entry.published or dt.date.min)
    if cap <= 0:
        return FirstPoll([], ordered)
    return FirstPoll(ordered[-cap:], ordered[:-cap])


def newest_listed(entries: list[FeedEntry], now: dt.datetime) -> dt.datetime:
    """When the source last listed something new, as far as a first poll can tell: the newest
    publication date among its entries (midnight UTC), else ``now``."""
    dates = [entry.published for entry in entries if entry.published is not None]
    if not dates:
        return now
    newest = dt.datetime.combine(max(dates), dt.time(), tzinfo=dt.UTC)
    return min(newest, now)


def log_plan(url: str, plan: FirstPoll, cap: int) -> None:
    if plan.record and plan.publish:
        log.info(
            "source %s: first poll: bringing the newest %d listed entries into the history "
            "(no alerts); %d older ones recorded only ([fetcher] backfill_entries = %d)",
            url,
            len(plan.publish),
            len(plan.record),
            cap,
        )
    elif plan.publish:
        log.info(
            "source %s: first poll: bringing its %d listed entries into the history (no alerts)",
            url,
            len(plan.publish),
        )
    elif plan.record:
        log.info("source %s: first poll, %d existing entries recorded", url, len(plan.record))

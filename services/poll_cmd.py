"""`readoutwatch poll --once` and `readoutwatch sources`: the fetcher by hand, without NATS.

``poll --once`` prints one JSON line per new entry on stdout and a summary line per source on
stderr; what it saw is kept in ``data_dir``'s database, so a second run prints nothing new.  A
source's first poll only records what it lists (``[fetcher] backfill_entries`` is the service's,
to fill the contact history; ``backfill = true`` still prints every listed entry).
Exit status: 0 when at least one source could be polled (the others are reported on stderr),
1 with a one-line reason when none could, or the configuration or database is unusable.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from sqlalchemy import select

from services.fetcher.models import SourceSummary
from services.fetcher.scheduler import poll_once
from services.fetcher.service import make_client
from services.fetcher.state import aware, create_tables, sources
from shared.db import make_engine, make_sessionmaker
from shared.errors import ConfigError, SourceError
from shared.schemas import ArticleFetched
from shared.settings import Settings


def entry_line(article: ArticleFetched, *, as_json: bool) -> str:
    """The stdout line of one new entry (``--json``: the CONTRACTS.md shape)."""
    published = article.published.isoformat() if article.published else None
    if not as_json:
        return f"{published or '?':10}  {article.title}  {article.url}"
    line = {"url": article.url, "title": article.title, "published": published}
    return json.dumps({**line, "source": article.source}, ensure_ascii=False)


def summary_line(summary: SourceSummary, *, as_json: bool) -> str:
    """The stderr line of one source: status, new entries, not-modified, error."""
    if not as_json:
        return summary.line()
    fields = {
        "source": summary.source,
        "status": summary.status,
        "new": summary.new,
        "not_modified": summary.not_modified,
        "failed": summary.failed,
        "error": summary.error,
    }
    return json.dumps(fields, ensure_ascii=False)


async def poll_once_cmd(settings: Settings, *, as_json: bool) -> int:
    """Poll every source once; see the module docstring for the exit status."""
    if not settings.sources:
        raise ConfigError("no [[sources]] in the configuration: nothing to poll")
    engine = make_engine(settings.database_url)
    try:
        await create_tables(engine)

        async def emit(article: ArticleFetched) -> None:
            print(entry_line(article, as_json=as_json), flush=True)

        # By hand, a new source's listing is no news: recorded, not printed (module doc).
        fetcher = settings.fetcher.model_copy(update={"backfill_entries": 0})
        settings = settings.model_copy(update={"fetcher": fetcher})
        async with make_client(settings) as client:
            summaries = await poll_once(client, make_sessionmaker(engine), settings, emit)
    finally:
        await engine.dispose()
    for summary in summaries:
        print(summary_line(summary, as_json=as_json), file=sys.stderr)
    if all(s.status == "error" for s in summaries):
        raise SourceError(f"every source failed ({len(summaries)}); see the lines above")
    return 0


async def sources_cmd(settings: Settings) -> int:
    """One block per configured source: health, last success, failures, next poll, last error
    and since when it fails (the same state the fetcher publishes to the rw_sources bucket)."""
    if not settings.sources:
        raise ConfigError("no [[sources]] in the configuration")
    engine = make_engine(settings.database_url)
    try:
        await create_tables(engine)
        async with make_sessionmaker(engine)() as session:
            rows = {r.url: r for r in (await session.execute(select(sources))).all()}
    finally:
        await engine.dispose()
    now = dt.datetime.now(dt.UTC)
    for source in settings.sources:
        row = rows.get(source.url)
        if row is None or row.last_polled_at is None:
            print(f"{source.url}\n  never polled (every {source.every})")
            continue
        health = "failing" if row.consecutive_failures else "ok"
        print(
            f"{source.url}\n  {health}, every {source.every}; last success "
            f"{_when(row.last_success_at)}; consecutive failures {row.consecutive_failures}; "
            f"next poll {_when(row.next_poll_at)}"
        )
        if row.last_error:
            print(f"  last error: {row.last_error}")
        if row.consecutive_failures and row.failing_since:
            print(f"  failing since {_when(aware(row.failing_since))}")
        until = aware(row.lease_until)
        if row.lease_owner and until and until > now:
            print(f"  being polled by {row.lease_owner} (lease until {_when(until)})")
    return 0


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "never"

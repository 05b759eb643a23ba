"""`readoutwatch poll --once` and `readoutwatch sources`: the fetcher by hand, without NATS.

``poll --once`` prints one JSON line per new entry on stdout and a summary line per source on
stderr; what it saw is kept in ``data_dir``'s database, so a second run prints nothing new.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from sqlalchemy import select

from services.fetcher.scheduler import poll_once
from services.fetcher.service import make_client
from services.fetcher.state import create_tables, sources
from shared.db import make_engine, make_sessionmaker
from shared.errors import ConfigError
from shared.schemas import ArticleFetched
from shared.settings import Settings


async def poll_once_cmd(settings: Settings, *, as_json: bool) -> int:
    """Exit 0 when at least one source could be polled (or none is configured), else 1."""
    if not settings.sources:
        raise ConfigError("no [[sources]] in the configuration: nothing to poll")
    engine = make_engine(settings.database_url)
    try:
        await create_tables(engine)

        async def emit(article: ArticleFetched) -> None:
            line = {
                "url": article.url,
                "title": article.title,
                "published": article.published.isoformat() if article.published else None,
                "source": article.source,
            }
            print(
                json.dumps(line, ensure_ascii=False)
                if as_json
                else f"{line['published'] or '?':10}  {line['title']}  {line['url']}",
                flush=True,
            )

        async with make_client(settings) as client:
            summaries = await poll_once(client, make_sessionmaker(engine), settings, emit)
    finally:
        await engine.dispose()
    for summary in summaries:
        print(summary.line(), file=sys.stderr)
    return 0 if any(s.status != "error" for s in summaries) else 1


async def sources_cmd(settings: Settings) -> int:
    """One line per configured source: status, last success, last error, next poll."""
    engine = make_engine(settings.database_url)
    try:
        await create_tables(engine)
        async with make_sessionmaker(engine)() as session:
            rows = {r.url: r for r in (await session.execute(select(sources))).all()}
    finally:
        await engine.dispose()
    for source in settings.sources:
        row = rows.get(source.url)
        if row is None:
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
    return 0


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "never"

"""The HTML pages of contacts: home, a pair, a person (``lists``: search, alerts, sources).

Each parses its query with the API's models (same names, same 400s), reads through the same
query functions as the JSON API, and renders a template.  Every page shows the failing-sources
badge; when source health cannot be read the badge says so instead of failing the page.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from services.notifier.web import render
from services.notifier.web.alert_query import list_alerts
from services.notifier.web.contact_query import list_contacts
from services.notifier.web.context import CONTEXT, Unavailable, WebContext
from services.notifier.web.pair_query import list_pairs, pair_marks
from services.notifier.web.params import (
    AlertsQuery,
    BadRequest,
    ContactsQuery,
    PairsQuery,
    SourcesQuery,
    parse,
)
from services.notifier.web.schemas import SourceOut
from services.notifier.web.timeline import days_before, longest_gap, timeline_svg

HOME_ROWS = 10


async def _health(ctx: WebContext) -> tuple[list[SourceOut] | None, str | None]:
    try:
        return list(await ctx.health()), None
    except Unavailable as exc:
        return None, str(exc)


async def page_values(ctx: WebContext) -> dict[str, Any]:
    """What every page shows besides its own: the time now and the failing-sources badge."""
    sources, error = await _health(ctx)
    failing = None if sources is None else sum(s.status == "broken" for s in sources)
    return {"now": ctx.now(), "failing": failing, "health_error": error, "sources": sources}


async def home(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    parse(SourcesQuery, request.query)  # the home page takes no parameters
    watched_only = bool(ctx.rules.watched) or ctx.rules.watched is None
    async with ctx.session() as session:
        latest = await list_contacts(session, ContactsQuery(limit=HOME_ROWS))
        silences = await list_pairs(
            session,
            PairsQuery(sort="silence", watched=True if watched_only else None, limit=HOME_ROWS),
            ctx.rules,
            ctx.today(),
            ctx.pairs,
        )
        alerts = await list_alerts(session, AlertsQuery(limit=HOME_ROWS))
    return render.page(
        "home.html",
        latest=latest.items,
        silences=silences.items,
        watched_only=watched_only,
        alerts=alerts.items,
        **await page_values(ctx),
    )


async def pair(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    q = parse(ContactsQuery, request.query)
    if not q.pair:
        raise BadRequest("pair: give two names, e.g. /pair?pair=Joe Biden|Xi Jinping")
    async with ctx.session() as session:
        found = await list_pairs(
            session, PairsQuery(pair=q.pair), ctx.rules, ctx.today(), ctx.pairs
        )
        marks = await pair_marks(session, q.pair)
        contacts = await list_contacts(session, q)
    common = await page_values(ctx)
    if not found.items:
        return render.page("missing.html", status=404, what=q.pair.replace("|", " and "), **common)
    summary = found.items[0]
    dates = [m.date for m in marks]
    return render.page(
        "pair.html",
        summary=summary,
        timeline=render.Markup(timeline_svg(marks, ctx.today(), summary.threshold_days)),
        longest=longest_gap(dates),
        gaps=days_before(dates),
        kinds=sorted({m.kind for m in marks}),
        contacts=contacts.items,
        next=contacts.next,
        query=dict(request.query),
        **common,
    )


async def person(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    values = dict(request.query)
    name = values.pop("name", "")
    q = parse(PairsQuery, {**values, "person": name, "sort": values.get("sort", "recent")})
    if not name.strip():
        raise BadRequest("name: give a leader's name, e.g. /person?name=Joe Biden")
    async with ctx.session() as session:
        pairs = await list_pairs(session, q, ctx.rules, ctx.today(), ctx.pairs)
    common = await page_values(ctx)
    if not pairs.items:
        return render.page("missing.html", status=404, what=name, **common)
    return render.page(
        "person.html",
        who=pairs.items[0].people[0],
        pairs=pairs.items,
        next=pairs.next,
        query=dict(request.query),
        **common,
    )


def add_page_routes(app: web.Application) -> None:
    from services.notifier.web import lists  # it reads ``page_values`` from here

    for path, handler in [
        ("/", home),
        ("/pair", pair),
        ("/person", person),
        ("/search", lists.search),
        ("/alerts", lists.alerts),
        ("/sources", lists.sources),
    ]:
        app.router.add_get(path, handler)

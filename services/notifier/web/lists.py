"""The list pages: search over contacts, the alert log, and the sources' health.

Thin handlers like ``pages``: the API's query models, the same query functions, a template.
"""

from __future__ import annotations

from aiohttp import web

from services.notifier.web import render
from services.notifier.web.alert_query import list_alerts
from services.notifier.web.contact_query import list_contacts
from services.notifier.web.context import CONTEXT
from services.notifier.web.pages import page_values
from services.notifier.web.pair_query import people_names
from services.notifier.web.params import AlertsQuery, ContactsQuery, SourcesQuery, parse

STATUS_ORDER = {"broken": 0, "quiet": 1, "new": 2, "ok": 3}


async def search(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    q = parse(ContactsQuery, request.query)
    async with ctx.session() as session:
        results = await list_contacts(session, q)
        names = await people_names(session)
    return render.page(
        "search.html",
        q=q,
        names=names,
        contacts=results.items,
        next=results.next,
        query=dict(request.query),
        **await page_values(ctx),
    )


async def alerts(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    q = parse(AlertsQuery, request.query)
    async with ctx.session() as session:
        page = await list_alerts(session, q)
    return render.page(
        "alerts.html",
        alerts=page.items,
        next=page.next,
        query=dict(request.query),
        **await page_values(ctx),
    )


async def sources(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    parse(SourcesQuery, request.query)
    common = await page_values(ctx)
    ordered = sorted(common.pop("sources") or [], key=lambda s: (STATUS_ORDER[s.status], s.url))
    return render.page("sources.html", listed=ordered, **common)

"""The JSON API under /api/v1/, its OpenAPI document, and the Atom feeds: thin handlers.

Each handler parses its query model, runs one query function in a session, and answers the
response model.  ``ENDPOINTS`` is both the route table and the input of the OpenAPI document.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from aiohttp import web
from pydantic import BaseModel

from services.notifier.web import feeds, openapi
from services.notifier.web.alert_query import list_alerts
from services.notifier.web.contact_query import list_contacts
from services.notifier.web.context import CONTEXT
from services.notifier.web.pair_query import list_pairs
from services.notifier.web.params import (
    AlertsQuery,
    ContactsQuery,
    PairsQuery,
    SourcesQuery,
    parse,
)
from services.notifier.web.schemas import AlertPage, ContactPage, PairPage, SourceList

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json(model: BaseModel) -> web.Response:
    return web.Response(text=model.model_dump_json(), content_type="application/json")


async def pairs(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    q = parse(PairsQuery, request.query)
    async with ctx.session() as session:
        return _json(await list_pairs(session, q, ctx.rules, ctx.today(), ctx.pairs))


async def contacts(request: web.Request) -> web.Response:
    q = parse(ContactsQuery, request.query)
    async with request.app[CONTEXT].session() as session:
        return _json(await list_contacts(session, q))


async def alerts(request: web.Request) -> web.Response:
    q = parse(AlertsQuery, request.query)
    async with request.app[CONTEXT].session() as session:
        return _json(await list_alerts(session, q))


async def sources(request: web.Request) -> web.Response:
    parse(SourcesQuery, request.query)
    return _json(SourceList(items=list(await request.app[CONTEXT].health())))


async def contacts_atom(request: web.Request) -> web.Response:
    q = parse(ContactsQuery, request.query)
    async with request.app[CONTEXT].session() as session:
        page = await list_contacts(session, q)
    about = q.pair.replace("|", " – ") if q.pair else q.person or "all leaders"
    body = feeds.contacts_feed(
        page.items, title=f"readoutwatch: contacts of {about}", self_url=str(request.url)
    )
    return web.Response(body=body, content_type=feeds.CONTENT_TYPE, charset="utf-8")


async def alerts_atom(request: web.Request) -> web.Response:
    q = parse(AlertsQuery, request.query)
    async with request.app[CONTEXT].session() as session:
        page = await list_alerts(session, q)
    body = feeds.alerts_feed(page.items, title="readoutwatch: alerts", self_url=str(request.url))
    return web.Response(body=body, content_type=feeds.CONTENT_TYPE, charset="utf-8")


ENDPOINTS: list[tuple[openapi.Endpoint, Handler]] = [
    (openapi.Endpoint("/api/v1/pairs", "pairs, one line each", PairsQuery, PairPage), pairs),
    (
        openapi.Endpoint("/api/v1/contacts", "contacts, newest first", ContactsQuery, ContactPage),
        contacts,
    ),
    (
        openapi.Endpoint("/api/v1/alerts", "alerts and their deliveries", AlertsQuery, AlertPage),
        alerts,
    ),
    (openapi.Endpoint("/api/v1/sources", "source health", SourcesQuery, SourceList), sources),
    (
        openapi.Endpoint(
            "/feeds/contacts.atom", "contacts (Atom)", ContactsQuery, None, feeds.CONTENT_TYPE
        ),
        contacts_atom,
    ),
    (
        openapi.Endpoint(
            "/feeds/alerts.atom", "alerts (Atom)", AlertsQuery, None, feeds.CONTENT_TYPE
        ),
        alerts_atom,
    ),
]


async def openapi_json(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT]
    doc = openapi.document([e for e, _ in ENDPOINTS], version=ctx.version)
    return web.Response(text=json.dumps(doc, indent=1), content_type="application/json")


def add_api_routes(app: web.Application) -> None:
    for endpoint, handler in ENDPOINTS:
        app.router.add_get(endpoint.path, handler)
    app.router.add_get("/api/openapi.json", openapi_json)

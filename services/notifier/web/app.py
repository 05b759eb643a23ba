"""The web role's routes on an ``aiohttp.web.Application``, and how its errors are answered.

``add_web_routes`` puts the pages, the API, the feeds and the static files (all from this
package: no CDN) on an application, usually the process's one HTTP server (``shared.health``).
Errors become answers: a bad parameter a 400 with its reason, a store that cannot be read a
503; JSON under /api/ and /feeds/ (``{"error": "why"}``), a page elsewhere.  Never a 500 for
what the caller sent.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler
from sqlalchemy.exc import SQLAlchemyError

from services.notifier.web import render
from services.notifier.web.api import add_api_routes
from services.notifier.web.context import CONTEXT, Unavailable, WebContext
from services.notifier.web.pages import add_page_routes
from services.notifier.web.params import BadRequest

log = logging.getLogger("readoutwatch.web")
STATIC = Path(__file__).with_name("static")
MACHINE_PREFIXES = ("/api/", "/feeds/")


def add_web_routes(app: web.Application, ctx: WebContext) -> None:
    app[CONTEXT] = ctx
    app.middlewares.append(errors)
    add_page_routes(app)
    add_api_routes(app)
    app.router.add_static("/static/", STATIC, append_version=False)


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except BadRequest as exc:
        return _error(request, 400, str(exc))
    except Unavailable as exc:
        return _error(request, 503, str(exc))
    except SQLAlchemyError as exc:
        log.warning("web: cannot read the store: %s", exc)
        return _error(request, 503, f"cannot read the store ({type(exc).__name__})")
    except web.HTTPNotFound:
        return _error(request, 404, f"nothing at {request.path}")
    if request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "public, max-age=3600")
    return response


def _error(request: web.Request, status: int, reason: str) -> web.Response:
    if request.path.startswith(MACHINE_PREFIXES) or request.path in ("/healthz", "/readyz"):
        return web.Response(
            status=status, text=json.dumps({"error": reason}), content_type="application/json"
        )
    ctx = request.app[CONTEXT]
    return render.page(
        "error.html", status=status, reason=reason, now=ctx.now(), failing=None, code=status
    )

"""Jinja2 templates of the pages (autoescaped), with the filters they share.

Times render as ``<time>``: relative text, the absolute UTC value on hover (``title``) and in
``datetime``.  Links to people and pairs are plain GET URLs, so every view can be bookmarked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

from aiohttp import web
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from services.notifier.web import text
from services.notifier.web.schemas import ParticipantOut, PersonOut

ENV = Environment(
    loader=PackageLoader("services.notifier.web", "templates"),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def person_url(name: str) -> str:
    return "/person?" + urlencode({"name": name})


def pair_url(people: Sequence[PersonOut | ParticipantOut]) -> str:
    return "/pair?" + urlencode({"pair": "|".join(p.name for p in people[:2])})


def url_with(base: str, query: Mapping[str, Any], **changes: Any) -> str:
    """``base`` with ``query`` and ``changes`` (None drops a key): pagination keeps the filters."""
    merged = {k: v for k, v in {**query, **changes}.items() if v not in (None, "")}
    return base + ("?" + urlencode(merged) if merged else "")


def time_tag(when: dt.datetime | None, now: dt.datetime) -> Markup:
    if when is None:
        return Markup("<span class=muted>never</span>")
    return Markup('<time datetime="{}" title="{}">{}</time>').format(
        text.iso_text(when), text.utc_text(when), text.ago_text(when, now)
    )


def person_link(person: PersonOut | ParticipantOut) -> Markup:
    country = Markup(' <span class="cc">{}</span>').format(person.country) if person.country else ""
    return Markup('<a href="{}">{}</a>{}').format(person_url(person.name), person.name, country)


def people_links(people: Sequence[PersonOut | ParticipantOut]) -> Markup:
    return Markup(" – ").join(person_link(p) for p in people)


def host(url: str) -> str:
    """A source link's text: the site's name (``jns.org``), the URL being in the link."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


ENV.filters.update(kind=text.kind_text, people=people_links, person=person_link, host=host)
ENV.globals.update(
    pair_url=pair_url,
    person_url=person_url,
    url_with=url_with,
    time_tag=time_tag,
    alert_type=lambda t: text.ALERT_TYPES.get(t, t),
    escape=escape,
)


def page(name: str, *, status: int = 200, **values: Any) -> web.Response:
    body = ENV.get_template(name).render(**values)
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")

"""Benchmark pages: real news pages from ../shared/corpus/html plus White House briefing-room
documents wrapped in a realistic page shell (navigation, sidebar, footer), read at run time."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)

_SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/s.css"></head>
<body><header><nav><ul>{nav}</ul></nav><form><input name="q"></form></header>
<main><article><h1>{title}</h1><time datetime="{date}">{date}</time>{body}</article>
<aside><h2>Latest</h2><ul>{nav}</ul></aside></main>
<footer><p>Share this page</p><ul>{nav}</ul><p>Privacy policy. Accessibility.</p></footer>
<script>window.dataLayer=[];</script></body></html>"""
_NAV = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    published: dt.date | None
    title: str | None


def _wrap(md: Path) -> Page | None:
    raw = md.read_text(encoding="utf-8", errors="replace")
    match = _FRONT.match(raw)
    if not match:
        return None
    meta = dict(line.split(":", 1) for line in match.group(1).splitlines() if ":" in line)
    title = meta.get("title", "").strip().strip("'\"")
    date = meta.get("date", "").strip().strip("'\"")
    paras = [p.strip() for p in raw[match.end() :].split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paras)
    page = _SHELL.format(title=html.escape(title), date=date, body=body, nav=_NAV)
    published = dt.date.fromisoformat(date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    return Page(md.name, page, published, title)


def load_pages(limit: int, real_only: bool = False) -> list[Page]:
    """Up to ``limit`` pages: every real news page, then briefing-room documents, in name order
    (only the real pages with ``real_only``)."""
    if not CORPUS.is_dir():
        raise SystemExit(f"benchmark pages come from {CORPUS}, which is absent")
    pages = [
        Page(p.name, p.read_text(encoding="utf-8", errors="replace"), None, None)
        for p in sorted((CORPUS / "html").glob("*.html"))
    ]
    if real_only:
        return pages[:limit]
    docs = sorted((CORPUS / "whitehouse").rglob("*.md"))
    step = max(1, len(docs) // max(1, limit - len(pages)))
    for md in docs[::step]:
        if len(pages) >= limit:
            break
        page = _wrap(md)
        if page is not None:
            pages.append(page)
    return pages[:limit]

"""The articles a replay feeds in: ``DIR/manifest.json`` (``seeds`` or ``articles``: ``file``,
``url``, ``published``) read into items in publication order, each turned into the
``ArticleFetched`` the fetcher would have published."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from shared.errors import ConfigError
from shared.schemas import ArticleFetched


@dataclass(frozen=True)
class ReplayItem:
    path: Path
    url: str
    published: dt.date | None


def load_manifest(directory: Path) -> list[ReplayItem]:
    """The manifest's articles in publication order (undated ones last, file order kept)."""
    path = directory / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{directory} has no manifest.json") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    entries = data.get("seeds") or data.get("articles") or []
    items = []
    for entry in entries:
        file = directory / entry["file"]
        if not file.is_file():
            raise ConfigError(f"manifest names {entry['file']}, which is not in {directory}")
        published = dt.date.fromisoformat(entry["published"]) if entry.get("published") else None
        items.append(ReplayItem(file, entry.get("url") or file.as_uri(), published))
    return sorted(items, key=lambda i: (i.published is None, i.published or dt.date.min))


def to_article(item: ReplayItem) -> ArticleFetched:
    body = item.path.read_text(encoding="utf-8", errors="replace")
    is_html = item.path.suffix.lower() in (".html", ".htm")
    return ArticleFetched(
        url=item.url,
        final_url=item.url,
        source="replay",
        published=item.published,
        fetched_at=dt.datetime.now(dt.UTC),
        content_type="text/html" if is_html else "text/plain",
        html=body if is_html else None,
        text=None if is_html else body,
    )

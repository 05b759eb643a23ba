"""What the suite's feed server serves and what its Slack receiver got.

``FeedSite`` writes an RSS feed of every synthetic article published so far, and each article's
page, into a directory the feed server container serves; ``Slack`` reads the receiver's posts
back through a port published on loopback.  The articles and their expected alerts come from
``tests/cluster/synthetic.py``: each readout names its own pair of leaders, so it raises exactly
one alert whatever order the pipeline handles them in.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection
from datetime import UTC, datetime, time
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import httpx

from tests.cluster.synthetic import PAGE, Synthetic

FEED_BASE = "http://feed:8000"  # the feed server's alias on the suite's network
SOURCE = re.compile(r"<(http://feed:8000/[^|>]+)\|")
ALERT_ID = re.compile(r"alert (al_[0-9a-f]+)")


class FeedSite:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        root.chmod(0o755)  # the server runs as an unprivileged user
        self.items: list[str] = []
        self.write_feed()

    def publish(self, articles: list[Synthetic], tag: str) -> set[str]:
        """Add ``articles`` (pages first, then the feed); the URLs that must raise an alert."""
        expected = set()
        for n, article in enumerate(articles):
            url = f"{FEED_BASE}/{tag}-{n}.html"
            body = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n\n"))
            page = PAGE.format(title=f"News {article.published}", body=body)
            (self.root / f"{tag}-{n}.html").write_text(page, encoding="utf-8")
            when = format_datetime(datetime.combine(article.published, time(12), UTC))
            self.items.append(
                f"<item><title>News {tag} {n}</title><link>{url}</link>"
                f'<guid isPermaLink="true">{url}</guid><pubDate>{when}</pubDate></item>'
            )
            if article.pair is not None:
                expected.add(url)
        self.write_feed()
        return expected

    def write_feed(self) -> None:
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Synthetic news</title><link>{FEED_BASE}/</link><description>test</description>"
            + "".join(reversed(self.items))
            + "</channel></rss>"
        )
        tmp = self.root / ".feed.xml"
        tmp.write_text(feed, encoding="utf-8")
        os.replace(tmp, self.root / "feed.xml")  # the server never sees half a feed


class Slack:
    def __init__(self, base: str) -> None:
        self.base = base

    def bodies(self) -> list[str]:
        return [post["body"] for post in httpx.get(f"{self.base}/posts", timeout=10).json()]

    def sources(self) -> Counter[str]:
        """How many messages named each article URL."""
        return Counter(url for body in self.bodies() for url in set(SOURCE.findall(body)))

    def without_resends(self, resent: Collection[str]) -> list[str]:
        """The messages, less one repeat of each alert in ``resent``: alerts a restarted
        notifier logged it sent again because the process that first sent them was killed
        before it could record the send (``services/notifier/claims.py``)."""
        allowed, seen, kept = set(resent), set[str](), []
        for body in self.bodies():
            alert = m.group(1) if (m := ALERT_ID.search(body)) else None
            if alert is not None and alert in seen and alert in allowed:
                allowed.discard(alert)
                continue
            if alert is not None:
                seen.add(alert)
            kept.append(body)
        return kept

    def alert_ids(self) -> Counter[str]:
        return Counter(m.group(1) for body in self.bodies() if (m := ALERT_ID.search(body)))

"""The running stack as the tests see it: its containers, the feed site, the Slack receiver and
the synthetic articles still to publish, in batches put on the feed at once or gradually."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from tests.cluster.synthetic import Synthetic, generate
from tests.containers.site import FEED_BASE, FeedSite, Slack
from tests.containers.stack import Stack

BATCH = 30  # articles a test publishes, about 70 % of them readouts (one alert each)


@dataclass
class Running:
    stack: Stack
    site: FeedSite
    slack: Slack
    secret_values: dict[str, str]
    web_skipped: str | None  # why the web container was not started
    articles: Iterator[Synthetic] = field(default_factory=lambda: iter(generate(200, 0.7, seed=13)))

    def publish(self, tag: str) -> set[str]:
        return self.site.publish([next(self.articles) for _ in range(BATCH)], tag)

    def publish_gradually(self, tag: str, chunks: int = 6, pause: float = 1.5) -> Publishing:
        """A batch put on the feed a chunk at a time from a thread, so that a fault lands while
        articles are still coming; ``expected`` is known at once."""
        batch = [next(self.articles) for _ in range(BATCH)]
        size = -(-BATCH // chunks)
        parts = [batch[i : i + size] for i in range(0, BATCH, size)]
        expected = {
            f"{FEED_BASE}/{tag}.{n}-{i}.html"
            for n, part in enumerate(parts)
            for i, a in enumerate(part)
            if a.pair
        }

        def run() -> None:
            for n, part in enumerate(parts):
                self.site.publish(part, f"{tag}.{n}")
                time.sleep(pause)

        thread = threading.Thread(target=run, name=f"publish-{tag}", daemon=True)
        thread.start()
        return Publishing(expected, thread)


@dataclass
class Publishing:
    expected: set[str]
    thread: threading.Thread

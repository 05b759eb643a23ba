"""Every NATS subject, stream and durable consumer name, in one place (listed in the README).

fetcher -> rw.articles.fetched -> extractor -> rw.readouts.found -> notifier -> rw.alerts.raised;
any consumer that gives up publishes to rw.dlq.<stage>.
"""

from __future__ import annotations

ARTICLES = "rw.articles.fetched"
READOUTS = "rw.readouts.found"
ALERTS = "rw.alerts.raised"
DLQ_PREFIX = "rw.dlq"

# stream name -> subjects it captures
STREAMS: dict[str, list[str]] = {
    "RW_ARTICLES": ["rw.articles.>"],
    "RW_READOUTS": ["rw.readouts.>"],
    "RW_ALERTS": ["rw.alerts.>"],
    "RW_DLQ": [f"{DLQ_PREFIX}.>"],
}

# JetStream key-value bucket: each source's health, put by the fetcher (shared/source_health.py)
SOURCES_BUCKET = "rw_sources"
SOURCE_HEALTH = f"$KV.{SOURCES_BUCKET}.{{key}}"  # the subject a put goes to; key: source_health

# durable consumer names: replicas of one service share a durable and so share the work
EXTRACTOR_DURABLE = "extractor"
NOTIFIER_DURABLE = "notifier"


def dlq_subject(stage: str) -> str:
    return f"{DLQ_PREFIX}.{stage}"


def stream_for(subject: str) -> str:
    """The stream that captures ``subject``."""
    for name, patterns in STREAMS.items():
        for pattern in patterns:
            if subject.startswith(pattern.removesuffix(">")):
                return name
    raise KeyError(subject)

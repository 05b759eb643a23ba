"""Prometheus metrics of every service, all prefixed ``readoutwatch_`` (served on /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

MESSAGES_IN = Counter(
    "readoutwatch_messages_in", "Messages received", ["subject"], registry=REGISTRY
)
MESSAGES_OUT = Counter(
    "readoutwatch_messages_out", "Messages published", ["subject"], registry=REGISTRY
)
MESSAGES_FAILED = Counter(
    "readoutwatch_messages_failed",
    "Messages whose handling failed, by outcome (retry | dead_letter)",
    ["subject", "outcome"],
    registry=REGISTRY,
)
PROCESSING_SECONDS = Histogram(
    "readoutwatch_processing_seconds", "Handler time per message", ["subject"], registry=REGISTRY
)
FEED_POLLS = Counter(
    "readoutwatch_feed_polls", "Source polls by status", ["status"], registry=REGISTRY
)
DELIVERIES = Counter(
    "readoutwatch_alert_deliveries",
    "Alert deliveries by channel and outcome",
    ["channel", "outcome"],
    registry=REGISTRY,
)
CONSUMER_LAG = Gauge(
    "readoutwatch_consumer_pending",
    "Messages not yet delivered to a durable consumer",
    ["consumer"],
    registry=REGISTRY,
)

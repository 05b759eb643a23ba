"""The AsyncAPI 3.0 document of every readoutwatch subject, generated from the code by FastStream.

Every service registers its real subscribers on a broker that never connects; what services send
with ``bus.publish`` gets a documented publisher here.  ``readoutwatch asyncapi >
docs/asyncapi.json`` regenerates the checked-in copy, and a test keeps that copy current.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from typing import Any
from urllib.parse import unquote

from faststream.nats import NatsBroker
from faststream.specification import AsyncAPI
from pydantic import BaseModel

from services import composition
from shared import subjects
from shared.schemas import AlertRaised, ArticleFetched, DeadLetter, ReadoutFound
from shared.settings import Settings
from shared.source_health import SourceHealth

ROLES = ("fetcher", "extractor", "notifier")
EMPTY = {"$ref": "#/components/schemas/EmptyPayload"}

# What travels on each subject.  ``bus.consume`` handlers take the raw message (they validate it
# themselves, so that a bad payload can be dead-lettered), which hides the type from FastStream.
PAYLOADS: dict[str, type[BaseModel]] = {
    subjects.ARTICLES: ArticleFetched,
    subjects.READOUTS: ReadoutFound,
    subjects.ALERTS: AlertRaised,
    subjects.SOURCE_HEALTH: SourceHealth,
}

# (publishing service, subject, description): the ``bus.publish`` calls of the services.
PUBLISHED = [
    ("fetcher", subjects.ARTICLES, "each new article page a source lists, fetched"),
    ("extractor", subjects.READOUTS, "an article with the contacts it reports (none: not sent)"),
    ("notifier", subjects.ALERTS, "each alert raised, once (Nats-Msg-Id = alert_id)"),
    (
        "fetcher",
        subjects.SOURCE_HEALTH,
        f"each source's health after each poll: key-value bucket {subjects.SOURCES_BUCKET}, "
        "key = the first 40 hex digits of the SHA-256 of the source's URL",
    ),
]


def build_broker() -> NatsBroker:
    """A broker holding every service's subscribers and documented publishers (no connection)."""
    broker = NatsBroker("nats://localhost:4222", description="NATS JetStream (see README)")
    consuming = []
    for service in composition.build(Settings.model_construct(), ROLES):
        before = len(broker.subscribers)
        service.register(broker)
        if len(broker.subscribers) > before:
            consuming.append(service.name)
    for stage, subject, what in PUBLISHED:
        broker.publisher(
            subject, schema=PAYLOADS[subject], title=f"{stage}:{subject}", description=what
        )
    for stage in consuming:
        broker.publisher(
            subjects.dlq_subject(stage),
            schema=DeadLetter,
            title=f"{stage}:{subjects.dlq_subject(stage)}",
            description=f"messages the {stage} gave up on, with the reason",
        )
    return broker


def fill_payloads(doc: dict[str, Any]) -> dict[str, Any]:
    """Give each subscriber message without a payload schema its subject's model (PAYLOADS)."""
    schemas = doc["components"]["schemas"]
    for channel in doc["channels"].values():
        model = PAYLOADS.get(channel["address"])
        if model is None:
            continue
        for ref in channel["messages"].values():
            name = unquote(ref["$ref"].rsplit("/", 1)[1])  # `$KV.…{key}` is escaped in refs
            message = doc["components"]["messages"][name]
            if message["payload"] == EMPTY:
                message["payload"] = {"$ref": f"#/components/schemas/{model.__name__}"}
                if model.__name__ not in schemas:
                    found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                    schemas.update(found.pop("$defs", {}))
                    schemas[model.__name__] = found
    if json.dumps(EMPTY) not in json.dumps(doc):
        schemas.pop("EmptyPayload", None)
    return doc


def document() -> dict[str, Any]:
    spec = AsyncAPI(
        build_broker(),
        title="readoutwatch",
        version=version("readoutwatch"),
        description="Subjects between fetcher, extractor and notifier; see README.",
        schema_version="3.0.0",
    )
    doc = fill_payloads(spec.to_specification().to_jsonable())
    # FastStream keeps subscribers in a WeakSet: sort what their order would scramble.
    components = doc["components"]
    for parent, key in [(doc, "channels"), (doc, "operations"), (components, "messages")]:
        parent[key] = dict(sorted(parent[key].items()))
    components["schemas"] = dict(sorted(components["schemas"].items()))
    return doc


def render() -> str:
    """The document as checked in to docs/asyncapi.json."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"

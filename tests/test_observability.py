"""Structured log fields, the consumer-lag gauge against a real nats-server, and the checked-in
AsyncAPI document being the one the code generates."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from pathlib import Path

import nats
import pytest
from faststream.nats import NatsBroker
from nats.js import api

from services import asyncapi
from services.cli import main
from services.composition import build
from shared import lag, subjects
from shared.logs import JsonFormatter
from shared.metrics import REGISTRY
from shared.settings import Settings
from tests.conftest import REPO_ROOT

CHECKED_IN = REPO_ROOT / "docs" / "asyncapi.json"
REGENERATE = ".venv/bin/readoutwatch asyncapi > docs/asyncapi.json"


def test_extra_fields_become_top_level_json_keys() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.observability")
    logger.addHandler(handler)
    try:
        logger.warning("alert %s", "a1", extra={"alert_id": "a1", "url": "https://x", "at": Path()})
    finally:
        logger.removeHandler(handler)
    line = json.loads(out.getvalue())
    assert line["msg"] == "alert a1" and line["level"] == "warning"
    assert (line["alert_id"], line["url"], line["at"]) == ("a1", "https://x", ".")
    assert not {"args", "levelno", "pathname", "thread"} & set(line)


def test_durable_consumers_of_the_services() -> None:
    broker = NatsBroker()
    for service in build(Settings.model_construct(), ["fetcher", "extractor", "notifier"]):
        service.register(broker)
    assert lag.durable_consumers(broker) == [
        (subjects.stream_for(subjects.ARTICLES), subjects.EXTRACTOR_DURABLE),
        (subjects.stream_for(subjects.READOUTS), subjects.NOTIFIER_DURABLE),
    ]


def _pending(durable: str) -> float | None:
    return REGISTRY.get_sample_value("readoutwatch_consumer_pending", {"consumer": durable})


async def _until(predicate: object, within: float = 10.0) -> None:
    assert callable(predicate)
    deadline = asyncio.get_running_loop().time() + within
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.mark.nats
async def test_lag_gauge_follows_the_consumer(nats_url: str, unique: str) -> None:
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    stream, durable = f"LAG_{unique}", f"lag_{unique}"
    await js.add_stream(api.StreamConfig(name=stream, subjects=[f"lag.{unique}.>"]))
    try:
        for n in range(5):
            await js.publish(f"lag.{unique}.n", str(n).encode())
        sub = await js.pull_subscribe(f"lag.{unique}.>", durable=durable, stream=stream)
        assert await lag.sample(js, [(stream, durable)]) == {durable: 5}

        stop = asyncio.Event()
        watcher = asyncio.create_task(lag.watch(js, [(stream, durable)], stop, interval=0.05))
        await _until(lambda: _pending(durable) == 5)
        for msg in await sub.fetch(2, timeout=5):
            await msg.ack()
        await _until(lambda: _pending(durable) == 3)
        stop.set()
        await asyncio.wait_for(watcher, 5)
    finally:
        await js.delete_stream(stream)
        await nc.close()


def test_checked_in_asyncapi_is_what_the_code_generates() -> None:
    generated = asyncapi.render()
    assert CHECKED_IN.read_text(encoding="utf-8") == generated, (
        f"docs/asyncapi.json is out of date; regenerate it: {REGENERATE}"
    )


def test_asyncapi_documents_every_subject_with_its_payload() -> None:
    doc = json.loads(CHECKED_IN.read_text(encoding="utf-8"))
    addresses = {channel["address"] for channel in doc["channels"].values()}
    dlq = {subjects.dlq_subject("extractor"), subjects.dlq_subject("notifier")}
    assert {subjects.ARTICLES, subjects.READOUTS, subjects.ALERTS} | dlq <= addresses
    assert subjects.SOURCE_HEALTH in addresses  # the sources' health bucket
    payloads = {m["payload"]["$ref"] for m in doc["components"]["messages"].values()}
    assert "EmptyPayload" not in json.dumps(doc)
    assert {p.rsplit("/", 1)[1] for p in payloads} == {
        "ArticleFetched",
        "ReadoutFound",
        "AlertRaised",
        "DeadLetter",
        "SourceHealth",
    }
    actions = {op["action"] for op in doc["operations"].values()}
    assert actions == {"send", "receive"}


def test_asyncapi_command_prints_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["asyncapi"]) == 0
    assert json.loads(capsys.readouterr().out)["asyncapi"] == "3.0.0"

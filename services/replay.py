"""`readoutwatch replay DIR`: feed a directory of articles through the real pipeline, in order.

The fetcher is replaced by the files named in ``DIR/manifest.json`` (see ``replay_manifest``:
``file``, ``url``, ``published``); the extractor and notifier run as in production, over NATS.
Articles go in one at a time in publication order, each waited for until the pipeline is idle,
so the history the notifier builds is the one a live run would have built.  The alerts this
run recorded are printed at the end, read from the notifier's store (not from the alerts
stream: publishing there is one more delivery, which may be waiting for a retry).

With subscriptions, replay then waits (up to ``--wait-deliveries`` seconds) until each of its
alerts' deliveries is done or has failed for good, and prints one line per channel on stderr
(``slack desk: 7 delivered``; pending ones with their next try).  It exits 1 when a delivery
failed for good, or is left pending in a temporary data directory (nothing would retry it).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

import nats

from services.extractor.service import ExtractorService
from services.notifier import delivery_summary
from services.notifier.delivery_summary import ChannelSummary
from services.notifier.models import utc_now
from services.notifier.service import NotifierService
from services.replay_manifest import ReplayItem, load_manifest, to_article
from services.runtime import Service, connect_client, nats_url, running, until_fatal
from shared import bus, subjects
from shared.errors import ReadoutwatchError
from shared.schemas import AlertRaised
from shared.settings import Settings

log = logging.getLogger(__name__)
IDLE_TIMEOUT_SECONDS = 120.0
WAIT_DELIVERIES_SECONDS = 30.0  # default of --wait-deliveries
DROPPED = "not delivered: this replay's state was temporary (use --data-dir to keep it)"


async def replay(
    directory: Path,
    settings: Settings,
    *,
    as_json: bool,
    fresh: bool,
    wait_deliveries: float = WAIT_DELIVERIES_SECONDS,
) -> int:
    items = load_manifest(directory)
    with tempfile.TemporaryDirectory(prefix="readoutwatch-replay-") as tmp:
        if fresh:
            settings = settings.model_copy(update={"data_dir": Path(tmp)})
        # replay prints the alerts itself; the console output would say each one twice
        quiet = settings.output.model_copy(update={"console": False})
        settings = settings.model_copy(update={"output": quiet})
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        alerts, deliveries = await until_fatal(_run(items, settings, wait_deliveries))
    for alert in alerts:
        if as_json:
            print(json.dumps(alert.public_json(), ensure_ascii=False), flush=True)
        else:
            names = " – ".join(f"{p.name} ({p.country})" for p in alert.participants)
            silence = f", {alert.silence_days} days of silence" if alert.silence_days else ""
            print(f"{alert.date} {alert.type}: {names}, {alert.kind}{silence}", flush=True)
    print(f"replayed {len(items)} articles, {len(alerts)} alerts", file=sys.stderr)
    later = DROPPED if fresh else delivery_summary.LATER
    for line in delivery_summary.lines(deliveries, later):
        print(line, file=sys.stderr)
    lost = fresh and any(summary.pending for summary in deliveries)
    return 1 if delivery_summary.any_failed(deliveries) or lost else 0


async def _run(
    items: list[ReplayItem], settings: Settings, wait_deliveries: float
) -> tuple[list[AlertRaised], list[ChannelSummary]]:
    notifier = NotifierService(settings)
    services: list[Service] = [ExtractorService(settings), notifier]
    async with nats_url(settings) as url, running(settings, services, url, http=False) as broker:
        nc = await connect_client(url, settings.nats)
        try:
            js = nc.jetstream()
            started = utc_now()
            for n, item in enumerate(items, 1):
                article = to_article(item)
                await bus.publish(broker, subjects.ARTICLES, article, article.msg_id())
                await _wait_idle(js, notifier)
                log.info("replay %d/%d: %s", n, len(items), item.path.name)
            alerts = await notifier.alerts_since(started)
            ids = [alert.alert_id for alert in alerts]
            return alerts, await _wait_deliveries(notifier, ids, wait_deliveries)
        finally:
            await nc.close()


async def _wait_idle(js: nats.js.JetStreamContext, notifier: NotifierService) -> None:
    """Wait until both consumers have nothing pending and the notifier's outbox is empty."""
    deadline = time.monotonic() + IDLE_TIMEOUT_SECONDS
    consumers = [
        (subjects.stream_for(subjects.ARTICLES), subjects.EXTRACTOR_DURABLE),
        (subjects.stream_for(subjects.READOUTS), subjects.NOTIFIER_DURABLE),
    ]
    while time.monotonic() < deadline:
        busy = False
        for stream, durable in consumers:
            info = await js.consumer_info(stream, durable)
            busy |= bool(info.num_pending or info.num_ack_pending)
        if not busy and await notifier.outbox_idle():
            return
        await asyncio.sleep(0.05)
    raise ReadoutwatchError(f"pipeline did not become idle within {IDLE_TIMEOUT_SECONDS:.0f}s")


async def _wait_deliveries(
    notifier: NotifierService, alert_ids: list[str], within: float
) -> list[ChannelSummary]:
    """Where the alerts' deliveries stand once none is pending, or after ``within`` seconds."""
    deadline = time.monotonic() + max(within, 0.0)
    while True:
        rows = await notifier.deliveries(alert_ids)
        if not any(row.status == "pending" for row in rows) or time.monotonic() >= deadline:
            return delivery_summary.summarize(rows)
        await asyncio.sleep(0.2)

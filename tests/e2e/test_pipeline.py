"""The whole pipeline for real: a loopback feed and pages -> fetcher -> extractor -> notifier ->
a loopback Slack webhook receiver and a real SMTP server; then a restart that must not re-alert."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import nats
import pytest
from faststream.nats import NatsBroker

from services.composition import build
from services.runtime import running
from shared import bus, subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import ReadoutFound
from shared.settings import Settings, load_settings
from tests.e2e.servers import LoopbackHTTP, LoopbackSMTP

pytestmark = [pytest.mark.nats, pytest.mark.slow]

NEGATIVE = (
    "The United States has been calling for a temporary ceasefire in Gaza, the State "
    "Department spokesman told reporters on Monday. He said the administration would keep "
    "pressing its partners. Markets fell after the company's earnings call."
)


def _page(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}"
        f"</h1>{paras}</article></body></html>"
    ).encode()


def _feed(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{date}</pubDate></item>"
        for path, t, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire'
        f"</title><link>{base}/</link><description>t</description>{entries}</channel></rss>"
    ).encode()


@pytest.fixture
def site(seeds_dir: Path) -> Iterator[LoopbackHTTP]:
    server = LoopbackHTTP().start()
    items = [
        (
            "/news/biden-netanyahu",
            "Biden spoke with Netanyahu",
            "Mon, 06 Nov 2023 18:00:00 GMT",
            "004_880a6be3ca6f232c.txt",
        ),
        (
            "/news/harris-herzog",
            "Herzog to Harris",
            "Wed, 08 Nov 2023 09:00:00 GMT",
            "001_12e3cf4330d89de8.txt",
        ),
        ("/news/ceasefire", "US keeps calling for a pause", "Wed, 08 Nov 2023 10:00:00 GMT", None),
    ]
    for path, title, _date, seed in items:
        text = (seeds_dir / seed).read_text(encoding="utf-8") if seed else NEGATIVE
        server.routes[path] = (200, "text/html; charset=utf-8", _page(title, text))
    feed = _feed(server.base, [(p, t, d) for p, t, d, _ in items])
    server.routes["/feed.xml"] = (200, "application/rss+xml", feed)
    yield server
    server.stop()


@pytest.fixture
def smtp() -> Iterator[LoopbackSMTP]:
    server = LoopbackSMTP().start()
    yield server
    server.stop()


def _settings(tmp_path: Path, site: LoopbackHTTP, smtp: LoopbackSMTP, nats_url: str) -> Settings:
    path = tmp_path / "readoutwatch.toml"
    path.write_text(
        f"""
data_dir = "{tmp_path / "data"}"
[nats]
url = "{nats_url}"
max_deliver = 3
[fetcher]
allow_private_networks = true
backfill = true
[[sources]]
url = "{site.base}/feed.xml"
every = "1s"
[http]
port = -1
[[subscriptions]]
name = "desk"
slack_webhook = "{site.base}/slack/hook"
email = ["desk@example.org"]
[smtp]
host = "127.0.0.1"
port = {smtp.port}
from = "readoutwatch@example.org"
""",
        encoding="utf-8",
    )
    return load_settings(path)


async def _until(predicate: object, within: float = 60.0) -> None:
    assert callable(predicate)
    deadline = asyncio.get_running_loop().time() + within
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the pipeline")
        await asyncio.sleep(0.1)


async def test_feed_to_slack_and_email_then_restart_without_realerting(
    tmp_path: Path, site: LoopbackHTTP, smtp: LoopbackSMTP, unique: str
) -> None:
    # Subjects and durables are fixed names, so this test owns a fresh nats-server: its
    # consumers must start empty, whatever other tests left on the session server.
    server = EmbeddedNats(tmp_path / "nats").start()
    try:
        settings = _settings(tmp_path, site, smtp, server.url)
        async with running(
            settings, build(settings, ["fetcher", "extractor", "notifier"]), server.url, http=False
        ):
            await _until(lambda: len(site.posts("/slack/hook")) >= 2 and len(smtp.messages) >= 2)
            await asyncio.sleep(2)  # any extra (wrong) alert would arrive in this window

        slack = [json.loads(r.body) for r in site.posts("/slack/hook")]
        assert len(slack) == 2, slack
        text = json.dumps(slack)
        assert "Joe Biden" in text and "Benjamin Netanyahu" in text
        assert "Kamala Harris" in text and "Isaac Herzog" in text
        assert all("blocks" in message for message in slack)
        assert len(smtp.messages) == 2
        rcpts, mail = smtp.messages[0]
        assert rcpts == ["desk@example.org"]
        assert {part.get_content_type() for part in mail.walk()} >= {"text/plain", "text/html"}
        jsonl = (settings.data_dir / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(x)["type"] for x in jsonl] == ["new_contact", "new_contact"]

        # Restart on the same broker and database: the fetcher publishes nothing old, and the
        # same readout arriving again (a re-publish outside the duplicate window) alerts no one.
        async with running(
            settings, build(settings, ["fetcher", "extractor", "notifier"]), server.url, http=False
        ) as broker:
            await asyncio.sleep(3)
            posts_before = len(site.posts("/slack/hook"))
            await _republish_last_readout(broker, server.url, unique)
            await asyncio.sleep(3)
        assert len(site.posts("/slack/hook")) == posts_before == 2
        assert len(smtp.messages) == 2
    finally:
        server.stop()


async def _republish_last_readout(broker: NatsBroker, url: str, unique: str) -> None:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        stream = subjects.stream_for(subjects.READOUTS)
        last = (await js.stream_info(stream)).state.last_seq
        msg = await js.get_msg(stream, last)
        readout = ReadoutFound.model_validate_json(msg.data or b"{}")
    finally:
        await nc.close()
    await bus.publish(broker, subjects.READOUTS, readout, f"again-{unique}")

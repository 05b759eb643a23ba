"""One real `readoutwatch run` with secrets everywhere (NATS password from a file, SMTP password
from the environment, Slack and webhook URLs in the TOML, and, when the test machine's
PostgreSQL answers, a database URL with a password from a file), at DEBUG, until an alert has
reached Slack, the webhook and the mailbox; then its logs are read.

``Settings.secrets()`` must name every one of those secrets, none may appear in the logs (the
database URL shows up there with its password masked); every line must be JSON; lines about an
article or an alert carry its URL or alert id as fields; /metrics shows the consumers' lag.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from shared.natsserver import EmbeddedNats, free_port
from shared.settings import load_settings, shown_database_url
from tests.cluster.procs import reap
from tests.e2e.servers import LoopbackHTTP
from tests.pg import PG_URL, postgres_answers

pytestmark = [pytest.mark.nats, pytest.mark.slow]


@dataclass
class Run:
    stderr: str
    stdout: str
    secrets: list[str]
    settings_secrets: list[str]  # what Settings.secrets() of the run's configuration lists
    database_url: str
    metrics: str
    smtp_logins: list[tuple[bytes, bytes]]


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content)
        return "250 OK"


def _until(done: Callable[[], bool], proc: subprocess.Popen[bytes], within: float = 90) -> None:
    deadline = time.monotonic() + within
    while not done():
        assert proc.poll() is None, "readoutwatch run exited early"
        assert time.monotonic() < deadline, "timed out waiting for the run"
        time.sleep(0.2)


def _site(seeds_dir: Path) -> LoopbackHTTP:
    site = LoopbackHTTP().start()
    text = (seeds_dir / "004_880a6be3ca6f232c.txt").read_text(encoding="utf-8")
    page = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    site.routes["/news/call"] = (200, "text/html", f"<html><body>{page}</body></html>".encode())
    # Published today: the text's "Monday" is then recent enough to alert, not mere history.
    now = format_datetime(dt.datetime.now(dt.UTC), usegmt=True)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<link>{site.base}/</link><description>t</description><item><title>Biden spoke with "
        f"Netanyahu</title><link>{site.base}/news/call</link><guid>{site.base}/news/call</guid>"
        f"<pubDate>{now}</pubDate></item></channel></rss>"
    )
    site.routes["/feed.xml"] = (200, "application/rss+xml", feed.encode())
    return site


def _config(
    tmp: Path, nats_url: str, base: str, smtp_port: int, http_port: int, slack: str, hook: str
) -> Path:
    """The run's TOML: every secret but the Slack and webhook URLs comes from elsewhere."""
    path = tmp / "readoutwatch.toml"
    path.write_text(
        f"""
data_dir = "{tmp / "data"}"
log_level = "DEBUG"
[nats]
url = "{nats_url}"
user = "rw"
[fetcher]
allow_private_networks = true
backfill = true
[[sources]]
url = "{base}/feed.xml"
every = "1s"
[http]
port = {http_port}
[output]
console = false
[[subscriptions]]
name = "desk"
slack_webhook = "{base}{slack}"
webhook = "{base}{hook}"
email = ["desk@example.org"]
[smtp]
host = "127.0.0.1"
port = {smtp_port}
username = "mailer"
from = "readoutwatch@example.org"
""",
        encoding="utf-8",
    )
    return path


@contextmanager
def _database(tag: str, password: str) -> Iterator[str]:
    """A fresh PostgreSQL database (URL with ``password``), or SQLite when none answers.

    The test machine's PostgreSQL trusts local connections, so the password is configured and
    sent but not checked: what is tested is that it never reaches a log.
    """
    if not postgres_answers():
        yield ""
        return
    name = f"rwlogs_{tag}"
    admin = PG_URL.replace("+asyncpg", "")

    async def sql(statement: str) -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(sql(f"CREATE DATABASE {name}"))
    try:
        yield f"postgresql+asyncpg://postgres:{password}@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Run:
    tmp = tmp_path_factory.mktemp("run")
    tag = uuid.uuid4().hex[:12]
    nats_password, smtp_password, db_password = f"natspw{tag}", f"smtppw{tag}", f"dbpw{tag}"
    slack_path, hook_path = f"/services/T0/B0/slacktok{tag}", f"/hooks/whk{tag}"
    logins: list[tuple[bytes, bytes]] = []

    def authenticate(*args: Any) -> AuthResult:
        data = args[-1]
        if isinstance(data, LoginPassword):
            logins.append((data.login, data.password))
        return AuthResult(success=isinstance(data, LoginPassword))

    site = _site(seeds_dir)
    inbox = _Mailbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                      authenticator=authenticate, auth_require_tls=False)  # fmt: skip
    smtp.start()
    cleanup = ExitStack()
    database_url = cleanup.enter_context(_database(tag, db_password))
    broker = EmbeddedNats(tmp / "nats", extra_args=["--user", "rw", "--pass", nats_password])
    broker.start()
    (tmp / "nats_password").write_text(nats_password + "\n", encoding="utf-8")
    http_port = free_port()
    config = _config(tmp, broker.url, site.base, smtp.port, http_port, slack_path, hook_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    env["READOUTWATCH_NATS_PASSWORD_FILE"] = str(tmp / "nats_password")
    env["READOUTWATCH_SMTP_PASSWORD"] = smtp_password
    if database_url:
        (tmp / "database_url").write_text(database_url + "\n", encoding="utf-8")
        env["READOUTWATCH_DATABASE_URL_FILE"] = str(tmp / "database_url")
    with pytest.MonkeyPatch.context() as mp:  # the run's configuration, read the run's way
        for name in [n for n in os.environ if n.startswith("READOUTWATCH_")]:
            mp.delenv(name)
        for name, value in env.items():
            if name.startswith("READOUTWATCH_"):
                mp.setenv(name, value)
        settings = load_settings(config)
    with open(tmp / "stderr", "wb") as err, open(tmp / "stdout", "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "run", "--config", str(config)],
            stdout=out,
            stderr=err,
            env=env,
        )
    metrics = ""
    try:
        _until(lambda: bool(site.posts(slack_path) and site.posts(hook_path)), proc)
        _until(lambda: bool(inbox.messages), proc)

        def lag_shown() -> bool:
            nonlocal metrics
            metrics = httpx.get(f"http://127.0.0.1:{http_port}/metrics", timeout=5).text
            return 'readoutwatch_consumer_pending{consumer="notifier"}' in metrics

        _until(lag_shown, proc)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        reap(proc)
        broker.stop()
        cleanup.close()
        smtp.stop()
        site.stop()
    secrets = [nats_password, smtp_password, slack_path, hook_path, f"slacktok{tag}"]
    return Run(
        stderr=(tmp / "stderr").read_text(encoding="utf-8"),
        stdout=(tmp / "stdout").read_text(encoding="utf-8"),
        secrets=secrets + ([db_password] if database_url else []),
        settings_secrets=settings.secrets(),
        database_url=settings.database_url,
        metrics=metrics,
        smtp_logins=logins,
    )


def test_the_secrets_were_used(run: Run) -> None:
    assert (b"mailer", run.secrets[1].encode()) in run.smtp_logins


def test_settings_name_every_secret_of_the_run(run: Run) -> None:
    # What the product itself treats as secret (placeholder check, redaction) covers them all.
    for secret in run.secrets:
        assert any(secret in known for known in run.settings_secrets), f"{secret[:6]}… missed"


def test_the_database_url_is_logged_with_its_password_masked(run: Run) -> None:
    assert f"database {shown_database_url(run.database_url)}" in run.stderr
    if run.database_url.startswith("postgresql"):
        assert "postgres:***@127.0.0.1:5432" in run.stderr
    else:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432: the run used SQLite, no password")


def test_no_secret_appears_in_any_log(run: Run) -> None:
    # Guard against a vacuous pass: the run must have logged its fetch, extraction and alert.
    for expected in ('"logger": "services.fetcher', '"url": "http', '"alert_id": "al_'):
        assert expected in run.stderr, f"the run never logged {expected}: nothing was checked"
    for secret in run.secrets:
        assert secret not in run.stderr, f"a secret ({secret[:4]}…) is in the logs"
        assert secret not in run.stdout


def test_every_log_line_is_json_and_names_its_article_or_alert(run: Run) -> None:
    lines = [json.loads(line) for line in run.stderr.splitlines() if line.strip()]
    assert all({"ts", "level", "logger", "msg"} <= set(line) for line in lines)
    extracted = [line for line in lines if line["msg"].startswith("extracted ")]
    alerts = [line for line in lines if line["msg"].startswith("alert ")]
    assert extracted and alerts
    assert all(line["url"].endswith("/news/call") for line in extracted)
    assert all(line["alert_id"] and line["alert_id"] in line["msg"] for line in alerts)


def test_metrics_show_each_durable_consumers_lag(run: Run) -> None:
    for consumer in ("extractor", "notifier"):
        line = rf'^readoutwatch_consumer_pending{{consumer="{consumer}"}} \d+\.\d+$'
        assert re.search(line, run.metrics, re.M), run.metrics

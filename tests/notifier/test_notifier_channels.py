"""Each channel against real loopback servers (HTTP, SMTP) or real files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from services.notifier.channels import build_channels, builtin_outputs
from services.notifier.channels.console import ConsoleChannel
from services.notifier.channels.email import EmailChannel
from services.notifier.channels.jsonl import JsonlChannel
from services.notifier.channels.render import one_line
from services.notifier.channels.slack import SlackChannel
from services.notifier.channels.webhook import WebhookChannel
from services.notifier.channels.webpost import open_http
from shared.errors import DeliveryError, PermanentError
from shared.natsserver import free_port
from shared.schemas import AlertParticipant, AlertRaised
from shared.settings import Settings, SmtpSettings
from tests.notifier.servers import HttpServer, SmtpServer

SOURCE = "https://www.jns.org/biden-netanyahu-talk-for-first-time-since-dec-23/"
ALERT = AlertRaised(
    alert_id="al_0123456789abcdef01234567",
    type="silence_ended",
    date="2024-01-19",  # type: ignore[arg-type]
    kind="call",
    participants=[
        AlertParticipant(name="Joe Biden", country="US", role="President"),
        AlertParticipant(name="Benjamin Netanyahu", country="IL", role="Prime Minister"),
    ],
    silence_days=27,
    previous_contact="2023-12-23",  # type: ignore[arg-type]
    sources=[SOURCE],
)
SECRET_PATH = "/services/T000/B000/s3cr3t"


def test_one_line() -> None:
    assert one_line(ALERT) == (
        "2024-01-19 silence_ended: Joe Biden (US) – Benjamin Netanyahu (IL), call, "
        f"first in 27 days [{SOURCE}]"
    )
    new = ALERT.model_copy(update={"type": "new_contact", "silence_days": None, "sources": []})
    assert one_line(new).endswith("call, first known contact")


async def test_console_writes_one_line_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    await ConsoleChannel().send(ALERT, "_output", "")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == one_line(ALERT) + "\n"


async def test_jsonl_appends_public_json(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "alerts.jsonl"
    channel = JsonlChannel(path)
    await channel.send(ALERT, "_output", "")
    await channel.send(ALERT, "_output", "")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [ALERT.public_json()] * 2


async def test_slack_posts_block_kit(
    http_server: HttpServer, http_client: aiohttp.ClientSession
) -> None:
    hooks = {"desk": SecretStr(http_server.url + SECRET_PATH)}
    await SlackChannel(http_client, hooks).send(ALERT, "desk", "")
    (request,) = http_server.requests
    assert (request.method, request.path) == ("POST", SECRET_PATH)
    body = request.json()
    assert body["text"] == one_line(ALERT)
    header, section, sources, context = body["blocks"]
    assert header["text"]["text"] == "Silence ended: Joe Biden – Benjamin Netanyahu"
    fields = [f["text"] for f in section["fields"]]
    assert fields[0] == (
        "*Participants*\nJoe Biden (US), President\nBenjamin Netanyahu (IL), Prime Minister"
    )
    assert fields[1:] == [
        "*Kind*\ncall",
        "*Date*\n2024-01-19",
        "*Silence*\n27 days (previous 2023-12-23)",
    ]
    assert sources["text"]["text"] == f"*Sources*\n<{SOURCE}|www.jns.org>"
    assert ALERT.alert_id in context["elements"][0]["text"]


async def test_slack_failure_is_a_delivery_error_that_hides_the_url(
    http_server: HttpServer, http_client: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    http_server.fail(1, status=500)
    url = http_server.url + SECRET_PATH
    channel = SlackChannel(http_client, {"desk": SecretStr(url)})
    with pytest.raises(DeliveryError, match=r"subscription 'desk': HTTP 500") as info:
        await channel.send(ALERT, "desk", "")
    assert SECRET_PATH not in str(info.value)
    dead = SlackChannel(
        http_client, {"desk": SecretStr(f"http://127.0.0.1:{free_port()}{SECRET_PATH}")}
    )
    with pytest.raises(DeliveryError, match="ClientConnectorError") as info:
        await dead.send(ALERT, "desk", "")
    assert SECRET_PATH not in str(info.value)
    with pytest.raises(PermanentError, match="'gone' has no slack_webhook"):
        await channel.send(ALERT, "gone", "")
    assert all(
        SECRET_PATH not in r.getMessage()
        for r in caplog.records
        if not r.name.startswith("aiohttp")
    )


async def test_webhook_redirect_is_not_followed(
    http_server: HttpServer, http_client: aiohttp.ClientSession
) -> None:
    http_server.location = http_server.url + "/elsewhere"
    http_server.fail(1, status=302)
    channel = WebhookChannel(http_client, {"ops": SecretStr(http_server.url + SECRET_PATH)})
    with pytest.raises(DeliveryError, match="HTTP 302") as info:
        await channel.send(ALERT, "ops", "")
    assert [r.path for r in http_server.requests] == [SECRET_PATH]
    assert SECRET_PATH not in str(info.value)


async def test_webhook_timeout_is_a_delivery_error(http_server: HttpServer) -> None:
    http_server.hang = True
    url = http_server.url + SECRET_PATH
    async with open_http(total=0.5) as client:
        with pytest.raises(DeliveryError, match="TimeoutError") as info:
            await WebhookChannel(client, {"ops": SecretStr(url)}).send(ALERT, "ops", "")
    assert SECRET_PATH not in str(info.value)


async def test_webhook_posts_public_json(
    http_server: HttpServer, http_client: aiohttp.ClientSession
) -> None:
    channel = WebhookChannel(http_client, {"ops": SecretStr(http_server.url + "/hook")})
    await channel.send(ALERT, "ops", "")
    (request,) = http_server.requests
    assert request.json() == ALERT.public_json()
    assert request.headers["idempotency-key"] == ALERT.alert_id
    http_server.fail(1, status=404)
    with pytest.raises(DeliveryError, match="HTTP 404"):
        await channel.send(ALERT, "ops", "")


async def test_email_has_text_and_html_and_a_stable_message_id(smtp_server: SmtpServer) -> None:
    smtp = SmtpSettings.model_validate(
        {"host": "127.0.0.1", "port": smtp_server.port, "from": "watch@example.org"}
    )
    channel = EmailChannel(smtp)
    await channel.send(ALERT, "desk", "desk@example.org")
    await channel.send(ALERT, "desk", "desk@example.org")
    (env1, msg1), (_, msg2) = smtp_server.messages
    assert env1.mail_from == "watch@example.org"
    assert env1.rcpt_tos == ["desk@example.org"]
    assert msg1["Message-ID"] == msg2["Message-ID"] == f"<{ALERT.alert_id}@example.org>"
    assert msg1["To"] == "desk@example.org"
    assert msg1["Subject"] == (
        "[readoutwatch] Silence ended: Joe Biden – Benjamin Netanyahu"
        " (2024-01-19, first in 27 days)"
    )
    assert msg1.get_content_type() == "multipart/alternative"
    plain = msg1.get_body(("plain",))
    rich = msg1.get_body(("html",))
    assert plain is not None and rich is not None
    assert "first in 27 days" in plain.get_content()
    assert SOURCE in plain.get_content()
    assert f'<a href="{SOURCE}">' in rich.get_content()
    assert "Benjamin Netanyahu (IL), Prime Minister" in rich.get_content()


async def test_email_to_a_dead_server_is_a_delivery_error() -> None:
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), timeout_seconds=2)
    with pytest.raises(DeliveryError, match="ConnectionRefusedError"):
        await EmailChannel(smtp).send(ALERT, "desk", "desk@example.org")


async def test_build_channels(tmp_path: Path, http_client: aiohttp.ClientSession) -> None:
    settings = Settings.model_validate(
        {
            "data_dir": tmp_path,
            "output": {"console": False},
            "subscriptions": [
                {"name": "desk", "slack_webhook": "https://hooks.example/a", "email": ["a@x.org"]}
            ],
        }
    )
    channels = build_channels(settings, http_client)
    assert set(channels) == {"console", "jsonl", "slack", "webhook", "email"}
    assert builtin_outputs(settings) == ["jsonl"]
    jsonl = channels["jsonl"]
    assert isinstance(jsonl, JsonlChannel) and jsonl.path == tmp_path / "alerts.jsonl"

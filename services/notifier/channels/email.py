"""E-mail: a plain-text and HTML message over SMTP (smtplib in a worker thread).

The Message-ID derives from the alert id, so a retried delivery is recognisably the same mail.
"""

from __future__ import annotations

import asyncio
import html
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from services.notifier.channels.render import (
    headline,
    kind_text,
    participants_text,
    silence_text,
)
from shared.errors import DeliveryError
from shared.schemas import AlertRaised
from shared.settings import SmtpSettings


def message_id(alert: AlertRaised, sender: str) -> str:
    domain = sender.rpartition("@")[2] or "readoutwatch"
    return f"<{alert.alert_id}@{domain}>"


def build_message(alert: AlertRaised, *, sender: str, recipient: str) -> EmailMessage:
    date = alert.date.isoformat() if alert.date else "unknown date"
    lines = [
        headline(alert),
        "",
        f"Participants: {participants_text(alert)}",
        f"Kind: {kind_text(alert)}",
        f"Date: {date}",
        f"Silence: {silence_text(alert)}"
        + (f" (previous contact {alert.previous_contact})" if alert.previous_contact else ""),
        "",
        "Sources:",
        *(f"  {url}" for url in alert.sources),
    ]
    people = "".join(
        f"<li>{html.escape(p.name)} ({html.escape(p.country or '?')})"
        + (f", {html.escape(p.role)}" if p.role else "")
        + "</li>"
        for p in alert.participants
    )
    links = "".join(
        f'<li><a href="{html.escape(url, quote=True)}">{html.escape(url)}</a></li>'
        for url in alert.sources
    )
    body = (
        f"<html><body><h2>{html.escape(headline(alert))}</h2><ul>{people}</ul>"
        f"<p>{html.escape(kind_text(alert))} on {date}, {html.escape(silence_text(alert))}.</p>"
        f"<p>Sources:</p><ul>{links}</ul></body></html>"
    )
    msg = EmailMessage()
    msg["Subject"] = f"[readoutwatch] {headline(alert)} ({date}, {silence_text(alert)})"
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id(alert, sender)
    msg.set_content("\n".join(lines) + "\n")
    msg.add_alternative(body, subtype="html")
    return msg


class EmailChannel:
    def __init__(self, smtp: SmtpSettings) -> None:
        self._smtp = smtp

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        msg = build_message(alert, sender=self._smtp.from_, recipient=target)
        try:
            await asyncio.to_thread(self._send_sync, msg, target)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(
                f"e-mail to {target} for subscription {subscription!r} via "
                f"{self._smtp.host}:{self._smtp.port}: {type(exc).__name__}: {exc}"
            ) from exc

    def _send_sync(self, msg: EmailMessage, recipient: str) -> None:
        s = self._smtp
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if s.ssl:
            client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_seconds, context=context)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
        with client:
            if s.starttls and not s.ssl:
                client.starttls(context=context)
            if s.username:
                client.login(s.username, s.password.get_secret_value())
            client.send_message(msg, from_addr=s.from_, to_addrs=[recipient])

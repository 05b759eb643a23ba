"""Human wording of an alert, shared by the console, Slack and e-mail channels."""

from __future__ import annotations

from shared.schemas import AlertRaised

TYPE_TITLES = {
    "new_contact": "New contact",
    "silence_ended": "Silence ended",
    "silence_started": "Silence started",
}


def kind_text(alert: AlertRaised) -> str:
    return (alert.kind or "contact").replace("_", " ")


def person_text(name: str, country: str | None) -> str:
    return f"{name} ({country})" if country else name


def participants_text(alert: AlertRaised) -> str:
    return " – ".join(person_text(p.name, p.country) for p in alert.participants)


def silence_text(alert: AlertRaised) -> str:
    """'first in 27 days', '5 days after the previous one', 'no contact for 22 days', or
    'first known contact'."""
    if alert.type == "silence_started":
        since = f" since {alert.previous_contact}" if alert.previous_contact else ""
        return f"no contact for {alert.silence_days} days{since}"
    if alert.silence_days is None:
        return "first known contact"
    if alert.type == "silence_ended":
        return f"first in {alert.silence_days} days"
    days = "day" if alert.silence_days == 1 else "days"
    return f"{alert.silence_days} {days} after the previous one"


def headline(alert: AlertRaised) -> str:
    names = " – ".join(p.name for p in alert.participants)
    return f"{TYPE_TITLES.get(alert.type, alert.type)}: {names}"


def one_line(alert: AlertRaised) -> str:
    """'2024-01-19 silence_ended: Joe Biden (US) – Benjamin Netanyahu (IL), call, first in 27
    days [https://…]'."""
    date = alert.date.isoformat() if alert.date else "undated"
    line = f"{date} {alert.type}: {participants_text(alert)}, {kind_text(alert)}, "
    line += silence_text(alert)
    if alert.sources:
        line += f" [{' '.join(alert.sources)}]"
    return line

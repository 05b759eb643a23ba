"""Configuration: the TOML shape of CONTRACTS.md, env overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.errors import ConfigError
from shared.settings import database_secrets, load_settings, parse_duration, shown_database_url

EXAMPLE = Path(__file__).resolve().parent.parent / "deploy" / "readoutwatch.example.toml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("READOUTWATCH_NATS_URL", "READOUTWATCH_DATA_DIR"):
        monkeypatch.delenv(key, raising=False)
    settings = load_settings(None)
    assert settings.nats.url == "" and settings.database.url == ""
    assert settings.alerts.silence_days == 21 and settings.http.port == 8080
    assert settings.database_url.startswith("sqlite+aiosqlite:///")


def test_file_then_env_then_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(
        tmp_path,
        'data_dir = "state"\n[nats]\nurl = "nats://file:1"\n[alerts]\nsilence_days = 30\n'
        "[fetcher]\nallow_private_networks = false\n"
        '[[sources]]\nurl = "https://example.org/feed"\nevery = "90s"\n'
        '[smtp]\nfrom = "desk@example.org"\n',
    )
    monkeypatch.setenv("READOUTWATCH_NATS_URL", "nats://env:2")
    monkeypatch.setenv("READOUTWATCH_FETCHER_ALLOW_PRIVATE_NETWORKS", "true")
    monkeypatch.setenv("READOUTWATCH_ALERTS_SILENCE_DAYS", "14")
    settings = load_settings(path, alerts__silence_days=7)
    assert settings.data_dir == Path("state")
    assert settings.nats.url == "nats://env:2"
    assert settings.fetcher.allow_private_networks is True
    assert settings.alerts.silence_days == 7
    assert settings.sources[0].interval_seconds == 90
    assert settings.smtp.from_ == "desk@example.org"


def test_example_file_is_valid_and_documents_every_section() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    settings = load_settings(EXAMPLE)
    assert settings.sources and settings.subscriptions
    for section in (
        "[nats]",
        "[database]",
        "[fetcher]",
        "[[sources]]",
        "[alerts]",
        "[http]",
        "[[subscriptions]]",
        "[smtp]",
    ):
        assert section in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nats\nurl=1", "not valid TOML"),
        ("[alerts]\nsilence_days = 'x'\n", "alerts.silence_days"),
        ("[nats]\nnope = 1\n", "nats.nope"),
        ('[[sources]]\nurl = "u"\nevery = "5 minutes"\n', "sources.0.every"),
        (
            '[[subscriptions]]\nname = "d"\nslack_webhook = "https://hooks/T/B/XXXX"\n',
            "placeholder",
        ),
    ],
)
def test_bad_configuration_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(_write(tmp_path, text))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml")


def test_durations() -> None:
    assert parse_duration("5m") == 300 and parse_duration("1h30m") == 5400
    assert parse_duration("2d") == 172800 and parse_duration("45") == 45
    with pytest.raises(ValueError):
        parse_duration("5 minutes")


@pytest.mark.parametrize(
    ("url", "secrets", "shown"),
    [
        ("postgresql+asyncpg://rw:pw-3f9a@db:5432/rw", ["pw-3f9a"],
         "postgresql+asyncpg://rw:***@db:5432/rw"),
        # Percent-encoded in the URL, decoded by the driver: either form must stay out of logs.
        ("postgresql+asyncpg://rw:p%40ss-71@db/rw", ["p%40ss-71", "p@ss-71"],
         "postgresql+asyncpg://rw:***@db/rw"),
        ("postgresql+asyncpg://rw@db/rw", [], "postgresql+asyncpg://rw@db/rw"),
        ("sqlite+aiosqlite:////var/lib/rw/rw.db", [], "sqlite+aiosqlite:////var/lib/rw/rw.db"),
    ],
)  # fmt: skip
def test_the_database_password_is_a_secret_and_logged_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, secrets: list[str], shown: str
) -> None:
    monkeypatch.delenv("READOUTWATCH_DATABASE_URL", raising=False)
    (tmp_path / "db_url").write_text(url + "\n", encoding="utf-8")
    from_file = f'[database]\nurl_file = "{tmp_path / "db_url"}"\n'
    for text in (f'[database]\nurl = "{url}"\n', from_file):
        settings = load_settings(_write(tmp_path, text))
        assert sorted(settings.secrets()) == secrets
    assert shown_database_url(url) == shown
    assert database_secrets("not a url at all") == ["not a url at all"]


def test_a_placeholder_database_password_is_refused(tmp_path: Path) -> None:
    text = '[database]\nurl = "postgresql+asyncpg://rw:changeme@db/rw"\n'
    with pytest.raises(ConfigError, match="placeholder"):
        load_settings(_write(tmp_path, text))

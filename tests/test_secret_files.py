"""Secrets read from files (`<key>_file` in the TOML, READOUTWATCH_<SECTION>_<KEY>_FILE in the
environment), and the [nats] rules that keep credentials unambiguous."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shared.errors import ConfigError
from shared.settings import load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("READOUTWATCH_"):
            monkeypatch.delenv(name)


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "readoutwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_and_environment_name_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "hook").write_text("https://hooks.example.org/T1/B1/abc\n", encoding="utf-8")
    (tmp_path / "smtp").write_text("  s3cret-smtp\n", encoding="utf-8")
    (tmp_path / "nats").write_text("s3cret-nats", encoding="utf-8")
    monkeypatch.setenv("READOUTWATCH_SMTP_PASSWORD_FILE", str(tmp_path / "smtp"))
    monkeypatch.setenv("READOUTWATCH_NATS_USER", "rw")
    monkeypatch.setenv("READOUTWATCH_NATS_PASSWORD_FILE", str(tmp_path / "nats"))
    config = _toml(
        tmp_path,
        f'[[subscriptions]]\nname = "desk"\nslack_webhook_file = "{tmp_path / "hook"}"\n'
        '[nats]\ncreds_file = ""\n',  # a real key ending in _file stays what it is
    )
    settings = load_settings(config)
    assert sorted(settings.secrets()) == [
        "https://hooks.example.org/T1/B1/abc",
        "s3cret-nats",
        "s3cret-smtp",
    ]
    assert settings.nats.creds_file == ""


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ('[smtp]\npassword_file = "/nonexistent/pw"\n', {}, "cannot read /nonexistent/pw"),
        ('[smtp]\npassword = "x1"\n', {"READOUTWATCH_SMTP_PASSWORD_FILE": "{pw}"}, "not both"),
        ("[nats]\ntoken_file = '{pw}'\nuser = 'rw'\n", {}, "one way to authenticate"),
        ("[nats]\ntls_cert = '/c.pem'\n", {}, "tls_cert and tls_key go together"),
    ],
)
def test_ambiguous_or_missing_secrets_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, env: dict[str, str], message: str
) -> None:
    (tmp_path / "pw").write_text("x2", encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(pw=tmp_path / "pw"))
    with pytest.raises(ConfigError, match=message):
        load_settings(_toml(tmp_path, toml.format(pw=tmp_path / "pw")))


def test_a_placeholder_read_from_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pw").write_text("changeme\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="placeholder"):
        load_settings(_toml(tmp_path, f'[smtp]\npassword_file = "{tmp_path / "pw"}"\n'))

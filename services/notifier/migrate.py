"""Alembic for the notifier's own tables: ``upgrade_database`` brings a database to the head.

Revisions live in ``migrations/versions`` and the applied one in ``notifier_alembic_version``,
so the fetcher's tables in the same database are neither touched nor compared.  Developers add
a revision with ``python -m services.notifier.migrate revision "what changed"``.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifier.models import metadata
from shared.db import make_engine
from shared.errors import ConfigError, TransientError

VERSION_TABLE = "notifier_alembic_version"
SCRIPT_LOCATION = Path(__file__).with_name("migrations")
_LOCK_ID = int.from_bytes(hashlib.sha256(VERSION_TABLE.encode()).digest()[:8], "big", signed=True)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Only the notifier's tables take part in autogenerate: the fetcher's live alongside."""
    return type_ != "table" or name in metadata.tables


def alembic_config(url: str = "", connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migration_engine(url: str, **engine_kwargs: Any) -> AsyncEngine:
    """An engine whose transactions really cover DDL, so a migration applies whole or not at all.

    SQLite: pysqlite would autocommit each CREATE/ALTER, so the transaction is begun by hand
    (IMMEDIATE: two processes starting at once migrate one after the other), and foreign keys
    are off because a batch migration's table copy would otherwise cascade deletes.
    """
    engine = make_engine(url, **engine_kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _manual_transactions(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            dbapi_conn.cursor().execute("PRAGMA foreign_keys=OFF")

        @event.listens_for(engine.sync_engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class UnversionedSchemaError(ConfigError):
    """The notifier's tables exist but no migration ever ran: made by ``create_all`` before."""


def _upgrade(connection: Connection, revision: str) -> None:
    if connection.dialect.name == "postgresql":
        # one migrator at a time; the others then find the schema at the head already
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    found = inspect(connection)
    if not found.has_table(VERSION_TABLE) and found.has_table("contacts"):
        raise UnversionedSchemaError(
            "the notifier's tables predate its migrations (no notifier_alembic_version): "
            "drop them, or delete the SQLite file, and start again"
        )
    command.upgrade(alembic_config(connection=connection), revision)


async def upgrade_database(url: str, revision: str = "head", **engine_kwargs: Any) -> None:
    """Apply every migration up to ``revision``; database trouble raises ``TransientError``.

    ``engine_kwargs`` go to ``create_async_engine`` (tests pass a PostgreSQL search path).
    """
    engine = migration_engine(url, **engine_kwargs)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_upgrade, revision)
    except SQLAlchemyError as exc:
        where = make_url(url).render_as_string(hide_password=True)
        raise TransientError(f"cannot migrate the notifier database {where}: {exc}") from exc
    finally:
        await engine.dispose()


def _new_revision(message: str) -> None:
    """Autogenerate a revision against a scratch SQLite database at the current head."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'scratch.db'}"
        asyncio.run(upgrade_database(url))
        command.revision(alembic_config(url), message=message, autogenerate=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "revision":
        _new_revision(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "upgrade":
        asyncio.run(upgrade_database(sys.argv[2]))
    else:
        sys.exit('usage: python -m services.notifier.migrate revision "message" | upgrade URL')

"""Alembic migrations: the migrated schema is the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from services.notifier import migrate
from services.notifier.migrate import (
    VERSION_TABLE,
    UnversionedSchemaError,
    alembic_config,
    upgrade_database,
)
from services.notifier.models import metadata
from tests.notifier.conftest import Database


def _diff(conn: Connection) -> list[Any]:
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "include_name": migrate.include_name,
            "version_table": VERSION_TABLE,
        },
    )
    return list(compare_metadata(context, metadata))


async def test_migrated_schema_equals_the_models(database: Database) -> None:
    """`database` ran upgrade_database; autogenerate must find nothing left to do."""
    async with database.engine().connect() as conn:
        assert await conn.run_sync(_diff) == []
        version = (await conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))).all()
        tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert version == [(head,)]
    assert tables == {*metadata.tables, VERSION_TABLE}  # no default "alembic_version" either


async def test_upgrade_again_and_at_once_is_harmless(database: Database) -> None:
    """Replicas starting together each run upgrade_database: one migrates, the rest find it done."""
    await asyncio.gather(*(upgrade_database(database.url, **database.kwargs) for _ in range(3)))
    async with database.engine().connect() as conn:
        assert await conn.run_sync(_diff) == []


async def test_other_services_tables_are_left_alone(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    db = Database(url)
    async with db.engine().begin() as conn:  # what the fetcher keeps in the same database
        await conn.execute(text("CREATE TABLE fetcher_sources (url TEXT PRIMARY KEY)"))
        await conn.execute(text("INSERT INTO fetcher_sources VALUES ('https://a.example/feed')"))
    await upgrade_database(url)
    async with db.engine().connect() as conn:
        assert await conn.run_sync(_diff) == []
        rows = (await conn.execute(text("SELECT url FROM fetcher_sources"))).all()
    assert rows == [("https://a.example/feed",)]
    for engine in db.engines:
        await engine.dispose()


async def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'n.db'}"
    await upgrade_database(url)
    engine = migrate.migration_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(
                lambda c: migrate.command.downgrade(alembic_config(connection=c), "base")
            )
        async with engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert tables == {VERSION_TABLE}
        await upgrade_database(url)
        async with engine.connect() as conn:
            assert await conn.run_sync(_diff) == []
    finally:
        await engine.dispose()


def test_migrations_ship_inside_the_package() -> None:
    """setuptools packages only folders with __init__.py; the revisions must be among them."""
    location = migrate.SCRIPT_LOCATION
    assert location.parent == Path(migrate.__file__).parent
    for folder in (location, location / "versions"):
        assert (folder / "__init__.py").is_file()
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.walk_revisions())
    assert [r.revision for r in revisions][-1] == "0001"
    assert all(Path(r.path).parent == location / "versions" for r in revisions)


async def test_tables_made_before_migrations_are_refused_clearly(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    db = Database(url)
    async with db.engine().begin() as conn:  # what create_all made before there were migrations
        await conn.run_sync(metadata.create_all)
    with pytest.raises(UnversionedSchemaError, match="predate its migrations"):
        await upgrade_database(url)
    for engine in db.engines:
        await engine.dispose()

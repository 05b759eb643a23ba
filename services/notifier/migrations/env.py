"""Alembic environment of the notifier: its own metadata and version table, async engines.

``upgrade_database`` hands over an open connection in ``config.attributes["connection"]``;
run from the ``alembic`` tool instead, the ``sqlalchemy.url`` option is opened here.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection

from services.notifier.migrate import VERSION_TABLE, include_name, migration_engine
from services.notifier.models import UtcDateTime, metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    # UtcDateTime converts at the edge; the column itself is a plain DateTime
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        include_name=include_name,
        compare_type=True,
        render_as_batch=True,  # SQLite alters tables by copying them
        render_item=_render_item,
        **kwargs,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = migration_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run)
    finally:
        await engine.dispose()


config = context.config
given = config.attributes.get("connection")
if context.is_offline_mode():
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif given is not None:
    _run(given)
else:
    asyncio.run(_run_async(config.get_main_option("sqlalchemy.url") or ""))

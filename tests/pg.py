"""The optional PostgreSQL of the test machine: where it is and whether it answers."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from shared.db import make_engine

PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def postgres_answers() -> bool:
    """True when something listens on 127.0.0.1:5432 (PostgreSQL tests skip otherwise)."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


@asynccontextmanager
async def fresh_schema(prefix: str) -> AsyncIterator[dict[str, Any]]:
    """A new schema on the test PostgreSQL for one test (no tables shared between tests),
    dropped afterwards; yields the engine keyword arguments that make it the search path."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield {"connect_args": {"server_settings": {"search_path": schema}}}
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


@asynccontextmanager
async def one_database(
    kind: str, sqlite_file: Path, prefix: str
) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """The URL and engine keyword arguments of one test's database: ``kind`` "sqlite" is a file,
    "postgres" a fresh schema on the test PostgreSQL (the test skips when none answers)."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{sqlite_file}", {}
        return
    if not postgres_answers():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    async with fresh_schema(prefix) as kwargs:
        yield PG_URL, kwargs

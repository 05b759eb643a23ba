"""Hold a SQLite database's write lock from another connection, as a long migration or a
stuck writer in another process would."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path


class WriteLock:
    """``BEGIN EXCLUSIVE`` on ``path`` until ``release()``; readers go on (WAL), writers wait."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    async def acquire(self) -> WriteLock:
        def take() -> sqlite3.Connection:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.isolation_level = None  # we issue BEGIN/ROLLBACK ourselves
            conn.execute("BEGIN EXCLUSIVE")
            return conn

        self._conn = await asyncio.to_thread(take)
        return self

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.execute("ROLLBACK")
            conn.close()


def count_rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

"""The optional PostgreSQL of the test machine: where it is and whether it answers."""

from __future__ import annotations

import socket

PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def postgres_answers() -> bool:
    """True when something listens on 127.0.0.1:5432 (PostgreSQL tests skip otherwise)."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False

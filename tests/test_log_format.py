"""Every line a process writes through logging is one JSON record in our format, whichever
library wrote it: FastStream (which brings its own coloured handler), Python warnings, and an
uncaught exception (one record with the traceback in ``exc``, not a bare traceback)."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import logging, warnings
import faststream  # installs its own coloured stderr handler on the "faststream" logger
from shared.logs import setup_logging
setup_logging("INFO", json_lines=True)
logging.getLogger("faststream.readoutwatch").warning("from faststream")
logging.getLogger("asyncio").error("from asyncio")
warnings.warn("from warnings", UserWarning)
raise RuntimeError("uncaught")
"""


def test_library_lines_warnings_and_uncaught_errors_are_json_records() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "\x1b[" not in result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    by_logger = {record["logger"]: record for record in records}
    assert by_logger["faststream.readoutwatch"]["msg"] == "from faststream"
    assert by_logger["asyncio"]["level"] == "error"
    assert "from warnings" in by_logger["py.warnings"]["msg"]
    crash = by_logger["readoutwatch"]
    assert crash["level"] == "critical" and "RuntimeError: uncaught" in crash["msg"]
    assert "Traceback" in crash["exc"]

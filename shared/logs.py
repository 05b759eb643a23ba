"""Logging set-up: readable lines on a terminal, one JSON object per line otherwise (containers).

Fields given as ``extra={"url": …}`` / ``{"alert_id": …}`` become top-level JSON keys, so a log
search can follow one article or one alert through every service.  URLs that may carry
credentials go through ``redact_url`` (NATS) or ``shared.settings.shown_database_url`` first.

Every line goes through the one handler on the root logger: libraries that bring their own
(FastStream's coloured stderr handler, which does not propagate) are adopted into it by
``adopt_library_loggers``, Python warnings become log records, and an uncaught exception is
logged as one record rather than printed as a bare traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from types import TracebackType

# Attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in data:
                data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(level: str = "INFO", *, json_lines: bool | None = None) -> None:
    if json_lines is None:
        json_lines = not sys.stderr.isatty()
    handler = logging.StreamHandler(sys.stderr)
    if json_lines:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Libraries that narrate every message at INFO: keep them to warnings.
    for noisy in ("faststream", "nats", "httpx", "trafilatura", "htmldate", "aiosqlite", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    adopt_library_loggers()


def adopt_library_loggers() -> None:
    """Route the loggers that libraries gave a console handler of their own through ours.

    FastStream, on import, gives its ``faststream`` logger a coloured stderr handler and stops
    it propagating, so its lines (ours included: the broker logs to ``faststream.readoutwatch``)
    would bypass the JSON format.  Call again after importing such a library.
    """
    for logger in list(logging.root.manager.loggerDict.values()):
        if not isinstance(logger, logging.Logger):
            continue
        console = [
            h
            for h in logger.handlers
            if isinstance(h, logging.StreamHandler) and h.stream in (sys.stderr, sys.stdout)
        ]
        for h in console:
            logger.removeHandler(h)
        if console:
            logger.propagate = True


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    logging.getLogger("readoutwatch").critical(
        "stopped by an unexpected error (%s: %s); please report it with this line",
        kind.__name__,
        exc,
        exc_info=(kind, exc, tb),
    )


def redact_url(url: str) -> str:
    """``url`` fit for a log line: credentials written into it (nats://user:pass@host) hidden."""
    return re.sub(r"(?<=://)[^@/,]*@", "***@", url)

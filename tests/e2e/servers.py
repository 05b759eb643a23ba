"""Real loopback servers for end-to-end tests: an HTTP site/webhook receiver and an SMTP server."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from shared.natsserver import free_port


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LoopbackHTTP:
    """Serves fixed routes (``path -> (status, content type, body)``) and records every request.

    ``post_status`` decides the answer to a POST (a Slack webhook answers 200 "ok"); tests can
    swap it to make the receiver fail for a while.
    """

    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    post_status: Callable[[Recorded], int] = lambda _req: 200
    requests: list[Recorded] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def posts(self, path: str | None = None) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST" and path in (None, r.path)]

    def start(self) -> LoopbackHTTP:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def _record(self) -> Recorded:
                length = int(self.headers.get("Content-Length") or 0)
                req = Recorded(
                    self.command, self.path, dict(self.headers.items()), self.rfile.read(length)
                )
                outer.requests.append(req)
                return req

            def do_GET(self) -> None:
                self._record()
                status, ctype, body = outer.routes.get(self.path, (404, "text/plain", b"no"))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                status = outer.post_status(self._record())
                body = b"ok" if status < 300 else b"error"
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


class LoopbackSMTP:
    """A real SMTP server (aiosmtpd) on a free loopback port that keeps what it receives."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        self.port = free_port()
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[tuple[list[str], Message]]:
        return self.inbox.messages

    def start(self) -> LoopbackSMTP:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

"""Real loopback servers for channel tests: a recording HTTP server and an aiosmtpd SMTP server."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from shared.natsserver import free_port


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HttpServer:
    """Answers every request with the next queued status (200 once the queue is empty)."""

    requests: list[Request] = field(default_factory=list)
    statuses: deque[int] = field(default_factory=deque)
    location: str | None = None  # sent as Location with every answer (a redirect's target)
    hang: bool = False  # read the request, then never answer it
    received: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0
    _server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail(self, times: int, status: int = 500) -> None:
        self.statuses.extend([status] * times)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        method, path, _ = (await reader.readline()).decode().split(" ", 2)
        headers: dict[str, str] = {}
        while (line := (await reader.readline()).decode().strip()) != "":
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.requests.append(Request(method, path, headers, body))
        if self.hang:
            await reader.read()  # until the client gives up and closes the connection
            writer.close()
            return
        status = self.statuses.popleft() if self.statuses else 200
        reply = b"ok" if status < 300 else b"invalid_token"
        location = f"Location: {self.location}\r\n" if self.location else ""
        writer.write(
            f"HTTP/1.1 {status} X\r\nContent-Length: {len(reply)}\r\n{location}"
            f"Connection: close\r\n\r\n".encode()
            + reply
        )
        await writer.drain()
        writer.close()
        self.received.set()


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, EmailMessage]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope, parsed))
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd on a free loopback port, in its own thread."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        self.port = free_port()
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[tuple[Envelope, EmailMessage]]:
        return self.inbox.messages

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

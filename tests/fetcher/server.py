"""A real HTTP server on a free 127.0.0.1 port for fetcher tests, serving scripted routes.

Routes can honour or ignore conditional GET, answer with any status and headers (429/503 with
Retry-After, redirects), hang, or stream a body of any size. Every request is recorded.
"""

from __future__ import annotations

import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    honour_conditional: bool = True  # False: always a full 200, as many servers do
    headers: dict[str, str] = field(default_factory=dict)
    hang_seconds: float = 0.0  # wait this long (or until the server stops) before answering
    stream_bytes: int = 0  # > 0: send this many filler bytes, chunk by chunk, no Content-Length


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float = 0.0  # time.monotonic() on arrival

    @property
    def host(self) -> str:
        return self.headers.get("host", "").rsplit(":", 1)[0]


class LocalServer:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self.scheme = "https" if tls else "http"
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return self.url("")

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """``host`` "localhost" reaches this server under a second host name (limiter key)."""
        return f"{self.scheme}://{host}:{self._httpd.server_address[1]}{path}"

    def route(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve ``body`` at ``path`` (replacing any earlier route); returns the full URL."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        """Requests for ``path`` (query string ignored unless ``path`` has one)."""
        return [r for r in self.requests if path in (r.path, r.path.split("?")[0])]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()


def _make_handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.requests.append(Request(self.path, headers, time.monotonic()))
            route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
            if route is None:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.hang_seconds and server._stopping.wait(route.hang_seconds):
                return
            if route.honour_conditional and self._not_modified(route):
                self._answer(304, self._validators(route), b"")
                return
            headers = {"Content-Type": route.content_type, **self._validators(route)}
            headers.update(route.headers)
            if route.stream_bytes:
                self._stream(route, headers)
            else:
                self._answer(route.status, headers, route.body)

        def _not_modified(self, route: Route) -> bool:
            etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if route.etag and etag:
                return etag == route.etag
            return bool(route.last_modified and since == route.last_modified)

        @staticmethod
        def _validators(route: Route) -> dict[str, str]:
            found = {"ETag": route.etag, "Last-Modified": route.last_modified}
            return {k: v for k, v in found.items() if v}

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, route: Route, headers: dict[str, str]) -> None:
            self.send_response(route.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk, sent = b"<p>" + b"x" * 65533, 0
            try:
                while sent < route.stream_bytes and not server._stopping.is_set():
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:  # the client stopped reading, as it should
                pass

    return Handler

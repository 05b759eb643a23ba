"""A Slack incoming-webhook stand-in, run in a container of its own by tests/containers: every
POST is answered 200 "ok" and kept; GET /posts returns them as JSON ``[{"path", "body"}]``.
Standard library only (it runs on the readoutwatch image's Python); it logs nothing."""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

POSTS: list[dict[str, str]] = []
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with LOCK:
            POSTS.append({"path": self.path, "body": body.decode("utf-8", "replace")})
        self._reply(b"ok", "text/plain")

    def do_GET(self) -> None:
        with LOCK:
            data = json.dumps(POSTS).encode()
        self._reply(data, "application/json")

    def _reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # the path holds the secret
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1])), Handler).serve_forever()

"""A minimal webhook receiver for benchmarks, run in its own process so it never competes with
the code under test for the GIL.

It answers every POST ``200 ok`` at once (HTTP/1.1 keep-alive) and notes when each request had
fully arrived, by its ``X-Readoutwatch-Alert`` header: latencies measured to that instant leave
out the receiver's own time.  ``GET /arrivals`` returns the notes as JSON, ``GET /count`` how
many there are (cheap to poll while waiting).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import time
from multiprocessing.connection import Connection

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"


class _Receiver:
    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                arrived = time.time()
                lines = head.decode("latin-1").split("\r\n")
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                length = int(headers.get("content-length", "0"))
                if length:
                    await reader.readexactly(length)
                    arrived = time.time()
                if lines[0].startswith("GET /"):
                    notes = self.arrivals if lines[0].startswith("GET /arrivals") else None
                    body = json.dumps(len(self.arrivals) if notes is None else notes).encode()
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                else:
                    self.arrivals[headers.get("x-readoutwatch-alert", "")] = arrived
                    writer.write(OK)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def _serve(conn: Connection) -> None:
    receiver = _Receiver()
    server = await asyncio.start_server(receiver.handle, "127.0.0.1", 0)
    conn.send(server.sockets[0].getsockname()[1])
    await asyncio.to_thread(conn.recv)  # anything from the parent: stop
    server.close()


def _main(conn: Connection) -> None:
    asyncio.run(_serve(conn))


class ReceiverProcess:
    """The receiver in a child process: ``url`` once started; ``stop()`` ends it."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_main, args=(child,), daemon=True)
        self._proc.start()
        self.url = f"http://127.0.0.1:{self._conn.recv()}"

    def stop(self) -> None:
        self._conn.send("stop")
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()

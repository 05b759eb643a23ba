"""A feed server for the fetcher benchmark, in its own process so its CPU is not the fetcher's.

Serves ``/feed/<i>`` (RSS 2.0, ``items`` items, ETag per version) and ``/a/<i>/<j>`` (article
pages) over HTTP/1.1 keep-alive on 127.0.0.1. In mode "honour" a matching If-None-Match gets
304; in mode "ignore" every GET gets the full 200, as many servers do. The parent drives it
through a pipe: switch the mode, add an item to a feed, ask when a feed version was first served.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from email.utils import formatdate
from multiprocessing.connection import Connection

PAGE = (
    b"<html><head><title>Readout</title></head><body><article><h1>Readout</h1>"
    + b"<p>The two leaders spoke by phone about regional security.</p>" * 20
    + b"</article></body></html>"
)


class Feeds:
    def __init__(self, count: int, items: int) -> None:
        self.items = items
        self.extra: list[int] = [0] * count  # items added since the start, per feed
        self.bodies: dict[int, tuple[bytes, bytes]] = {}  # feed -> (etag, body), current version
        self.first_served: dict[tuple[int, int], float] = {}
        self.mode = "honour"

    def current(self, i: int, host: bytes) -> tuple[bytes, bytes]:
        if i not in self.bodies:
            self.bodies[i] = (f'"{i}-{self.extra[i]}"'.encode(), self._render(i, host))
        return self.bodies[i]

    def _render(self, i: int, host: bytes) -> bytes:
        newest = self.items + self.extra[i]
        items = []
        for j in range(newest, newest - self.items, -1):
            link = f"http://{host.decode()}/a/{i}/{j}"
            date = formatdate(1705600000 + j * 60, usegmt=True)
            items.append(
                f"<item><title>Feed {i} story {j}</title><link>{link}</link>"
                f"<guid isPermaLink='false'>feed-{i}-story-{j}</guid><pubDate>{date}</pubDate>"
                f"<description>Summary of story {j} of feed {i}: officials met and talked "
                "about trade, security and the next steps of their cooperation.</description>"
                "</item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {i}</title><link>http://{host.decode()}/</link>"
            f"<description>bench</description>{''.join(items)}</channel></rss>"
        ).encode()

    def add(self, i: int) -> str:
        self.extra[i] += 1
        self.bodies.pop(i, None)
        return f'"{i}-{self.extra[i]}"'

    def answer(self, path: str, headers: dict[str, str]) -> bytes:
        parts = path.split("/")
        host = headers.get("host", "127.0.0.1").encode()
        if len(parts) == 3 and parts[1] == "feed" and parts[2].isdigit():
            i = int(parts[2])
            etag, body = self.current(i, host)
            if self.mode == "honour" and headers.get("if-none-match") == etag.decode():
                return b"HTTP/1.1 304 Not Modified\r\nETag: " + etag + b"\r\n\r\n"
            self.first_served.setdefault((i, self.extra[i]), time.time())
            return _ok(body, b"application/rss+xml; charset=utf-8", etag)
        if len(parts) == 4 and parts[1] == "a":
            return _ok(PAGE, b"text/html; charset=utf-8", None)
        return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


def _ok(body: bytes, ctype: bytes, etag: bytes | None) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\n"
    if etag:
        head += b"ETag: " + etag + b"\r\n"
    return head + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body


async def _handle(feeds: Feeds, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            pairs = (line.partition(":") for line in head[1:] if line)
            headers = {k.strip().lower(): v.strip() for k, _, v in pairs}
            writer.write(feeds.answer(head[0].split(" ")[1], headers))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def _serve(conn: Connection, count: int, items: int) -> None:
    feeds = Feeds(count, items)
    server = await asyncio.start_server(lambda r, w: _handle(feeds, r, w), "127.0.0.1", 0)
    conn.send(server.sockets[0].getsockname()[1])
    while True:
        command, arg = await asyncio.to_thread(conn.recv)
        if command == "stop":
            break
        if command == "mode":
            feeds.mode = arg
            conn.send(arg)
        elif command == "add":
            conn.send((feeds.add(arg), time.time()))
        elif command == "served":  # when the newest version of feed `arg` was first served
            conn.send(feeds.first_served.get((arg, feeds.extra[arg])))
    server.close()


def _main(conn: Connection, count: int, items: int) -> None:
    asyncio.run(_serve(conn, count, items))


class FeedServer:
    """The server in a child process; ``port`` once started; a blocking pipe to drive it."""

    def __init__(self, count: int, items: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_main, args=(child, count, items), daemon=True)
        self._proc.start()
        self.port: int = self._conn.recv()

    def call(self, command: str, arg: object = None) -> object:
        self._conn.send((command, arg))
        return self._conn.recv()

    def add(self, feed: int) -> tuple[int, float]:
        """Add an item to ``feed``; returns how many were added to it so far, and when."""
        answer: tuple[str, float] = self.call("add", feed)  # type: ignore[assignment]
        return int(answer[0].strip('"').split("-")[1]), answer[1]

    def served(self, feed: int) -> float:
        """When the newest version of ``feed`` was first served (time.time())."""
        return float(self.call("served", feed))  # type: ignore[arg-type]

    def stop(self) -> None:
        self._conn.send(("stop", None))
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()

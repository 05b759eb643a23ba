"""Content-Encoding from a loopback server: gzip, deflate (both kinds) and brotli are decoded;
bombs stop at max_body_bytes of decoded output; corrupt or unknown codings are source errors."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from services.fetcher.decoding import BodyDecoder
from services.fetcher.http import fetch
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError
from shared.settings import FetcherSettings

from .server import LocalServer

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>' * 50


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        ("br", brotli.compress(FEED)),
        ("gzip", gzip.compress(FEED)),
        ("deflate", zlib.compress(FEED)),
        ("deflate", raw_deflate(FEED)),  # what some servers send for "deflate"
        ("gzip, br", brotli.compress(gzip.compress(FEED))),
    ],
)
async def test_compressed_bodies_are_decoded(
    server: LocalServer,
    client: GuardedClient,
    fetcher_settings: FetcherSettings,
    coding: str,
    body: bytes,
) -> None:
    url = server.route("/feed", body, headers={"Content-Encoding": coding})
    got = await fetch(client, url, fetcher_settings)
    assert got.body == FEED
    assert server.hits("/feed")[0].headers["accept-encoding"] == "gzip, deflate, br"


@pytest.mark.parametrize(
    ("coding", "compress"),
    [("br", lambda b: brotli.compress(b, quality=5)), ("gzip", lambda b: gzip.compress(b, 1))],
)
async def test_a_compression_bomb_stops_at_the_decoded_limit(
    server: LocalServer, client: GuardedClient, coding: str, compress
) -> None:
    bomb = compress(b"\0" * 8_000_000)  # a few kB on the wire
    url = server.route("/bomb", bomb, headers={"Content-Encoding": coding})
    settings = FetcherSettings(allow_private_networks=True, max_body_bytes=1_000_000)
    with pytest.raises(SourceError, match=r"max_body_bytes=1000000 \(decoded\)"):
        await fetch(client, url, settings)


@pytest.mark.parametrize(
    ("coding", "reason"), [("br", "corrupt brotli"), ("gzip", "corrupt"), ("zstd", "unsupported")]
)
async def test_corrupt_or_unknown_coding_is_a_source_error(
    server: LocalServer,
    client: GuardedClient,
    fetcher_settings: FetcherSettings,
    coding: str,
    reason: str,
) -> None:
    url = server.route(
        "/feed", b"this is not compressed at all", headers={"Content-Encoding": coding}
    )
    with pytest.raises(SourceError, match=reason):
        await fetch(client, url, fetcher_settings)


def test_decoder_never_yields_more_than_the_limit_per_chunk() -> None:
    decoder = BodyDecoder("br", limit=1000)
    with pytest.raises(SourceError):
        decoder.feed(brotli.compress(b"a" * 100_000))
    exact = BodyDecoder("gzip", limit=1000)
    assert exact.feed(gzip.compress(b"b" * 1000)) == b"b" * 1000  # the limit itself is fine

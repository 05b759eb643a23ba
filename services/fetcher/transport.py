"""The fetcher's HTTP client: every new connection goes to an address the guard just vetted.

Checking a URL and then letting the client resolve the name again leaves a window for DNS
rebinding (public at check time, 169.254.169.254 at connect time). Here the check is the
resolver itself: aiohttp's connector asks ``GuardedResolver`` for the addresses of a host when
it opens a connection (no DNS cache, so every new connection is looked up and vetted anew) and
connects to exactly those. TLS still uses the URL's host name for SNI and the certificate check.
An IP literal never reaches a resolver, so ``GuardedClient.vet`` checks it before each request.

aiohttp rather than httpx: a poll cycle is mostly one small conditional GET per source, and
aiohttp's C-accelerated client costs a fraction of httpx/httpcore's CPU per request (see
``bench.fetcher_bench``, which measures both). Cookies are not kept (``DummyCookieJar``): no
cookie set by one source is ever sent anywhere; proxies from the environment are not used (they
would resolve names themselves, out of the guard's sight).
"""

from __future__ import annotations

import socket
import ssl
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from services.fetcher.guard import Policy, Resolver, is_ip_literal, vet_addresses
from shared.errors import SourceError
from shared.settings import FetcherSettings

MAX_CONNECTIONS = 64  # at least; the limiter's concurrency bounds requests in flight
# Header lines up to 16 KiB (aiohttp's default is 8 KiB): some sites send cookies that large, and
# a feed must not fail for a header it never reads.
MAX_HEADER_LINE = 16 * 1024
KEEPALIVE_SECONDS = 15.0  # an idle connection is kept this long (article pages of one poll)


class GuardedResolver(AbstractResolver):
    """Resolves and vets a host name; aiohttp then connects to the returned addresses only."""

    def __init__(self, policy: Policy, resolve: Resolver | None = None) -> None:
        self.policy = policy
        self.resolve_name = resolve

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = await vet_addresses(host, port, self.policy, self.resolve_name)
        flags = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": flags,
            }
            for address in addresses
        ]

    async def close(self) -> None:
        return None


class GuardedClient:
    """An ``aiohttp.ClientSession`` whose connector vets every connection (see module doc).

    ``async with GuardedClient(settings) as client`` (or ``await client.aclose()``); the session
    is made on entry, inside the running event loop.
    """

    def __init__(
        self,
        settings: FetcherSettings,
        resolve: Resolver | None = None,
        verify: ssl.SSLContext | bool = True,  # tests pass a context trusting their own CA
        trace_configs: list[aiohttp.TraceConfig] | None = None,
    ) -> None:
        self.settings = settings
        self.policy = Policy.from_settings(
            settings.allow_private_networks, settings.allowed_networks
        )
        self._resolve, self._verify, self._traces = resolve, verify, trace_configs
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = self._new_session()
        return self._session

    def _new_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(self.policy, self._resolve),
            use_dns_cache=False,  # each new connection is resolved and vetted anew
            limit=max(MAX_CONNECTIONS, self.settings.concurrency * 2),
            keepalive_timeout=KEEPALIVE_SECONDS,
            ssl=self._verify,
        )
        timeout = self.settings.timeout_seconds
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=aiohttp.ClientTimeout(total=None, connect=timeout, sock_read=timeout),
            auto_decompress=False,  # bodies are decoded with a bound (decoding.py)
            trust_env=False,
            trace_configs=self._traces,
            max_line_size=MAX_HEADER_LINE,
            max_field_size=MAX_HEADER_LINE,
        )

    async def vet(self, url: str) -> None:
        """Refuse a URL that is not http(s), or whose host is a refused IP literal (names are
        vetted by the resolver when a connection is opened)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"not an http(s) URL: {url}")
        if is_ip_literal(parts.hostname):
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError as exc:
                raise SourceError(f"bad port in {url}") from exc
            await vet_addresses(parts.hostname, port, self.policy)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def __aenter__(self) -> GuardedClient:
        self.session  # noqa: B018 (made now, in the running loop)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

"""The fetcher's HTTP client: every new connection goes to an address the guard just vetted.

Checking a URL and then letting httpx resolve the name again leaves a window for DNS rebinding
(public at check time, 169.254.169.254 at connect time). Here the check moves into the network
backend: the name is resolved once, every address vetted, and the socket opened to one of them.
TLS still uses the URL's host name for SNI and certificate checks (httpcore passes the origin's
host to ``start_tls``), so nothing else changes for HTTPS.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable

import httpcore
import httpx

from services.fetcher.guard import Policy, Resolver, vet_addresses
from shared.settings import FetcherSettings

# Keep-alive for the handful of hosts polled most often; enough for a cycle of many sources.
LIMITS = httpx.Limits(max_connections=64, max_keepalive_connections=16, keepalive_expiry=15)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves and vets the host itself, then connects to a vetted address."""

    def __init__(self, policy: Policy, resolve: Resolver | None = None) -> None:
        self.policy = policy
        self.resolve = resolve
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await vet_addresses(host, port, self.policy, self.resolve)
        error: Exception | None = None
        for address in addresses:  # in resolver order, like a plain connect
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None  # vet_addresses never returns an empty list
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by the fetcher")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a ``GuardedBackend``; proxies are never used (they would resolve
    names themselves, out of the guard's sight)."""

    def __init__(
        self, policy: Policy, resolve: Resolver | None = None, verify: ssl.SSLContext | bool = True
    ) -> None:
        super().__init__(limits=LIMITS, trust_env=False)
        # httpx does not expose httpcore's network_backend, so the pool is rebuilt with it.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=LIMITS.max_connections,
            max_keepalive_connections=LIMITS.max_keepalive_connections,
            keepalive_expiry=LIMITS.keepalive_expiry,
            network_backend=GuardedBackend(policy, resolve),
        )


class GuardedClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` whose transport vets every connection (see module doc)."""

    def __init__(
        self,
        settings: FetcherSettings,
        resolve: Resolver | None = None,
        verify: ssl.SSLContext | bool = True,  # tests pass a context trusting their own CA
    ) -> None:
        policy = Policy.from_settings(settings.allow_private_networks, settings.allowed_networks)
        super().__init__(
            transport=GuardedTransport(policy, resolve, verify),
            timeout=settings.timeout_seconds,
            follow_redirects=False,  # fetch() follows them itself, one limiter slot per hop
            headers={"User-Agent": settings.user_agent},
            trust_env=False,
        )

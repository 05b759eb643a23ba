"""Refuse URLs whose host resolves to a non-public address (SSRF guard for sources and links).

Every address the name resolves to must be globally routable: loopback, private, link-local
(cloud metadata at 169.254.169.254), CGNAT, multicast, reserved and unspecified ranges are refused
unless ``allow_private_networks`` is set or the address is in ``allowed_networks``.
``vet_addresses`` is what the HTTP transport calls at connect time (see ``transport.py``).
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from shared.errors import SourceError, TransientError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]

# Metadata endpoints that are not covered by the ranges above on every cloud.
_METADATA = {ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")}


class BlockedAddressError(SourceError):
    """The URL's host is, or resolves to, an address the fetcher must not reach."""


@dataclass(frozen=True)
class Policy:
    """Which addresses may be reached: public ones, plus ``allowed`` networks (or everything)."""

    allow_private: bool = False
    allowed: tuple[IPNetwork, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, allow_private: bool, networks: Sequence[str] = ()) -> Policy:
        nets = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        return cls(allow_private, nets)

    def permits(self, address: IPAddress) -> bool:
        if self.allow_private or is_public(address):
            return True
        plain = _unmapped(address)
        return any(plain in net or address in net for net in self.allowed)


async def system_resolve(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_public(address: IPAddress) -> bool:
    address = _unmapped(address)
    return address.is_global and not address.is_multicast and address not in _METADATA


@functools.lru_cache(maxsize=4096)
def _literal(host: str) -> str | None:
    """``host`` as a canonical address if it is an IP literal, else None (a name)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def is_ip_literal(host: str) -> bool:
    """Whether ``host`` (as in a URL, IPv6 maybe bracketed) is an address rather than a name."""
    return _literal(host.strip("[]").split("%", 1)[0]) is not None


@functools.lru_cache(maxsize=16384)
def _refused(policy: Policy, text: str) -> str | None:
    """The address if ``policy`` refuses it, else None. Cached: the same few thousand sources'
    addresses come back every cycle, and parsing and range checks are most of a vetting."""
    address = ipaddress.ip_address(text.split("%", 1)[0])  # zone ids ("fe80::1%eth0") aside
    return None if policy.permits(address) else str(address)


async def vet_addresses(
    host: str, port: int, policy: Policy, resolve: Resolver | None = None
) -> list[str]:
    """The addresses to connect to for ``host``; raises BlockedAddressError if any is refused.

    A name that does not resolve raises TransientError (DNS trouble is usually temporary).
    Connecting to exactly these addresses is what closes DNS rebinding: the name is not
    resolved a second time between the check and the connection.
    """
    host = host.strip("[]")
    literal = _literal(host)
    if literal is not None:
        found = [literal]
    else:
        try:
            found = await (resolve or system_resolve)(host, port)
        except (OSError, UnicodeError) as exc:
            raise TransientError(f"cannot resolve {host}: {exc}") from exc
    if not found:
        raise TransientError(f"cannot resolve {host}: no addresses")
    for text in found:
        address = _refused(policy, text)
        if address is not None:
            raise BlockedAddressError(
                f"refused {host}: resolves to non-public address {address} "
                "(set [fetcher] allow_private_networks = true or allowed_networks to allow)"
            )
    return list(dict.fromkeys(found))


async def check_url(
    url: str,
    *,
    allow_private: bool = False,
    resolve: Resolver | None = None,
    policy: Policy | None = None,
) -> None:
    """Raise BlockedAddressError unless every address of the URL's host is permitted."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url}")
    policy = policy or Policy(allow_private)
    if policy.allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise SourceError(f"bad port in {url}") from exc
    await vet_addresses(parts.hostname, port, policy, resolve)

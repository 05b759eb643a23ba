"""Refuse URLs whose host resolves to a non-public address (SSRF guard for sources and links).

Every address the name resolves to must be globally routable: loopback, private, link-local
(cloud metadata at 169.254.169.254), CGNAT, multicast, reserved and unspecified ranges are refused
unless ``allow_private_networks`` is set.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from shared.errors import SourceError, TransientError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

# Metadata endpoints that are not covered by the ranges above on every cloud.
_METADATA = {ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")}


class BlockedAddressError(SourceError):
    """The URL's host is, or resolves to, an address the fetcher must not reach."""


async def system_resolve(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast and address not in _METADATA


async def check_url(
    url: str, *, allow_private: bool = False, resolve: Resolver | None = None
) -> None:
    """Raise BlockedAddressError unless every address of the URL's host is public.

    A name that does not resolve raises TransientError (DNS trouble is usually temporary).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url}")
    if allow_private:
        return
    host = parts.hostname
    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            found = await (resolve or system_resolve)(host, port)
        except (OSError, UnicodeError) as exc:
            raise TransientError(f"cannot resolve {host}: {exc}") from exc
        # Zone ids ("fe80::1%eth0") are not part of the address.
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
    if not addresses:
        raise TransientError(f"cannot resolve {host}: no addresses")
    for address in addresses:
        if not is_public(address):
            raise BlockedAddressError(
                f"refused {host}: resolves to non-public address {address} "
                "(set [fetcher] allow_private_networks = true to allow)"
            )

"""The SSRF guard refuses non-public addresses by default and allows them when configured."""

import pytest

from services.fetcher.guard import BlockedAddressError, check_url
from shared.errors import TransientError


def resolver(*addresses: str):
    async def resolve(host: str, port: int) -> list[str]:
        return list(addresses)

    return resolve


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/feed",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00:ec2::254]/",
    ],
)
async def test_non_public_literals_are_refused_by_default(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="allow_private_networks"):
        await check_url(url)


async def test_loopback_allowed_when_configured() -> None:
    await check_url("http://127.0.0.1:8080/feed", allow_private=True)


async def test_localhost_name_is_resolved_and_refused() -> None:
    with pytest.raises(BlockedAddressError):
        await check_url("http://localhost/feed")


async def test_any_private_address_among_several_refuses() -> None:
    with pytest.raises(BlockedAddressError, match=r"10\.0\.0\.5"):
        await check_url("https://news.example.org/", resolve=resolver("93.184.216.34", "10.0.0.5"))


async def test_public_name_passes() -> None:
    await check_url("https://news.example.org/", resolve=resolver("93.184.216.34", "2606:2800::1"))


async def test_dns_failure_is_transient() -> None:
    async def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(TransientError, match="cannot resolve"):
        await check_url("https://nowhere.invalid/", resolve=fail)

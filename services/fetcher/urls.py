"""URL normalisation for seen keys: two spellings of one article URL must give one key."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track the reader; they never change which article is served.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ocid", "smid",
        "mkt_tok", "spm", "at_medium", "at_campaign", "wt_mc", "wt.mc_id", "__twitter_impression",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """Lowercase scheme and host, drop default port, fragment and tracking params, sort the query.

    The path keeps its case (servers treat it as case-sensitive); an empty path becomes "/".
    Strings that are not absolute http(s) URLs come back stripped but otherwise unchanged.
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:  # credentials in a feed link are odd but keep them distinct
        netloc = f"{parts.username}@{netloc}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def absolute_http_url(link: str | None, base_url: str) -> str | None:
    """``link`` resolved against ``base_url`` if that gives http(s), else None (tag:, mailto:)."""
    if not link or not link.strip():
        return None
    resolved = urljoin(base_url, link.strip().replace(" ", "%20"))
    parts = urlsplit(resolved)
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return resolved

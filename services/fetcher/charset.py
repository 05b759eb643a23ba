"""Turn the bytes of an HTML page into text: BOM, HTTP charset, <meta> charset, then detection."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read these labels as their supersets (WHATWG Encoding); so must we.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lowercased, if it names a codec."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return _known(value.strip().strip("\"'"))
    return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, encoding used). Never raises on bad bytes.

    A declared charset that the bytes contradict (invalid sequences) loses to detection, since
    mislabelled pages are common; if detection finds nothing, the declared charset decodes with
    replacement characters.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), encoding
    declared = charset_from_content_type(content_type) or _meta_charset(body[:4096])
    try:
        return body.decode(declared or "utf-8"), declared or "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace"), best.encoding
    fallback = declared or "utf-8"
    return body.decode(fallback, errors="replace"), fallback


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return _known(match.group(1).decode("ascii", "ignore")) if match else None


def _known(label: str) -> str | None:
    label = label.lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name if label else None
    except LookupError:
        return None

"""decode_html: BOM, then HTTP charset, then <meta>, then detection; never raises."""

from services.fetcher.charset import charset_from_content_type, decode_html

TEXT = "Präsident Macron a rencontré le chancelier à l'Élysée pour évoquer l'Ukraine. " * 5


def test_header_charset_wins() -> None:
    body = f"<html><body>{TEXT}</body></html>".encode("cp1252")
    text, encoding = decode_html(body, "text/html; charset=ISO-8859-1")
    assert "Élysée" in text and encoding == "cp1252"  # latin-1 labels mean windows-1252


def test_meta_charset_when_header_has_none() -> None:
    html = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'
    text, _ = decode_html(html.encode("cp1252"), "text/html")
    assert "Élysée" in text


def test_http_equiv_meta() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body>拟298亿元重组盛大游戏后</body></html>"
    )
    text, encoding = decode_html(html.encode("gb2312"), None)
    assert "盛大游戏" in text and encoding == "gb18030"


def test_utf8_bom_beats_a_wrong_header() -> None:
    body = b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode()
    text, encoding = decode_html(body, "text/html; charset=iso-8859-1")
    assert text.startswith("<p>Präsident") and encoding == "utf-8"


def test_invalid_utf8_is_detected_or_replaced_never_raised() -> None:
    body = f"<html><body>{TEXT}</body></html>".encode("cp1252")
    text, _ = decode_html(body, "text/html; charset=utf-8")
    assert "Macron" in text and ("Élysée" in text or "\ufffd" in text)
    garbage, _ = decode_html(b"<p>\xff\xfe\xfa\x80 ok</p>", "text/html; charset=utf-8")
    assert "ok" in garbage


def test_charset_from_content_type() -> None:
    assert charset_from_content_type('text/html; Charset="UTF-8"') == "utf-8"
    assert charset_from_content_type("text/html; charset=no-such-codec") is None
    assert charset_from_content_type(None) is None

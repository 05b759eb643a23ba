"""The real news pages of ../shared/corpus/html: extracted from HTML, English pages agree with
the manifest's "leader contact is the main topic"; other languages give a clean false or an
error, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.extractor.pipeline import extract
from shared.schemas import ExtractInput

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
MANIFEST = CORPUS / "MANIFEST.json"
PAGES = (
    [f for f in json.loads(MANIFEST.read_text("utf-8"))["files"] if f["path"].startswith("html/")]
    if MANIFEST.is_file()
    else []
)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not PAGES, reason="../shared/corpus is absent"),
]


@pytest.mark.parametrize("page", PAGES, ids=[Path(p["path"]).stem for p in PAGES])
def test_page(page: dict) -> None:
    html = (CORPUS / page["path"]).read_bytes().decode("utf-8", errors="replace")
    out = extract(ExtractInput(id=page["path"], html=html))
    if page["language"] != "en":
        assert not out.is_readout, f"{page['path']}: a {page['language']} page read as a readout"
        return
    assert out.error is None, out.error
    held = [[p.name for p in c.participants] for c in out.contacts if c.status == "held"]
    want = page["leader_contact_is_main_topic"]
    assert out.is_readout == want, f"{page['path']}: is_readout {out.is_readout}, held {held}"

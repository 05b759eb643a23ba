"""The synthetic articles say what they claim: the pure extractor finds exactly the expected
contact in each readout and nothing in the others (so the scale-out test's answers are right)."""

from __future__ import annotations

from services.extractor.pipeline import extract
from shared.schemas import ExtractInput
from tests.cluster.synthetic import generate
from tests.cluster.test_scale_out import ARTICLES, SEED


def test_the_scale_out_articles_extract_to_their_expected_contacts() -> None:
    articles = generate(ARTICLES, readout_share=0.5, seed=SEED)
    assert len({a.pair for a in articles if a.pair}) == ARTICLES // 2  # distinct pairs
    wrong = []
    for article in articles:
        out = extract(ExtractInput(id=article.url, text=article.text, published=article.published))
        held = [c for c in out.contacts if c.status == "held"]
        got = [(c.kind, c.date, {p.name for p in c.participants}) for c in held]
        want = [(article.kind, article.published, set(article.pair))] if article.pair else []
        if out.is_readout != bool(article.pair) or got != want:
            wrong.append(f"{article.text[:120]!r}: is_readout={out.is_readout}, {got}")
    assert not wrong, "\n".join(wrong[:10])

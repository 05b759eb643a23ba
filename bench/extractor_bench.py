"""Extractor speed against bare ``trafilatura.extract`` on the same pages, in the same run.

    python -m bench.extractor_bench [--pages 300] [--rounds 5] [--quick]

Each round times both over every page, alternating which goes first; the report gives the
median documents per second of each and the ratio ours / bare (target >= 0.85: classification
and fields cost at most ~15% on top of text extraction).
"""

from __future__ import annotations

import argparse
import statistics
import time

import trafilatura

from bench.pages import Page, load_pages
from services.extractor.pipeline import extract
from shared.schemas import ExtractInput


def _bare(pages: list[Page]) -> float:
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.html)
    return len(pages) / (time.perf_counter() - started)


def _ours(pages: list[Page]) -> float:
    docs = [
        ExtractInput(id=p.name, html=p.html, published=p.published, title=p.title) for p in pages
    ]
    started = time.perf_counter()
    for doc in docs:
        extract(doc)
    return len(docs) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="40 pages, 2 rounds")
    args = parser.parse_args()
    n_pages, rounds = (40, 2) if args.quick else (args.pages, args.rounds)
    pages = load_pages(n_pages)
    _bare(pages[:5]), _ours(pages[:5])  # warm caches: gazetteer, lxml, regexes
    bare, ours, ratios = [], [], []
    for r in range(rounds):
        if r % 2:
            o, b = _ours(pages), _bare(pages)
        else:
            b, o = _bare(pages), _ours(pages)
        bare.append(b)
        ours.append(o)
        ratios.append(o / b)
        print(f"round {r + 1}: bare {b:7.1f} docs/s   ours {o:7.1f} docs/s   ratio {o / b:.2f}")
    print(f"\n{len(pages)} pages, {rounds} rounds (medians)")
    print(f"bare trafilatura.extract : {statistics.median(bare):7.1f} docs/s")
    print(f"readoutwatch extract     : {statistics.median(ours):7.1f} docs/s")
    print(f"ratio ours / bare        : {statistics.median(ratios):.2f}   (target >= 0.85)")


if __name__ == "__main__":
    main()

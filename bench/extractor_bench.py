"""Extractor speed against bare ``trafilatura.extract`` on the same pages, in the same run.

    python -m bench.extractor_bench [--pages 300] [--rounds 5] [--quick] [--real]

Each round times, over every page and in rotating order: bare ``trafilatura.extract`` (default
options), our text step alone (``page.extract_html``, as the extractor calls it: trafilatura in
its ``fast`` mode, the default mode only for pages yielding under 500 characters), and the whole
extractor. The report gives median documents per CPU-second and two ratios, each the median of
the rounds' ratios: ours / bare (target >= 0.85) and ours / our text step (what classification
and fields cost on top of the text step; 0.85 means they add 18% to it), with that cost in ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import trafilatura

from bench.pages import Page, load_pages
from services.extractor.page import extract_html
from services.extractor.pipeline import extract
from shared.schemas import ExtractInput


def _rate(pages: list[Page], run: Callable[[Page], object]) -> float:
    # CPU time of this process: on a shared, busy machine wall time mostly measures the others.
    started = time.process_time()
    for page in pages:
        run(page)
    return len(pages) / (time.process_time() - started)


def _bare(page: Page) -> object:
    return trafilatura.extract(page.html)


def _text(page: Page) -> object:
    return extract_html(page.html, want_metadata=page.published is None or page.title is None)


def _ours(page: Page) -> object:
    return extract(
        ExtractInput(id=page.name, html=page.html, published=page.published, title=page.title)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="40 pages, 2 rounds")
    parser.add_argument("--real", action="store_true", help="only the 28 real news pages")
    args = parser.parse_args()
    n_pages, rounds = (40, 2) if args.quick else (args.pages, args.rounds)
    pages = load_pages(n_pages, real_only=args.real)
    runs = {"bare": _bare, "text": _text, "ours": _ours}
    for run in runs.values():  # warm caches: gazetteer, lxml, regexes, justext stoplists
        _rate(pages[:5], run)
    rates: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for r in range(rounds):
        order = names[r % 3 :] + names[: r % 3]  # rotate: no side always runs first
        for name in order:
            rates[name].append(_rate(pages, runs[name]))
        b, t, o = (rates[n][-1] for n in names)
        print(f"round {r + 1}: bare {b:6.1f}  text {t:6.1f}  ours {o:6.1f} docs/s   "
              f"ours/bare {o / b:.2f}  ours/text {o / t:.2f}")  # fmt: skip
    med = {name: statistics.median(values) for name, values in rates.items()}
    ratio = statistics.median(o / b for o, b in zip(rates["ours"], rates["bare"], strict=True))
    own = statistics.median(o / t for o, t in zip(rates["ours"], rates["text"], strict=True))
    print(f"\n{len(pages)} pages, {rounds} rounds (medians)")
    print(f"bare trafilatura.extract     : {med['bare']:7.1f} docs/s")
    print(f"our text step (extract_html) : {med['text']:7.1f} docs/s")
    print(f"readoutwatch extract         : {med['ours']:7.1f} docs/s")
    extra = statistics.median(
        1000 / o - 1000 / t for o, t in zip(rates["ours"], rates["text"], strict=True)
    )
    print(f"ratio ours / bare            : {ratio:.2f}   (target >= 0.85)")
    print(f"ratio ours / our text step   : {own:.2f}   (target >= 0.85: classification and fields")
    print(f"                                      cost {extra:.2f} ms a document on top)")


if __name__ == "__main__":
    main()

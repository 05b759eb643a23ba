"""Load figure: articles through the running system, with one and with two extractor processes.

    python -m bench.load_bench [--articles 10000] [--rounds 3] [--readouts 0.2]
                               [--payload html|text] [--quick]

Each configuration replays ``--articles`` synthetic articles (a share of them readouts), split
over ``--rounds``; a round starts an embedded nats-server, a notifier on SQLite and 1 or 2
``readoutwatch extractor`` processes.  90 % of a round's articles go in at once: throughput is
articles / (last handled - first published).  The other 10 % then go in at half that rate: the
latency from an article's publish to its alert landing on rw.alerts.raised (matched by source
URL), median and p99.  CPU milliseconds per article and process name the bottleneck; "other
load" is CPU taken meanwhile by other processes or the host: only rounds near 0 are clean.
``html`` sends whole pages, as the fetcher does; ``text`` the text, as ``replay`` does.
Target: two extractors >= 1.7 x one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load_rig import Pipeline
from shared.schemas import ArticleFetched
from tests.cluster.procs import cpu_seconds
from tests.cluster.synthetic import generate


@dataclass
class Result:
    extractors: int
    throughput: float  # articles/s, all at once
    p50: float  # seconds from publish to alert, at half the throughput
    p99: float
    cpu: dict[str, float]  # process -> CPU ms per article
    others: float  # CPUs busy with other work (other processes, the host's steal) meanwhile

    def show(self) -> str:
        cpu = " ".join(f"{k} {v:.1f}" for k, v in self.cpu.items())
        return (
            f"{self.extractors} extractor(s): {self.throughput:6.1f} articles/s, latency p50 "
            f"{self.p50:5.2f}s p99 {self.p99:5.2f}s; CPU ms/article: {cpu}; "
            f"other load {self.others:.1f} CPUs"
        )


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (or stolen by the host), from /proc/stat."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    busy = sum(ticks) - ticks[3] - ticks[4]  # all but idle and iowait; steal counts as taken
    return busy / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values) or [float("nan")]
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def one_round(items: list[ArticleFetched], readouts: set[str], extractors: int) -> Result:
    burst, paced = items[: len(items) * 9 // 10], items[len(items) * 9 // 10 :]
    with tempfile.TemporaryDirectory(prefix="rw-load-") as tmp:
        system = Pipeline(Path(tmp), extractors)
        try:
            js = await system.start()
            cpu0 = {name: cpu_seconds(pid) for name, pid in system.pids().items()}
            busy0, own0, started = busy_seconds(), time.process_time(), time.perf_counter()
            await system.feed(js, burst, readouts, rate=0)
            elapsed = time.perf_counter() - started
            used = {k: cpu_seconds(p) - cpu0[k] for k, p in system.pids().items()}
            ours = sum(used.values()) + time.process_time() - own0
            others = max(0.0, busy_seconds() - busy0 - ours) / elapsed
            cpu = {k: 1000 * v / len(burst) for k, v in used.items()}
            await system.feed(js, paced, readouts, rate=len(burst) / elapsed / 2)
        finally:
            await system.stop()
    late = [system.arrived[m.url] - system.sent[m.url] for m in paced if m.url in readouts]
    p50, p99 = pct(late, 0.5), pct(late, 0.99)
    return Result(extractors, len(burst) / elapsed, p50, p99, cpu, others)


async def run(n: int, rounds: int, share: float, html: bool) -> None:
    articles = generate(n, readout_share=share, seed=1)
    items = [a.fetched(html=html) for a in articles]
    readouts = {a.url for a in articles if a.kind is not None}
    results: dict[int, list[Result]] = {1: [], 2: []}
    for r in range(rounds):
        part = items[r * n // rounds : (r + 1) * n // rounds]
        for extractors in (1, 2) if r % 2 == 0 else (2, 1):  # alternate which goes first
            result = await one_round(part, readouts, extractors)
            results[extractors].append(result)
            print(f"round {r + 1}: {result.show()}", flush=True)
    kind = "pages" if html else "texts"
    print(f"\n{n} {kind} per configuration, {share:.0%} readouts, {rounds} rounds: medians")
    for k, rs in results.items():
        tput, p50, p99, others = (
            statistics.median(getattr(x, f) for x in rs)
            for f in ("throughput", "p50", "p99", "others")
        )
        print(
            f"{k} extractor(s): {tput:7.1f} articles/s   latency p50 {p50:.2f}s  p99 {p99:.2f}s"
            f"   (other load {others:.1f} of {os.cpu_count()} CPUs)"
        )
    ratios = [b.throughput / a.throughput for a, b in zip(results[1], results[2], strict=True)]
    print(f"ratio two / one extractors: {statistics.median(ratios):.2f}   (target >= 1.7)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="per configuration")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--readouts", type=float, default=0.2, help="share of readouts (0.2)")
    parser.add_argument("--payload", choices=["html", "text"], default="html")
    parser.add_argument("--quick", action="store_true", help="500 articles, 1 round")
    args = parser.parse_args()
    n, rounds = (500, 1) if args.quick else (args.articles, args.rounds)
    asyncio.run(run(n, rounds, args.readouts, args.payload == "html"))


if __name__ == "__main__":
    main()

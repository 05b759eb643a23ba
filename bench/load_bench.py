"""Load figure: articles through the running system, with one and with two extractor processes.

    python -m bench.load_bench [--articles 10000] [--rounds 3] [--readouts 0.2]
                               [--payload html|text] [--quick]

Each configuration replays ``--articles`` synthetic articles (a share of them readouts), split
over ``--rounds``; a round starts an embedded nats-server, a notifier on SQLite and then 1 or 2
``readoutwatch extractor`` processes.

* Throughput: 90 % of a round's articles are published *before* the extractors start, so the
  publisher cannot be what limits them; throughput is measured in the steady window between
  10 % and 90 % of that backlog handled (the extractors' start-up and the tail left out), and
  the notifier's backlog at the window's end says whether it kept up.
* Latency: the other 10 % then go in at half that throughput: the time from an article's
  publish to its alert landing on rw.alerts.raised (matched by source URL), median and p99.
* Where the CPU goes, over the same window: CPU milliseconds per article of each process kind
  (extractors summed, notifier, nats-server, the bench itself), how busy each extractor was
  (1.00 = a whole core), how much of its time it spent in its handler (from its /metrics; the
  rest is the pull of the next message), and "other load": CPUs taken meanwhile by other
  processes or the host.
  From those costs the bench prints the most two extractors could do on this machine's cores.

``html`` sends whole pages, as the fetcher does; ``text`` the text, as ``replay`` does.
Target: two extractors >= 1.7 x one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.load_rig import Pipeline, Sample
from shared.schemas import ArticleFetched
from tests.cluster.synthetic import generate

KINDS = ("extractor", "notifier", "nats-server", "bench")
SAMPLE_EVERY = 0.25  # seconds between two looks at the consumer and the processes


@dataclass
class Result:
    extractors: int
    throughput: float  # articles/s, steady window of the backlog
    p50: float  # seconds from publish to alert, at half the throughput
    p99: float
    cpu: dict[str, float]  # process kind -> CPU ms per article
    busy: list[float]  # each extractor's CPU seconds per second of the window
    others: float  # CPUs busy with other work (other processes, the host's steal) meanwhile
    notifier_backlog: int  # readouts the notifier had not done at the window's end
    handler: float  # ms per article an extractor spent in its handler (extract + publish + ack)
    wall: float  # ms per article of one extractor process's time: handler + between messages
    redelivered: dict[str, int] = field(default_factory=dict)  # consumer -> messages

    def show(self) -> str:
        cpu = " ".join(f"{k} {v:.1f}" for k, v in self.cpu.items())
        busy = "/".join(f"{b:.2f}" for b in self.busy)
        return (
            f"{self.extractors} extractor(s): {self.throughput:6.1f} articles/s, latency p50 "
            f"{self.p50:5.2f}s p99 {self.p99:5.2f}s; CPU ms/article: {cpu}; extractor busy "
            f"{busy}, handler {self.handler:.1f} of {self.wall:.1f} ms; notifier backlog "
            f"{self.notifier_backlog}; other load {self.others:.1f} CPUs"
            + "".join(f"; {n} redelivered {c}" for n, c in self.redelivered.items() if c)
        )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values) or [float("nan")]
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def kind(process: str) -> str:
    return process.rstrip("0123456789")


def window(samples: list[Sample], total: int) -> tuple[Sample, Sample]:
    """The first samples at or past 10 % and 90 % of ``total`` handled."""
    first = next(s for s in samples if s.handled >= total // 10)
    last = next(s for s in samples if s.handled >= total * 9 // 10)
    return (samples[0], last) if last is first else (first, last)  # a backlog done at once


def measure(a: Sample, b: Sample, extractors: int) -> Result:
    """Throughput and CPU between two samples (latency filled in later)."""
    done, seconds = b.handled - a.handled, b.at - a.at
    used = {name: b.cpu.get(name, 0.0) - a.cpu.get(name, 0.0) for name in b.cpu}
    per_kind = {k: 1000 * sum(v for n, v in used.items() if kind(n) == k) / done for k in KINDS}
    busy = [used[n] / seconds for n in sorted(used) if kind(n) == "extractor"]
    others = max(0.0, b.busy - a.busy - sum(used.values())) / seconds
    handler, wall = 1000 * (b.handler - a.handler) / done, 1000 * extractors * seconds / done
    return Result(
        extractors, done / seconds, 0.0, 0.0, per_kind, busy, others, b.notifier_backlog,
        handler, wall,
    )  # fmt: skip


async def one_round(items: list[ArticleFetched], readouts: set[str], extractors: int) -> Result:
    burst, paced = items[: len(items) * 9 // 10], items[len(items) * 9 // 10 :]
    with tempfile.TemporaryDirectory(prefix="rw-load-") as tmp:
        system = Pipeline(Path(tmp), extractors)
        try:
            js = await system.start()
            await system.publish(js, burst, readouts, rate=0)  # the backlog, before any extractor
            system.start_extractors()
            samples = [await system.sample(js, len(burst))]
            while samples[-1].handled < len(burst) * 9 // 10:
                await asyncio.sleep(SAMPLE_EVERY)
                samples.append(await system.sample(js, len(burst)))
            result = measure(*window(samples, len(burst)), extractors)
            await system.settle(js)
            await system.extractors_ready()
            await system.publish(js, paced, readouts, rate=result.throughput / 2)
            await system.settle(js)
            result.redelivered = await system.redelivered(js)
        finally:
            await system.stop()
    late = [system.arrived[m.url] - system.sent[m.url] for m in paced if m.url in readouts]
    result.p50, result.p99 = pct(late, 0.5), pct(late, 0.99)
    return result


def ceiling(cpu: dict[str, float], extractors: int, cores: int) -> float:
    """Articles/s the CPU allows at these costs (ms per article by process kind): each extractor
    process can use at most one core, the system at most ``cores`` (the bench's sampling left
    out: it is not part of the system)."""
    system = sum(v for k, v in cpu.items() if k != "bench")
    return min(extractors * 1000 / cpu["extractor"], cores * 1000 / system)


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
    kind_ = "pages" if html else "texts"
    cores = os.cpu_count() or 1
    print(f"\n{n} {kind_} per configuration, {share:.0%} readouts, {rounds} rounds: medians")
    medians: dict[int, dict[str, float]] = {}
    for k, rs in results.items():
        med = {f: statistics.median(getattr(x, f) for x in rs)
               for f in ("throughput", "p50", "p99", "others")}  # fmt: skip
        cpu = {c: statistics.median(x.cpu[c] for x in rs) for c in KINDS}
        busy = statistics.median(statistics.mean(x.busy) for x in rs)
        handler, wall = (statistics.median(getattr(x, f) for x in rs) for f in ("handler", "wall"))
        medians[k] = cpu
        print(
            f"{k} extractor(s): {med['throughput']:7.1f} articles/s   latency p50 "
            f"{med['p50']:.2f}s  p99 {med['p99']:.2f}s   (other load {med['others']:.1f} "
            f"of {cores} CPUs)\n    CPU ms/article: "
            + ", ".join(f"{c} {v:.1f}" for c, v in cpu.items())
            + f", total {sum(cpu.values()):.1f}; each extractor busy {busy:.2f} of a core,"
            f" in its handler {handler:.1f} of every {wall:.1f} ms (the rest: fetching the next"
            " message)"
        )
    ratios = [b.throughput / a.throughput for a, b in zip(results[1], results[2], strict=True)]
    print(f"ratio two / one extractors: {statistics.median(ratios):.2f}   (target >= 1.7)")
    one, two = ceiling(medians[1], 1, cores), ceiling(medians[2], 2, cores)
    extracting = statistics.median(x.handler / x.wall for x in results[1])
    print(
        f"CPU ceilings at the measured costs on {cores} cores with no other load: one extractor "
        f"{one:.1f} articles/s, two {two:.1f}: {two / one:.2f} x if one extractor kept its core "
        f"busy; {two / (one * extracting):.2f} x against one in its handler {extracting:.0%} of "
        "the time, as measured"
    )


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

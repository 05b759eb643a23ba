"""Notifier benchmark: ReadoutFound messages through the real service to a loopback webhook.

History: 100,000 contacts across 2,000 pairs (bulk-inserted through the models) in the SQLite
database of a data directory.  Then the real ``NotifierService`` runs on it behind a real
embedded nats-server (``bench.notifier_rig``), and 10,000 readouts about those pairs are
published on ``rw.readouts.found``, each raising one alert that the notifier delivers to a webhook
receiver in another process (and, as always, to alerts.jsonl and ``rw.alerts.raised``).  Each
round publishes 90 % of its readouts as fast as they go (readouts per second: first message
published to last delivery accepted) and 10 % at a steady offered rate, half the throughput just
measured (capped at 500/s), for the median and 99th-percentile time from a readout's message to
its delivery accepted, excluding the receiver's own time.  Medians over rounds.  The CPU time
of the notifier's process per readout is printed too: unlike rates, it hardly moves when other
work loads the machine.  Baseline,
same run: bare webhook POSTs through the service's HTTP client (aiohttp), one after another, no
broker and no database.
Targets: >= 500 readouts/s on SQLite, p99 < 200 ms.

    python -m bench.notifier_bench [--quick] [--rounds N] [--readouts N] [--history N]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp
from sqlalchemy import event

from bench.notifier_history import History, fill_history, readouts_for_round
from bench.notifier_rig import Rig, bench_settings, embedded_nats, percentile
from bench.webhook_receiver import ReceiverProcess
from services.notifier.channels.webpost import open_http, post_json
from services.notifier.migrate import upgrade_database
from shared.db import make_engine, make_sessionmaker
from shared.logs import setup_logging

TARGET_RATE, TARGET_P99_MS = 500.0, 200.0
Figures = tuple[float, float, float]  # readouts/s, p50 ms, p99 ms


async def _bare_posts(receiver: ReceiverProcess, client: aiohttp.ClientSession, n: int) -> Figures:
    """The ceiling: the same POSTs, through the service's HTTP client, with no database at all."""
    sent: dict[str, float] = {}
    for i in range(n):
        key = f"bare-{i}"
        sent[key] = time.time()
        await post_json(
            client,
            receiver.url + "/in",
            {"n": i},
            what="bare",
            headers={"X-Readoutwatch-Alert": key},
        )
    async with client.get(receiver.url + "/arrivals") as response:
        arrivals = await response.json()
    waits = sorted(arrivals[k] - t for k, t in sent.items())
    elapsed = max(arrivals[k] for k in sent) - min(sent.values())
    return n / elapsed, 1000 * statistics.median(waits), 1000 * percentile(waits, 0.99)


async def _run(history: History, contacts: int, rounds: int, per_round: int, bare: int) -> None:
    with tempfile.TemporaryDirectory(prefix="notifier-bench-") as tmp:
        receiver = ReceiverProcess()
        try:
            async with embedded_nats(Path(tmp) / "nats") as nats_url:
                settings = bench_settings(Path(tmp), nats_url, receiver)
                await _fill(settings.database_url, history, contacts)
                async with open_http() as client:
                    base = await _bare_posts(receiver, client, bare)
                print(
                    f"baseline: {bare} bare POSTs: {base[0]:.1f}/s  p50 {base[1]:.2f} ms  ", end=""
                )
                print(f"p99 {base[2]:.2f} ms")
                async with Rig.started(settings, receiver) as rig:
                    results = await _rounds(rig, history, rounds, per_round)
        finally:
            receiver.stop()
    _report(base, tuple(statistics.median(r[i] for r in results) for i in range(3)), contacts)


async def _fill(url: str, history: History, contacts: int) -> None:
    await upgrade_database(url)
    engine = make_engine(url)
    try:
        started = time.perf_counter()
        await fill_history(make_sessionmaker(engine), history, contacts)
        print(f"history: {contacts:,} contacts in {time.perf_counter() - started:.1f} s")
    finally:
        await engine.dispose()


async def _rounds(rig: Rig, history: History, rounds: int, per_round: int) -> list[Figures]:
    assert rig.service.engine is not None
    statements = itertools.count()  # SQL statements: a figure no machine's speed changes
    event.listen(
        rig.service.engine.sync_engine, "before_cursor_execute", lambda *_: next(statements)
    )
    results = []
    for n in range(rounds):
        readouts = readouts_for_round(history, n, per_round)
        split = per_round * 9 // 10
        before, cpu = next(statements), time.process_time()
        rate = await rig.throughput(readouts[:split])
        cpu_ms = 1000 * (time.process_time() - cpu) / split
        per_readout = (next(statements) - before - 1) / split
        offered = min(TARGET_RATE, rate / 2)
        p50, p99 = await rig.latency(readouts[split:], offered)
        print(
            f"round {n}: {rate:6.1f} readouts/s ({per_readout:.2f} SQL statements and"
            f" {cpu_ms:.2f} ms CPU of the notifier's process per readout, deliveries included)"
            f" | at {offered:.0f}/s: p50 {p50:.1f} ms  p99 {p99:.1f} ms"
        )
        results.append((rate, p50, p99))
    return results


def _report(base: Figures, got: tuple[float, ...], contacts: int) -> None:
    print(f"\n{'medians over rounds':<36}{'readouts/s':>12}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"{'bare webhook POST (baseline)':<36}{base[0]:>12.1f}{base[1]:>10.2f}{base[2]:>10.2f}")
    print(f"{f'notifier, {contacts:,} contacts':<36}{got[0]:>12.1f}{got[1]:>10.2f}{got[2]:>10.2f}")
    ratios = [g / b if b else float("nan") for g, b in zip(got, base, strict=True)]
    print(
        f"{'ratio notifier / baseline':<36}{ratios[0]:>12.2f}{ratios[1]:>10.1f}{ratios[2]:>10.1f}"
    )
    rate_ok, p99_ok = got[0] >= TARGET_RATE, got[2] < TARGET_P99_MS
    print(
        f"targets: >= {TARGET_RATE:.0f} readouts/s {'met' if rate_ok else 'NOT met'}, "
        f"p99 < {TARGET_P99_MS:.0f} ms {'met' if p99_ok else 'NOT met'}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.notifier_bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--rounds", type=int, help="rounds (default 5)")
    parser.add_argument("--readouts", type=int, help="readouts in all (default 10,000)")
    parser.add_argument("--history", type=int, help="contacts in history (default 100,000)")
    parser.add_argument("--pairs", type=int, help="pairs (default 2,000)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (2 if args.quick else 5)
    readouts = args.readouts or (200 if args.quick else 10_000)
    contacts = args.history if args.history is not None else (5_000 if args.quick else 100_000)
    history = History(pairs=args.pairs or (200 if args.quick else 2_000))
    per_round = readouts // rounds
    if not 5 <= per_round <= history.pairs:
        raise SystemExit("each round needs 5 to --pairs readouts (one per pair)")
    print(
        f"notifier bench: NATS + SQLite, {history.pairs:,} pairs, {rounds} rounds of {per_round:,}"
    )
    setup_logging("WARNING")  # as the service logs, without the alerts' INFO lines
    asyncio.run(_run(history, contacts, rounds, per_round, bare=100 if args.quick else 1_000))


if __name__ == "__main__":
    main()

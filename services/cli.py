"""The `readoutwatch` command: one entry point for every service and tool.

Each subcommand imports what it needs when it runs, so `readoutwatch extract` stays free of
NATS and the database.  Failures end with exit code 1 and a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from shared.errors import ReadoutwatchError


def _settings(args: argparse.Namespace) -> Any:
    from shared.logs import setup_logging
    from shared.settings import load_settings

    overrides: dict[str, Any] = {
        "data_dir": getattr(args, "data_dir", None),
        "nats__url": getattr(args, "nats_url", None),
        "alerts__silence_days": getattr(args, "silence_days", None),
        "http__port": getattr(args, "http_port", None),
    }
    settings = load_settings(args.config, **overrides)
    setup_logging(getattr(args, "log_level", None) or settings.log_level)
    _log_settings(args.config, settings)
    return settings


def _log_settings(config: str | None, settings: Any) -> None:
    """Where this command's state lives, at DEBUG: URLs with their credentials masked."""
    import logging

    from shared.logs import redact_url
    from shared.settings import shown_database_url

    logging.getLogger("readoutwatch").debug(
        "settings: config %s, data_dir %s, nats %s, database %s",
        config or "(none)",
        settings.data_dir,
        redact_url(settings.nats.url) or "(embedded)",
        shown_database_url(settings.database_url),
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from services import composition
    from services.runtime import serve_until_signal

    settings = _settings(args)
    asyncio.run(serve_until_signal(settings, composition.build(settings, args.roles)))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from services.extract_cmd import run_extract

    run_extract(args.files, sys.stdin, sys.stdout)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from services.replay import replay

    settings = _settings(args)
    return asyncio.run(
        replay(
            Path(args.dir),
            settings,
            as_json=args.json,
            fresh=args.data_dir is None,
            wait_deliveries=args.wait_deliveries,
        )
    )


def cmd_poll(args: argparse.Namespace) -> int:
    from services.poll_cmd import poll_once_cmd

    if not args.once:
        raise ReadoutwatchError("poll needs --once (use `readoutwatch fetcher` to poll forever)")
    return asyncio.run(poll_once_cmd(_settings(args), as_json=args.json))


def cmd_sources(args: argparse.Namespace) -> int:
    from services.poll_cmd import sources_cmd

    return asyncio.run(sources_cmd(_settings(args)))


def cmd_eval(args: argparse.Namespace) -> int:
    from services.extract_cmd import run_eval

    return run_eval(
        [Path(f) for f in args.files],
        sys.stdout,
        split=Path(args.split) if args.split else None,
        part=args.part,
        labels=Path(args.labels) if args.labels else None,
        show_misses=args.misses,
        reader=Path(args.reader) if args.reader else None,
    )


def cmd_asyncapi(args: argparse.Namespace) -> int:
    from services.asyncapi import render

    sys.stdout.write(render())
    return 0


def cmd_dlq(args: argparse.Namespace) -> int:
    from services.dlq_cmd import dlq_list, dlq_replay

    settings = _settings(args)
    if args.action == "list":
        return asyncio.run(dlq_list(settings, stage=args.stage, as_json=args.json))
    return asyncio.run(dlq_replay(settings, stage=args.stage, seq=args.seq))


def cmd_alerts(args: argparse.Namespace) -> int:
    from services.notifier.alerts_cmd import list_alerts, pending_summary

    if args.pending:
        for line in asyncio.run(pending_summary(_settings(args))) or ["no delivery pending"]:
            print(line)
        return 0
    lines = asyncio.run(list_alerts(_settings(args), limit=args.limit, as_json=args.json))
    for line in lines:
        print(line)
    if not lines:
        print("no alerts yet", file=sys.stderr)
    return 0


def _common(p: argparse.ArgumentParser, *, nats: bool = True) -> None:
    p.add_argument(
        "--config", metavar="FILE", help="TOML configuration (see docs/configuration.md)"
    )
    p.add_argument("--data-dir", metavar="PATH", help="state directory (overrides data_dir)")
    p.add_argument("--log-level", metavar="LEVEL", help="DEBUG, INFO (default), WARNING …")
    if nats:
        p.add_argument("--nats-url", metavar="URL", help="use this NATS server; start none")
        p.add_argument("--http-port", type=int, metavar="N", help="/healthz, /readyz, /metrics")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readoutwatch",
        description="Notice when two leaders have talked, and when a long silence ends.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help_: str, **defaults: Any
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func, **defaults)
        return p

    all_roles = ["fetcher", "extractor", "notifier", "web"]
    _common(
        add(
            "run",
            cmd_serve,
            "run all services and the dashboard (embedded nats-server unless "
            "[nats] url is set) until SIGINT/SIGTERM",
            roles=all_roles,
        )
    )
    for role, what in [
        ("fetcher", "poll the configured sources and publish new articles"),
        ("extractor", "turn fetched articles into readouts"),
        ("notifier", "keep contact history and deliver alerts"),
        ("web", "serve the dashboard, JSON API and Atom feeds on [http] port (read-only)"),
    ]:
        _common(add(role, cmd_serve, f"run only the {role}: {what}", roles=[role]))

    p = add(
        "extract",
        cmd_extract,
        "classify JSON Lines documents and extract their contacts (no NATS, no database)",
    )
    p.add_argument("files", nargs="*", help="JSON Lines files (default: standard input)")

    p = add(
        "replay",
        cmd_replay,
        "replay a directory of articles and its manifest.json through "
        "the whole pipeline and print the alerts",
    )
    p.add_argument("dir", help="directory with manifest.json and the article files")
    p.add_argument("--json", action="store_true", help="one JSON line per alert")
    p.add_argument("--silence-days", type=int, metavar="N", help="silence threshold (default 21)")
    p.add_argument(
        "--wait-deliveries",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="with subscriptions: wait up to this long for the alerts' deliveries, then print "
        "one line per channel on stderr (default 30; exit 1 if one failed for good)",
    )
    _common(p)

    p = add("poll", cmd_poll, "poll every configured source once and print what is new")
    p.add_argument("--once", action="store_true", help="poll once and exit (required)")
    p.add_argument("--json", action="store_true", help="one JSON line per new entry")
    _common(p, nats=False)

    _common(add("sources", cmd_sources, "show each configured source's health"), nats=False)

    p = add("eval", cmd_eval, "score the extractor on a labelled JSON Lines file")
    p.add_argument(
        "files", nargs="+", help="JSON Lines with an `expected` or a `label` object per line"
    )
    p.add_argument("--split", metavar="FILE", help="split file of ids (real-corpus shape only)")
    p.add_argument("--part", default="test", help="part of the split to score (default test)")
    p.add_argument(
        "--labels", metavar="FILE", help="label corrections (default: labels.jsonl by --split)"
    )
    p.add_argument("--misses", action="store_true", help="list every miss (real-corpus shape)")
    p.add_argument(
        "--reader",
        metavar="FILE",
        help="a second reading of some items ({id, label} a line): score it against the labels "
        "as if it were the extractor, then the extractor on the same items",
    )

    add("asyncapi", cmd_asyncapi, "print the AsyncAPI 3.0 document of every subject (JSON)")

    p = add("alerts", cmd_alerts, "list recent alerts and the state of their deliveries")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="newest N (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON line per alert")
    p.add_argument(
        "--pending",
        action="store_true",
        help="instead: one line per channel with deliveries not done (pending or failed)",
    )
    _common(p, nats=False)

    p = add("dlq", cmd_dlq, "list dead letters (messages a consumer gave up on) or replay them")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, help_ in [
        ("list", "show dead letters: stage, subject, reason, when, deliveries, payload size"),
        ("replay", "republish dead letters to their original subject and remove them"),
    ]:
        q = actions.add_parser(action, help=help_, description=help_)
        q.add_argument("--stage", metavar="S", help="only this stage (extractor, notifier, …)")
        _common(q, nats=False)
        q.add_argument("--nats-url", metavar="URL", help="the broker (default: [nats] url)")
        if action == "list":
            q.add_argument("--json", action="store_true", help="one JSON line per dead letter")
        else:
            which = q.add_mutually_exclusive_group(required=True)
            which.add_argument("--seq", type=int, metavar="N", help="the letter `list` shows as N")
            which.add_argument("--all", action="store_true", help="every letter (of --stage)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ReadoutwatchError as exc:
        print(f"readoutwatch {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

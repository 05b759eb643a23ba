"""`readoutwatch poll --once --json` and `readoutwatch sources` through the real CLI, against
loopback feeds: entry lines on stdout, one summary per source on stderr, nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.cli import main

from .server import LocalServer
from .test_poll_server import feed


def write_config(tmp_path: Path, sources: list[dict[str, object]]) -> str:
    blocks = "".join(
        "[[sources]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in source.items())
        for source in sources
    )
    path = tmp_path / "rw.toml"
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n'
        "[fetcher]\nallow_private_networks = true\nper_host_delay_seconds = 0\n"
        f"timeout_seconds = 3\n{blocks}",
        encoding="utf-8",
    )
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list, list]:
    """Exit code, stdout lines (parsed), and the per-source summaries among stderr's lines."""
    code = main(argv)
    out, err = capsys.readouterr()
    summaries = [json.loads(s) for s in err.splitlines() if s.startswith('{"source"')]
    return code, [json.loads(line) for line in out.splitlines()], summaries


def test_poll_once_json_prints_each_new_entry_once(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    wire = server.route("/wire", feed(server, [1, 2]))
    quiet = server.route("/quiet", feed(server, [5]))  # default: first poll only records
    broken = server.route("/broken", "oops", status=500, content_type="text/plain")
    config = write_config(
        tmp_path, [{"url": wire, "backfill": True}, {"url": quiet}, {"url": broken}]
    )
    argv = ["poll", "--once", "--json", "--config", config]

    code, entries, summaries = run(argv, capsys)
    assert code == 0  # one broken source does not fail the run
    assert entries == [
        {"url": server.url(f"/articles/{i}?utm_source=rss"), "title": f"Story {i}",
         "published": "2024-01-19", "source": wire}
        for i in (1, 2)
    ]  # fmt: skip
    by_source = {s["source"]: s for s in summaries}
    assert list(by_source) == [wire, quiet, broken]  # one line per source, in config order
    assert (by_source[wire]["status"], by_source[wire]["new"]) == ("ok", 2)
    assert (by_source[quiet]["status"], by_source[quiet]["new"]) == ("ok", 0)
    assert by_source[broken]["status"] == "error"
    assert by_source[broken]["error"] == "HTTP 500 Internal Server Error"

    code, entries, summaries = run(argv, capsys)
    assert (code, entries) == (0, [])  # a second run prints nothing new
    assert [s["status"] for s in summaries] == ["unchanged", "unchanged", "error"]

    server.route("/quiet", feed(server, [5, 6]))
    code, entries, _ = run(argv, capsys)
    assert [e["title"] for e in entries] == ["Story 6"] and entries[0]["source"] == quiet


def test_poll_once_fails_with_one_line_when_every_source_fails(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = server.route("/gone", status=404, content_type="text/plain")
    config = write_config(tmp_path, [{"url": gone}])
    assert main(["poll", "--once", "--json", "--config", config]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1].startswith("readoutwatch poll: every source failed (1)")


def test_sources_shows_each_sources_health(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    good = server.route("/good", feed(server, [1]))
    down = server.route("/down", status=503, headers={"Retry-After": "120"})
    later = server.url("/later")  # configured after the poll below
    main(["poll", "--once", "--config", write_config(tmp_path, [{"url": good}, {"url": down}])])
    capsys.readouterr()
    config = write_config(tmp_path, [{"url": good}, {"url": down}, {"url": later}])
    assert main(["sources", "--config", config]) == 0
    blocks = capsys.readouterr().out.split("http://")[1:]
    assert "ok, every 5m; last success 20" in blocks[0] and "failures 0" in blocks[0]
    assert "failing, every 5m; last success never; consecutive failures 1" in blocks[1]
    assert "last error: HTTP 503 Service Unavailable, retry after 120s" in blocks[1]
    assert "failing since 20" in blocks[1] and "failing since" not in blocks[0]
    assert "never polled (every 5m)" in blocks[2]

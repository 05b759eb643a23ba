"""`readoutwatch extract` and `readoutwatch eval`: the pure extractor over JSON Lines, no NATS."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from services.extractor.pipeline import NO_INPUT, extract
from shared.errors import ConfigError
from shared.schemas import ExtractInput, ExtractOutput


def _lines(files: Sequence[str], stdin: IO[str]) -> Iterator[str]:
    if not files:
        yield from stdin
        return
    for name in files:
        try:
            with open(name, encoding="utf-8", errors="replace") as handle:
                yield from handle
        except OSError as exc:
            raise ConfigError(f"cannot read {name}: {exc.strerror}") from exc


_JSON_KINDS: dict[type, str] = {list: "array", str: "string", int: "number", float: "number"}
_JSON_KINDS |= {bool: "boolean", type(None): "null"}


def process_line(line: str) -> ExtractOutput:
    """One input line -> one output line; a line that cannot be processed gets ``error``."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        return ExtractOutput(
            error=f"not valid JSON ({exc.msg} at column {exc.colno}): give one object a line"
        )
    if not isinstance(raw, dict):
        kind = _JSON_KINDS.get(type(raw), "value")
        return ExtractOutput(error=f"not a JSON object but a {kind}: give one object a line")
    doc_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        doc = ExtractInput.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        value = "missing" if err["type"] == "missing" else repr(err["input"])[:60]
        return ExtractOutput(id=doc_id, error=f"invalid `{where}` ({value}): {err['msg']}")
    if not (doc.text or doc.html):
        return ExtractOutput(id=doc.id, error=NO_INPUT)
    return extract(doc)


def run_extract(files: Sequence[str], stdin: IO[str], stdout: IO[str]) -> None:
    for line in _lines(files, stdin):
        if not line.strip():
            continue
        out = process_line(line)
        stdout.write(out.model_dump_json(exclude={"contacts": {"__all__": set()}}) + "\n")
        stdout.flush()


def load_labelled(path: Path) -> list[tuple[ExtractInput, ExtractOutput]]:
    """A labelled JSON Lines file: input fields plus ``expected`` in the output shape."""
    rows = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            expected = ExtractOutput.model_validate(raw.pop("expected"))
            rows.append((ExtractInput.model_validate(raw), expected))
        except (json.JSONDecodeError, KeyError, AttributeError, ValidationError) as exc:
            raise ConfigError(f"{path}:{number}: not a labelled document ({exc})") from exc
    return rows


def run_eval(path: Path, stdout: IO[str]) -> int:
    from services.extractor.evaluate import evaluate, format_report

    report = evaluate(load_labelled(path))
    stdout.write(format_report(report) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover - convenience for `python -m`
    run_extract(sys.argv[1:], sys.stdin, sys.stdout)

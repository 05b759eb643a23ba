"""`readoutwatch extract` and `readoutwatch eval`: the pure extractor over JSON Lines, no NATS."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from services.extractor.pipeline import NO_INPUT, extract
from services.extractor.real_eval import RealItem
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


def run_eval(
    paths: Sequence[Path],
    stdout: IO[str],
    split: Path | None = None,
    part: str = "test",
    labels: Path | None = None,
    show_misses: bool = False,
    reader: Path | None = None,
) -> int:
    """Score labelled files: the ``expected`` shape (hand-written sets) or the real corpus's
    ``label`` shape, the latter optionally narrowed to one part of a split file and with label
    corrections applied (``labels``, default ``labels.jsonl`` beside the split file).

    With ``reader`` (a second reading of some items, ``{"id", "label"}`` a line), only the items
    it reads are scored, twice: the second reader as if it were the extractor, then the
    extractor, on the same items."""
    from services.extractor.evaluate import evaluate, format_report

    if not any(_is_real(path) for path in paths):
        if split is not None:
            raise ConfigError("--split applies to files in the real corpus shape (`label`)")
        for path in paths:
            stdout.write(format_report(evaluate(load_labelled(path))) + "\n")
        return 0
    from services.extractor.real_corpus import format_real
    from services.extractor.real_eval import score_real

    if labels is None and split is not None and (split.parent / "labels.jsonl").is_file():
        labels = split.parent / "labels.jsonl"
    items = load_real(paths, split, part, labels)
    runs: list[tuple[str, Callable[[ExtractInput], ExtractOutput]]] = [("", extract)]
    if reader is not None:
        readings = _load_reading(reader)
        items = [item for item in items if item.doc.id in readings]
        stdout.write(f"{len(items)} of the {len(readings)} items read a second time are here\n")
        runs = [("second reader", lambda doc: readings[doc.id or ""]), ("extractor", extract)]
    for title, run in runs:
        report = score_real(items, run)
        if title:
            stdout.write(f"== {title}\n")
        stdout.write(format_real(report) + "\n")
        if show_misses:
            stdout.write("".join(f"  - {m}\n" for m in report.misses))
    return 0


def _load_reading(path: Path) -> dict[str, ExtractOutput]:
    from services.extractor.real_corpus import parse_reading

    try:
        return parse_reading(_read(path))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: not a second reading ({exc})") from exc


def _is_real(path: Path) -> bool:
    first = next((line for line in _read(path).splitlines() if line.strip()), "{}")
    try:
        return "label" in json.loads(first)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:1: not a JSON object ({exc.msg})") from exc


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc


def load_real(
    paths: Sequence[Path], split: Path | None, part: str, labels: Path | None
) -> list[RealItem]:
    """Labelled real articles from ``paths``, the ids of ``part`` only when a split is given."""
    from services.extractor.real_corpus import parse_fixes, parse_item, split_ids

    try:
        fixes = parse_fixes(_read(labels)) if labels else {}
        keep = split_ids(_read(split), part) if split else None
    except (ValueError, KeyError) as exc:
        raise ConfigError(f"{labels if labels else split}: {exc}") from exc
    items = []
    for path in paths:
        for number, line in enumerate(_read(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                if keep is not None and raw.get("id") not in keep:
                    continue
                items.append(parse_item(raw, fixes))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{path}:{number}: not a labelled article ({exc})") from exc
    if keep is not None and len({i.doc.id for i in items}) < len(keep):
        missing = len(keep) - len({i.doc.id for i in items})
        raise ConfigError(f"{missing} ids of part {part!r} are in none of the files given")
    return items


if __name__ == "__main__":  # pragma: no cover - convenience for `python -m`
    run_extract(sys.argv[1:], sys.stdin, sys.stdout)

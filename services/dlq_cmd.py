"""`readoutwatch dlq list|replay`: inspect dead letters and send them back to their subject.

Dead letters live in the ``RW_DLQ`` stream of the configured broker.  A replay republishes the
original payload to its original subject under a fresh ``Nats-Msg-Id`` (the old one would be
dropped as a duplicate), then deletes the letter: at worst a crash in between replays twice,
which the consumers' idempotence absorbs.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import nats
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from pydantic import ValidationError

from services.runtime import connect_client
from shared import subjects
from shared.errors import ConfigError, ReadoutwatchError
from shared.schemas import DeadLetter
from shared.settings import Settings

DLQ_STREAM = subjects.stream_for(subjects.dlq_subject("any"))


@dataclass(frozen=True)
class Stored:
    """A dead letter and its sequence number in the DLQ stream (what ``--seq`` names)."""

    seq: int
    letter: DeadLetter

    def row(self) -> dict[str, object]:
        letter = self.letter
        return {
            "seq": self.seq,
            "stage": letter.stage,
            "subject": letter.subject,
            "reason": letter.reason,
            "failed_at": letter.failed_at.isoformat(),
            "num_delivered": letter.num_delivered,
            "payload_bytes": len(letter.payload.encode()),
        }


def format_table(letters: Iterable[Stored]) -> list[str]:
    """Readable lines: one per letter, the reason last since it is the longest."""
    head = f"{'SEQ':>6}  {'STAGE':<10} {'FAILED AT':<20} {'DELIV':>5} {'BYTES':>8}  SUBJECT: REASON"
    lines = [head]
    for item in letters:
        r = item.row()
        when = str(r["failed_at"])[:19].replace("T", " ")
        lines.append(
            f"{r['seq']:>6}  {r['stage']:<10} {when:<20} {r['num_delivered'] or '?':>5} "
            f"{r['payload_bytes']:>8}  {r['subject']}: {r['reason']}"
        )
    return lines


def replay_headers(item: Stored) -> dict[str, str]:
    """The original headers with a fresh ``Nats-Msg-Id``, so JetStream does not drop the copy."""
    headers = {k: v for k, v in item.letter.headers.items() if not k.lower().startswith("nats-")}
    headers["Nats-Msg-Id"] = f"replay:{item.seq}:{uuid.uuid4().hex}"
    headers["Readoutwatch-Replay-Of"] = f"{DLQ_STREAM}:{item.seq}"
    return headers


async def read_letters(js: JetStreamContext, stage: str | None) -> list[Stored]:
    """Every dead letter (of ``stage`` if given), oldest first."""
    subject = subjects.dlq_subject(stage) if stage else subjects.dlq_subject(">")
    found: list[Stored] = []
    seq = 1
    while True:
        try:
            msg = await js.get_msg(DLQ_STREAM, seq, subject=subject, next=True)
        except NotFoundError:
            return found
        seq = msg.seq or seq  # the letter's own number; the next search starts after it
        try:
            found.append(Stored(seq, DeadLetter.model_validate_json(msg.data or b"{}")))
        except ValidationError:
            print(f"skipping {seq} on {msg.subject}: not a DeadLetter", file=sys.stderr)
        seq += 1


async def _connect(settings: Settings) -> nats.NATS:
    if not settings.nats.url:
        raise ConfigError(
            "dlq needs the broker's address in [nats] url (or --nats-url, READOUTWATCH_NATS_URL): "
            "the embedded nats-server only lives while `readoutwatch run` does"
        )
    try:  # a tool, not a service: try each server a couple of times, then say so
        return await connect_client(settings.nats.url, settings.nats, max_reconnect_attempts=1)
    except (OSError, nats.errors.Error) as exc:
        raise ReadoutwatchError(f"cannot reach NATS at [nats] url: {exc}") from exc


async def _replay_one(js: JetStreamContext, item: Stored) -> None:
    subject = item.letter.subject
    try:
        stream = subjects.stream_for(subject)
    except KeyError:
        raise ReadoutwatchError(f"dead letter {item.seq}: no stream captures {subject}") from None
    await js.publish(
        subject, item.letter.payload.encode(), headers=replay_headers(item), stream=stream
    )
    await js.delete_msg(DLQ_STREAM, item.seq)
    print(f"replayed {item.seq} ({item.letter.stage}) to {subject}")


async def dlq_list(settings: Settings, *, stage: str | None, as_json: bool) -> int:
    nc = await _connect(settings)
    try:
        letters = await read_letters(nc.jetstream(), stage)
    except nats.errors.Error as exc:
        raise ReadoutwatchError(f"cannot read {DLQ_STREAM}: {exc!r}") from exc
    finally:
        await nc.close()
    if as_json:
        for item in letters:
            print(json.dumps(item.row(), ensure_ascii=False))
    else:
        print("\n".join(format_table(letters)) if letters else "no dead letters")
    return 0


async def dlq_replay(settings: Settings, *, stage: str | None, seq: int | None) -> int:
    """Replay the letter ``seq``, or every letter (of ``stage``) when ``seq`` is None."""
    nc = await _connect(settings)
    try:
        js = nc.jetstream()
        letters = await read_letters(js, stage)
        if seq is not None:
            letters = [item for item in letters if item.seq == seq]
            if not letters:
                where = f" of stage {stage!r}" if stage else ""
                raise ReadoutwatchError(f"no dead letter{where} with seq {seq}")
        for item in letters:
            await _replay_one(js, item)
    except nats.errors.Error as exc:
        raise ReadoutwatchError(f"replay stopped: {exc!r}") from exc
    finally:
        await nc.close()
    if not letters:
        print("no dead letters to replay")
    return 0

"""record_readouts: a batch of readouts in one transaction, recorded as the same readouts one
after another would be (SQLite, and PostgreSQL if present)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.models import (
    AlertRow,
    ContactRow,
    ContactSourceRow,
    DeliveryRow,
    PersonRow,
    table_of,
)
from services.notifier.record import record_readout, record_readouts
from services.notifier.thresholds import SilenceRules
from shared.schemas import AlertRaised, ReadoutFound
from tests.notifier.builders import (
    BIDEN,
    HERZOG,
    NETANYAHU,
    SEEDS_IN_PUBLICATION_ORDER,
    contact,
    readout,
)
from tests.notifier.conftest import Database

Sessions = async_sessionmaker[AsyncSession]
OUTPUTS = ["jsonl"]


async def _batch(sessionmaker: Sessions, readouts: list[ReadoutFound]) -> list[list[AlertRaised]]:
    async with sessionmaker() as session:
        return await record_readouts(
            session, readouts, rules=SilenceRules(), subscriptions=[], outputs=OUTPUTS
        )


async def _one_by_one(
    sessionmaker: Sessions, readouts: list[ReadoutFound]
) -> list[list[AlertRaised]]:
    found = []
    for item in readouts:
        async with sessionmaker() as session:
            found.append(
                await record_readout(
                    session, item, rules=SilenceRules(), subscriptions=[], outputs=OUTPUTS
                )
            )
    return found


async def _tables(sessionmaker: Sessions) -> dict[str, object]:
    async with sessionmaker() as session:
        counts = {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in (ContactRow, ContactSourceRow, AlertRow, DeliveryRow)
        }
        contacts = await session.execute(
            select(
                ContactRow.pair_key,
                ContactRow.kind,
                ContactRow.date,
                ContactRow.origin,
                ContactRow.duration_minutes,
                ContactRow.initiator,
                ContactRow.participants,
            ).order_by(ContactRow.pair_key, ContactRow.date, ContactRow.kind)
        )
        sources = await session.execute(
            select(ContactRow.pair_key, ContactRow.date, ContactSourceRow.url)
            .join(ContactRow, ContactRow.id == ContactSourceRow.contact_id)
            .order_by(ContactRow.pair_key, ContactRow.date, ContactSourceRow.url)
        )
    return {"counts": counts, "contacts": list(contacts), "sources": list(sources)}


async def _empty(sessionmaker: Sessions) -> None:
    async with sessionmaker() as session, session.begin():
        for model in (DeliveryRow, AlertRow, ContactSourceRow, ContactRow, PersonRow):
            await session.execute(table_of(model).delete())


def _articles_about_one_call() -> list[ReadoutFound]:
    """Five articles about one Biden-Netanyahu call, dated a day apart by some, each adding a
    detail, one of them naming the previous contact."""
    return [
        readout(
            "https://a.example/1", "2024-01-19", contact("call", "2024-01-19", BIDEN, NETANYAHU)
        ),
        readout(
            "https://a.example/2",
            "2024-01-19",
            contact("call", "2024-01-18", NETANYAHU, BIDEN, duration_minutes=40),
        ),
        readout(
            "https://a.example/3",
            "2024-01-20",
            contact("call", "2024-01-19", BIDEN, NETANYAHU, initiator="Joe Biden"),
        ),
        readout(
            "https://a.example/4",
            "2024-01-20",
            contact("call", "2024-01-19", BIDEN, NETANYAHU, previous_contact="2023-12-23"),
        ),
        readout(
            "https://a.example/1", "2024-01-19", contact("call", "2024-01-19", BIDEN, NETANYAHU)
        ),
    ]


async def test_five_articles_about_one_call_in_one_batch_make_one_contact_and_one_alert(
    sessionmaker: Sessions,
) -> None:
    found = await _batch(sessionmaker, _articles_about_one_call())

    assert [len(alerts) for alerts in found] == [1, 0, 0, 0, 0]
    assert found[0][0].type == "new_contact" and found[0][0].sources == ["https://a.example/1"]
    tables = await _tables(sessionmaker)
    held = [c for c in tables["contacts"] if c.origin == "reported"]  # type: ignore[attr-defined]
    assert len(held) == 1
    assert (held[0].duration_minutes, held[0].initiator) == (40, "Joe Biden")
    # the repeated article is attached once; the "first since" became a mentioned contact
    assert tables["counts"] == {
        "contacts": 2,
        "contact_sources": 5,
        "alerts": 1,
        "deliveries": 1,
    }


async def test_a_batch_stores_what_the_same_readouts_one_by_one_store(database: Database) -> None:
    readouts = [*SEEDS_IN_PUBLICATION_ORDER, *_articles_about_one_call()]
    sessionmaker = database.sessionmaker()
    batched = await _batch(sessionmaker, readouts)
    tables_batched = await _tables(sessionmaker)
    await _empty(sessionmaker)

    sequential = await _one_by_one(sessionmaker, readouts)

    assert batched == sequential
    # the seeds' seven; the five articles are about the last seed's call: merged into it
    assert sum(len(alerts) for alerts in batched) == 7
    assert tables_batched == await _tables(sessionmaker)


async def test_a_batch_again_and_its_articles_again_raise_nothing(sessionmaker: Sessions) -> None:
    readouts = list(SEEDS_IN_PUBLICATION_ORDER)
    first = await _batch(sessionmaker, readouts)
    before = await _tables(sessionmaker)

    again = await _batch(sessionmaker, readouts + readouts)

    assert any(first) and not any(again)
    assert await _tables(sessionmaker) == before


async def test_readouts_without_held_contacts_leave_the_batch_alone(sessionmaker: Sessions) -> None:
    planned = readout(
        "https://a.example/planned",
        "2024-01-19",
        contact("meeting", None, BIDEN, HERZOG, status="planned"),
    )
    not_readout = readout(
        "https://a.example/op-ed",
        "2024-01-19",
        contact("call", "2024-01-19", BIDEN, HERZOG),
        is_readout=False,
    )
    call = SEEDS_IN_PUBLICATION_ORDER[0]

    found = await _batch(sessionmaker, [planned, not_readout, call])

    assert [len(alerts) for alerts in found] == [0, 0, 1]
    assert (await _tables(sessionmaker))["counts"]["contacts"] == 1  # type: ignore[index]

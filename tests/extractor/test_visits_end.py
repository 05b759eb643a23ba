"""A state visit told by its end: the host seeing the guest off, the guest's meetings with
several hosts (sentences written for these tests after the wording of real reports)."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs

DAY = dt.date(2023, 6, 9)


def _pairs(text: str) -> list[frozenset[str | None]]:
    return held_pairs(text, day=DAY)


def test_the_host_seeing_the_guest_off_is_their_meeting() -> None:
    text = (
        "Tanzanian leader ends three-day visit\n"
        "President Yoweri Museveni on Thursday evening saw off President Suluhu at Entebbe "
        "State House at the end of her three-day visit."
    )
    assert _pairs(text) == [frozenset({"Yoweri Museveni", "Samia Suluhu Hassan"})]


def test_meetings_with_several_hosts_are_one_meeting_each() -> None:
    text = (
        "Ugandan President Yoweri Museveni had meetings with Kenyan President William Ruto "
        "and Ethiopian Prime Minister Abiy Ahmed in Nairobi on Thursday."
    )
    pairs = _pairs(text)
    assert frozenset({"Yoweri Museveni", "William Ruto"}) in pairs
    assert frozenset({"Yoweri Museveni", "Abiy Ahmed"}) in pairs


def test_seeing_off_a_delegation_or_business_meetings_are_no_contact() -> None:
    assert not _pairs("President Yoweri Museveni saw off the national team at the airport.")
    assert not _pairs(
        "President Yoweri Museveni held meetings with investors and bankers in Kampala."
    )

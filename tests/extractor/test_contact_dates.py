"""The reported contact's date on real wording: the time of a "since ..." clause is not the
contact's, a lead sentence about the same contact dates it, glued words ("onTuesday"), a
contact of another kind stated before it is another occasion. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.periods import vague_time
from tests.extractor.rules_helpers import held, run


def test_a_vague_time_in_a_since_clause_leaves_the_contact_datable() -> None:
    assert not vague_time("X has met Y for the first time since taking office last week.")
    assert not vague_time("It was their first call since their meeting in early October.")
    assert vague_time("X has already met Y.")
    assert vague_time("X met Y last week, after taking office.")
    text = (
        "Madrid, Jun 13 (dpa) - Spanish Prime Minister Pedro Sanchez has met Portuguese Prime "
        "Minister Antonio Costa in Lisbon for the first time since taking office last week. "
        "During the informal talks on Monday evening, the leaders discussed energy prices."
    )
    [talks] = held(run(text, day=dt.date(2023, 6, 13)))
    assert talks.date == dt.date(2023, 6, 12)

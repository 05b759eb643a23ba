"""The previous contact from the contacts a text recalls: when no sentence states it ("first
since ...", "last spoke on ..."), the latest earlier held contact of the same people that the
text dates is the previous one ("... met in Ankara on 11 December 2024", "their previous call
of June 17")."""

from __future__ import annotations

from shared.schemas import Contact

from .sameperson import people_of


def fill_previous(contacts: list[Contact]) -> list[Contact]:
    """Each held contact without a previous contact takes the latest earlier dated held contact
    of exactly the same named people among ``contacts``, if any (an unnamed "his counterpart"
    is nobody in particular). Earlier: dated before it; for the news (the first held contact,
    as ``merge`` orders them) left undated, any dated other contact of the same people, which
    the text can only recall."""
    held = [c for c in contacts if c.status == "held"]
    news = held[0] if held else None
    out = []
    for c in contacts:
        people = people_of(c)
        named = len(people) >= 2 and all(name for name, _ in people)
        if named and c.previous_contact is None and c.status == "held":
            same = [o for o in held if o is not c and people_of(o) == people]
            if (c.date is not None or c is news) and all(o.date is not None for o in same):
                earlier = [
                    o.date
                    for o in same
                    if o.date is not None and (c.date is None or o.date < c.date)
                ]
                if earlier:
                    c = c.model_copy(update={"previous_contact": max(earlier)})
        out.append(c)
    return out

"""The previous contact from the contacts a text recalls: when no sentence states it ("first
since ...", "last spoke on ..."), the latest earlier held contact of the same people that the
text dates is the previous one ("... met in Ankara on 11 December 2024", "their previous call
of June 17")."""

from __future__ import annotations

from shared.schemas import Contact

from .sameperson import people_of


def fill_previous(contacts: list[Contact]) -> list[Contact]:
    """Each dated held contact without a previous contact takes the latest earlier dated held
    contact of exactly the same named people among ``contacts``, if any (an unnamed "his
    counterpart" is nobody in particular)."""
    out = []
    for c in contacts:
        people = people_of(c)
        named = len(people) >= 2 and all(name for name, _ in people)
        if named and c.previous_contact is None and c.date is not None and c.status == "held":
            earlier = [
                o.date
                for o in contacts
                if o is not c
                and o.status == "held"
                and o.date is not None
                and o.date < c.date
                and people_of(o) == people
            ]
            if earlier:
                c = c.model_copy(update={"previous_contact": max(earlier)})
        out.append(c)
    return out

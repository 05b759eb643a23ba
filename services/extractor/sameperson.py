"""One held contact told under two spellings of a participant is one contact.

Grouping keys a contact by its participants' names, so a headline's "the Tajik President"
(filled in from the gazetteer as its holder) and the body's transliteration of the same man,
or a body's "her Australian counterpart" (unnamed) beside the named prime minister on the same
day, make two contacts of one occasion: the second is a false "new contact". The labelling
rules list each contact once, whatever the spelling.
"""

from __future__ import annotations

from shared.schemas import Contact, Person

from .tokens import fold


def people_of(contact: Contact) -> frozenset[tuple[str | None, str | None]]:
    """Who took part, as (name, country) pairs, whatever their order."""
    return frozenset((p.name, p.country) for p in contact.participants)


def _words(name: str) -> list[str]:
    return fold(name).lower().replace("-", " ").replace(".", " ").split()


def _same_person(a: Person, b: Person, unnamed_ok: bool) -> bool:
    """Same country and, when both are named, the same given name or the same surname
    ("Emomali Rahmon" / "Emomali Rakhmonov", "Ebrahim Raisi" / "Ibrahim Raisi"): the first
    words or the last words, never a word of one against another place of the other ("Salman
    bin Abdulaziz" is not "Mohammed bin Salman")."""
    if a.country is None or a.country != b.country:
        return False
    if a.name is None or b.name is None:
        return unnamed_ok and (a.name is not None or b.name is not None)
    wa, wb = _words(a.name), _words(b.name)
    return bool(wa and wb) and (wa[0] == wb[0] or wa[-1] == wb[-1])


def _pairing(a: Contact, b: Contact, unnamed_ok: bool) -> list[Person] | None:
    """The participants of ``a`` with a name ``b`` adds where ``a`` has none, when every
    participant of each is one of the other's; None otherwise."""
    if len(a.participants) != len(b.participants):
        return None
    rest = list(b.participants)
    people: list[Person] = []
    for p in a.participants:
        q = next((q for q in rest if q.name == p.name and q.country == p.country), None)
        if q is None:
            q = next((q for q in rest if _same_person(p, q, unnamed_ok)), None)
        if q is None:
            return None
        rest.remove(q)
        people.append(p if p.name is not None else q)
    return people


def merge_spellings(contacts: list[Contact]) -> list[Contact]:
    """Held contacts of one kind whose people are the same under other spellings, on
    compatible dates (equal, or one unknown), folded into the first told. Contacts with
    identical names were kept apart on purpose (a recalled earlier meeting of the same pair)
    and stay apart; an unnamed participant ("his Australian counterpart") is taken for a named
    one only when both contacts carry the same known date."""
    out: list[Contact] = []
    for c in contacts:
        done = False
        for i, o in enumerate(out):
            if c.status != "held" or o.status != "held" or c.kind != o.kind:
                continue
            if people_of(c) == people_of(o):
                continue
            if c.date is not None and o.date is not None and c.date != o.date:
                continue
            people = _pairing(o, c, unnamed_ok=c.date is not None and c.date == o.date)
            if people is None:
                continue
            out[i] = o.model_copy(update={"participants": people, "date": o.date or c.date})
            done = True
            break
        if not done:
            out.append(c)
    return out

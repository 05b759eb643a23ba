"""Turn grouped candidates into contacts, and decide whether the document's news is a held
contact (``is_readout``): one stated in the lead, recent at publication, not recalled in passing."""

from __future__ import annotations

import datetime as dt
import re

from shared.schemas import Contact, Person

from . import dates, fields
from .anchor import day_stated, relayed
from .classify import Candidate, cue_kind, own_cue_kind, status_of
from .grouping import Group, body_date, group
from .groups import countries_in
from .people import Mention
from .periods import past_period
from .previous import previous_contact
from .roster import is_bloc
from .tokens import fold

LEAD = 5  # sentences after the headline that count as "the lead" of an article
STALE_DAYS = 14  # a held contact older than this is history, not the news of the article
# A sentence speaking of the contact or its people without naming them
_SAME = re.compile(
    r"\b(?:the|their|both)\s+(?:two\s+)?(?:informal\s+|bilateral\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?(?:(?:tele)?phone\s+|video\s+)?"
    r"(?:leaders|talks|call|meeting|conversation|discussions?|presidents|prime ministers|"
    r"ministers|sides)\b"
    r"|\b[A-Z][a-z]+ and [A-Z][a-z]+ (?:leaders|presidents|prime ministers|ministers)\b"
    # "The King welcomed the French leader to the palace on Monday": the contact told again
    r"|\b(?:hosted|welcomed|received|greeted)\s+(?:the|his|her)\s+(?:[\w-]+\s+){0,3}"
    r"(?:leader|guest|counterpart|president|prime minister|monarch|king|queen)\b"
)
_ANOTHER = re.compile(
    r"\b(?:another|previously|before that)\b",
    re.IGNORECASE,
)
# a contact named by a bare noun ("Putin-Trump call: ...", "Erdogan, Putin talks: ..."), no verb
_NAMED = re.compile(
    r"^(?:(?:tele)?phone\s+)?(?:call|conversation|meeting|talks?|summit)$", re.IGNORECASE
)
# a verb before the noun makes the headline tell the contact: "Erdogan Receives Phone Call From"
_VERBED = re.compile(
    r"\b(?:receives?|received|holds?|held|has|had|makes?|made|gets?|got|hosts?|hosted)\s+"
    r"(?:an?\s+)?(?:[\w-]+\s+)?(?:(?:tele)?phone\s+)?(?:call|conversation|meeting|talks?)\b",
    re.IGNORECASE,
)
# "Earlier, X called on the visiting leader", "... earlier in the day": the visit's day
_EARLIER = re.compile(r"^\W*earlier\b|\bearlier\s+(?:in\s+the\s+day|today)\b", re.IGNORECASE)
# a contact recalled beside the news hours from it: the news's day ("The visit came just hours
# after the president had met X", "earlier that day")
_HOURS = re.compile(
    r"\b(?:(?:just|only|a\s+few|several|two|three)\s+)?hours\s+(?:after|before|earlier)\b"
    r"|\bearlier\s+(?:in\s+the\s+day|that\s+day|the\s+same\s+day)\b",
    re.IGNORECASE,
)
# A contact the lead says did not happen or is not planned: the article's news is the denial
# ("X denies reports of a call between A and B", "no such call took place", "A has not
# telephoned with B", "A has no plans to hold talks with B", "a call ... has not been scheduled",
# "can neither confirm nor deny"). Not "have not spoken since ...": that dates a held contact.
_CONTACT_NOUN = r"(?:(?:tele)?phone[ds]?|calls?|conversations?|talks|meetings?|contacts?|summit)"
_DENIED = re.compile(
    r"\bden(?:y|ies|ied|ying)\s+(?:(?:a|the|any)\s+)?(?:\w+\s+)?(?:reports?|claims?)\b"
    r"|\bden(?:y|ies|ied|ying)\s+that\b"
    r"|\bden(?:y|ies|ied|ying)\b(?!\s+by\b)(?:[^\w,;]+\w+){0,6}?[^\w,;]+" + _CONTACT_NOUN + r"\b"
    r"|\bneither\s+confirm\s+nor\s+deny\b"
    r"|\bno\s+such\s+(?:(?:tele)?phone\s+)?(?:call|conversation|meeting|talks)\b"
    r"|\b(?:never|not)\s+(?:took|take)\s+place\b|\bdid\s+not\s+(?:happen|occur)\b"
    # "no phone call took place", "there has been no call between", the denial's words quoted
    # or not ('insisted that "no phone call" took place')
    r"|\bno\s+[\"“]?(?:[\w-]+\s+)?" + _CONTACT_NOUN + r"[\"”]?\s+(?:has\s+|had\s+|ever\s+)?"
    r"(?:took|taken|take|happened|occurred)\b"
    r"|\bthere\s+(?:has|have|had)\s+(?:ever\s+)?been\s+[\"“]?no\s+(?:[\w-]+\s+)?"
    + _CONTACT_NOUN
    + r"\b"
    r"|\b(?:has|have|had)\s+not\s+(?:recently\s+|yet\s+)?(?:tele)?phoned\b"
    r"|\bno\s+plans?\s+(?:for|to)\b(?:\W+\w+){0,6}?\W+" + _CONTACT_NOUN + r"\b"
    r"|\b(?:is|are)\s+not\s+planning\s+(?:an?\s+|any\s+)?(?:\w+\s+)?" + _CONTACT_NOUN + r"\b"
    r"|\b(?:has|have)\s+not\s+(?:yet\s+)?been\s+scheduled\b"
    r"|\bnot\s+(?:yet\s+)?on\s+the\s+schedule\b",
    re.IGNORECASE,
)
# a contact told by a noun, not a verb: "phone conversation between", "meeting with"
_NOUN_TRIGGER = re.compile(
    r"^(?:(?:tele)?phone\s+|video\s+)?(?:call|conversation|meeting|talk|summit|contact)s?\b",
    re.IGNORECASE,
)
_MEETING_WORDS = re.compile(r"talks|discussion|consultation|summit|meet|met\b|visit|host|rece|welc")


def merge(
    found: list[Candidate],
    sents: list[str],
    day: dt.date | None,
    body_start: int,
    text: str,
    day_known: bool = True,
    joined: list[tuple[int, Person, bool]] | None = None,
    url: str | None = None,
) -> tuple[list[Contact], bool]:
    """(contacts, is_readout). ``day_known``: ``day`` is the publication date, not a stand-in
    (then a contact's age says nothing of whether it is the news). ``joined``: officials a
    later sentence says joined the call or talks ("the Jordanian king joined their call for
    its last minutes"): participants of the news contact told before it."""
    lead = lead_end(sents, body_start)
    groups = group(found, body_start)
    groups = [g for g in groups if not _subheading_of_other(g, groups, sents, body_start)]
    source = fields.source(text) if groups else None
    topics = fields.topics(text) if groups else []
    held_main = [g for g in groups if g[0].status == "held" and g[0].sentence < lead]
    # a headline telling a held contact tells the news, whatever the lead then denies
    headline_held = any(
        c.status == "held" and not c.background and c.sentence < body_start
        for g in groups
        for c in g
    )
    denials = [] if headline_held else [i for i in range(lead) if _DENIED.search(sents[i])]
    denied = " ".join(fold(sents[i]).lower() for i in denials)
    contacts: list[Contact] = []
    main = False
    settled: list[tuple[int, dt.date]] = []  # (first sentence, date) of held contacts so far
    news_day: dt.date | None = None  # the date of the first held contact
    news_seen = False
    pairs_at: dict[int, set[frozenset[str | None]]] = {}  # who the contacts of each sentence join
    for o in groups:
        for c in o:
            pairs_at.setdefault(c.sentence, set()).add(_pair(o))
    for g in groups:
        first = g[0]
        idxs = sorted({c.sentence for c in g})
        kind = _stated_kind(g, body_start) or _kind(g, sents)
        told = [c for c in g if c.sentence >= body_start] or g  # a headline gives no time
        when = body_date(g, body_start)
        # a contact recalled in passing: its own date or none, not a neighbour's (the news's)
        past = all(c.background for c in g)
        news = g is next((h for h in groups if h[0].status == "held"), None)
        # an other contact any of whose tellings places it only vaguely ("Earlier this week, A
        # spoke to B ... B's office issued a statement on the phone call"): no neighbour's date
        vague = any(c.vague for c in told) if not news else all(c.vague for c in told)
        if when is None and first.status == "held" and not past and not vague:
            # a sentence stating another kind of contact dates that one, not this
            # (nor does a plan, "X is expected to meet Y on Tuesday", date a meeting the body
            # tells as held; a headline's is left to the neighbouring sentence, whose plan makes
            # it stale)
            told_held = first.sentence >= body_start
            others = {
                c.sentence
                for o in groups
                if o is not g
                for c in o
                if c.kind != kind or (told_held and c.status != first.status)
            }
            others -= set(idxs)
            # another contact borrows the date of the one stated before it, unless told as
            # another occasion ("he later had another call with")
            same_day = news or not any(_ANOTHER.search(sents[i]) for i in idxs)
            weekdays = (
                {d for c in told for d in _own_days(sents[c.sentence])} if day is None else set()
            )
            if not same_day:
                when = None
            elif weekdays:
                # its own "on Friday", unknown without an anchor: no neighbour's date (a caption's
                # "Oct. 26, 2022"), only an earlier contact's on that weekday, the same occasion
                earlier = _earlier_date(found, first, settled)
                when = earlier if earlier is not None and earlier.weekday() in weekdays else None
                if when is None and news and len(weekdays) == 1:
                    when = _same_weekday_date(text, weekdays, first.participants)
                if when is None and news and len(weekdays) == 1:
                    when = _caption_date(text, first.participants, weekdays)
            else:
                when = _fallback_date(g, sents, day, others) or _earlier_date(found, first, settled)
                if when is None and news and all(c.sentence < body_start for c in g):
                    when = _lead_day(sents, body_start, lead, others, day, first.participants)
                if when is None and news and day is None:
                    when = _caption_date(text, first.participants, None)
            if when is None and news and first.sentence < lead and day is not None:
                when = _earlier_that_day(sents, idxs[-1], day)
            if when is None and news and day is not None:
                when = _scheduled_day(g, groups, day)
            if (
                when is None
                and news
                and first.sentence < lead
                and day_stated(sents, body_start, LEAD, [c.evidence for c in g])
                # not a relay of another outlet's report: its date line is the relay's day
                and not relayed(
                    sents[body_start : body_start + LEAD], [c.evidence for c in g], text, url
                )
            ):
                when = day  # a wire readout's undated news contact happened that day
            if when is not None:
                settled.append((first.sentence, when))
        elif when is not None and first.status == "held":
            settled.append((first.sentence, when))
        if when is None and past and news_seen and any(_HOURS.search(sents[i]) for i in idxs):
            when = news_day  # "the visit came just hours after the president had met X"
        if when is not None and first.status == "held" and _unsure_when(sents, idxs):
            when = None  # "It was not immediately clear when the call took place"
        calls_on = all(c.trigger.lower().startswith("called on") and c.date is None for c in g)
        if first.status == "held" and (
            all(c.extra.get("visitor") for c in g) or (news_seen and calls_on)
        ):
            # "X also called on the visiting leader / the Nepal PM": the visit lasts days; its
            # news's day only when told "earlier (in the day)"
            when = news_day if any(_EARLIER.search(sents[i]) for i in idxs) else None
        if first.status == "held" and not news_seen:
            news_day, news_seen = when, True
        own = [sents[i] for i in idxs]
        near = own + [sents[i] for i in range(max(0, idxs[0] - 1), min(len(sents), idxs[-1] + 3))]
        single = len(held_main) == 1 and g is held_main[0]
        pair = _pair(g)
        around = [  # neighbours that tell no contact of other people
            sents[i]
            for i in range(max(0, idxs[0] - 1), min(len(sents), idxs[-1] + 3))
            if i not in idxs and pairs_at.get(i, set()) <= {pair}
        ]
        people = _people(first.participants)
        if joined and held_main and g is held_main[0]:
            for i, who, call in joined:  # a call joined, or talks: the news contact's kind
                same_kind = call == (kind != "meeting")
                if same_kind and i > first.sentence and who.name not in {p.name for p in people}:
                    people = [*people, who]
        contacts.append(
            Contact(
                kind=kind,  # type: ignore[arg-type]
                status=_status(g, groups, body_start, lead),  # type: ignore[arg-type]
                date=when,
                participants=people,
                initiator=next((c.initiator for c in g if c.initiator), None),
                duration_minutes=fields.duration(near if not single else near + sents),
                previous_contact=_previous(
                    own, around, _not_others(sents, pairs_at, pair), single, when
                )
                if first.status == "held"
                else None,
                source=source,
                topics=topics,
                evidence=_evidence(g, sents, body_start)[:500],
            )
        )
        fresh = when is None or day is None or not day_known or (day - when).days <= STALE_DAYS
        body = [c for c in g if c.sentence >= body_start] or g  # the body tells it best
        recalled = all(c.background for c in body)
        recalled = recalled or _recalled_in_preview(g, groups, lead)
        recalled = recalled or _beside_a_preview(g, groups, body_start, lead, headline_held)
        # the news is told as such in the lead: a preview's lead recalling the pair's first
        # meeting ("they first met in 2014") does not make a later sentence's contact the news
        told_first = min((c.sentence for c in g if not c.background), default=first.sentence)
        if first.status == "held" and told_first < lead and fresh and not recalled:
            denial = bool(denied) and _named_in(g, denied) and not _asserted(g, denials, sents)
            main = main or not (denial or _headline_only(g, groups, body_start, lead, sents))

    return _one_occasion(contacts), main


def _subheading_of_other(g: Group, groups: list[Group], sents: list[str], body_start: int) -> bool:
    """A held contact named only by a subheading in the body ("Putin-Obama meeting", no verb,
    no closing period) while the text tells the same people's contact otherwise (planned, not
    agreed): the heading names that one, it does not state a held contact."""
    if g[0].status != "held":
        return False
    for c in g:
        line = sents[c.sentence].strip()
        if c.sentence < body_start or not _NAMED.match(c.trigger.strip()):
            return False
        if len(line.split()) > 6 or line[-1:] in ".!?":
            return False
    keys = frozenset(g[0].keys)
    return any(o is not g and frozenset(o[0].keys) == keys for o in groups)


def _who(c: Contact) -> frozenset[tuple[str | None, str | None]]:
    """The people, each by surname and country: a name spelt two ways in one text ("Antony
    Blinken" in the body, "Anthony Blinken" in a headline the gazetteer did not settle) is one
    person."""
    return frozenset((_surname(p.name), p.country) for p in c.participants)


def _surname(name: str | None) -> str | None:
    words = name.split() if name else []
    return words[-1].lower() if words else name


def _one_occasion(contacts: list[Contact]) -> list[Contact]:
    """A held contact told twice is one: the same kind on the same date, and the same people
    (then on a stated date: an undated pair told twice may be two meetings) or some of the
    other's people ("X, Y and Z spoke by phone ... Y and Z took part in the call"), unless
    several such parts make the larger one up (its separate meetings: "met A and B"). The one
    with more people stays, in the place of the first told."""
    who = {id(c): _who(c) for c in contacts if c.status == "held" and len(_who(c)) >= 2}
    held = [c for c in contacts if id(c) in who]

    def same(c: Contact, o: Contact) -> bool:
        if c is o or c.kind != o.kind or c.date != o.date:
            return False
        a, b = who[id(c)], who[id(o)]
        if a == b:  # an undated pair told twice may be two meetings; three people or more, one
            return c.date is not None or len(a) >= 3
        if not (a < b or b < a):
            return False
        small, big = (a, b) if a < b else (b, a)
        # nothing else told that day is part of the larger one or holds it: "met A, B and C",
        # told with "met A and B" and "met A", are separate meetings, not one told thrice
        kin = {
            who[id(x)]
            for x in held
            if x.kind == c.kind and x.date == c.date and (who[id(x)] < big or big < who[id(x)])
        }
        return kin == {small}

    out: list[Contact] = []
    for c in contacts:
        twin = None
        if id(c) in who:
            twin = next((i for i, o in enumerate(out) if id(o) in who and same(c, o)), None)
        if twin is None:
            out.append(c)
        elif len(_who(c)) > len(_who(out[twin])):
            out[twin] = c
    return out


_JOINED = re.compile(
    r"\bjoined\s+(?:the\s+|their\s+|this\s+)?(?:[\w'’-]+\s+){0,2}?(?:(?:tele)?phone\s+|video\s+)?"
    r"(?P<noun>call|conversation|talks|meeting|discussions?)\b(?!\s+of\b)",
    re.IGNORECASE,
)


def joiners(idx: int, sentence: str, resolved: list[Mention]) -> list[tuple[int, Person, bool]]:
    """The official a sentence says joined the call or talks ("the Jordanian monarch joined
    their call"), the one named last before "joined", and whether it was a call."""
    m = _JOINED.search(sentence)
    if m is None:
        return []
    before = [r for r in resolved if r.end <= m.start() and r.person is not None and r.senior]
    who = before[-1].person if before else None
    call = m.group("noun").lower() in ("call", "conversation")
    return [(idx, who, call)] if who is not None and who.name else []


def lead_end(sents: list[str], body_start: int) -> int:
    """Where the lead ends: ``LEAD`` sentences of prose after the headline; page furniture
    ("By Pedro Rafael Vilela", "Transcript", a date line) does not use up the lead."""
    told = 0
    for i in range(body_start, len(sents)):
        told += len(sents[i].split()) >= 6
        if told == LEAD:
            return i + 1
    return len(sents)


def _pair(g: Group) -> frozenset[str | None]:
    return frozenset(p.name for p in g[0].participants)


def _not_others(
    sents: list[str], pairs_at: dict[int, set[frozenset[str | None]]], pair: frozenset[str | None]
) -> list[str]:
    """The sentences, less those telling a contact of other people and none of ``pair``'s
    ("Putin and Raisi last met in Moscow on December 7" dates no contact of Putin and Mokhber).
    ``pairs_at``: the people of the contacts each sentence tells."""
    others = {i for i, pairs in pairs_at.items() if pair not in pairs}
    return [s for i, s in enumerate(sents) if i not in others] if others else sents


def _previous(
    own: list[str], around: list[str], sents: list[str], single: bool, when: dt.date | None
) -> dt.date | None:
    """The earlier contact stated in the contact's own sentences, else in the ones around it
    that tell no other people's contact ("... spoke by phone on Tuesday. The call, their first
    since they met on Nov. 15, ..."), or anywhere when it is the article's one news contact."""
    if single:
        return previous_contact(own + sents, when)
    return previous_contact(own, when) or previous_contact(around, when)


def _people(people: list[Person]) -> list[Person]:
    """Named participants from two or more countries make a bloc placeholder redundant."""
    named = [p for p in people if not is_bloc(p)]
    return named if len({p.country for p in named}) >= 2 else people


def _stated_kind(g: Group, body_start: int) -> str:
    """The kind the text states, the body before the headline; a video call wins over a
    'meeting' (a virtual meeting is one)."""
    stated = sorted(
        (c for c in g if c.specific_kind and c.kind), key=lambda c: c.sentence < body_start
    )
    if any(c.kind == "video_call" for c in stated):
        return "video_call"
    return stated[0].kind if stated else ""


def _kind(g: Group, sents: list[str]) -> str:
    """Kind of a contact stated only as 'spoke'/'talks': the wording around it, then the
    words that stated it ("held talks" is a meeting, "spoke" a call)."""
    idx = g[0].sentence
    for i in (idx, idx + 1, idx - 1):
        if 0 <= i < len(sents):
            at = sents[i].find(g[0].trigger) if i == idx and g[0].trigger else -1
            kind = (
                own_cue_kind(sents[i], at + len(g[0].trigger), g[0].trigger)
                if at >= 0
                else cue_kind(sents[i])
            )
            if kind and (i == idx or kind != "meeting"):
                return kind
    triggers = " ".join(c.trigger.lower() for c in g)
    return "meeting" if _MEETING_WORDS.search(triggers) else "call"


def _evidence(g: Group, sents: list[str], body_start: int) -> str:
    body = [c for c in g if c.sentence >= body_start] or g
    dated = [c for c in body if c.date is not None]
    return sents[(dated or body)[0].sentence]


def _earlier_date(
    found: list[Candidate], first: Candidate, settled: list[tuple[int, dt.date]]
) -> dt.date | None:
    """The date of the contact stated last before this undated one ("Tinubu met Ramaphosa on
    Saturday ... Tinubu also held a separate meeting with Faki"; "Ishiba first met Lula ... He
    then held talks with Starmer"): the same occasion. ``settled``: held contacts dated so far."""
    told = [
        (c.sentence, c.date) for c in found if c.status == "held" and c.sentence < first.sentence
    ]
    told += [(i, when) for i, when in settled if i < first.sentence]
    if not told:
        return None
    # the last one told: undated ("weeks ago he had spoken to A. Afterwards he also phoned
    # B"), it leaves this one undated too
    last = max(i for i, _ in told)
    return next((when for i, when in told if i == last and when is not None), None)


def _scheduled_day(g: Group, groups: list[Group], day: dt.date) -> dt.date | None:
    """The day a plan of the same pair was set for, when that day has come ("Trump called
    Putin. Earlier, he said he would hold talks with Putin on May 19", on a page of May 19):
    the contact announced for that day and now told as held took place then. Not a day
    after the page's (still a plan), nor one days before it (the plan may have slipped)."""
    pair = _pair(g)
    for o in groups:
        when = next((c.date for c in o if c.date), None)
        if o[0].status == "planned" and _pair(o) == pair and when is not None:
            if 0 <= (day - when).days <= 1:
                return when
    return None


_EARLIER_ON = re.compile(r"\bearlier on ((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", re.I)


def _earlier_that_day(sents: list[str], after: int, day: dt.date) -> dt.date | None:
    """The day a later sentence places something "earlier on Saturday": the news contact told
    before it happened later that same day ("X spoke with Y. ... Earlier on Saturday, X had
    called Z")."""
    for sentence in sents[after + 1 :]:
        m = _EARLIER_ON.search(sentence)
        if m:
            wd = dates.WEEKDAYS.index(m.group(1).lower())
            return day - dt.timedelta(days=(day.weekday() - wd) % 7)
    return None


def _fallback_date(
    g: Group, sents: list[str], day: dt.date | None, others: set[int]
) -> dt.date | None:
    """An undated held contact: the date of a neighbouring sentence naming a participant or
    speaking of the contact ("During the informal talks on Sunday evening, the leaders ...")."""
    first = g[0].sentence
    names = [p.name.split()[-1] for p in g[0].participants if p.name]
    told = {c.sentence for c in g}
    near = {j for i in told for j in (i - 1, i + 1)} - told  # each sentence's neighbours
    for i in sorted(near, key=lambda j: (abs(j - first), j)):
        if i in others:
            continue  # that sentence dates another contact
        if not 0 <= i < len(sents) or i in others:
            continue
        named = any(n in sents[i] for n in names)
        # "The President of A received on Tuesday the heads of government of B, C": the pair
        # told again, as held, by its countries, dated by its day of the week
        named = named or _told_by_countries(sents[i], g[0].participants)
        # a sentence that only speaks of "the leaders" dates them by its day of the week
        # ("on Sunday evening"), not by a calendar date, which may be another event's
        # ("the dialogue launched on February 23")
        if named or (_SAME.search(sents[i]) and _weekday_only(sents[i])):
            when = dates.contact_date(sents[i], 0, day)
            if when:
                return when
    # one sentence further, past one that tells no other contact, only the contact told again
    # by its day ("A and B talk grain" / "the two heads of state compared notes" / "In the
    # Thursday phone call, ...")
    far = {j for i in told for j in (i - 2, i + 2) if (i + j) // 2 not in others} - told - near
    # "X later in the afternoon saw off Y": the day of the events told just before it
    later = {i - 2 for i in told if _LATER.search(sents[i])}
    for i in sorted(far):
        if not 0 <= i < len(sents) or i in others:
            continue
        same = _SAME.search(sents[i]) or (i in later and any(n in sents[i] for n in names))
        if same and _weekday_only(sents[i]) and (when := dates.contact_date(sents[i], 0, day)):
            return when
    return None


# The text says the day is not known: "It was not (immediately) clear when the call took
# place", "It has not been confirmed whether the talks were held late Tuesday or early Wednesday",
# "The ministry did not say when the call took place"
_UNSURE = re.compile(
    r"\b(?:not\s+(?:been\s+|yet\s+|immediately\s+)*(?:clear|known|confirmed?|specif(?:y|ied)|"
    r"disclosed?|say|said)|unclear|uncertain)\s+(?:exactly\s+)?(?:when|whether|if|on\s+which\s+day|what\s+day)\b"
    r"[^.;]{0,60}?\b(?:took\s+place|happened|was\s+held|were\s+held|occurred|was\s+made|"
    r"spoke|talked|met)\b",
    re.IGNORECASE,
)


def _unsure_when(sents: list[str], idxs: list[int]) -> bool:
    """Does the contact's own sentence, or one of the two after it, say its day is unknown?"""
    near = range(idxs[0], min(len(sents), idxs[-1] + 3))
    return any(
        ("clear" in sents[i] or "not" in sents[i] or "certain" in sents[i])
        and _UNSURE.search(sents[i])
        for i in near
    )


_LATER = re.compile(
    r"^\W*later\b|\blater\s+(?:in\s+the\s+(?:day|afternoon|evening)|that\s+(?:day|afternoon|evening))\b",
    re.IGNORECASE,
)
_SAME_ANY_CASE = re.compile(_SAME.pattern, re.IGNORECASE)
_PROSE_END = re.compile(r"[.!?\"”’]\s*$")


def _lead_day(
    sents: list[str],
    body_start: int,
    lead: int,
    others: set[int],
    day: dt.date | None,
    people: list[Person] | None = None,
) -> dt.date | None:
    """A contact only the headline states ("Barbados and Jamaica Prime Ministers Hold Talks"):
    the day the lead's first sentence gives it, when that sentence speaks of the contact or
    its people without naming them ("BRIDGETOWN, Sept 8 (CMC) - The Prime Ministers of the two
    countries discussed ... on Wednesday"), or names all its ``people`` as a held event ("On
    Tuesday, A and B opened a centre", for "A meets B"), by a day of the week (a calendar date
    there may be another event's; the dateline's is the story's)."""
    for i in range(body_start, lead):
        if len(sents[i].split()) < 6 or not _PROSE_END.search(sents[i]):
            continue  # page furniture: a byline, a caption's name, the headline again
        if i in others:
            return None
        line = dates.DATELINE.match(sents[i])
        rest = sents[i][line.end() :] if line else sents[i]
        # the contact told again, by a phrase ("the two leaders") or by its people, as held:
        # "X is set to meet Y on Wednesday" dates a plan, not the headline's contact
        told = _SAME_ANY_CASE.search(rest) or (
            _names_all(rest, people or []) and status_of(rest, 0, len(rest), 0) == "held"
        )
        if told and _weekday_only(rest):
            return dates.contact_date(rest, 0, day)
        return None
    return None


def _countries_all(sentence: str, people: list[Person]) -> bool:
    """Does ``sentence`` name the country of every one of the contact's (two or more) people,
    of two or more countries ("the President of Uzbekistan received ... the Prime Ministers of
    Tajikistan and Kazakhstan")?"""
    codes = {p.country for p in people}
    if len(people) < 2 or None in codes or len(codes) < 2:
        return False
    return codes <= set(countries_in(sentence))


def _told_by_countries(sentence: str, people: list[Person]) -> bool:
    """A sentence naming the countries of all the contact's people, dated by a day of the week
    alone, and telling no plan ("A's president is set to meet B's on Wednesday")."""
    return (
        _weekday_only(sentence)
        and _countries_all(sentence, people)
        and status_of(sentence, 0, len(sentence), 0) == "held"
    )


# what a name holds besides the person's own names: a regnal number, a title, particles
_NOT_A_NAME = re.compile(r"^(?:[IVX]+|Jr|Sr|King|Queen|Prince|Sheikh|Emir|bin|bint)\.?$")


def _names_all(sentence: str, people: list[Person]) -> bool:
    """Does ``sentence`` name every one of the contact's (two or more) people by one of their
    own names ("On Tuesday, Fico and Orbán opened ...", for "Orbán meets Fico")? Then it tells
    the headline's contact again, with its people, not another one."""
    if len(people) < 2 or any(not p.name for p in people):
        return False
    words = set(re.findall(r"[\w'’-]+", fold(sentence)))
    for p in people:
        own = [w for w in re.findall(r"[\w'’-]+", fold(p.name or "")) if len(w) > 2]
        if not any(w in words for w in own if not _NOT_A_NAME.match(w)):
            return False
    return True


_WEEKDAY_BEFORE = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$")
_WEEKDAY_ANY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,")


def _same_weekday_date(text: str, weekdays: set[int], people: list[Person]) -> dt.date | None:
    """An undated page's contact told by its weekday alone ("met X on Friday afternoon"): the
    full date a line of the page naming one of its people gives beside that same weekday, as a wire
    photo caption does ("Y greets X in New Delhi, Friday, Sept. 16, 2016"): the weekday and
    the date agree, and the people are the contact's, so it is the same day."""
    names = [p.name.split()[-1] for p in people if p.name]
    for sentence in text.splitlines():  # the page's lines: captions are not sentences
        if not any(n in sentence for n in names) or not _WEEKDAY_ANY.search(sentence):
            continue
        for mention in dates.find(sentence):
            wd = _WEEKDAY_BEFORE.search(sentence, 0, mention.start)
            if mention.kind != "absolute" or wd is None:
                continue
            when = dates.resolve(mention, None)  # only a date stating its year
            named = dates.WEEKDAYS.index(wd.group(1).lower() + "day")
            if when is not None and when.weekday() == named and named in weekdays:
                return when
    return None


# a caption's end after its date: "..., Sept. 25, 2023. (Agency/Photographer)", "... on May 3,
# 2021 in Capital City. (Photo by X)"
_CAPTION_END = re.compile(
    r"\s*(?:in\s+[A-Z][\w'’.-]*(?:,?\s+[A-Z][\w'’.-]*){0,3})?\s*[.,]?\s*\([^()]{1,60}\)\s*$"
)
# an embedded post's signature: "... — A Name (@handle) May 3, 2021"
_POST_STAMP = re.compile(r"\(@\w{1,30}\)\s*$")
# a picture of the two posing, not of their talks ("pose for photographers ahead of a dinner")
_POSING = re.compile(r"\bpos(?:e[sd]?|ing) for\b|\bshak(?:e|es|ing) hands\b|\bpictured\b", re.I)


def _caption_date(text: str, people: list[Person], weekdays: set[int] | None) -> dt.date | None:
    """An undated page's news contact that states no day (or only its weekday): the date that
    ends a photo caption naming two of its people ("A holds talks with B in the capital, May
    3, 2021. (Agency)"), or the date stamp of an embedded post naming them ("I spoke with
    @B ... — A (@a) May 3, 2021"); with a weekday, only a date falling on it. Not a picture of
    them posing, nor a date inside a paragraph."""
    names = {fold(p.name.split()[-1]) for p in people if p.name}
    if len(names) < 2:
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if not any(c.isdigit() for c in line):
            continue
        found = [m for m in dates.find(line) if m.kind == "absolute"]
        if not found or found[-1].end < len(line.rstrip()) - 1:
            if not found or not _CAPTION_END.fullmatch(line, found[-1].end):
                continue
            window = line
        elif _POST_STAMP.search(line, 0, found[-1].start):
            window = " ".join(lines[max(0, i - 1) : i + 1])  # the post: its text, its stamp
        else:
            continue
        if sum(n in fold(window) for n in names) < 2 or _POSING.search(window):
            continue
        when = dates.resolve(found[-1], None)
        if when is not None and (weekdays is None or when.weekday() in weekdays):
            return when
    return None


_SOME_DAY = dt.date(2001, 1, 1)  # a Monday: any anchor, to see whether a day is stated at all


def _own_days(sentence: str) -> set[int]:
    """The weekdays (0 = Monday) a sentence dates its contact by ("on Friday"; "yesterday" may
    be any) when no anchor resolves them; empty when it states no such day."""
    if dates.contact_date(sentence, 0, _SOME_DAY) is None:
        return set()
    wds = {d.match.group("wd").lower() for d in dates.find(sentence) if d.kind == "weekday"}
    return {i for i, wd in enumerate(dates.WEEKDAYS) if wd in wds} or set(range(7))


def _weekday_only(sentence: str) -> bool:
    found = dates.find(sentence)
    return bool(found) and all(d.kind != "absolute" for d in found)


def _status(g: Group, groups: list[Group], body_start: int, lead: int) -> str:
    """A present-tense headline over a lead that tells the same countries' contact as a plan
    ("Sisi meets Erdogan in Turkey" over "Sisi is set to meet Erdogan on Wednesday") states
    that plan, not a second, held contact."""
    if g[0].status == "held" and _previewed(g, groups, body_start, lead):
        return "planned"
    return g[0].status


def _previewed(g: Group, groups: list[Group], body_start: int, lead: int) -> bool:
    if not body_start or any(c.sentence >= body_start for c in g):
        return False
    sides = _sides(g)  # countries: a name the gazetteer lacks ("Kishida Fumio") still tells
    return any(
        o[0].status == "planned" and _sides(o) == sides and body_start <= o[0].sentence < lead
        for o in groups
    )


def _headline_only(
    g: Group, groups: list[Group], body_start: int, lead: int, sents: list[str]
) -> bool:
    """A held contact only the headline states, while the lead tells a contact of the same
    countries as a plan ("Sisi meets Erdogan in Turkey" over "Sisi is set to meet Erdogan on
    Wednesday"): a preview under a headline in the present tense. Or one the headline only
    names by a noun, of which the lead tells nothing: the story is about something else."""
    if not body_start or any(c.sentence >= body_start for c in g):
        return False
    told = fold(" ".join(sents[body_start:lead])).lower()
    names = [fold(p.name.split()[-1]).lower() for p in g[0].participants if p.name]
    if (
        all(_NAMED.match(c.trigger) and not _VERBED.search(c.evidence or "") for c in g)
        and len(names) == len(g[0].participants)
        and not all(n in told for n in names)
    ):
        return True  # "Erdogan, Putin talks: Turkey says ...": a topic the lead does not tell
    return _previewed(g, groups, body_start, lead)


def _beside_a_preview(
    g: Group, groups: list[Group], body_start: int, lead: int, headline_held: bool
) -> bool:
    """A preview's lead: the first contact the body tells is planned ("X will speak with Y
    tonight", "X is expected to meet Y on Wednesday"), and this held contact of other people
    (one of its parties with someone else, or another pair) is told after it ("On Monday, X
    spoke with Z", "On Monday, A and B met at the summit venue"): the preview's background,
    not the news (a headline telling a held contact keeps the news its own). The same pair's
    held contact may be the news the plan came out of ("agreed to hold a council ... The two
    met on the sidelines"), so it is left alone."""
    if headline_held:
        return False
    told = [c for o in groups for c in o if body_start <= c.sentence < lead]
    if not told:
        return False
    first = min(told, key=lambda c: c.sentence)
    if first.status != "planned" or min(c.sentence for c in g) <= first.sentence:
        return False
    plan = next(o for o in groups if first in o)
    planned = {p.name for p in plan[0].participants if p.name}
    held = {p.name for p in g[0].participants if p.name}
    return held != planned and all(c.status == "held" for c in g)


def _asserted(g: Group, denials: list[int], sents: list[str]) -> bool:
    """The contact stated by a verb in a sentence that also denies something ("Peskov denied
    the reports but confirmed that Putin had spoken with Trump", "A met B on Monday, but a
    second meeting will not take place"): the denial is another clause's. A contact only
    named by a noun there ("a phone conversation between A and B has not been scheduled")
    is the one denied, and so is one told after the denial with no turn between them ("no
    call took place, after A said he had spoken with B"): the claim it answers."""
    return any(
        c.sentence in denials
        and c.status == "held"
        and not c.background
        and not _NOUN_TRIGGER.match(c.trigger)
        and not _claim_denied(sents[c.sentence], c.trigger)
        for c in g
    )


_DENIED_NOUN = re.compile(r"\b" + _CONTACT_NOUN + r"\b", re.IGNORECASE)
# a turn from the denial to something asserted: "... but confirmed that A had spoken with B"
_TURN = re.compile(
    r"\b(?:but|however|though|although|while|yet|whereas|confirm\w*|admit\w*|acknowledg\w*)\b",
    re.IGNORECASE,
)


def _claim_denied(sentence: str, trigger: str) -> bool:
    """The contact's verb follows the sentence's denial of a contact with no turn between them:
    the claim the denial answers ("insisted no phone call took place, after A said he had
    spoken with B"), not a contact the sentence asserts."""
    denial = _DENIED.search(sentence)
    at = sentence.find(trigger) if trigger else -1
    if denial is None or at < denial.end():
        return False
    if not _DENIED_NOUN.search(denial.group()):
        return False  # "denying reports of tension, said A spoke with B": no contact denied
    return _TURN.search(sentence, denial.end(), at) is None


def _named_in(g: Group, told: str) -> bool:
    """Every participant of the contact named (by surname) in ``told``."""
    names = [fold(p.name.split()[-1]).lower() for p in g[0].participants if p.name]
    return len(names) >= 2 and all(re.search(rf"\b{re.escape(n)}\b", told) for n in names)


def _recalled_in_preview(g: Group, groups: list[Group], lead: int) -> bool:
    """A held contact placed in a month or an earlier period, told after the headline or lead
    announced a contact of the same countries as a plan ("Xi to visit Moscow next week ...
    The two leaders held talks by video link in December"): the preview's background, even
    when the article's own date is unknown."""
    sides = _sides(g)
    if not any(
        o[0].status == "planned" and _sides(o) == sides and o[0].sentence < min(lead, g[0].sentence)
        for o in groups
    ):
        return False
    return all(
        past_period(c.evidence, max(0, c.evidence.find(c.trigger)), None, months_past=True)
        for c in g
    )


def _sides(g: Group) -> frozenset[str | None]:
    return frozenset(p.country for p in g[0].participants)

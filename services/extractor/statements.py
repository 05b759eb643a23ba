"""Turn one sentence and its resolved mentions into contact candidates: who, kind, status, date.

A contact expression (``classify.find_triggers``) joins the officials named right before and
after it (``chains``); "he"/"the two leaders" stand for people named earlier; a roster
("Participants in the call included A, B and C", ``roster``) adds people to the last contact.
A held contact recalled in passing ("building on their May meeting", "X, who met Y on Monday,
said ...") is marked ``background``: true, but not the article's news.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from itertools import pairwise

from shared.schemas import Person

from . import dates, periods
from .chains import (
    INCLUDING,
    chain_left,
    chain_right,
    coordinated_subject,
    group_object,
    group_subject,
    pronoun_subject,
    subject_word,
)
from .classify import (
    _INITIATE,
    Candidate,
    after_parties,
    clause_start,
    find_triggers,
    is_trap_sentence,
    own_cue_kind,
    status_of,
)
from .groups import GROUP_PREFIX
from .hints import has_hint
from .people import Mention, place_code
from .quotes import first_person, quoted
from .recall import invited_by, only_generic, recalled
from .roster import Memory, is_bloc, key_of, participants, remember, roster
from .tokens import fold

_ARTICLE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_NOMINAL = re.compile(r"\b(?:their|its|the)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "held telephone conversations with A and B": plural contacts with several people, one each
_JOINT = re.compile(
    r"\b(?:joint(?:ly)?|conference call|together|trilateral|quadrilateral|group call|"
    r"video ?conference|virtual (?:meeting|summit)|took part in|"
    r"(?:holds?|held|had|has|hosts?|hosted|joins?|joined)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
    r"(?:call|conversation)(?!s))\b",
    re.I,
)
# the verbs of speaking a contact may open with ("spoke with", "has spoken to", "talked with")
_SPOKE = re.compile(r"(?:spoke|speaks|spoken|speaking|talked|talking)\b", re.I)
# a present perfect just before a contact expression: "has spoken with", "have also met"
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:also|already|now)\s+)?$", re.I)
_APART = re.compile(r"\b(?:separately|individually|separate)\b", re.I)
_SEPARATE = re.compile(
    r"\b(?:separately|individually|separate\s+(?:[\w-]+\s+){0,2}?(?:calls|meetings|talks)|"
    r"(?:(?:tele)?phone\s+)?(?:calls|conversations|meetings):?\s+with|"
    r"(?:calls|conversations|meetings)\s+(?:that|which)\b)\b",
    re.I,
)
# several meetings or talks with leaders, told before their list: "held a number of meetings
# with world leaders", "held talks with presidents of different countries", "a series of
# bilateral talks"
_SEVERAL = re.compile(
    r"\b(?:(?:a|an)\s+(?:number|series|string|slate|round|host)\s+of|several|various|multiple)"
    r"\s+(?:[\w-]+\s+){0,2}(?:meetings|talks|leaders|counterparts|guests|dignitaries)\b|"
    r"\b(?:leaders|presidents|heads\s+of\s+(?:state|government)|counterparts|guests)\s+of\s+"
    r"(?:different|several|various|many|other|a\s+number\s+of)\b",
    re.I,
)
# "During talks with X, Y said": a contact phrase opening the sentence is its subject's
_FRONTED = re.compile(
    r"^\W*(?:[A-Z][A-Z .,/()]{2,40}\s*[-–—]+\s*)?"  # a dateline: "BELGRADE - "
    r"(?:(?:Speaking|Talking)\s+to\s+(?:reporters|journalists|the\s+press)\s+)?"
    r"(?:During|In|At|Over|After|Following|(?<=\s)(?:during|after|following))\s+"
    r"(?:(?:a|an|the|their|his|her)\s+)?(?:[\w-]+\s+){0,3}$"
)
# an opening phrase telling another contact: "In addition to meeting with X, ...", "After
# talks with X on Monday, ..."
_OPENING = re.compile(
    r"^\W*(?:In addition to|Besides|Apart from|After|Following|Before|During)\s+[^,;]{0,80}?"
    r"\b(?:meeting|meetings|talks|talking|speaking|call|calls|visit\w*|hosting|receiving)\b"
    r"[^,;]{0,80},\s+"
)
# a list of who else was there: "Also present were", "were also in attendance"
_PRESENT = re.compile(
    r"\b(?:also\s+(?:present|attending|in\s+attendance)\s+(?:were|was|are|is)|"
    r"(?:were|was|are|is)\s+also\s+(?:present|in\s+attendance))\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween$", re.IGNORECASE)
_ALSO_WITH = re.compile(r"\band\s+(?:also\s+|then\s+|later\s+)?with\b", re.IGNORECASE)
_LED_BY = re.compile(r"\b(?:led|conducted|held|headed)\s+by$", re.IGNORECASE)


def _parties_after(trigger: str, anywhere: bool = False) -> bool:
    """ "a call between A and B", "a phone dialogue led by A and B": the people named after the
    expression are its parties (``anywhere``: "between" anywhere in it, as before)."""
    if anywhere and "between" in trigger.lower():
        return True
    return bool(_BETWEEN.search(trigger) or _LED_BY.search(trigger))


_TWO_LEADERS = re.compile(
    r"\s+(?:the\s+two|both)\s+(?:leaders|presidents|prime\s+ministers|heads\s+of\s+state)\b",
    re.IGNORECASE,
)
_CALLED_ON = re.compile(r"(?:called|calls|calling)\s+on\b")
# "the visiting leader", "the visiting Lankan dignitary", "the Sri Lankan prime minister"
_THE_VISITOR = re.compile(
    r"\s+the\s+(?:visiting\s+)?(?:[A-Z][\w-]*\s+){0,2}(?i:leader|dignitary|guest|"
    r"(?:prime\s+)?minister|president|premier|PM|king|emir|chancellor)\b(?!\s+(?:of|[A-Z]))"
)
# "A thanked B", "A also congratulated his counterpart B": a verb addressed to the other party
_ACTS_ON = re.compile(
    r"\s+(?:also\s+|warmly\s+)?(?:thanked|congratulated|felicitated|told|assured|urged|invited|"
    r"briefed|informed|asked|greeted|wished|updated|reassured|condoled|consoled|welcomed|"
    r"commended|praised|pressed|warned|reaffirmed\s+to|expressed\s+to)"
    r"\s+(?:(?:the|his|her|their)\s+)?"
)
# the opening phrase is a call of the subject's own: "In a phone call (on Monday),", "Over the
# phone,", "In a telephone / video conversation," (not "During the meeting,", "In a cabinet
# meeting,")
_CALL_PHRASE = re.compile(
    r"^\W*(?:[A-Z][A-Z .,/()]{2,40}\s*[-–—]+\s*)?(?:(?:In|During|Over)\s+(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:(?:tele)?phone|telephonic|video)\b|(?:In|During|Over)\s+(?:a|an)\s+call\b|"
    r"Over\s+the\s+(?:tele)?phone\b|By\s+(?:tele)?phone\b)"
)
_GATHERING = re.compile(r"\b(?:summit|conference|forum|session|assembly)\b", re.IGNORECASE)
_OF_WITH = re.compile(
    r",?(?:\s+(?:on|in|at)\s+[\w’'-]+){0,2}\s+(?:with|and)\s+(?:the\s+)?", re.IGNORECASE
)  # "the meeting of A on Thursday in Cairo with B"
_AND = re.compile(r"\s*(?:,\s*)?and\s+")
_AND_NEXT = re.compile(r"\s*(?:,\s*)?and\s+(?:the\s+|[A-Z][\w-]*['’]s\s+)?")  # "and Ukraine's"
_THE_TWO = re.compile(r"^\s*(?:the two (?:leaders|sides|presidents|men|women)|them)\b", re.I)
_OF_OTHERS = re.compile(r"^\s*(?:of|with|between|among|by|for)\b", re.I)
_AFTER_A = re.compile(
    r"\b(?:after|following|during|in|over)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}$", re.I
)
# "In a phone call, the two sides ...", "During half-hour phone talks, they ...": the clause
# after an opening contact phrase starts with the people of the sentence before
_THEN_GROUP = re.compile(
    r"^(?P<phrase>[^,;.]{0,40}),\s*(?:the two (?:sides|leaders|presidents|ministers|"
    r"heads of state)|both (?:sides|leaders)|(?P<they>they))\b",
    re.IGNORECASE,
)
# what keeps a bare "they" from standing for the pair named before: the opening phrase names
# another party of its own ("In a call with reporters, they said", "During a meeting with
# business leaders, they ...") or a gathering ("After the summit, they flew home")
_PHRASE_OTHERS = re.compile(
    r"\b(?:with|between|among|of|for|summit|conference|forum|session|assembly|reception|"
    r"dinner|lunch|banquet|ceremony|event)\b",
    re.IGNORECASE,
)
# "During his call with X, ...": a fronted phrase whose "his" / "her" the main clause names
_FRONTED_OWN = re.compile(
    r"^\W*(?:During|In|At|Over|After|Following)\s+(?:his|her)\s+(?:[\w-]+\s+){0,3}$"
)
_BREAK = re.compile(r"[;:“”\"(]|\b(?:who|which|said|says|when|while)\b")
# "The meeting ...", "This call ...": the contact the text has just stated
_THE = re.compile(r"^\W*(?:the|this|that|such a)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_WITH = re.compile(r"\b(?:with|between)\b", re.IGNORECASE)
_OF_PARTIES = re.compile(r"\s+(?:between|among)\b", re.IGNORECASE)
# "The meeting ... began": the plan has come about
_HAPPENED = re.compile(
    r"^[^.;]{0,120}?\b(?:began|has begun|started|has started|took place|was held|were held|"
    r"lasted|ended|concluded|(?:is|are|got) (?:now )?under ?way|kicked off)\b",
    re.IGNORECASE,
)
# "Trudeau announced the pause after speaking with Trump": the clause's subject speaks
_GERUND = re.compile(r"\b(?:after|before|while|when)\s+$", re.IGNORECASE)

__all__ = [
    "Memory",
    "candidates",
    "expressions",
    "has_hint",
    "is_bloc",
    "participants",
]

Expression = tuple[int, int, str, str]  # start, end, kind, form: see ``find_triggers``


def expressions(sentence: str, low: str | None = None) -> list[Expression]:
    """The contact expressions of ``sentence``; none in a trap sentence ("in an interview").
    (``low``: ``sentence.lower()``, when known.)"""
    low = sentence.lower() if low is None else low
    found = find_triggers(sentence, low)
    if not found or not is_trap_sentence(sentence, low):
        return found
    # '"X called me," Duda said on X': the attribution's trap words are not the quote's
    span = quoted(sentence)
    if span is None or is_trap_sentence(sentence[span[0] : span[1]]):
        return []
    inside = [x for x in found if span[0] <= x[0] and x[1] <= span[1]]
    return inside if inside == found else []


def candidates(
    idx: int,
    sentence: str,
    mentions: list[Mention],
    memory: Memory,
    day: dt.date | None,
    hint: bool | None = None,
    exprs: list[Expression] | None = None,
    listing: bool | None = None,
) -> list[Candidate]:
    """Contacts stated by ``sentence`` (``hint``: ``has_hint(sentence)``, ``exprs``: its
    ``expressions``, ``listing``: ``is_roster(sentence)``, when already known); updates
    ``memory`` for pronouns in later sentences."""
    if not mentions and listing is False and hint is False:
        memory.roster = False  # nobody named, no roster, no contact word: a list has ended
        return []
    senior = [m for m in mentions if m.person is not None and m.senior]
    if roster(idx, sentence, senior, memory, listing):
        return [memory.last] if memory.last is not None and memory.last.sentence == idx else []
    if hint is None:
        hint = has_hint(sentence)
    if not (senior or memory.subject or memory.last) or not hint:
        _remember(memory, senior, sentence, idx)
        return []
    found: list[Candidate] = []
    exprs = expressions(sentence) if exprs is None else exprs
    before = memory.last  # the last contact of the sentences before this one
    for n, (start, end, kind, form) in enumerate(exprs):
        # past a comma, the next expression opens a clause of its own: the people after it
        # are its ("the Leaders' Meeting, held a summit meeting with Xi")
        after = exprs[n + 1][0] if n + 1 < len(exprs) else None
        limit = after if after is not None and "," in sentence[end:after] else None
        prev_end = exprs[n - 1][1] if n else 0
        own = (prev_end, start, end, len(sentence) if after is None else after)
        several = len(exprs) > 1
        got = _from_trigger(
            idx,
            sentence,
            senior,
            memory,
            day,
            start,
            end,
            kind,
            form,
            limit,
            own if several else None,
        )
        if found and got:
            got = _same_plan(found, got, sentence[:start])
            if found[-1].status == "planned" and _list_item(sentence[prev_end:start]):
                # "meetings have been arranged for tomorrow: a talk with A, a talk with B and
                # also talks with C": the items of one planned list
                got = [replace(c, status="planned", date=found[-1].date) for c in got]
            memory.last = got[-1]
        if got and before is not None and before.status == "planned" and form == "noun":
            got = _the_plan(before, got, sentence[:start], sentence[start:end], sentence[end:])
        found += got
    _remember(memory, senior, sentence, idx)
    return found


def _remember(memory: Memory, senior: list[Mention], sentence: str, idx: int = -1) -> None:
    remember(memory, senior)
    if _SEVERAL.search(sentence):
        memory.several = idx
    if _PRESENT.search(sentence):
        # "Also present were A and B": people in the room, not a pair "the leaders" can mean
        memory.previous = []


def _the_plan(
    plan: Candidate, got: list[Candidate], head: str, words: str, tail: str
) -> list[Candidate]:
    """'A will meet B on Sunday. The meeting follows several calls': "the meeting" opening the
    next sentence is the plan just stated, not a held meeting."""
    if not _THE.match(head) or _WITH.search(words) or _HAPPENED.match(tail):
        return got
    return [
        replace(c, status="planned", date=plan.date)
        if c.status == "held" and c.keys == plan.keys and not c.background
        else c
        for c in got
    ]


_LIST_ITEM = re.compile(
    r"[^;:.\"“”]{0,80}?(?:,\s+(?:and\s+)?|\s+and\s+)(?:also\s+)?(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)
_VERB = re.compile(r"\b(?:\w+ed|said|says|met|held|spoke|is|was|were|are|has|have|had|will)\b")


def _list_item(gap: str) -> bool:
    """The words between two contact expressions continue a list, with no verb of their own."""
    return _LIST_ITEM.fullmatch(gap) is not None and _VERB.search(gap) is None


def _same_plan(found: list[Candidate], got: list[Candidate], head: str) -> list[Candidate]:
    """'A and B will meet next week, in their first face-to-face talks in a year': a contact
    named as a thing ("their ... talks") after a plan of the same people in the sentence is
    that plan."""
    if not _NOMINAL.search(head):
        return got
    plans = [c for c in found if c.status == "planned"]
    return [
        replace(c, status="planned", date=p.date)
        if c.status == "held"
        and not c.background
        and (p := next((p for p in plans if p.keys == c.keys), None))
        else c
        for c in got
    ]


def _main_subject(
    sentence: str, senior: list[Mention], right: list[Mention]
) -> tuple[Mention | None, list[Mention]]:
    """The official named right after a fronted phrase's people and its comma (the phrase's
    own people, without that official), if any."""
    last = len(right) - 1
    if last and "," in sentence[right[last - 1].end : right[last].start]:
        # "During his call with X, Y said": the list after "with" ran on into the subject
        if not re.match(r"\s*(?:,|and\b)", sentence[right[last].end :]):
            return right[last], right[:last]
        return None, right
    after = [m for m in senior if m.start > right[-1].end and m not in right]
    if not after:
        return None, right
    gap = sentence[right[-1].end : after[0].start]
    if "," not in gap or len(gap) >= 80 or _BREAK.search(gap) or after[0].possessive:
        return None, right
    return after[0], right


def _sides(
    sentence: str, senior: list[Mention], memory: Memory, start: int, end: int, limit: int | None
) -> tuple[list[Mention], list[Mention], list[Person], int | None]:
    """(left, right, people standing for a group word, end of the named left side)."""
    left = chain_left(sentence, senior, start)
    told_first = _OPENING.match(sentence)
    if len(left) >= 2 and told_first is not None and told_first.end() <= start:
        # "After meeting X, Y held talks with Z": X is the opening phrase's, not Y's partner
        left = [m for m in left if m.start >= told_first.end()] or left
    right = chain_right(sentence, senior, end, limit)
    left_end = left[-1].end if left else None  # before "he" brings in an earlier subject
    group = _bloc_members(left, memory)
    if group:
        left = []
    if not left and not group:
        named = group_subject(sentence, senior, start)
        if named is not None:
            people = [m.person for m in named if m.person is not None]
            if participants(people) is not None:
                group = people
            elif memory.last is not None:
                group = list(memory.last.participants)
            else:
                group = memory.previous
        else:
            subject = pronoun_subject(sentence, senior, start, memory.subject)
            subject = subject or coordinated_subject(sentence, senior, start, memory.subject)
            if subject is not None and right and _FRONTED_OWN.search(sentence[:start]):
                # "During his call with X, Y said ...": "his" is the main clause's subject
                main, right = _main_subject(sentence, senior, right)
                subject = main or subject
            if subject is not None:
                left = [subject]
                memory.kept = subject is memory.subject
    if memory.speaker is not None:
        who, side = memory.speaker
        mine = first_person(sentence, start, end)
        if mine == "subject" == side and not left and not group:
            left = [who]  # '"I spoke with X," Zelensky said'
        elif mine == "object" == side and left and not right and who not in left:
            right = [who]  # '"X called me," Duda said'
    if not left and right and sentence[start:end].lower().endswith(" of"):
        # "the meeting of A with B": A is the first party, B the one after "with"
        after = [m for m in senior if m.start > right[-1].end and m not in right][:1]
        if after and _OF_WITH.fullmatch(sentence[right[-1].end : after[0].start]):
            left, right = right, after
    opening = not left and not group and (start < 3 or bool(_FRONTED.search(sentence[:start])))
    if opening and (not right or "," in sentence[end : right[0].start]):
        left, right = _main_clause(sentence, senior, start, end) or (left, right)
        then = _THEN_GROUP.match(sentence[end:])
        if (
            then is not None
            and then.group("they")
            and _PHRASE_OTHERS.search(sentence[start:end] + then.group("phrase"))
        ):
            then = None  # "In a call with reporters, they said": not the pair's contact
        if not left and not right and then is not None and memory.previous:
            # "A exchanged greetings with B. In a phone call, the two sides discussed ..."
            if participants(list(memory.previous)) is not None:
                group = list(memory.previous)
    elif opening and right and _FRONTED.search(sentence[:start]):
        # "During talks with X on Friday, Y reaffirmed ...": the main clause's subject
        after = [m for m in senior if m.start > right[-1].end and m not in right]
        if after and "," in sentence[right[-1].end : after[0].start]:
            gap = sentence[right[-1].end : after[0].start]
            if len(gap) < 80 and not _BREAK.search(gap) and not after[0].possessive:
                left = [after[0]]
                pair = after[1:2] if _APART.search(sentence) else []
                if pair and _AND_NEXT.fullmatch(sentence[after[0].end : pair[0].start]):
                    # "After separate calls with X, both A and B urged ...": A's and B's
                    left = [after[0], pair[0]]
    if left and not right:
        right = group_object(sentence, senior, start, end, left)
    if len(right) >= 2 and _parties_after(sentence[start:end]) and right[0].start >= end:
        # "Merz cited Orban's visit and a phone call between Scholz and Putin": the two named
        # after "between" are the parties, not the sentence's subject
        if len({m.country for m in right}) == len(right):
            left, group = [], []
    if not right and _BETWEEN.search(sentence[start:end]) and _TWO_LEADERS.match(sentence[end:]):
        # "a phone call between the two leaders": the two named last before, in this sentence
        # or, when it names none, the last contact's
        named = [m for m in senior if m.end <= start and m.person is not None]
        if len(named) >= 2 and len({m.country for m in named[-2:]}) == 2:
            left, right, group = [], named[-2:], []
        elif not named and memory.last is not None and len(memory.last.participants) == 2:
            left, group = [], list(memory.last.participants)
    if len(left) == 1 and not right and not group:
        right = _visitor(sentence, start, end, left[0], memory)
    return left, right, group, left_end


def _visitor(sentence: str, start: int, end: int, host: Mention, memory: Memory) -> list[Mention]:
    """ "The foreign minister also called on the visiting leader": the visitor is the other
    side of the contact stated last, the one not of the caller's country."""
    if not _CALLED_ON.match(sentence[start:]) or not _THE_VISITOR.match(sentence[end:]):
        return []
    last = memory.last
    if last is None or last.status != "held" or host.person is None:
        return []
    sides = {p.country for p in last.participants}
    others = [p for p in last.participants if p.country and p.country != host.country]
    if host.country not in sides or len(others) != 1 or others[0].name == host.person.name:
        return []
    person = others[0]
    return [Mention(end, end, person, key_of(person), True, (), person.country)]


def _is_visitor(m: Mention, end: int) -> bool:
    """The mention ``_visitor`` made: no words of its own, right after the expression."""
    return m.start == m.end == end and m.title is None


_ON_DAY = re.compile(
    r"[^;:]{0,60}?\s+on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"(?=,?\s+and\s+with\b|\s*[.;]?\s*$|\s+(?:after|before|as|when|while)\b)"
)


def _day_after(sentence: str, pos: int, day: dt.date | None) -> dt.date | None:
    """The day told right after a party, before ", and with" or the end ("with A on Thursday,
    and with B on Wednesday")."""
    m = _ON_DAY.match(sentence, pos)
    return dates.contact_date(m.group(0), len(m.group(0)), day) if m and day else None


def _main_clause(
    sentence: str, senior: list[Mention], start: int, end: int
) -> tuple[list[Mention], list[Mention]] | None:
    """ "In a phone call on Monday, A thanked B for ...", "Over the phone, A congratulated B":
    a contact phrase naming nobody opens the sentence; the main clause's subject and object
    are its parties."""
    comma = sentence.find(",", end)
    if not 0 <= comma - end < 40 or _WITH.search(sentence[start:comma]):
        return None  # "In a call with reporters, A praised B": not a call of A and B
    if _GATHERING.search(sentence[start:end]) or not _CALL_PHRASE.search(sentence[:comma]):
        return None  # "At the summit / In a cabinet meeting, A criticised B": no contact of theirs
    after = [m for m in senior if m.start > comma][:2]
    if len(after) < 2 or after[0].possessive or after[0].country == after[1].country:
        return None
    if not _ACTS_ON.fullmatch(sentence[after[0].end : after[1].start]):
        return None
    return [after[0]], [after[1]]


def _bloc_members(left: list[Mention], memory: Memory) -> list[Person]:
    """'The EU leaders then held a call with Xi', after a sentence naming the EU's two
    presidents: the bloc's officials named just before, rather than the bloc itself."""
    if len(left) != 1 or not (left[0].key or "").startswith(GROUP_PREFIX):
        return []
    code = place_code((left[0].key or "").removeprefix(GROUP_PREFIX))
    return [p for p in memory.previous if code is not None and p.country == code]


def _from_trigger(
    idx: int,
    sentence: str,
    senior: list[Mention],
    memory: Memory,
    day: dt.date | None,
    start: int,
    end: int,
    kind: str,
    form: str,  # verb | noun | adverb: how the expression states the contact
    limit: int | None = None,  # where the next expression of the sentence starts
    own: tuple[int, int, int, int] | None = None,  # see ``dates.contact_date``
) -> list[Candidate]:
    left, right, group, left_end = _sides(sentence, senior, memory, start, end, limit)
    gerund = _GERUND.search(sentence[:start]) and sentence[start:end].split()[0].endswith("ing")
    between = len(right) >= 2 and _parties_after(sentence[start:end])
    if not left and not group and not between and (_ARTICLE.search(sentence[:start]) or gerund):
        # "Blinken met Herzog, hours after a meeting with Netanyahu": the clause's subject
        subject = [m for m in senior if m.end <= start and m not in right][:2]
        left = subject[:1]
        pair = len(subject) == 2 and _AND.fullmatch(sentence[subject[0].end : subject[1].start])
        alone = not right and not _OF_OTHERS.match(sentence[end:])
        if pair and (alone or _THE_TWO.match(sentence[end:])) and _AFTER_A.search(sentence[:start]):
            # "A and B agreed to meet next month after a (phone) call (between the two
            # leaders)": the pair the clause opens with held the call
            left, right = subject[:1], subject[1:]
    if not left and not group and not (start < 30 or _parties_after(sentence[start:end], True)):
        return []  # "I have just spoken with A and B": A and B did not talk to each other
    people = participants([*group, *(m.person for m in [*left, *right] if m.person is not None)])
    if people is None:
        return []
    clause = clause_start(sentence, left[0].start) if left and left_end is not None else None
    if clause is None and (group or left):
        word = subject_word(sentence, start)  # "..., as the two leaders held a call"
        if word is not None:
            clause = max(clause_start(sentence, word), start - 50)
    status = status_of(sentence, start, end, clause)
    noun = form == "noun" or _OF_PARTIES.match(sentence, end) is not None  # "Talk between A, B"
    if status == "held" and noun and right and right[0].start >= end:
        status = after_parties(sentence, right[-1].end)  # "the summit between A and B would"
    if status is None or (status == "held" and _uncounted(sentence, start, end)):
        return []
    if status == "held" and any(invited_by(sentence, m, end) for m in right):
        # "... on the sidelines of the summit at the invitation of B": B invited, a party of
        # the invitation, not (by these words) of the contact (a planned visit "at the
        # invitation of B" is one to B)
        right = [m for m in right if not invited_by(sentence, m, end)]
        people = participants([*group, *(m.person for m in [*left, *right] if m.person)])
        if people is None:
            return []
    trigger = sentence[start:end]
    specific = kind != "talk"
    if not specific:
        kind = own_cue_kind(sentence, end, trigger) or ""
    loose = periods.vague_time(sentence)  # "earlier this week": no day to give
    planned = status == "planned"  # "X said on Sept. 20 that he would call Y": not its day
    when = dates.contact_date(
        sentence, start, day, forward=planned, said=not (loose or planned), own=own
    )
    # "Since taking office on Tuesday, X has spoken with A": the present perfect places the
    # contact in the period "since" opens, on no stated day (not "his fifth visit since the
    # October 7 attacks, X met A", where "since" dates a count)
    perfect = _PERFECT.search(sentence[:start]) is not None
    vague = when is None and (loose or (perfect and dates.since_dated(sentence[:start])))
    background = status == "held" and recalled(sentence, start, when, day)
    if background and only_generic(sentence, senior, people, day):
        return []  # "the last time the leaders of A and B spoke": not today's holders
    verb = trigger.split()[0] if trigger.split() else ""
    initiator = None
    if _INITIATE.match(verb) and len(left) == 1 and right and left[0].person is not None:
        initiator = left[0].person.name
    # One visitor meeting several hosts of one country, calls "held separately", or one
    # leader's phone calls with several others are several contacts, one per pair.
    split = (
        len(left) == 1
        and len(right) >= 2
        and right[0].start >= end  # not "the two leaders" standing for people named before
        and (
            (
                kind == "meeting"
                and len({m.country for m in right}) == 1
                and not _JOINT.search(sentence)
                and not _delegation(right)  # "met Prime Minister A and Foreign Minister B"
            )
            or bool(_SEPARATE.search(sentence))
            # "held talks with A and also with B": a second meeting
            or bool(_ALSO_WITH.search(sentence, end, right[-1].start))
            # "spoke with key allies, including A, B and C": one contact each
            or bool(INCLUDING.match(sentence[end : right[0].start]))
            # "held a number of meetings with world leaders. X met A, B and C" (each of another
            # country): after a line telling of several meetings, one meeting each
            or (
                kind in ("meeting", "")  # "conferred with": a meeting by the context
                and memory.several is not None
                and 0 <= idx - memory.several <= 3
                and all(_named(sentence, m) for m in right)  # not "the leaders of A and B"
                and len({m.country for m in right}) == len(right)
                and left[0].country not in {m.country for m in right}
                and not _JOINT.search(sentence)
            )
            # "X spoke with A and B" (no medium stated; A and B of two countries, none X's):
            # one conversation each, unless told as joint ("held talks with A and B" may be
            # trilateral, so only the verbs of speaking)
            or (
                kind == ""
                and _SPOKE.match(trigger) is not None
                and len({m.country for m in right}) == len(right)
                and left[0].country not in {m.country for m in right}
                and not _JOINT.search(sentence)
                and not _parties_after(sentence[start : right[0].start], True)
            )
            # a headline's bare comma list ("X holds talks with A, B"): telegraphic style drops
            # the "and" of a list of separate meetings, one each (guests of other countries)
            or (
                kind != "call"  # "Trump holds call with A, B, C": a conference call
                and not sentence.rstrip().endswith((".", "!", "?", '"', "”"))
                and all(sentence[a.end : b.start].strip() == "," for a, b in pairwise(right))
                and len({m.country for m in right}) == len(right)
                and left[0].country not in {m.country for m in right}
            )
            # "X has spoken by phone with A, B and C": one call each, unless a joint call
            or (
                kind == "call"
                and len({m.country for m in right}) == len(right)
                and not _JOINT.search(sentence)
                and not _parties_after(sentence[start : right[0].start], True)
            )
        )
    )
    member_sets: list[list[Person | None]] = (
        [[left[0].person, m.person] for m in right] if split else [list(people)]
    )
    # "calls with A on Thursday, and with B on Wednesday": each party its own day
    days: list[dt.date | None] = (
        [_day_after(sentence, m.end, day) for m in right] if split else [None]
    )
    if len(right) == 1 and len(left) >= 2 and right[0].start >= end and _APART.search(sentence):
        # "After separate calls with X, both A and B ...": X's call with each
        member_sets = [[m.person, right[0].person] for m in left]
        days = [None] * len(left)
    found = []
    for members, own_day in zip(member_sets, days, strict=True):
        cand = Candidate(
            sentence=idx,
            kind=kind,
            status=status,
            participants=[p for p in members if p is not None],
            keys=[key_of(p) for p in members if p is not None],
            initiator=initiator,
            date=own_day or when,
            specific_kind=bool(kind),
            evidence=sentence,
            trigger=trigger,
            background=background,
            vague=vague,
            # "also called on the visiting leader": dated by the visit only when told "earlier"
            extra={"visitor": True} if any(_is_visitor(m, end) for m in right) else {},
        )
        found.append(cand)
        memory.last = cand
    return found


# "I have met him many times", "they have spoken repeatedly": contacts told as recurring, with
# no count and no occasion, are a relationship, not a contact ("met twice" counts them)
_UNCOUNTED = re.compile(
    r"\b(?:several|many|numerous|countless|multiple)\s+times\b|\b(?:on\s+(?:many|several|"
    r"numerous)\s+occasions|repeatedly|regularly|frequently)\b",
    re.IGNORECASE,
)


def _uncounted(sentence: str, start: int, end: int) -> bool:
    """The contact at ``start``-``end`` is told as recurring without a count, in its clause."""
    head = re.split(r"[;:,]", sentence[max(0, start - 30) : start])[-1]
    tail = re.split(r"[;:,]", sentence[end : end + 60])[0]
    return bool(_UNCOUNTED.search(head) or _UNCOUNTED.search(tail))


def _named(sentence: str, m: Mention) -> bool:
    """Does the mention write its official's name ("President A B"), not a title alone?"""
    name = m.person.name if m.person is not None else None
    said = fold(sentence[m.start : m.end]).lower()
    return bool(name) and any(len(w) > 2 and w in said for w in fold(name or "").lower().split())


def _delegation(right: list[Mention]) -> bool:
    """A head of government or state with a minister of the same country: one delegation."""
    roles = [m.person.role or "" if m.person else "" for m in right]
    heads = [r for r in roles if r in ("President", "Prime Minister", "Chancellor", "King")]
    return len(heads) == 1 and any("Minister" in r and r != "Prime Minister" for r in roles)

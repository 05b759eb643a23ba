"""Who stands on each side of a contact expression: the officials named right before it and
right after it, joined by commas and "and"; pronouns and "their" standing for people named
earlier; "X told Y in a call" and "A and B discussed Z in a call" putting both before the
expression; "..., and later met X" taking the sentence's subject again."""

from __future__ import annotations

import re

from .people import Mention
from .recall import DASH_ASIDE, MAIN_VERB, OPEN_WHO

_BOUNDARY = re.compile(
    r"[;:“”\"(]|\b(?:said|says|told|added|noted|after|before|while|when|which|who|whom|but|because|"
    r"although|where|whose|that|than|during|amid|about|regarding|over|since|against|including|"
    r"discussed|urged|warned|asked|stressed|condemned|according)\b",
    re.IGNORECASE,
)
# Asides that do not break a subject from its verb: "Netanyahu this evening (Wednesday, 14
# Feb) spoke", "Anwar, who arrived on Tuesday evening, also called on".
_ASIDE = re.compile(r"\s*\([^()]{0,60}\)|,\s+(?:who|which)\b[^,;]{0,100},|" + DASH_ASIDE)
_HONORIFIC = (
    r"(?:(?:His|Her|Their) (?:Majesty|Majesties|Royal Highness|Highness|Excellency)|H\.?E\.?|HRH)"
)
_AND = r"(?:and|&|as well as|along with|together with)"
_DETERMINER = r"(?:(?:the|his|her|their|fellow)\s+)?"
# "met A, and with B": "and with" joins a second party of the same contact, also after a day
# ("calls with A on Thursday, and with B on Wednesday")
_JOIN = re.compile(
    rf"^(?:\s+on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?=,?\s+and\s+with\b))?"
    rf"[\s,]*(?:{_AND}(?:\s+(?:also\s+)?with\b)?)?[\s,]*(?:{_HONORIFIC}\s+)?{_DETERMINER}"
    # "and with EU's foreign policy chief X": a short office before the name
    rf"(?:(?<=with\s)[A-Z]{{2,}}[’']s\s+(?:[\w-]+\s+){{0,3}}?(?:chief|head)\s+)?$"
    # "with A and with other leaders, including the presidents of B and C"
    rf"|^[\s,]*(?:and\s+)?with\s+(?:[\w-]+\s+){{0,4}}?(?:leaders|counterparts|heads\s+of\s+"
    rf"(?:state|government)(?:\s+and\s+government)?),?\s+(?:including|among\s+them|such\s+as)"
    rf"\s+{_DETERMINER}$"
)
# "met A and Minister for Foreign and European Affairs and Trade of Malta Ian Borg": an office
# the gazetteer does not spell, capitalised words joined by of/for/and, before the next name
_OFFICE_JOIN = re.compile(
    r"^[\s,]*(?:and|as well as)\s+(?:the\s+)?(?=(?:[\w’'-]+\s+){0,12}?(?:Minister|Secretary|"
    r"Chair(?:man|woman|person)?(?:-in-Office)?|President|Commissioner|High Representative)\b)"
    r"(?:(?:[A-Z][\w’'-]*|of|for|and|the|future|incoming|outgoing|current)\s+){1,16}$"
)
# "spoke with key allies, including A, B and C": the people the group word is made of
# "met the Assistant to the President and National Security Advisor, Ambassador X": capitalised
# words of an office before the name, however long
_TITLE_WORDS = re.compile(
    r"\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|to|the|and|of|for)){0,14},?\s+"
    r"(?:(?:Ambassador|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|General|Admiral|Professor)\s+)?"
)
_GROUP_NOUN = (
    r"(?:allies|leaders|counterparts|partners|delegates|diplomats|dignitaries|officials|"
    r"ministers|heads\s+of\s+(?:state|government)(?:\s+and\s+government)?)"
)
# (also "met several delegates and diplomats on the sidelines of the assembly, including A, B":
# two group words, and where they were met)
INCLUDING = re.compile(
    rf"^\s*(?:[\w-]+\s+){{0,3}}?{_GROUP_NOUN}(?:\s+and\s+(?:[\w-]+\s+){{0,2}}?{_GROUP_NOUN})?"
    r"(?:\s+(?:on\s+the\s+(?:sidelines|margins)\s+of|at|in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?[\w-]+)?"
    r",?\s+(?:including|among\s+them|such\s+as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# items of a list naming people who are not senior officials, between two who are ("A, Deputy
# Foreign Minister B C, Speaker of the X Council D E, and F"): the list goes on past them
_OTHER_ITEMS = re.compile(
    r"(?:,\s*(?:(?:[A-Z][\w'’.-]*|of|the|for)\s+){1,12}[A-Z][\w'’.-]*)+\s*,\s*(?:and\s+)?"
)
# "met A, France's Emmanuel Macron and B": a place's possessive before the next name listed
_PLACE_OWNER = re.compile(r"(?<=,\s)[A-Z][\w.-]*['’]s\s+$")
_LIST_JOIN = re.compile(rf"^[\s,;]*{_AND}?[\s,;]*(?:{_HONORIFIC}\s+)?{_DETERMINER}$")
# "Erdogan discussed the region with his Azerbaijani counterpart Aliyev over the phone"
_WITH = re.compile(r"\bwith\s+(?:his|her|their|the)?\s*$")
_ADVERBIAL = re.compile(r"^(?:by|over|via|on|through)\b", re.IGNORECASE)
# "He later spoke with X", "Zelensky said he spoke with X", "where she held talks with X",
# "On Tuesday she flew to Tonga for a meeting with X"
_PRONOUN = re.compile(
    r"(?:^(?:(?:On|Later|Earlier|Then|Afterwards|Subsequently)\b[^,;]{0,25}?,?\s+)?|[,;]\s*|"
    r"\b(?P<told>told|informed|assured)\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:that\s+)?|"
    r"\b(?:said|says|added|announced|tweeted|wrote|confirmed|recalled|noted|revealed|told\s+\w+)"
    r"(?:\s+(?:in|on|at|during)\s+[^,;.:“”\"]{1,40}?)?\s+"
    # "confirmed a few weeks ago that he"
    r"(?:(?:a\s+few|two|three|several|some)\s+(?:days|weeks|months)\s+ago\s+(?=that\b))?"
    r"(?:that\s+)?|\b(?P<rel>where|and then)\s+)"
    r"(?P<p>[Hh]e|[Ss]he)\s+(?P<gap>(?:[\w\"“'‘]+\s+){0,12})$"
)
_PRONOUN_NEAR = 5  # words between the pronoun and the expression that need no further check
_FOR_A = re.compile(r"\b(?:for|with)\s+an?\s+$")
_POSSESSIVE_PRONOUN = re.compile(r"\b(?:[Hh]is|[Hh]er)\s+(?:\w+[\s-]+){0,2}$")
_GROUP_PRONOUN = re.compile(
    r"\b(?:the two(?: leaders| men| women| sides| presidents| ministers| heads of state)?|"
    r"both(?: leaders| men| sides)?|they|the leaders|their)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "the two leaders reached the deal during a telephone conversation", "the 2 leaders led their
# respective delegations in bilateral talks": the pair opening the clause held the contact its
# verb phrase ends in (a phrase of time or manner, no clause of its own in between)
_PAIR_CLAUSE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|then|later)\s+)(?:the\s+(?:two|2)\s+(?:leaders|presidents|"
    r"prime\s+ministers|heads\s+of\s+state|men|women)|both\s+leaders)\s+"
    r"(?:(?!(?:said|says|that|who|which|whom|to)\b)[\w’'-]+\s+){0,8}?"
    r"(?:(?:during|in|over)\s+(?:a|an|the|their)\s+|"
    r"their\s+(?:respective\s+)?delegations\s+(?:in|at)\s+)(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "their foreign ministers", "the two sides' envoys": people other than the ones named before.
_DELEGATES = re.compile(
    r"\b(?:ministers?|envoys?|aides?|advis[eo]rs?|officials?|delegations?|delegates|"
    r"negotiators?|deputies|representatives?|teams?|diplomats?|spokes(?:wo)?m[ae]n|staffs?)\b",
    re.IGNORECASE,
)
# "X told Y in a phone call": a speech verb between the two people, then "in/during a ..."
_SPEECH_VERB = re.compile(
    r"^\s+(?:told|assured|informed|urged|thanked|asked|warned|reminded|briefed|congratulated|"
    r"invited|pressed|promised)\s+$"
)
_IN_A = re.compile(r"^\s*(?:in|during|on|over)\s+(?:a|an|the|their|his|her)\b")
# "A and B discussed the election in a phone call": the pair before the verb held the call
_DISCUSSED_IN_A = re.compile(
    r"^\s+(?:discussed|reviewed)\s+(?P<what>[^;:“”\"(]{0,100}?)\s(?:in|during|over)\s+"
    r"(?:a|an|their)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


_THEN = re.compile(r",\s+(?:and\s+)?then\s+$")
_OBJECT_OF_WITH = re.compile(r"\bwith\s+(?:the\s+|his\s+|her\s+)?$", re.IGNORECASE)
# "X, who spoke with Y": the relative pronoun's antecedent holds the contact
_WHO_DID = re.compile(
    r",\s+who\s+(?:(?:also|earlier|recently|later|separately|last\s+week)\s+)?"
    r"(?:(?:had|has)\s+(?:(?:also|earlier|recently)\s+)?)?",
    re.IGNORECASE,
)


def chain_left(sentence: str, mentions: list[Mention], pos: int) -> list[Mention]:
    """The officials named right before ``pos``."""
    left = [m for m in mentions if m.end <= pos]
    if "–" in sentence or "—" in sentence or ", who" in sentence or ", which" in sentence:
        # "the president – who was represented by the First Lady, Jill Biden – had met X":
        # a name inside an aside told before the contact is not its party
        asides = [(a.start(), a.end()) for a in _ASIDE.finditer(sentence, 0, pos)]
        left = [m for m in left if not any(a <= m.start and m.end <= b for a, b in asides)]
    chain: list[Mention] = []
    edge = pos
    for m in reversed(left):
        gap = _ASIDE.sub("", sentence[m.end : edge])
        if not chain and MAIN_VERB.match(sentence, pos):
            gap = OPEN_WHO.sub("", gap)  # "Dahal, who is on a visit met Doval": not the clause's
        if not chain and _WHO_DID.fullmatch(gap) and not m.possessive:
            chain.insert(0, m)  # "Rubio, who spoke with X on Sunday, said": who is Rubio
            edge = m.start
            continue
        if not chain and _OBJECT_OF_WITH.search(sentence, 0, m.start):
            break  # "a talk with A, a talk with B": A is the first talk's party, not B's
        if not chain:
            if (len(gap) > 80 or _BOUNDARY.search(gap)) and not _discussed_in_a(gap):
                break
            if _THEN.search(gap):
                break  # "A met B and C, then hosted ...": A's second verb, not B and C's
            if m.possessive and "," in gap:
                break  # "the APEC Leaders' Meeting, held a summit with": another noun's owner
        elif not _JOIN.match(gap) or m.possessive:
            break
        chain.insert(0, m)
        edge = m.start
    if len(chain) == 1:
        before = [m for m in left if m.end <= chain[0].start]
        head = sentence[: chain[0].start]
        in_a = _IN_A.match(sentence[chain[0].end : pos]) is not None
        if before and in_a and _SPEECH_VERB.match(sentence[before[-1].end : chain[0].start]):
            chain.insert(0, before[-1])  # "X told Y in a call"
        elif before and _WITH.search(head) and (in_a or _ADVERBIAL.match(sentence[pos:])):
            gap = sentence[before[-1].end : chain[0].start]
            if len(gap) < 90 and not re.search(r"[;:“”\"(]|\b(?:said|says)\b", gap):
                chain.insert(0, before[-1])  # "X discussed Z with Y by phone / in a call"
    return chain


def _discussed_in_a(gap: str) -> bool:
    found = _DISCUSSED_IN_A.match(gap)
    return found is not None and _BOUNDARY.search(found.group("what")) is None


def chain_right(
    sentence: str, mentions: list[Mention], pos: int, limit: int | None = None
) -> list[Mention]:
    """The officials named right after ``pos`` (and before ``limit``, where the next contact
    expression takes over); after a colon ("spoke with: A of X; B of Y") semicolons join them
    too."""
    chain: list[Mention] = []
    edge = pos
    listing = False
    end = len(sentence) if limit is None else limit
    for m in (m for m in mentions if pos <= m.start < end):
        gap = _ASIDE.sub("", sentence[edge : m.start])
        if not chain:
            gap = gap.lstrip('"”’')  # 'had a "good conversation" with Macron'
            listing = gap.rstrip().endswith(":") and len(gap) < 40
            if (len(gap) > 60 or _BOUNDARY.search(gap.rstrip().rstrip(":"))) and not (
                INCLUDING.match(gap) or _TITLE_WORDS.fullmatch(gap)
            ):
                break
        elif (
            not (_LIST_JOIN if listing else _JOIN).match(_PLACE_OWNER.sub("", gap))
            and (listing or not _OFFICE_JOIN.match(gap))
            and not _OTHER_ITEMS.fullmatch(gap)
        ):
            break
        if m.possessive:
            break
        chain.append(m)
        edge = m.end
    return chain


def pronoun_subject(
    sentence: str, mentions: list[Mention], start: int, subject: Mention | None
) -> Mention | None:
    """'He later spoke with X', 'Zelensky said he spoke with X', 'her call with X': the speaker
    named earlier in the sentence, else the previous sentences' subject."""
    head = sentence[:start]
    found = _PRONOUN.search(head)
    if found is not None and len(found.group("gap").split()) > _PRONOUN_NEAR:
        # far from its verb, the pronoun is the subject only of "(flew to Apia) for a meeting
        # with X", never of "he praised ... the visit of X" or "she said after a meeting with"
        if _BOUNDARY.search(found.group("gap")) or not _FOR_A.search(head):
            found = None
    found = found or _POSSESSIVE_PRONOUN.search(head)
    if found is None:
        return None
    earlier = [m for m in mentions if m.end <= found.start() and m.person is not None]
    if found.groupdict().get("told"):
        # "Macron told Kishida that he had met X": the teller, not the one told
        teller = [m for m in earlier if m.end <= found.start("told")]
        return teller[-1] if teller else None
    if "rel" in found.groupdict() and found.group("rel"):
        # "Cook arrived from Vietnam, where he met X": whoever this sentence names, not an
        # earlier sentence's subject
        return earlier[-1] if earlier else None
    return earlier[-1] if earlier else subject


def group_subject(sentence: str, mentions: list[Mention], start: int) -> list[Mention] | None:
    """'the two leaders held talks', 'during their summit': the people these words stand for
    when they are named earlier in the same sentence (None when the words are absent, or
    when they name other people: 'their foreign ministers met')."""
    found = _GROUP_PRONOUN.search(sentence[:start])
    if found is None or _DELEGATES.search(found.group(0)):
        if _PAIR_CLAUSE.search(sentence[:start]) is None:
            return None
    return [m for m in mentions if m.end <= start and m.person is not None]


def subject_word(sentence: str, start: int) -> int | None:
    """Where the pronoun or group word ("he", "the two leaders") standing as the subject of the
    expression at ``start`` begins: its clause, not an earlier one, says whether the contact
    was held ("warned Putin that Russia would pay if it invaded, as the two leaders held a
    video call")."""
    head = sentence[:start]
    found = _GROUP_PRONOUN.search(head) or _PRONOUN.search(head)
    if found is None:
        return None
    return found.start("p") if "p" in found.groupdict() else found.start()


# "He then held talks with Starmer, ..., and later met Meloni" (", then hosted ..."): the
# sentence's subject again
_COORDINATED = re.compile(
    r",\s+(?:and\s+(?:then\s+|later\s+|also\s+|afterwards\s+)?|(?:and\s+)?then\s+)$"
)
_LEADING_PRONOUN = re.compile(r"^\W*(?:[Hh]e|[Ss]he)\b")


def coordinated_subject(
    sentence: str, mentions: list[Mention], start: int, subject: Mention | None
) -> Mention | None:
    """The subject of a sentence whose second verb states the contact (", and later met X"):
    the official the sentence opens with, or the earlier subject its opening "he" stands for."""
    if not _COORDINATED.search(sentence[:start]):
        return None
    if _LEADING_PRONOUN.match(sentence):
        return subject
    first = mentions[0] if mentions else None
    if first is not None and first.start < 3 and first.person is not None:
        return first
    return None


# "... then hosted the two leaders together": the object stands for two people named before
_GROUP_OBJECT = re.compile(
    r"^\s+(?:the\s+two|both)\s+(?:leaders|presidents|prime\s+ministers|heads\s+of\s+state)\b",
    re.IGNORECASE,
)


def group_object(
    sentence: str, mentions: list[Mention], start: int, end: int, left: list[Mention]
) -> list[Mention]:
    """The two officials "the two leaders" after the expression at ``start``-``end`` stands
    for: the last two named before it in the sentence, other than its subject."""
    if not _GROUP_OBJECT.match(sentence[end:]):
        return []
    named = [m for m in mentions if m.end <= start and m.person is not None and m not in left]
    return named[-2:] if len(named) >= 2 else []

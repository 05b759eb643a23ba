"""The headline of a text handed in without a title: its first paragraph, when that is one short
line without closing punctuation ("Putin, Macron held phone conversation"). Told apart, the
headline states no time and is not the body's lead, as with a given title."""

from __future__ import annotations

import re

from .hints import has_hint

_END = re.compile(r"[.!?:;,]['\"”’)]?$")


# Page furniture before a headline: an advert's label, a skip link, a menu, a breadcrumb trail
_CLUTTER = re.compile(
    r"^\s*(?:advertisement|advert|ad|sponsored(?: content)?|skip to (?:main )?content|menu|"
    r"search|subscribe|sign in|log in|home|share(?: this)?|print|close|listen|watch|"
    r"[^\n]{0,80}?[»›][^\n]{0,80})\s*$",
    re.IGNORECASE,
)


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body), or (None, text) when the first paragraph is no headline. Page
    furniture lines before it ("Advertisement", "Home » World") are dropped."""
    for _ in range(5):
        first, sep, rest = text.lstrip().partition("\n")
        if not sep or not _CLUTTER.match(first) or not rest.strip():
            break
        text = rest
    head, sep, body = text.lstrip().partition("\n")
    head = head.strip()
    if not sep or not body.strip() or not 15 <= len(head) <= 200 or _END.search(head):
        return None, text
    if len(head.split()) < 3:
        return None, text
    if head.isupper():
        # "BIDEN, XI HOLD TALKS IN BALI": a headline in capitals when it holds a contact word
        # (not a section name or a dateline), read in Title Case
        if len(head.split()) < 4 or not has_hint(head):
            return None, text
        head = head.title()
    return head, body


# Words a Title Case headline capitalises that are never part of a name: the contact's verbs
# and nouns, and the little words around them ("Trudeau Called Trump & They Agreed To ...").
_PLAIN = frozenset(
    "called calls call dials dialled dialed phones phoned rings rang speaks spoke talk talks "
    "talked chats chatted meets met meeting meetings holds held hold hosts hosted receives "
    "received welcomes welcomed discuss discusses discussed conversation phone telephone "
    "telephonic video virtual virtually via with to and on in of for about over by up after "
    "ahead amid before during will agree agrees agreed first time since each other their "
    "they his her a an the is are was were has have had as at from".split()
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def sentence_case(headline: str) -> str:
    """A Title Case headline with its common words in lower case, so that "Trudeau Called
    Trump About Tariffs" reads as "Trudeau called Trump about Tariffs"; other headlines as
    they are. The first word keeps its capital."""
    words = _WORD.findall(headline)
    if len(words) < 4:
        return headline
    small = [w for w in words[1:] if w.lower() in _PLAIN]
    if not small or any(w.islower() for w in small) or any(w[0].islower() for w in words):
        return headline  # a lower-case word: the headline is not in Title Case
    first = _WORD.search(headline)
    assert first is not None
    head, rest = headline[: first.end()], headline[first.end() :]
    return head + _WORD.sub(
        lambda m: m.group().lower() if m.group().lower() in _PLAIN else m.group(), rest
    )

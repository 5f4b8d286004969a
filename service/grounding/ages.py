"""Ages a sentence tells, and whose they are.

Outlets disagree on a person's age as they do on a count ("Captain Mira Solvik, 52," against
"Solvik, 54, was named as the pilot"), but an age is no count: it has no counted noun after it and is
often told with none at all. So it is read by the forms news gives ages in:

- an apposition: "Mira Solvik, 52, …";
- a compound: "the 78-year-old founder, Agnes Varga", "29-year-old Daniel Orst", "the 31-year-old
  aircraft" (whose age is the noun's when no name is joined to it);
- "aged 19", "at the age of 29", "N years old", after the name it is told of;
- a copula after a name that opens the sentence: "Eino Salo, the oldest player, is 87."

An age told *at an event* ("died at the age of 29", "was 31 when she died") is kept apart from one
told as the person's age now: "joined the club at the age of 20" is not a different figure for
"Varga, 45".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.grounding.numbers import numbers

_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
_NUMBER = r"\d{1,3}|[A-Za-z][a-z]+(?:-[a-z]+)?"
# Capitalised words that open a sentence or name a time, not whose age it is.
_NOT_NAMES = frozenset(
    "The A An It Its This That These Those He She They We I In On At By For From According However While"
    " After Before Under Over Some Many Most Both Each Yes No When Monday Tuesday Wednesday Thursday Friday"
    " Saturday Sunday January February March April May June July August September October November"
    " December".split()
)
_APPOSITION = re.compile(rf"(?P<name>{_NAME})(?:['’]s)?,\s+(?P<n>\d{{1,3}}),")
_COMPOUND = re.compile(
    rf"\b(?P<n>{_NUMBER})-(?P<unit>year|month|week)-old\s+(?P<noun>(?:[a-z][\w-]*\s+){{0,2}}?[a-z][\w-]*)?"
    rf"(?:,?\s*(?P<after>{_NAME})|\s+of\s+[^,]{{1,40}},\s+(?P<owner>{_NAME}))?"
)
_AGED = re.compile(
    rf"\b(?:aged|at\s+the\s+age\s+of|at\s+age)\s+(?P<n>{_NUMBER})\b"
    rf"|\b(?P<m>{_NUMBER})\s+(?P<unit>year|month|week)s?\s+old\b"
)
# "… aged 29 and 34, were": more ages after the first; "aged 12 and 3 adults" gives a count, not one.
_MORE_AGES = re.compile(
    r"(?:,\s*|,?\s+and\s+)(?P<n>\d{1,3})\b(?!\s*%|\s+(?!(?:were|was|are|is|and|when|who)\b)[a-z])"
)
# The name is the subject: it opens the sentence ("Eino Salo, the oldest player, is 87") or stands in
# apposition just before the verb ("The oldest competitor, Eino Salo, is 91"), never a place inside a
# phrase ("The turnout in Brask was 61").
_COPULA = re.compile(
    rf"(?:^\W*(?P<name>{_NAME})(?:,[^,]{{3,80}},)?|,\s+(?P<named>{_NAME}),)\s+(?:is|was|turned|turns)\s+"
    rf"(?P<n>{_NUMBER})(?:\s+years?\s+old)?(?=\s*(?:[.;,]|when\b|$))"
)
# The noun an age is told of when no name is: "The boy, aged 12", "The tower is 120 years old".
_NOUN_BEFORE = re.compile(r"\b([a-z][\w-]+),?\s+(?:(?:is|was)\s+)?$")
# An age told at an event: "at the age of 29", "aged 19 when …", "was 31 when she died".
_AT_EVENT = re.compile(r"\bat\s+(?:the\s+)?age\b|\bwhen\b", re.I)


@dataclass(frozen=True)
class Age:
    """An age told in a sentence: its years, where the figure stands, and whose it is."""

    years: float
    start: int
    end: int
    whose: str  # "Mira Solvik", or the noun the age is of ("aircraft")
    at_event: bool  # told at an event ("died at the age of 29"), not as the age now


def same_owner(a: str, b: str) -> bool:
    """Whether two owners of ages are one: the same name, or the end of it ("Mira Solvik" is
    "Captain Mira Solvik", but "Mats Olsen" is not "Piet Olsen"), or the same noun."""
    words_a, words_b = a.lower().split(), b.lower().split()
    shorter, longer = sorted((words_a, words_b), key=len)
    return longer[len(longer) - len(shorter) :] == shorter


def _clean(name: str | None) -> str:
    words = (name or "").split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    return " ".join(re.sub(r"['’]s$", "", w) for w in words)


# An age in months or weeks is a fraction of a year: "18 months old" is 1.5 years.
_PER_YEAR = {"year": 1.0, "month": 12.0, "week": 52.0}


def _value(text: str, start: int, end: int, unit: str | None = None) -> float | None:
    found = [v for v, s, _ in numbers(text[start:end]) if s == 0]
    years = found[0] / _PER_YEAR[unit or "year"] if found else 0.0
    return years if 0 < years < 130 else None


def _name_before(text: str, at: int) -> str:
    """The nearest name before ``at`` in its sentence."""
    found = [_clean(m.group(0)) for m in re.finditer(_NAME, text[:at])]
    found = [n for n in found if n]
    return found[-1] if found else ""


# Words that end the noun an age is told of: "the 58-year-old lift mechanic *employed by* …".
_NOUN_ENDS = frozenset(
    "who whom whose which that of at in on from with for and or but to by as was were is are has had"
    " have said says".split()
)


def _compound_head(text: str, at: int) -> str:
    """The noun a compound age is told of: the last word of the noun phrase after "-year-old" ("the
    58-year-old *lift mechanic* employed by …" is the mechanic's age, not the lift's)."""
    head = ""
    for word in re.findall(r"[\w’'-]+|[^\w\s]", text[at : at + 60])[:3]:
        if not word[:1].islower() or word in _NOUN_ENDS or (head and re.search(r"(?:ed|ing)$", word)):
            break
        head = word
    return head


def ages(text: str, owned: bool = True) -> list[Age]:
    """Every age ``text`` tells, with whose it is; an age whose owner the sentence does not say is
    left out, unless ``owned`` is false ("It is 18 months old", as an answer says it)."""
    found: list[Age] = []

    def add(start: int, end: int, whose: str, unit: str | None = None) -> None:
        years = _value(text, start, end, unit)
        if years is None or (owned and not whose) or any(a.start == start for a in found):
            return
        rest = text[end : end + 60].split(".")[0]
        at_event = bool(_AT_EVENT.search(text[max(0, start - 16) : start]) or _AT_EVENT.search(rest[:20]))
        found.append(Age(years, start, end, whose, at_event))

    for m in _APPOSITION.finditer(text):
        add(m.start("n"), m.end("n"), _clean(m.group("name")))
    for m in _COMPOUND.finditer(text):
        # "29-year-old Daniel Orst", "the 83-year-old owner of the bakery, Ida Rask"
        whose = _clean(m.group("after") or m.group("owner"))
        if not whose and (before := re.search(r"([\w’'-]+),\s+(?:the|a|an)\s+$", text[: m.start()])):
            # "Daniel Orst, the 29-year-old co-pilot"; "The driver, a 52-year-old man"
            whose = _clean(before.group(1)) if before.group(1)[:1].isupper() else before.group(1)
        add(
            m.start("n"),
            m.end("n"),
            whose or _compound_head(text, m.end("unit") + len("-old")),
            m.group("unit"),
        )
    for m in _AGED.finditer(text):
        group = "n" if m.group("n") else "m"
        noun = _NOUN_BEFORE.search(text[: m.start(group) if group == "m" else m.start()])
        whose = _name_before(text, m.start()) or (noun.group(1) if noun else "")
        add(m.start(group), m.end(group), whose, m.group("unit"))
        if group == "n":
            # "The men, aged 29 and 34": each of the ages listed after one "aged".
            at = m.end()
            while more := _MORE_AGES.match(text, at):
                add(more.start("n"), more.end("n"), whose)
                at = more.end()
    for m in _COPULA.finditer(text):
        add(m.start("n"), m.end("n"), _clean(m.group("name") or m.group("named")))
    return sorted(found, key=lambda a: a.start)


_APPOSED = re.compile(
    r",\s+(?:the|a|an|its|their)\s+((?:[\w’'-]+\s+){0,2}?[\w’'-]+)(?=\s+(?:at|of|in|on|for|from|who|which|with)\b|,)"
)


def described_as(text: str, whose: str) -> set[str]:
    """The words ``text`` calls a person by besides the name: the title before it ("the orchestra's
    *conductor*, Lars Hemming", "the *co-pilot*, 29-year-old Daniel Orst") and what an apposition
    after it says ("Eino Salo, *the oldest player* at the olympiad"), lower-cased. "The orchestra" is
    not what the conductor is called."""
    words: set[str] = set(whose.lower().split())
    for m in re.finditer(re.escape(whose), text):
        # The two words before the name, within its phrase: "Plant manager Edwin Marsh" (an owner,
        # "the orchestra's", is not what he is called).
        phrase = re.split(
            r"[,;:.]\s|\b(?:and|said|says|by|of|to|with)\s", _BEFORE_NAME_END.sub("", text[: m.start()])
        )[-1]
        before = [w for w in re.findall(r"[\w’'-]+", phrase) if not _AGE_TOKEN.fullmatch(w)][-2:]
        words.update(w.lower() for w in before if not re.search(r"['’]s?$", w))
        if after := _APPOSED.match(text, m.end()):
            words.update(after.group(1).lower().split())
    return words


# What stands between a title and its name: commas, an age ("the co-pilot, 29-year-old Daniel Orst").
_BEFORE_NAME_END = re.compile(r"(?:[,\s]+|\b[\w-]+-(?:year|month|week)-old\b)+$")
_AGE_TOKEN = re.compile(r"\d{1,3}|[\w-]+-(?:year|month|week)-old", re.I)
# Whom a question asks the age of: "How old is *the captain* who …", "What age was *Lars Hemming*
# when …".
_AGE_SUBJECT = re.compile(
    r"\b(?:how\s+old|(?:what|which)\s+age)\s+(?:is|was|are|were|will)\s+(?:the\s+)?"
    r"((?:[\w’'-]+\s*?){1,4}?)(?=\s+(?:who|that|which|when|at|in|of|on|be|now)\b|\s*[?,.]|$)",
    re.I,
)
_AGE_WORDS = frozenset("old age ages aged year years".split())


def age_asked_of(question: str) -> set[str]:
    """The words a question names whose age it asks by ("How old is the plant manager?" →
    {plant, manager}), lower-cased; empty when it asks no age."""
    subject = _AGE_SUBJECT.search(question)
    if not subject:
        return set()
    return {w.lower() for w in re.findall(r"[\w’'-]+", subject.group(1))} - _AGE_WORDS


def is_described(text: str, whose: str, wanted: set[str], at: int | None = None) -> bool:
    """Whether ``text`` calls ``whose`` by every word of ``wanted`` (crude stems: "manager" is said
    by "managers"), or, given where the age stands (``at``), the few words before it within its
    clause do ("*The youngest of those trapped*, a 19-year-old apprentice")."""
    if len({w[:5] for w in wanted} & {w.lower()[:5] for w in whose.split()}) >= 2:
        return True  # asked of by full name ("How old is angler Jonas Plett?"): the name says who
    called = {w[:5] for w in described_as(text, whose)}
    if at is not None:
        lead = re.split(r"[;:.]\s|\band\s", text[:at])[-1]
        called |= {w.lower()[:5] for w in re.findall(r"[\w’'-]+", lead)[-6:]}
    return {w[:5] for w in wanted if w not in _FILLER} <= called


_FILLER = frozenset("the a an his her their its".split())


# An age told as the time since something was made or begun: "built 31 years ago", "founded in 1994".
_MADE = (
    r"\b(?:built|made|founded|established|opened|born|created|launched|completed|manufactured|constructed"
    r"|planted|formed|set\s+up|delivered)\b"
)
_MADE_AGO = re.compile(
    rf"{_MADE}\s+(?:[\w’'-]+\s+){{0,3}}?(?P<n>{_NUMBER})\s+(?P<unit>year|month|week)s?\s+ago\b"
)
_MADE_IN = re.compile(rf"{_MADE}\s+(?:[\w’'-]+\s+){{0,3}}?in\s+(?:19|20)\d\d\b")


def made_ago(text: str) -> set[float] | None:
    """The ages, in years, ``text`` tells as a time since something was made ("built 31 years ago"
    → {31}), or None when it dates the making by a year ("built in 1994"), from which an age depends
    on today's date."""
    if _MADE_IN.search(text):
        return None
    found = set()
    for m in _MADE_AGO.finditer(text):
        years = _value(text, m.start("n"), m.end("n"), m.group("unit"))
        if years is not None:
            found.add(years)
    return found

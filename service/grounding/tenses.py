"""Meant, to come, done or denied: how a sentence tells an act, which a claim must not change.

"She said the council had already opened an inquiry" is not what "… said she would ask the council
to hold an inquiry" says; "It was held on Wednesday" is not "It will be held on Wednesday"; and
"Police confirmed the speed" is the opposite of "Police have not officially confirmed the figure".
The support check asks these of a claim and its cited sentence (``grounding/support.py``).
"""

from __future__ import annotations

import re

from service.grounding.words import is_past, stem
from service.text import MONTH_ANY

# "had already opened", "has already paid": a claim that an act is done.
ALREADY_DONE = re.compile(r"\balready\s+(?:been\s+)?(?P<act>[a-z]{3,})\b", re.IGNORECASE)
# A sentence that tells an act as meant, not done: "would ask", "plans to hold", "is to open".
_INTENDED = re.compile(
    r"\b(?:would|will|shall|plans?|planned|intends?|intended|wants?|wanted|hopes?|expects?|aims?)\b"
    r"|\b(?:is|are|was|were)\s+to\s+[a-z]",
    re.IGNORECASE,
)


_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _told(wanted: str, text: str) -> list[re.Match[str]]:
    """Each word of ``text`` whose stem is ``wanted``: where a sentence tells the act."""
    return [m for m in _WORD.finditer(text) if stem(m.group(0).lower()) == wanted]


NEGATED_WORD = re.compile(r"\b(not|never)\s+(?:\w+ly\s+)?[a-z][\w’'-]*", re.IGNORECASE)


def denies(text: str, word: str) -> bool:
    """Whether ``text`` says "not <word>" ("have not officially confirmed"), by the word's stem."""
    wanted = stem(word.lower())
    return any(
        stem(m.group(0).split()[-1].lower()) == wanted and not _UNTIL.match(text, m.end())
        for m in NEGATED_WORD.finditer(text)
    )


# "was not taken down until just before noon": it was, then — "not … until" dates the act.
_UNTIL = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+until\b", re.IGNORECASE)


# "was held", "has been replaced": an act the claim tells as done, and its participle.
_DONE_FORM = r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
_TOLD_DONE = re.compile(_DONE_FORM + r"(?P<act>[a-z]{3,})\b", re.IGNORECASE)
_TO_COME_FORM = r"\b(?:will|would|is\s+to|are\s+to|due\s+to|set\s+to|expected\s+to)\s+be\s+"


def told_as_to_come(claim: str, source: str) -> str:
    """The act a claim tells as done ("was held") that the source tells only as to come ("will be
    held", "is to be held"), or ""."""
    for m in _TOLD_DONE.finditer(claim):
        act = re.escape(m.group("act"))
        to_come = re.search(rf"{_TO_COME_FORM}{act}\b", source, re.IGNORECASE)
        if to_come and not re.search(rf"{_DONE_FORM}{act}\b", source, re.IGNORECASE):
            return m.group("act")
    return ""


def only_intended(act: str, source: str, missing: list[str]) -> bool:
    """Whether the source tells ``act`` (a claim's "already <act>") as meant, not done: it says
    something is meant ("would ask", "plans to") and the act is either not in it or only after
    such words ("would ask the council to review")."""
    if not _INTENDED.search(source) or re.search(r"\balready\b", source, re.I):
        return False
    wanted = stem(act.lower())
    if wanted in {stem(t) for t in missing}:
        return True
    told = _told(wanted, source)
    return bool(told) and all(
        _INTENDED.search(source[max(0, m.start() - 60) : m.start()])
        or re.search(r"\bto\s+$", source[: m.start()])
        for m in told
    )


# "must still approve", "is due to hold", "has yet to pay": an act the sentence tells as to come.
_STILL_TO_COME = re.compile(
    r"\b(?:must|will|would|shall|(?:has|have|had|is|are|was|were)\s+(?:yet|due|set|expected|still)\s+to"
    r"|plans?\s+to|intends?\s+to|to)\s+(?:still\s+|first\s+|soon\s+|also\s+)?$",
    re.IGNORECASE,
)
_YES = re.compile(r"^\W*yes\b", re.IGNORECASE)


def yes_to_what_is_to_come(act: str, claim: str, source: str) -> bool:
    """Whether ``claim`` answers yes to whether ``act`` is done ("Has the inquiry held its first
    hearing?" — "Yes, …") where the source tells that act only as to come ("is due to hold its first
    public hearing on 8 July", "Union members must still approve the deal")."""
    if not act or not _YES.match(claim):
        return False
    wanted = stem(act.lower())
    told = _told(wanted, source)
    return bool(told) and all(_STILL_TO_COME.search(source[max(0, m.start() - 40) : m.start()]) for m in told)


# "How many pages had staff already typed back?": an act asked of as done ...
_ASKED_DONE = re.compile(r"\b(?:have|has|had)\s+(?:[a-z]+\s+){0,3}?(?P<act>[a-z]{3,}ed)\b", re.IGNORECASE)
# ... and one a sentence tells as going on: "Staff are now typing in the paper records".
_GOING_ON = re.compile(r"\b(?:is|are|was|were)\s+(?:now\s+|still\s+|currently\s+)?$", re.IGNORECASE)


def done_asked_going_on(question: str, source: str) -> str:
    """The act a question asks of as done ("How many pages had staff already typed back?") that the
    source tells only as going on ("Staff are now typing in the paper records …, which the network
    estimates at about 48,000 pages"), or "": what is being done gives no count of what is done."""
    for asked in _ASKED_DONE.finditer(question):
        wanted = stem(asked.group("act").lower())
        told = _told(wanted, source)
        if told and all(
            m.group(0).lower().endswith("ing") and _GOING_ON.search(source[: m.start()]) for m in told
        ):
            return asked.group("act")
    return ""


def done_told_as_intended(claim: str, source: str) -> str:
    """A verb the claim tells as done ("The museum reopened on Tuesday, March 23") that the source
    tells only as meant ("It now aims to reopen on Tuesday, March 23"), or ""."""
    if re.search(r"\balready\b", source, re.IGNORECASE):
        return ""
    for m in _WORD.finditer(claim):
        word = m.group(0).lower()
        if not is_past(word) or _meant_before(claim, m.start()) or _WOULD_BEFORE.search(claim[: m.start()]):
            continue
        wanted = stem(word)
        told = _told(wanted, source)
        if told and all(_meant_before(source, t.start()) for t in told):
            return m.group(0)
    return ""


def _meant_before(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows words of its own clause that tell it as meant ("aims to",
    "would"): "would fight the appeal and had itself filed a counter-appeal" filed it."""
    before = re.split(r"[,;]|\b(?:and|but|while)\b", text[max(0, at - 40) : at])[-1]
    # (right before it: "plans to resume flights suspended for three decades" tells the flights as
    # suspended, whatever is planned for them)
    return bool(_MEANT_RIGHT_BEFORE.search(before))


# A claim's own reported future: "said about 4,600 invigilators *would be* needed" tells no act done.
_WOULD_BEFORE = re.compile(
    r"\b(?:would|could|might|may)\s+(?:[a-z]+ly\s+)?(?:be\s+|have\s+)?$", re.IGNORECASE
)
# (an intention or a plan, not an announced decision: "announced that the government would appoint
# Halden & Rook" tells whom it appoints)
_MEANT_RIGHT_BEFORE = re.compile(
    r"\b(?:will|shall|(?:aims?|aimed|plans?|planned|intends?|intended|hopes?|hoped|expects?|wants?|wanted)\s+to"
    r"|(?:is|are|was|were)\s+(?:due\s+|set\s+|expected\s+|scheduled\s+)?to)\s+(?:[a-z]+ly\s+)?(?:be\s+)?$",
    re.IGNORECASE,
)


# A year or a day of a month, and the words before it: what a date is the date of.
_DATE_TOLD = re.compile(
    rf"\b(?:in|on)\s+(?:(?:the\s+)?(?P<date>(?:1[5-9]|20)\d\d\b|{MONTH_ANY}\s+\d{{1,2}}\b|\d{{1,2}}\s+{MONTH_ANY}))",
    re.IGNORECASE,
)
_NOT_ACTS = frozenset("was were been had need".split())


def _dated_acts(text: str) -> dict[str, str]:
    """Each date a text gives (lower case) and the act it dates: the last past form among the few
    words before it ("painted by Matthias Orlenz *in 1648*" → painted)."""
    acts: dict[str, str] = {}
    for m in _DATE_TOLD.finditer(text):
        before = re.findall(r"[A-Za-z][\w’'-]*", text[max(0, m.start() - 50) : m.start()])[-4:]
        verbs = [w for w in before if w.islower() and is_past(w) and w not in _NOT_ACTS]
        if verbs:
            acts.setdefault(m.group("date").lower(), verbs[-1])
    return acts


def dated_another_act(claim: str, source: str) -> tuple[str, str] | None:
    """The act a claim dates and the other act the source gives that date to, when the source
    never tells the claim's act: "was originally bought in 1648", cited to "painted by Matthias
    Orlenz in 1648". None otherwise."""
    told = _dated_acts(source)
    said = {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w’'-]*", source)}
    for date, act in _dated_acts(claim).items():
        other = told.get(date)
        if other and stem(other) != stem(act) and stem(act) not in said:
            return act, other
    return None

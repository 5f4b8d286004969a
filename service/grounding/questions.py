"""What a question asks: its category (a figure, a date, a name), the relation it asks about, the
act and the actor it names. Read from the question alone, before any sentence is weighed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.grounding.names import actor_names
from service.grounding.words import (
    IRREGULAR,
    PAST_FORM,
    SPEECH,
    SPEECH_ACTS,
    WHO_SAID,
    content_terms,
    is_past,
    looks_like_a_verb,
    stem,
)
from service.text import terms

_WH_CATEGORY = re.compile(
    # (also in the second part of a question: "…, and in which city …?")
    r"(?:^\W*|,\s+(?:and|or)\s+(?:in\s+(?=which\b))?)(?:which|what)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(?:of\s+(?:the\s+)?)?"
    r"(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could)\b)"
    r"([\w-]+)(?:\s+([\w-]+)['’]s\b)?",
    re.IGNORECASE,
)


def asked_category(question: str) -> str:
    """The noun a which/what question gives its answer: "Which news agency's investigation …" →
    "news agency", "Which contractor rebuilt …" → "contractor", "Which Russian official
    announced …" → "Russian official"; "" for other questions."""
    m = _WH_CATEGORY.search(question)
    if not m:
        return ""
    words = [g for g in m.groups() if g]
    # A capitalised first word qualifies the noun after it ("Russian official", "Dorrin agency"): a
    # lower-case word that is no auxiliary. A lower-case first word is the noun itself, and what
    # follows it may be the verb ("contractor rebuilt").
    after = re.match(r"\s+([a-z][\w-]*)", question[m.end() :])
    named = re.match(r"((?:\s+[A-Z][\w-]*)+)\s+([a-z][\w-]*)", question[m.end() :])
    if len(words) == 1 and words[0][0].isupper() and after and after.group(1) not in _AUXILIARY:
        words.append(after.group(1))
    elif len(words) == 1 and words[0][0].isupper() and named and named.group(2) not in _AUXILIARY:
        # "Which Norvale Grid Company manager was suspended?": a name of several words, then the noun.
        words += [*named.group(1).split(), named.group(2)]
    elif (
        len(words) == 1
        and after
        and not is_past(after.group(1))
        and after.group(1) not in _AUXILIARY
        and (verb := re.match(r"\s+[a-z][\w-]*\s+([a-z][\w-]*)", question[m.end() :]))
        and (is_past(verb.group(1)) or verb.group(1) in _AUXILIARY)
    ):
        # "Which shipping lines moved …?": a noun of two words, then the verb.
        words.append(after.group(1))
    elif len(words) == 1 and (part := _PART_OF.match(question[m.end() :])):
        # "Which member of the cabinet sent …?": the group the one asked for belongs to is part of
        # the category, not the relation.
        words.append(part.group(0).strip())
    return " ".join(words)


_PART_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?[a-z][\w-]*(?=\s+(?!of\b)[a-z])")


_AUXILIARY = frozenset(
    "is was are were be been being did does do has have had will would can could shall should may might"
    " must".split()
)


_YES_NO = re.compile(
    r"^\W*(?i:did|does|do|has|have|had|will|would|can|could)\s+"
    # a named subject only: after "the" the verb cannot be told from a noun ("the city council")
    r"(?:[A-Z][\w’'-]*\s*)+\s*"
    r"(?P<verb>[a-z][\w’'-]*)\b"
)


# What "how …?" asks a measure by ("How strong were the winds?").
HOW_ADJECTIVES = "strong|hot|cold|warm|deep|tall|wide|heavy|fast|severe|serious|large|big|high|far"


def relation_word(question: str) -> str:
    """The word a question asks its relation with: the first content word after its wh-phrase that
    is no name ("Who *commands* the 4th Engineer Regiment?", "Which towns were *ordered* to…")."""
    m = re.match(
        r"^\W*(?:(?:on|in|at|for|since|by|from|to)\s+)?(?:who|whom|whose|what|which|when|where|how"
        rf"(?:\s+(?:many|much|long|old|often|soon|{HOW_ADJECTIVES}))?)\b(.*)",
        question,
        re.I | re.S,
    )
    if not m:
        # "Did Brandvold resign?", "Has the mayor commented on it?": the verb after the subject.
        yes_no = _YES_NO.match(question)
        if not yes_no or re.search(r"['’]s\s+\S+$", yes_no.group(0)):
            return ""  # "Did Kellan's lawyer appeal?": the subject goes on past the name
        return yes_no.group("verb").lower() if content_terms(yes_no.group("verb")) else ""
    rest = m.group(1)
    if counted := _HOW_MANY_DONE.match(question):
        # "How much chlorine *leaked*?", "How many flights were *cancelled*?": what is counted is the
        # category; what was done to it is the relation.
        rest = counted.group("rest")
    if share := _SHARE_OF.match(question):
        # "What share of Brenmoor's residents *get drinking water* from the plant?": the group the
        # share is of is no relation; what is said of it is.
        rest = share.group("rest")
    if re.match(r"\W*(?:how|what)\b", question, re.I) and _ASKS_HOW_DESCRIBED.search(rest):
        # "How does the report describe the units?" asks for the description: the words around the
        # verb are its subject and object, not a relation the answer must state.
        return ""
    # "How many people did the police arrest?": the counted noun goes before the auxiliary.
    inverted = (
        re.sub(r"^\s*(?:[a-z][\w’'-]*\s+){1,3}?(?=(?:did|does|do|will|has|have|had)\s)", "", rest)
        if re.match(r"\W*how\s+(?:many|much)\b", question, re.I)
        else rest
    )
    # ("Who will lead the inquiry?" asks who, the subject: its verb follows the auxiliary. "Where
    # did the families wait?" asks a place, which tells of the families in any verb: "spent the
    # night in a school gym".)
    subject_asked = bool(_WHO_WHAT.match(question) and _VERB_AFTER_AUX.match(inverted))
    if not subject_asked and not WHERE.match(question) and (verb := after_inverted_subject(inverted)):
        return verb
    category = {stem(t) for t in terms(asked_category(question))}
    previous = ""
    for word in re.finditer(r"[A-Za-z][\w’'-]*", rest):
        w = word.group(0)
        low = w.lower()
        if previous in _COPULAS and low in _DETERMINERS:
            # "What is *the* original source of…?" asks what a thing is: no relation verb to state.
            return ""
        previous = low
        if w[0].isupper() or low in _AUXILIARY or not content_terms(low) or stem(terms(low)[0]) in category:
            continue
        if noun := _DONE_AS_NOUN.match(rest, word.start()):
            # "Who gave the order to clear the towns?", "Who made the decision to close the road?":
            # the verb only carries the act its noun names ("ordered", "decided").
            return noun.group("act").lower()
        return low
    return ""


# "… did the union demand?", "… will the inquiry report?", "… has the inquiry held …?": the
# auxiliary goes before the subject, and the verb follows the subject.
_INVERTING = r"(?:did|does|do|will|would|can|could|should|may|might|must|has|have|had)"


_INVERTED = re.compile(rf"\s*(?P<aux>{_INVERTING})\s+(?P<rest>.+)", re.I | re.S)


_PHRASE_BREAK = frozenset(
    "the a an its their his her this that these those of in at on to for from by with".split()
)


_WHO_WHAT = re.compile(r"\W*(?:who|what|which)\b", re.I)


_VERB_AFTER_AUX = re.compile(
    rf"\s*{_INVERTING}\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those)\b)[a-z]"
)


_NOT_VERBS = frozenset(
    "not also ever still already now yet just really actually then first and or nor".split()
)


def after_inverted_subject(rest: str) -> str:
    """The verb after an inverted subject ("did *the union* demand", "will the dock at Brell
    reopen"): a base form after "did" or "will" (a plural subject ends in -s, the verb does not), a
    past form after "has"; "" when the question is not inverted or no such verb follows."""
    m = _INVERTED.match(rest)
    if not m:
        return ""
    perfect = m.group("aux").lower() in {"has", "have", "had"}
    subject_seen = False
    for word in re.findall(r"[\w’'-]+", m.group("rest")):
        low = word.lower()
        if word[0].isupper() or word[0].isdigit() or low in _PHRASE_BREAK:
            # A name or a phrase ("at Brell") is part of the subject, never its verb.
            subject_seen = subject_seen or word[0].isupper() or word[0].isdigit()
            continue
        if low in _NOT_VERBS:
            continue
        if not subject_seen:
            subject_seen = True  # the subject's head ("union", "inquiry", "staff")
            continue
        if low in _EVENT_VERBS:
            return ""  # "Where did the leak happen?" asks of the leak: the old reading holds
        if perfect:
            if is_past(low) or low in IRREGULAR:
                return low
        elif not (low.endswith("s") and not low.endswith("ss")):
            return low
    return ""


_EVENT_VERBS = frozenset("happen happened occur occurred take taken place".split())


def asked_counted(question: str) -> str:
    """What a how-many question counts, by its head noun: "members" of "How many orchestra members
    were on the coach?", "dead children" of "How many of the dead were children?"; "" otherwise."""
    m = _HOW_MANY_OF.match(question)
    if not m:
        return ""
    phrase = []
    for word in m.group(1).split():
        # "patients at St. Aurel", "payments to Grevane": the head noun comes before a place, owner
        # or recipient it is placed by.
        if word.lower() in _AUXILIARY or word.lower() in _PLACING or is_past(word.lower()):
            break
        if word.lower() in _STRESS:
            continue  # "How many candidates *actually* sat …?": the counted noun is before it
        phrase.append(word)
    told = m.group(2) or ""
    # "… were children?" names what is counted; "… were deployed?" what was done to it.
    heads = phrase[-1:] + ([told] if told and not is_past(told) else [])
    return " ".join(heads)


_STRESS = frozenset("actually really indeed still already ever".split())
_PLACING = frozenset("at in on from of near inside outside across to for by with into against".split())


_HOW_MANY_OF = re.compile(
    r"^\W*how\s+many\s+(?:of\s+(?:the|these|those|its|their)\s+)?([^?]*?)"
    r"(?:\s+(?:were|was|are|is)\s+([a-z][\w’'-]*)\s*\?|\s*\?|$)",
    re.IGNORECASE,
)


# A verb of giving, making or taking that only carries the act its noun names.
# Verbs that carry an act told as a noun: "make a deposit", "launch its voluntary recall".
_CARRIER = r"(?i:give|gives|gave|given|make|makes|made|take|takes|took|taken|launch|launches|launched)"


_NOUN_ACT = (
    r"\s+(?i:(?:the|a|an|its|their|his|her)\s+(?:[a-z][\w’'-]*\s+)?)?(?P<act>[a-z][\w’'-]*)"
    r"(?=\s+(?:to|for|of|on|in|at|that|against)\b|\s*[?,.]|\s*$)"
)


_DONE_AS_NOUN = re.compile(_CARRIER + _NOUN_ACT)


DONE_AS_NOUN_VERB = re.compile(rf"\b{_CARRIER}\b(?={_NOUN_ACT})")


_HOW_MANY_DONE = re.compile(
    r"^\W*(?i:how\s+(?:many|much))\s+(?:[a-z][\w’'-]*\s+){1,2}?(?P<rest>(?:(?i:is|are|was|were|has|have|had"
    r"|been)\s+)*[a-z]{3,}ed\b.*)",
    re.S,
)


_SHARE_OF = re.compile(
    r"^\W*(?i:what\s+(?:share|percentage|proportion|fraction|part|percent)\s+of\s+(?:the\s+)?)"
    r"(?:[A-Z][\w’'-]*\s+)*[a-z][\w’'-]*\s+(?P<rest>.*)",
    re.S,
)


_ASKS_HOW_DESCRIBED = re.compile(
    r"\b(?:describ|characteri[sz]|portray|depict|call)(?:e|es|ed|ing|s)?\b", re.IGNORECASE
)


_COPULAS = frozenset("is was are were".split())


_DETERMINERS = frozenset("the a an its their his her".split())


_STOP_AFTER_VERB = re.compile(r"\s+(?:the|a|an|to|in|on|at|against|of|from|for|with|into|by|over)\b", re.I)


# The auxiliary that opens a question's subject ("How many tonnes *did* the crews place?").
_QUESTION_AUX = re.compile(r"\b(?:did|does|do|has|have|had|was|were|is|are|will|would)\s+", re.IGNORECASE)


def question_actor(question: str) -> str:
    """Who a question says acted, when it names them: "How many tonnes did *Dorrinvale Energy's own
    crews* place against …?" → the words after its auxiliary up to its verb ("" when no name)."""
    aux = _QUESTION_AUX.search(question)
    if not aux:
        return ""
    words = []
    for m in re.finditer(r"[\w’'-]+", question[aux.end() :]):
        words.append(m.group(0))
        if m.group(0)[0].islower() and _STOP_AFTER_VERB.match(question[aux.end() + m.end() :]):
            words.pop()  # the verb itself
            break
    actor = " ".join(words)
    return actor if actor_names(actor) else ""


# A participle after "is/was/are/were" makes the question tell of an act ("When was Penhold
# *appointed*?"); a noun there asks what the subject is ("What is Goremykin's *position*?").
_PARTICIPLE = re.compile(
    r"(?:\w{2,}(?:ed|en|wn|ing|ght)|sent|spent|built|kept|held|met|paid|led|made|found|told|sold|put|set"
    r"|cut|hit|won|begun|done|run|lost|struck|left|heard|read|said|shut|sunk|swept|taught|understood)$",
    re.IGNORECASE,
)


def tells_an_act(question: str) -> bool:
    """Whether a question with an auxiliary asks about an act ("did the crews place", "was the order
    lifted") rather than what its subject is ("What is Goremykin's position?", "Which forces were
    chiefly behind the gains?"). A question without an auxiliary ("Who led …") tells its act."""
    aux = _QUESTION_AUX.search(question)
    if not aux or aux.group(0).split()[0].lower() not in _COPULAS:
        return True
    words = re.findall(r"[\w’'-]+", question[aux.end() :])
    return any(w[0].islower() and _PARTICIPLE.fullmatch(w) for w in words)


# A question that gives an act its doer and its object: "How much did Mervalt fine the directorate?",
# "When did Mirela Hastov invite Ileana Corvanu to form a government?"
_ASKED_ACT = re.compile(
    r"\b(?:did|does|do)\s+(?P<doer>(?:the\s+)?(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*|the\s+[a-z]+\s+[a-z]+)"
    r"\s+(?P<verb>[a-z]{3,})\s+(?P<rest>[^?]+)"
)


def asked_act(question: str) -> str:
    """What a question takes as done, told as a statement: "Why did Halmstrand Assurance suspend
    the director?" → "Halmstrand Assurance suspended the director"; "" for a question with no doer
    and act of its own."""
    parts = asked_parts(question)
    return f"{parts.doer} {parts.past} {parts.rest}" if parts else ""


@dataclass(frozen=True)
class _AskedParts:
    doer: str  # "Halmstrand Assurance"
    verb: str  # "suspend", as the question gives it
    past: str  # "suspended"
    rest: str  # "the director"


def asked_parts(question: str) -> _AskedParts | None:
    """A question's doer, its act (as asked and in the past) and the rest, or None."""
    m = _ASKED_ACT.search(question)
    if not m:
        return None
    verb = m.group("verb")
    past = next((p for p, base in IRREGULAR.items() if base == verb), "")
    if not past:
        past = f"{verb[:-1]}ied" if verb.endswith("y") else f"{verb}d" if verb.endswith("e") else f"{verb}ed"
    doer = m.group("doer")
    return _AskedParts(f"{doer[0].upper()}{doer[1:]}", verb, past, m.group("rest").strip())


POINTER = re.compile(
    r"\b(?:according to|in|from|by)\s+(?:the|an?|this|that|its)\s+(?:\w+\s+){0,2}?"
    r"(?:report|article|story|piece|account|coverage|dispatch|interview|statement|analysis|op-ed)s?\b[^?,;]*",
    re.IGNORECASE,
)


_AUX = r"(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|may|might|must)\b"


# "Who designed …?", "Which contractor rebuilt …?", "Who will pay …?" ("Who did Kim meet?" asks whom).
DOER_QUESTION = re.compile(
    rf"^\W*(?:who|which\s+[\w-]+(?:\s+(?!{_AUX})[\w-]+)?)\s+"
    r"(?:(?:will|would|could|can|should|might|must|has|have|had)\s+(?!been\b))?"
    rf"(?!{_AUX})[a-z]",
    re.IGNORECASE,
)


def act_asked(question: str) -> str:
    """The verb a who-did-it question asks about ("Who *leads* the inquiry?"), or "" for other
    questions and for "Who said …?", whose speaker may be named a sentence before the words."""
    relation = relation_word(question)
    if (
        not relation
        or relation in SPEECH | SPEECH_ACTS
        or not DOER_QUESTION.match(question)
        or WHO_SAID.match(question)
    ):
        return ""
    return relation if looks_like_a_verb(relation) or _DONE_AS_NOUN.search(question) else ""


# "When were the paintings found?", "At what time was the last man brought up?"
_WHEN_DONE = re.compile(
    r"^\W*(?:when|(?:at\s+)?what\s+time|(?:on\s+)?(?:what|which)\s+(?:day|date))"
    rf"\s+(?:(?:was|were|is|are|has|have|had)\s+[^?]+?\s+(?P<act>[a-z]{{3,}}en|{PAST_FORM})"
    # "What time did the plane land?"
    r"|(?:did|does|do|will)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[\w’'-]+(?:\s+[\w’'-]+)??\s+(?P<verb>[a-z]{3,}))"
    r"(?:\s+(?:up|out|down|in|off|back|away|over))?\s*\??\s*$",
    re.IGNORECASE,
)


# "Who is the miner still being searched for?", "Who was the man arrested on Friday?"
_DEFINED_BY_ACT = re.compile(
    r"^\W*who\s+(?:is|are|was|were)\s+the\s+(?:[\w’'-]+\s+){1,3}?(?:(?:still|now|currently)\s+)?"
    rf"(?:being\s+)?(?P<act>[a-z]{{3,}}ed|{PAST_FORM})\b",
    re.IGNORECASE,
)


# "How many of the postponed operations had been rescheduled …?", "How many homes were destroyed?"
_COUNTED_ACT = re.compile(
    # (the counted words hold no verb of their own: "how many times had the paper been viewed by the
    # time it was taken down" counts views, not what "was taken")
    r"^\W*(?:[\w,\s]+,\s*)?how\s+many\s+(?:of\s+)?"
    r"(?:(?!\b(?:had|has|have|did|does|do|will|would|when|before|after|until|while|it|they)\b)[\w’'\s-]){2,60}?\s+"
    r"(?:were|was|are|is|(?:had|have|has)\s+been|will\s+be)\s+"
    rf"(?P<act>[a-z]{{3,}}en|{PAST_FORM})\b",
    re.IGNORECASE,
)


def act_counted(question: str) -> str:
    """What was done to what a how-many question counts ("rescheduled"), or ""."""
    m = _COUNTED_ACT.match(question)
    # ("were left without water", "were kept in hospital": a state, told in other words)
    return m.group("act") if m and m.group("act").lower() not in {"left", "kept"} else ""


def act_defining(question: str) -> str:
    """The act that tells whom a who-is question asks about ("Who is the miner still being
    *searched* for?"), or ""."""
    m = _DEFINED_BY_ACT.match(question)
    return m.group("act").lower() if m else ""


WHERE = re.compile(r"^\W*where\b", re.IGNORECASE)


def act_dated(question: str) -> str:
    """The act a when-question in the passive dates ("When were the paintings *found*?"), or ""."""
    if planned := _WHEN_DUE.match(question):
        return planned.group("act").lower()  # "When is the replacement due to *begin*?"
    m = _WHEN_DONE.match(question)
    return (m.group("act") or m.group("verb")).lower() if m else ""


_WHEN_DUE = re.compile(
    r"^\W*when\s+(?:is|are|was|were)\s+[^?]+?\s+(?:due|set|scheduled|expected|planned|going)\s+to\s+"
    r"(?P<act>[a-z]{3,})\b",
    re.IGNORECASE,
)


def pointer_words(question: str) -> set[str]:
    """Stems of the words with which a question points at one report ("How many …, according to
    the report on the reconstruction dispatch?" → report, recon, dispa)."""
    return {stem(t) for m in POINTER.finditer(question) for t in content_terms(m.group(0))}


# A question for a cause: "What caused …?", "What was the trigger …?", and inside a longer question
# ("Has anyone worked out what brought the roof down?").
CAUSE_ASKED = re.compile(
    r"\bwhat\s+(?:caused|triggered|set\s+off|sparked|started|brought\s+(?:[\w’'-]+\s+){1,3}?down)\b"
    r"|\bwhat\s+(?:was|is)\s+the\s+(?:cause|trigger)\b",
    re.IGNORECASE,
)

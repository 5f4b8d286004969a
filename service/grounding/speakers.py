"""Who told a sentence: the speaker of a quotation, the teller at a sentence's end ("…, police
said"), the words given to someone who said nothing. A teller is not a doer of what they tell."""

from __future__ import annotations

import re

from service.grounding.figures import DAY_OR_MONTH
from service.grounding.names import CAPITALISED_WORD, PERSON_NAME, STARTERS, TITLES, names_in
from service.grounding.questions import POINTER, question_actor, relation_word
from service.grounding.words import (
    CLAUSE_BREAK,
    PAST_FORM,
    SAID,
    TELLER_TAIL,
    WHO_SAID,
    content_terms,
    stem,
)
from service.text import QUOTATION, sentence_spans, terms

# The outlet attribution puts before a sentence it cites as that outlet's ("Corriden Ledger reported: …").
REPORTED_PREFIX = r"[^:]{0,60} reported: "


def without_outlet(text: str) -> str:
    """``text`` less the outlet attribution put before it ("Corriden Ledger reported: ")."""
    return re.sub(rf"^{REPORTED_PREFIX}", "", text)


ACCORDING = re.compile(r"^according to [^,]{1,60},\s*", re.IGNORECASE)


BODY_REFERENCE = re.compile(
    r"\b(?:the|its)\s+(?:company|firm|operator|group|agency|ministry)(?:['’]s)?\b", re.I
)


# (… and a figure given as someone's own: "the authority's estimate", "its forecast")
TELLING_WORD = re.compile(
    r"\b(?:said|says|say|told|tells|according|reported|reports|announced|confirmed|stated|added|estimated"
    r"|estimates?|forecasts?|spokes\w*)\b",
    re.IGNORECASE,
)


def teller_as_doer(claim: str, source: str) -> str:
    """Who the source gives only as its teller, when the claim makes them the doer: "The Kestrel
    Star is operated by the regional transport authority", cited to "Some 230 people were on board
    …, the regional transport authority said"; "" otherwise. A claim that tells who said it is not
    held to this."""
    tail = TELLER_TAIL.search(source)
    if not tail or TELLING_WORD.search(claim):
        return ""
    who = tail.group("who") or tail.group("by")
    named = {stem(t) for t in content_terms(who)}
    told = {stem(t) for t in content_terms(source[: tail.start()])}
    if not named or named & told or not named <= {stem(t) for t in content_terms(claim)}:
        return ""
    return re.sub(r"^(?:the|a|an)\s+", "", who.strip(), flags=re.I)


def teller_not_doer(question: str, source: str) -> str:
    """Who the source says did the act a question asks of someone it gives only as the teller: asked
    when Minister Taskovar resigned, "Taskovar said … its former chief executive, Ysolde Marrant,
    had 'done the honourable thing' by resigning on May 18" → "Ysolde Marrant"; "" otherwise."""
    act, actor = relation_word(question), question_actor(question)
    asked = {w.lower() for m in PERSON_NAME.finditer(actor) for w in m.group(0).split()} - TITLES
    if not act or not asked:
        return ""
    for m in _TOLD_BY.finditer(source):
        if not asked & {w.lower() for w in m.group("who").split()}:
            continue
        told = source[m.end() :]
        done = next((w for w in re.finditer(r"[A-Za-z][\w’'-]*", told) if stem(w[0]) == stem(act)), None)
        if done is None:
            continue
        doers = list(PERSON_NAME.finditer(told[: done.start()]))
        if not doers or asked & {w.lower() for w in doers[-1].group(0).split()}:
            continue
        # ("the Korrel Dam, which it expects to cost 85 million": another subject between them)
        if not _ANOTHER_SUBJECT.search(told[doers[-1].end() : done.start()]):
            return doers[-1].group(0)
    return ""


_ANOTHER_SUBJECT = re.compile(r"\b(?:which|that|who|whom|it|he|she|they|we|i)\b", re.IGNORECASE)


_TOLD_BY = re.compile(
    rf"(?<![\w’'])(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)(?:,\s+\d{{1,3}},)?\s+{SAID}\b"
)


def tellers(text: str) -> list[str]:
    """Who ``text`` gives as saying something, with their title: "Chief inspector Lidia Varga" of
    "Chief inspector Lidia Varga said …", "the fire service" of "…, the fire service said"."""
    found = [
        CLAUSE_BREAK.split(text[: m.end("who")])[-1].strip()
        for m in _TOLD_BY.finditer(text)
        if m.group("who") not in STARTERS
    ]
    if tail := TELLER_TAIL.search(text):
        found.append(tail.group("who") or tail.group("by"))
    return found


def teller_as_answer(question: str, claim: str, source: str) -> str:
    """Who the source gives only as telling of the act a "who" question asks about, when the
    claim's names are theirs: "Anne Lowe." for "Who was hanging out washing …?", cited to "Anne
    Lowe, 52, said her mother had been hanging out washing …"; "" otherwise."""
    if not _WHO_DID.match(question) or WHO_SAID.match(question):
        return ""
    claimed = {w.lower() for name in names_in(claim) for w in name.split()}
    act = relation_word(question)
    if not claimed or not act:
        return ""
    for m in _TOLD_BY.finditer(source):
        who = m.group("who")
        reported = {stem(t) for t in content_terms(source[m.end() :])}
        if claimed <= {w.lower() for w in who.split()} and stem(act) in reported:
            return who
    return ""


def another_speaker(question: str, claim: str, source: str) -> str:
    """For "Who said …?", the speaker the source names when the claim names someone the source does
    not name at all; "" otherwise."""
    if not WHO_SAID.match(question):
        return ""
    claimed = {w.lower() for name in names_in(claim) for w in name.split()} - TITLES
    if not claimed or claimed & {w.lower() for w in re.findall(r"[\w’'-]+", source)}:
        return ""
    for m in _SPEAKER.finditer(source):
        who = m.group("who") or m.group("after")
        # ('"…," she said Tuesday': a day is no speaker)
        if who.split()[0] not in STARTERS and not DAY_OR_MONTH.fullmatch(who.split()[0]):
            return who
    return ""


# A verb that gives a quotation its speaker: "said", "wrote", "added".
_QUOTING = rf"(?:{SAID}|wrote|added)"


# "Who said …?" or "Who wrote …?": the question asks for a quotation's speaker.
_WHO_TOLD = re.compile(rf"^\W*who\s+(?:has\s+|had\s+)?(?:{_QUOTING}|writes)\b", re.IGNORECASE)


# Words given to a pronoun ('," he wrote', 'She said: "…'), or a sentence that is all quotation.
_PRONOUN_TELLS = re.compile(
    rf"[,!?]\s*[”\"]\s*(?:he|she|they)\s+{_QUOTING}\b|\b(?:he|she|they)\s+{_QUOTING}\s*[,:]\s*[“\"]",
    re.IGNORECASE,
)


_ALL_QUOTED = re.compile(r"\s*[“\"][^“”\"]+[”\"]\s*")


# How many sentences back a pronoun's speaker is looked for, within the paragraph.
_SPEAKER_REACH = 3


def quoted_speaker(source: str, article: str) -> str:
    """Who said the words of a sentence that gives them to a pronoun ('"…," he wrote') or to no one
    (a quotation standing alone): the one the sentences before it in its paragraph name as saying
    something, or open with ('Mossel rejected the charge. "…," he said.'). "" when the sentence
    gives its words to no pronoun, or the paragraph does not tell who."""
    if not (_PRONOUN_TELLS.search(source) or _ALL_QUOTED.fullmatch(source)):
        return ""
    at = article.find(source)
    if at < 0:
        return ""
    start_of_paragraph = article.rfind("\n\n", 0, at) + 1
    if _ALL_QUOTED.fullmatch(source) and not article[start_of_paragraph:at].strip():
        # A quotation that is a paragraph of its own goes on from the paragraph before, the
        # speaker's last: '… "They are part of who we are," he said.' / '"We will not rest …"'.
        start_of_paragraph = article.rfind("\n\n", 0, max(start_of_paragraph - 1, 0)) + 1
    before = article[start_of_paragraph:at]
    spans = sentence_spans(before)
    for start, end in reversed(spans[-_SPEAKER_REACH:]):
        sentence = before[start:end]
        named = [t for t in tellers(sentence) if PERSON_NAME.search(t) or CAPITALISED_WORD.fullmatch(t)]
        # ('"…," Veilgaard told a news conference': the name right before the verb)
        named += [m.group("who") for m in _TOLD_BY.finditer(sentence) if m.group("who") not in STARTERS]
        # ('"…," said Dermot Quillan, the union's general secretary. "…"': the name after the verb)
        named += [m["after"] for m in _SPEAKER.finditer(sentence) if m["after"] not in (None, *STARTERS)]
        if named:
            return named[-1]
        opening = OPENING_DOER.match(sentence)
        if opening and opening.group(0).split()[0] not in STARTERS:
            return " ".join(opening.group(0).split()[:-1])
        # "Sigrun Aalvik, director of the museum, said …": a name told before its post and "said".
        if (said := re.search(rf"\b{SAID}\b", sentence)) and (
            person := PERSON_NAME.search(sentence[: said.start()])
        ):
            return person.group(0)
        if not (_PRONOUN_TELLS.search(sentence) or _ALL_QUOTED.fullmatch(sentence)):
            return ""  # a sentence of something else between: the pronoun's one is not told here
    return ""


def _quoted_held(question: str, text: str) -> tuple[int, int] | None:
    """For "Who said '…'?", how many words the quotation has and how many of them ``text`` holds;
    None for other questions."""
    quoted = QUOTATION.search(question)
    if not _WHO_TOLD.match(question) or not quoted:
        return None
    words = terms(quoted.group(1))
    low = text.lower()
    return len(words), sum(w in low for w in words)


def speaker_of_quotation(question: str, claim: str, source: str, article: str) -> bool | None:
    """For "Who said '…'?" answered from the sentence holding those words, when that sentence gives
    them to a pronoun or to no one: whether the claim names the speaker the paragraph tells of
    (None when this cannot be decided here)."""
    held = _quoted_held(question, source)
    if held is None or not held[0] or held[1] < 0.8 * held[0]:
        return None  # not the sentence of the words asked about
    claimed = {w.lower() for name in names_in(claim) for w in name.split()} - TITLES
    speaker = quoted_speaker(source, article)
    if not claimed or not speaker:
        return None
    return bool(claimed & {w.lower() for w in speaker.split()})


def quotation_untold(question: str, text: str) -> bool:
    """For "Who said '…'?", whether ``text`` (a cited sentence and its neighbours) holds under half
    the quoted words: a sentence elsewhere in the article cannot tell who said them."""
    held = _quoted_held(question, text)
    return held is not None and held[0] >= 3 and held[1] < 0.5 * held[0]


# "…," Hemsvik said'; "said Judge Rosalind Hemsvik": a named speaker.
_SPEAKER = re.compile(
    r"(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+(?:said|says|told|added|argued|warned)\b"
    r"|\b(?:said|says)\s+(?P<after>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
)


_WHO_DID = re.compile(r"^\W*who\b", re.IGNORECASE)


def other_teller(claim: str, source: str) -> str:
    """Who the source says told it, when the claim gives another teller whom the source names in
    another role; "" otherwise (a teller the source does not name at all may be told another way)."""
    claimed, told = tellers(claim), tellers(source)
    if not claimed or not told:
        return ""
    told_stems = {stem(t) for who in told for t in content_terms(who)}
    in_source = {stem(t) for t in content_terms(source)}
    for who in claimed:
        words = {stem(t) for t in content_terms(who)}
        if words and not words & told_stems and words <= in_source:
            return told[0]
    return ""


def without_others_telling(text: str, claim: str, article: str = "") -> str:
    """``text`` less its sentences in which someone ``claim`` does not name says something."""
    claimed = {w.lower() for w in re.findall(r"[\w’'-]+", claim)}
    kept: list[str] = []
    quoting: list[str] = []  # sentences of a quotation still open: theirs who close it
    previous = ""
    for a, b in sentence_spans(text):
        sentence = text[a:b]
        if not quoting and not re.match(r"\W*[A-Z0-9“\"]", sentence):
            continue  # the tail of a sentence the window cut: whose words they are is not told
        # '"Nobody saw this coming. We were told on Monday," said Karl Vesk': the quotation's
        # first sentence names no one, but its words are Vesk's.
        quoting.append(sentence)
        # An odd number of quotation marks opens a quotation, or closes the one left open.
        odd = (sentence.count('"') + sentence.count("“") + sentence.count("”")) % 2 == 1
        if odd == (len(quoting) == 1):
            continue  # a quotation's first sentence, or one in its middle
        speaks = bool(_SAID_SOMETHING.search(sentence))
        tellers = [m.group(0) for m in PERSON_NAME.finditer(sentence) if speaks]
        tellers += [m.group(1) for m in _LONE_SPEAKER.finditer(sentence)]
        if _PRONOUN_SPEAKER.search(sentence):
            # '"These alarms were there for anyone to see," he said.': "he" is whoever the
            # sentences before name, and the words are the claim's only if that is its person.
            at = article.find(quoting[0])
            before = article[max(0, at - 400) : at] if at >= 0 else previous
            tellers += [m.group(0) for m in PERSON_NAME.finditer(before)][-1:] or ["someone"]
        if not tellers or any(t.split()[-1].lower() in claimed for t in tellers):
            kept.extend(quoting)
        quoting = []
        previous = sentence
    return " ".join(kept + quoting)


_PRONOUN_SPEAKER = re.compile(r"[,”\"]\s+(?:he|she)\s+(?:said|says|added|told)\b")


# '"…," Oyelaran said.': a speaker named by one word.
_LONE_SPEAKER = re.compile(r"[,”\"]\s+([A-Z][a-z’'-]+)\s+(?:said|says|added|told)\b")


# "has not commented", "declined to comment": the source says the person said nothing.
_SAID_NOTHING = re.compile(
    r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:commented|responded|spoken|said)"
    r"|declined\s+to\s+comment|refused\s+to\s+comment|could\s+not\s+be\s+reached)\b",
    re.I,
)


_SAID_SOMETHING = re.compile(r"\b(?:said|says|told|stated|commented|announced|added)\b", re.I)


def no_comment(claim: str, source: str) -> str:
    """What the source says of the speaker the claim makes say something ("Holmgaard said she had
    full confidence", cited to "Mayor Petra Holmgaard … has not commented on the case"), or ""."""
    silent = _SAID_NOTHING.search(source)
    if not silent or not _SAID_SOMETHING.search(claim) or _SAID_NOTHING.search(claim):
        return ""
    # Who said nothing: the subject right before it ("The organisers have not said …", "…, but the
    # union has not commented"), past a relative clause ("Holmgaard, who appointed …, has not …").
    parts = [p for p in CLAUSE_BREAK.split(source[: silent.start()]) if p and content_terms(p)]
    while parts and re.match(r"\s*(?:who|which|whose|whom)\b", parts[-1], re.I):
        parts.pop()
    if parts and {stem(t) for t in content_terms(parts[-1])} & {stem(t) for t in content_terms(claim)}:
        return f"{silent.group(0)}"
    return ""


OPENING_DOER = re.compile(
    rf"^\W*(?:The\s+)?(?:[A-Z][\w’'-]+\s+)+(?:has\s+|have\s+|had\s+)?(?P<verb>{PAST_FORM})\b"
)


def untold_teller(question: str, told: str) -> str:
    """Whom the question asks a figure or fact of ("…, according to the inspectors?"), when ``told``
    (the cited sentence, its neighbours and outlet) names none of them; "" when it does, or when the
    question names no one or points at a report (``pointer_words``) or at anyone who says it."""
    found = _ACCORDING_IN.search(question)
    if not found or POINTER.match(found.group(0)):
        return ""
    words = [t for t in content_terms(found.group(1)) if t not in _ANY_TELLER]
    said = {stem(t) for t in terms(told)}
    if not words or any(stem(t) in said for t in words):
        return ""
    return found.group(1).strip()


def asked_teller_unlike(question: str, source: str) -> str:
    """Who the source gives its words on ("about 4,000 people, according to police, marched"),
    when the question asks what someone else said ("How many did the organisers say took part?");
    "" when the source names no teller, or names the one asked (by any word)."""
    found = _SAID_BY.search(question)
    if not found:
        return ""
    asked = {stem(t) for t in content_terms(found.group("who")) if t not in _ANY_TELLER}
    told = [m.group(1) for m in _ACCORDING_IN.finditer(source)]
    if not asked or not told:
        return ""
    # ("Organisers said 9,000, and 4,000 according to police": the asked one tells a figure too.)
    saying = {stem(w.group(1).lower()) for w in re.finditer(rf"([\w’'-]+)\s+{SAID}\b", source, re.IGNORECASE)}
    if any(asked & {stem(t) for t in terms(who)} for who in told) or asked & saying:
        return ""
    return told[0].strip()


# "How many people did the organisers say took part?": whose word a question asks for.
_SAID_BY = re.compile(
    r"\b(?:did|do|does|has|have|had)\s+(?P<who>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3}?)\s+"
    r"(?:say|claim|estimate|report|count|put)\b",
    re.IGNORECASE,
)


# "according to the inspectors", "by the directorate's count": whom a figure is asked of.
_ACCORDING_IN = re.compile(
    r"\b(?:according to|as (?:reported|told|estimated) by)\s+(?:the\s+)?([^,?;]{1,60}?)(?=\s*(?:[,?;]|$))",
    re.IGNORECASE,
)


# Words for whoever says it: a sentence need not repeat them ("according to officials").
_ANY_TELLER = frozenset(
    "official officials authorities authority sources source reports report figures figure estimates"
    " estimate data media news accounts account witnesses article articles".split()
)


def teller_words(question: str) -> set[str]:
    """Stems of the words naming who a question's figures are according to ("…, according to the
    island council?" → island, counc)."""
    return {stem(t) for m in _ACCORDING_TO.finditer(question) for t in content_terms(m.group(1))}


_ACCORDING_TO = re.compile(r"\baccording\s+to\s+([^?,;]+)", re.IGNORECASE)

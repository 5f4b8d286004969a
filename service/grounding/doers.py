"""Who did what to whom: the doer a sentence names for an act, a claim that gives the act to another
or swaps its two actors, and an act told in the passive with no doer."""

from __future__ import annotations

import re

from service.grounding.figures import DAY_OR_MONTH
from service.grounding.names import APPOSITION, CAPITALISED, NAME, PERSON_NAME, STARTERS, names_in
from service.grounding.numbers import is_number_word, numbers
from service.grounding.questions import DOER_QUESTION, asked_parts, relation_word
from service.grounding.speakers import ACCORDING, OPENING_DOER, without_outlet
from service.grounding.words import (
    CLAUSE_BREAK,
    DESCRIBING,
    IRREGULAR,
    KIN,
    PAST_FORM,
    SPEECH,
    content_terms,
    is_past,
    looks_like_a_verb,
    stem,
    verb_forms,
)
from service.text import STOPWORDS, sentence_spans, terms

# The words a sentence refers back to its subject with ("It said …", "The company rebuilt …").
_REFERRING = re.compile(
    r"^\W*(he|she|it|they|its|his|her|their|the (company|firm|operator|ministry|agency|office|group"
    r"|government|council|minister|official|spokesman|spokeswoman|spokesperson|report|statement))\b",
    re.IGNORECASE,
)


def absent_actor(claim: str, source: str, asked: str = "") -> str | None:
    """The name a claim opens with as its actor, when the cited sentence neither names it nor refers
    back to anyone: "Dorrinvale Energy rebuilt the spillway in 2009" against "The auxiliary spillway
    was rebuilt in 2009" — the operator, named next door, is not said to have rebuilt it; nor is
    "Russia" by "the Russian region of Kursk". A name before a plural noun ("North Korean troops"
    against "Kim's troops") only describes the actor the source does name."""
    # "According to the excerpts, Russia promised …": the actor follows the attribution.
    text = ACCORDING.sub("", claim.strip())
    # "The Red Anchor Society opened the hall": the article opens the name, it is not the actor.
    text = re.sub(r"^(?:The|A|An)\s+(?=[A-Z])", "", text)
    first = NAME.match(text)
    # "Three times": a capitalised figure opens the claim, not an actor; nor does "The June meeting".
    if (
        not first
        or first.group(0).split()[0] in STARTERS
        or is_number_word(first.group(0).split()[0])
        or DAY_OR_MONTH.fullmatch(first.group(0).split()[0])
    ):
        return None
    words = [w for w in terms(first.group(0)) if len(w) > 2]
    low = source.lower()
    # The outlet before a sentence cited as its report ("The Caldmere Herald reported: …") places
    # "Caldmere city council"; a firm's word in it ("Systems & Security Weekly") names no firm.
    body = without_outlet(source).lower()
    # Whole words: "the Russian region of Kursk" does not name Russia as the one who acted.
    # ("The government has approved 8 million …" does not refer back to "Halvard Leisure Group": a
    # public body is not another name for a firm.)
    referring = _REFERRING.search(source) and not public_body_acting(first.group(0), source)
    if (
        not words
        or any(re.search(rf"\b{re.escape(w)}(?:e?s)?\b", body if _is_firm_word(w) else low) for w in words)
        or referring
    ):
        return None
    # "North Korean troops": a plural noun after the name is the actor, the name describes it.
    noun = re.match(r"\s+([a-z][\w-]*s|people|police|staff|personnel)\b", text[first.end() :])
    if noun and stem(noun.group(1)) in {stem(t) for t in terms(source)}:
        return None
    return first.group(0)


# The public bodies and officials a sentence may open with ("The government …"), which never stand
# for a firm named before.
_PUBLIC_REFERENT = re.compile(r"ministry|agency|office|government|council|minister|official", re.IGNORECASE)


def public_body_acting(actor: str, source: str) -> str:
    """The public body a source opens with as its actor ("The government has approved …"), when the
    claim gives the act to a firm ("Halvard Leisure Group announced …"); "" otherwise."""
    referring = _REFERRING.search(source)
    if (
        not referring
        or not FIRM_WORD.search(actor)
        or not _PUBLIC_REFERENT.fullmatch(referring.group(2) or "")
    ):
        return ""
    return referring.group(0).strip()


def pronoun_of_another(claim: str, source: str, article: str) -> str:
    """Whom a source's opening pronoun stands for, when the claim gives the act to someone else:
    "The hospital network confirmed it had taken 1.4 terabytes", cited to "It said it had taken
    1.4 terabytes …" after "The group, which calls itself Grey Lantern, posted the claim …". ""
    when the sentence opens otherwise, or the one before it opens with no plain subject."""
    told = without_outlet(source.strip())
    if not _OPENING_PRONOUN.match(told) or (at := article.find(told)) < 0:
        return ""
    before = sentence_spans(article[:at].rstrip())
    doer = _CLAIM_DOER.match(claim)
    if not before or not doer:
        return ""
    previous = article[before[-1][0] : before[-1][1]]
    subject = _PLAIN_SUBJECT.match(previous)
    if not subject:
        return ""
    # The subject with the name a comma sets beside it ("The group, which calls itself Grey Lantern")
    told_as = f"{subject.group(1)} {previous[subject.end() : subject.end() + APPOSITION]}"
    wanted = {stem(t) for t in terms(doer.group(1))}
    if not wanted or wanted & {stem(t) for t in terms(told_as)}:
        return ""
    return subject.group(1)


_OPENING_PRONOUN = re.compile(r"^\W*(?:It|They|He|She)\s+(?:said|says|told|added|had|has|have|was|were)\b")
_CLAIM_DOER = re.compile(
    r"^\W*((?:The|A|An)\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+"
    r"(?:itself\s+|also\s+)?(?:[a-z]{3,}ed|said|says|had|has|have|was|were|took|told)\b"
)
_PLAIN_SUBJECT = re.compile(
    r"^\W*((?:The|A|An)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)(?=,|\s+[a-z]+(?:ed|s)\b)"
)


def firm_owner_swapped(question: str, sentences: list[str]) -> str:
    """The other firm full-sentence answers name, when the question asks of a firm's thing by its
    possessive ("What is the value of Corvana Systems' contract …?") and none of them names that
    firm: "The contract with Tessaline IT Services … is worth 42 million" is Tessaline's; ""."""
    owned = _FIRM_POSSESSIVE.search(question)
    if not owned or not sentences:
        return ""
    owner = {w.lower() for w in owned.group("firm").split() if not FIRM_WORD.fullmatch(w)}
    others = []
    for sentence in sentences:
        if owner & {w.lower() for w in re.findall(r"[\w’'-]+", sentence)}:
            return ""
        firms = [m.group(0) for m in NAME.finditer(sentence) if FIRM_WORD.search(m.group(0))]
        if not firms:
            return ""
        others.append(firms[0])
    return others[0]


# "Corvana Systems' contract", "Drummaveld Construction's bond": a firm's thing.
_FIRM_POSSESSIVE = re.compile(r"(?P<firm>(?:[A-Z][\w&-]*\s+){1,3}[A-Z][\w&-]*)['’]s?\s+[a-z]")


def firm_named_apart(absent: str, source: str, article: str) -> str:
    """The firm a source opens with as its doer, when the claim gives the act to another firm
    (``absent``, which the source never names) that the article names apart: "Corvana Systems
    switched on multi-factor authentication", cited to "Tessaline, which runs the data centre, has
    switched on …" in an article naming Corvana Systems as another company; likewise a public body
    ("The Culture Ministry offered a reward", cited to "On Wednesday, Ardmoor announced a reward …").
    Two bodies' names are not one's other names, as a capital may be its country's. "" otherwise."""
    if not (FIRM_WORD.search(absent) or _BODY_WORD.search(absent)) or absent.lower() not in article.lower():
        return ""
    # (a time the sentence opens with is no doer: "On Wednesday, Ardmoor announced a reward …")
    told = _OPENING_TIME.sub("", without_outlet(source.strip()))
    opening = NAME.match(re.sub(r"^(?:The|A|An)\s+(?=[A-Z])", "", told))
    if not opening or opening.group(0).split()[0] in STARTERS:
        return ""
    doer = opening.group(0)
    if {w.lower() for w in doer.split()} & {w.lower() for w in absent.split()}:
        return ""
    return doer


# Words that make a name a public body's or another organisation's: "the Culture *Ministry*".
_BODY_WORD = re.compile(
    r"\b(?:Ministry|Department|Agency|Council|Committee|Bureau|Authority|Commission|Office|Police|Unit"
    r"|Union|Federation|Association|Board|Court|Assurance|Museum|Foundation|Institute|Trust)\b"
)
_OPENING_TIME = re.compile(
    r"^(?:(?:Early|Late)\s+)?(?:On|By|In|Last|This|Earlier|Later)\s+[^,]{1,30},\s*(?=[A-Z])"
)


def _is_firm_word(word: str) -> bool:
    """Whether a term (lower case, maybe made singular: "system") is a firm's word."""
    return any(FIRM_WORD.fullmatch(w) for w in (word.title(), f"{word.title()}s"))


# Words that make a name a firm's: "Corvana *Systems*", "Tessaline IT *Services*".
FIRM_WORD = re.compile(
    r"\b(?:Systems|Services|Group|Company|Corporation|Corp|Ltd|Limited|Inc|Holdings|Partners|Industries"
    r"|Technologies|Solutions|Construction|Engineering|Energy|Airlines|Insurance|Consulting|Logistics"
    r"|Bank|Security|Print|Printing|Tunnelling|Motors|Pharma|Pharmaceuticals|Telecom|Media|Capital)\b"
)


def actor_of_figure(claim: str, source: str) -> str | None:
    """The name the source puts before a figure the claim states (its actor: "Pyongyang has
    committed to sending 1,000 …"), or None."""
    claimed = {v for v, _, _ in numbers(claim)}
    for value, start, _ in numbers(source):
        if value not in claimed:
            continue
        before = [
            m.group(0)
            for m in NAME.finditer(CLAUSE_BREAK.split(source[:start])[-1])
            if m.group(0).split()[0] not in STARTERS
        ]
        if before:
            return before[-1]
    return None


# A passive verb ("was rebuilt", "have been sent"): with no "by", the sentence names no doer.
_AGENTLESS = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?(?:\w{3,}ed|\w*(?:sent|spent|built|kept|held|met|paid|led"
    r"|made|found|told|sold|bought|brought|caught|put|set|cut|hit|shut|struck|taken|given|written|chosen|spoken|broken|driven"
    r"|fallen|hidden|stolen|sworn|thrown|torn|beaten|frozen|proven|seen|known|shown|drawn|grown|flown|blown))\b",
    re.IGNORECASE,
)


def agent_added(claim: str, source: str) -> str:
    """The subject a claim gives an act the source tells in the passive with no doer ("The hackers
    switched off the email server" against "The hospital's email server was switched off at 4
    a.m."), when the source names that subject nowhere; "" otherwise."""
    if re.search(r"\bby\b", source, re.IGNORECASE):
        return ""
    done = {stem(m.group(0).split()[-1].lower()) for m in _AGENTLESS.finditer(source)}
    told = {stem(t) for t in terms(source)}
    for m in re.finditer(r"[a-z][\w’'-]*", claim):
        if stem(m.group(0)) not in done:
            continue
        before = claim[: m.start()]
        if set(re.findall(r"[a-z]+", before.lower())[-2:]) & _BE:
            return ""  # the claim is passive too
        subject = {stem(t) for t in content_terms(before)}
        if subject and not subject & told:
            return before.strip()
        return ""
    return ""


def names_no_doer(sentence: str, claim: str = "") -> bool:
    """Whether ``sentence`` tells its act in the passive with no "by": no one is said to have done it.
    An act of ``claim`` the sentence tells in the active ("he personally recorded 11 payments",
    beside "that he was told were …") has its doer there."""
    if not _AGENTLESS.search(sentence) or re.search(r"\bby\b", sentence, re.IGNORECASE):
        return False
    # (a past form: not "hundred", "need", "speed")
    acts = {
        w
        for w in re.findall(r"[a-z]+", claim)
        if is_past(w) and len(w) > 3 and not w.endswith("eed") and not is_number_word(w)
    }
    for act in acts:
        for told in re.finditer(rf"\b{act}\b", sentence):
            if not _PASSIVE_BEFORE.search(sentence[: told.start()]):
                return False
    return True


def another_doer(claim: str, source: str, article: str = "") -> str:
    """The one the source names as doing what a claim says "the company" or "the council" did, when
    the source never names that doer: "The company suspended the licence", cited to "Transport
    Minister Odile Varnsworth on Monday suspended the licence". "" otherwise."""
    m = _NOUN_DOER.match(claim)
    if not m or m.group("noun").lower() in STOPWORDS | _RELATIVE_WORDS:
        return ""
    if _REDUCED_RELATIVE.match(claim, m.end()):
        return ""  # "The man arrested after the break-in was 27": he was arrested, he arrested no one
    act = re.search(rf"\b{re.escape(m.group('act'))}\b", source)
    if not act:
        return ""
    before = CLAUSE_BREAK.split(source[: act.start()])[-1]
    if _PASSIVE_BEFORE.search(before):
        return ""  # "Every ferry was cancelled": what was done to, not who did it
    # (The noun may be named later, as another's owner: "… nine days after the company's ferry …".)
    if stem(m.group("noun").lower()) in {stem(t) for t in terms(before)}:
        return ""
    # (The doer is the subject, not a name in a phrase of place: "at its Tessling substation".)
    named = []
    for n in NAME.finditer(before):
        # ("On Monday Tarn Lines": the name is what follows the sentence's opening and its day)
        words = n.group(0).split()
        while words and (
            words[0] in STARTERS or words[0].lower() in STOPWORDS or DAY_OR_MONTH.fullmatch(words[0])
        ):
            words = words[1:]
        if words and not _PLACED_BY.search(before[: n.start()]):
            named.append(" ".join(words))
    if not named:
        return ""
    # The article may call that doer by the claim's noun ("Brannock Sealink, the operator"): then
    # the noun is another name for it.
    noun = stem(m.group("noun").lower())
    for at in (i.start() for i in re.finditer(re.escape(named[-1]), article)):
        if noun in {
            stem(t) for t in terms(article[max(0, at - APPOSITION) : at + len(named[-1]) + APPOSITION])
        }:
            return ""
    return named[-1]


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+(?:\w+ly\s+)?$", re.I)


_RELATIVE_WORDS = frozenset("that which who whom whose".split())


_PLACED_BY = re.compile(
    r"\b(?:at|in|on|of|from|to|by|for|with|near|into)\s+(?:(?:the|its|their|his|her|a|an)\s+)?$", re.I
)


# "The company suspended …", "The regional council has approved …": a doer told by a common noun.
# A participle after its noun that a later verb follows: "The man *arrested after the break-in* was".
_REDUCED_RELATIVE = re.compile(
    r"\s+(?:after|in|at|on|by|during|for|near|over|outside|inside|from)\b[^,;.]*?\b(?:was|were|is|are)\b"
)


_NOUN_DOER = re.compile(
    r"^\W*(?i:the|a|an|its|their)\s+(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][\w-]*)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?P<act>[a-z]+ed)\b"
)


def given_to_another(claim: str, source: str) -> str:
    """Who the source says received what the claim says its subject received: "Brannock Sealink got
    the contract", cited to "Brannock Sealink has awarded the contract to Halberd Marine Salvage" —
    the claim's subject is the giver there. "" when the source does not say so."""
    got = _RECEIVED.match(claim)
    if not got:
        return ""
    subject = set(content_terms(got.group("who")))
    for m in _GIVEN_TO.finditer(source):
        giver = set(content_terms(source[max(0, m.start() - 80) : m.start()]))
        taker = set(content_terms(m.group("to")))
        if subject & giver and not subject & taker:
            return m.group("to")
    return ""


_RECEIVED = re.compile(
    r"^\W*(?P<who>[\w’'-]+(?:\s+[\w’'-]+){0,4}?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:got|gotten|received|won|secured|landed|(?:was|were|has\s+been|had\s+been)\s+(?:awarded|given|granted))\b"
)


_GIVEN_TO = re.compile(
    r"\b(?:awarded|gave|given|granted|handed|assigned|sold)\b[^.;]{0,80}?\bto\s+(?:the\s+)?"
    r"(?P<to>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)


def roles_swapped(claim: str, source: str) -> bool:
    """Whether two names of the claim appear in the source in the other order ("Russia sent sappers to
    North Korea" against "North Korea sent sappers to Russia"). Passive voice flips the order too, so
    this only makes a claim undecided: the judge reads it."""
    # Dates are no actors: "X was named on 15 March" against "On Sunday, 15 March, … named X".
    names = [
        m.group(0)
        for m in NAME.finditer(claim)
        if m.group(0).split()[0] not in STARTERS and not DAY_OR_MONTH.fullmatch(m.group(0))
    ]
    positions = [(claim.index(n), source.find(n)) for n in dict.fromkeys(names)]
    found = [(c, s) for c, s in positions if s >= 0]
    return any(
        c1 < c2 and s1 > s2 and not (_after_by(source, s1) or _after_by(claim, c2))
        for c1, s1 in found
        for c2, s2 in found
    )


def doer_swapped(claim: str, source: str) -> str:
    """The act a claim tells with its two actors the other way round from the source, in the same
    voice with the same verb between them: "The Corvel Valley Health Network advised the NCRO", cited
    to "The NCRO advised the health network" (a name is found by itself or by the common noun that
    ends it, "Health Network"). "" otherwise; a passive ("was advised by") is left to the judge."""
    # ("The Corvel Valley Health Network" is a name without its opening "The")
    names = [n for n in names_in(claim) if not DAY_OR_MONTH.fullmatch(n)]
    if doer := _common_doer(claim):
        # "The health network warned the NCRO": a doer the claim calls by a common noun is found by
        # its last two words too ("health network"), as a name is.
        names.insert(0, doer)
    lower = source.lower()
    placed = []
    for name in dict.fromkeys(names):
        at, told = source.find(name), name
        if at < 0 and len(words := name.split()) >= 2:
            told = " ".join(words[-2:]).lower()
            at = lower.find(told)
        if at < 0 and len(words) >= 2 and len(words[0]) >= 4 and words[0] not in STARTERS:
            # ("Mervalt Fertilisers" is "Mervalt" after its first mention)
            told = words[0]
            at = source.find(told)
        if at >= 0:
            placed.append((claim.index(name), name, at, told))
    for c1, n1, s1, _ in placed:
        for c2, _, s2, t2 in placed:
            if not (c1 < c2 and s2 < s1):
                continue
            said = claim[c1 + len(n1) : c2]
            told = source[s2 + len(t2) : s1]
            acts = {stem(w) for w in terms(said) if _is_act(w)}
            if (
                acts
                and acts <= {stem(w) for w in terms(told)}
                and not (_PASSIVE_WORDS.search(said) or _PASSIVE_WORDS.search(told))
            ):
                return next(w for w in terms(said) if _is_act(w))
    return ""


def asked_the_other_way(question: str, source: str) -> str:
    """The act a question gives its two actors for the other way round from the source ("How much
    did Mervalt fine the directorate?" of "The directorate fined Mervalt 4.2 million"; "How much did
    the mayor pay the builder?" of "the mayor received 1.6 million from the builder"): the question
    asks of something the articles do not tell, whatever its answer quotes. "" otherwise."""
    parts = asked_parts(question)
    if parts is None:
        return ""
    if swapped := doer_swapped(f"{parts.doer} {parts.past} {parts.rest}", source):
        return swapped
    giver, taker = names_in(parts.doer), names_in(parts.rest)
    if parts.verb not in _GIVING or not giver or not taker:
        return ""
    # "A received … from B" says B gave to A: the question's giver is the source's taker.
    first, second = giver[0].split()[-1], taker[0].split()[-1]
    taken = re.search(
        rf"\b{re.escape(first)}\b[^;]*?\b(?:{_TAKEN})\b[^;]*?\bfrom\s+(?:the\s+)?"
        rf"(?:[A-Z][\w’'-]*\s+)*{re.escape(second)}\b",
        source,
    )
    return parts.verb if taken else ""


# Acts told from the other side: what one pays, gives or sends, the other receives from them.
_GIVING = frozenset("pay give send lend hand transfer".split())


_TAKEN = r"received|receives|receiving|accepted|accepting|accepts|took|taken|got|collected"


def _common_doer(claim: str) -> str:
    """The doer a claim opens with as a common noun, before its act: "The health network" of "The
    health network (had) warned the NCRO …"; "" when the claim opens otherwise or in the passive."""
    words = claim.split()
    if len(words) < 3 or words[0] not in {"The", "the"}:
        return ""
    for i, word in enumerate(words[1:5], start=1):
        if not re.fullmatch(r"[a-z][\w-]*", word) or _PASSIVE_WORDS.fullmatch(word):
            return ""
        if i >= 2 and _is_act(word):
            return " ".join(w for w in words[:i] if w not in {"had", "has", "have"})
    return ""


def _is_act(word: str) -> bool:
    # (An act two do together reads the same either way round: "Shoigu met Kim", "Kim met Shoigu".)
    return (word.endswith("ed") or word in IRREGULAR) and word not in _TOGETHER


_TOGETHER = frozenset(
    "met talked spoke agreed signed negotiated clashed fought merged married played drew tied joined"
    " partnered cooperated collaborated competed shook".split()
)


_PASSIVE_WORDS = re.compile(r"\b(?:by|was|were|been|is|are|be)\b", re.I)


def _after_by(text: str, at: int) -> bool:
    """Whether the name at ``at`` is a passive's doer ("were suggested *by* South Korean
    officials"): the same act told in the other voice puts its names in the other order."""
    return bool(re.search(r"\bby\s+(?:the\s+)?$", text[max(0, at - 12) : at], re.IGNORECASE)) and bool(
        _AGENTLESS.search(text)
    )


_OBJECT_END = re.compile(
    r"[,;:.]|\s(?:for|in|on|at|to|with|from|after|before|by|over|because|since|and|but)\s"
)


def _object_after(text: str, verb_end: int) -> str:
    """The words after a verb up to the next clause break or preposition: its object."""
    rest = text[verb_end:]
    end = _OBJECT_END.search(rest)
    return rest[: end.start()] if end else rest


def other_object(claim: str, source: str) -> str:
    """The act the claim and the source share ("sued"), told of another object, when the claim's
    object is a name the sentence does not give: "sued the city of Varnholt, not Ilka Brandvold";
    "" otherwise."""
    told = {stem(t) for t in terms(source)}
    for m in re.finditer(rf"\b(?:[a-z]{{2}}ed|{PAST_FORM})\b", claim):  # "sued" as well
        verb = m.group(0)
        theirs = re.search(rf"\b{re.escape(verb)}\b", source)
        if not theirs:
            continue
        ours = _object_after(claim, m.end())
        named = [n.group(0) for n in PERSON_NAME.finditer(ours)]
        if not named or any({stem(t) for t in terms(n)} & told for n in named):
            continue
        other = _object_after(source, theirs.end()).strip()
        if content_terms(other) and not {stem(t) for t in content_terms(other)} & {
            stem(t) for t in content_terms(ours)
        }:
            return f"{verb} {other}, not {named[0]}"
    return ""


_BE = frozenset("is was are were be been being".split())


def named_doers(source: str, wanted: str) -> list[str]:
    """Who the source says did the act of the verb ``wanted``: for each use of one of its forms,
    its subject (the words back to the clause break before it: "Engineers from Halvik Works
    designed", "…, which the city council opened") or, in the passive, the words after its "by"
    ("" when no one is named)."""
    found = []
    # ("operated by Vessel Utilities" tells who runs it)
    forms = verb_forms(wanted) | {k for k in KIN.get(stem(wanted), ()) if not _AGENT_NOUN.search(k)}
    for m in re.finditer(r"[a-z][\w’'-]*", source):
        if m.group(0) not in forms:
            continue
        before = source[: m.start()]
        if re.search(r"\bto\s+$", before):
            continue  # "named Halina Vostrand to lead the inquiry": an infinitive's doer is elsewhere
        if re.search(r"(?:['’]s\s+(?:[a-z][\w-]*\s+)?|\b(?:the|a|an)\s+)$", before):
            continue  # "Fennhollow's board chair, Annika Sorrelby": a post, not the verb "chairs"
        if wanted in SPEECH | DESCRIBING and re.search(r"\band\s+$", before):
            # "Hallqvist said the council had erred and called it an ambush": told before
            continue
        # "was designed by", and the participle alone: "the delegation, led by Andrei Rudenko".
        if set(re.findall(r"[a-z]+", before.lower())[-2:]) & _BE or re.match(r"\s+by\b", source[m.end() :]):
            by = re.match(r"[^;:,.—–]*?\bby\s+([^;:,.—–]+)", source[m.end() :])
            found.append(by.group(1) if by else "")
            continue
        if wanted in SPEECH and re.search(r"[”\"’]\s*,?\s*$|,\s*[”\"’]\s*$", before):
            # "“We moved people first,” said Lena Odd", "…,” said the town's mayor, Piet Havrane":
            # the speaker follows the verb, with an apposition, not a relative clause about them.
            after = re.split(r"[.;:!?]|\b(?:who|which|whom|whose)\b", source[m.end() :], maxsplit=1)[0]
            found.append(", ".join(after.split(", ")[:2]))
            continue
        if told := _AFTER_QUOTATION.search(before):
            # '"… not in my conduct," he wrote': the one who wrote is between the quotation and the
            # verb, not the quotation's own words.
            found.append(told.group("who"))
            continue
        # The last part with words in it: an appositive ("Harl's mayor, Tobin Weskel, opened") or
        # the relative clause's subject ("which the city council opened").
        # "Oskar Brenne, 66, who chaired the talks, said …": a relative clause closed before the
        # verb describes its subject; it is not the subject.
        subject_side = _CLOSED_RELATIVE.sub("", before)
        parts = [p for p in CLAUSE_BREAK.split(subject_side) if p and content_terms(p)]
        while len(parts) > 1 and _PARTICIPIAL.match(parts[-1]):
            parts.pop()  # "Dora Kellan, speaking in parliament on Thursday, called …": Kellan called
        subject = parts[-1] if parts else ""
        if len(parts) > 1 and re.match(r"\s*(?:the|a|an)\b", subject, re.IGNORECASE):
            # "Vellin, the furthest of the three towns, escaped": the apposition is its subject's.
            subject = f"{parts[-2]}, {subject}"
        # "Ada Roe said the government would pay": the doer of the reported act follows the speech
        # ("The association said its members had received …" reports its own act).
        reported = re.split(r"\b(?:said|says|told\s+\w+|announced|added)\s+(?:that\s+)?", subject)
        own = re.match(r"\s*(?:its|their|his|her|our|he|she|it|they|we)\b", reported[-1], re.IGNORECASE)
        found.append(reported[-1] if content_terms(reported[-1]) and not own else subject)
    return found


# Nouns of an act or its doer ("operator", "construction"), which no doer precedes as a verb's would.
_AGENT_NOUN = re.compile(r"(?:ors?|ers?|ions?)$")


# The few words between a closed quotation and its verb: '," he wrote', '," the minister added'.
_AFTER_QUOTATION = re.compile(r"[,!?]\s*[”\"]\s*(?P<who>[^\"“”,;:.]{1,40}?)\s*$")


def other_doer(question: str, claim: str, source: str, short: bool) -> str:
    """For a question asking who did something ("Who designed the bridge?"), the doer the source
    gives for that act when the claim's doer is another one the same sentence names in another role
    ("The city council." against "Engineers from Halvik Works designed the bridge, which the city
    council opened"); "" otherwise. A claimed doer the sentence does not name at all may be told by
    another name ("Pyongyang" for North Korea): that is not decided here."""
    speech = re.match(
        r"^\W*(?:who|which\s+[\w-]+)\s+(said|says|told|tells|called|calls|described|describes)\b",
        question,
        re.IGNORECASE,
    )
    # "Who said …?" asks for the speaker, "Who called it an insult?" likewise; these verbs are too
    # common to be a question's relation word.
    relation = speech.group(1).lower() if speech else relation_word(question)
    if not relation or not DOER_QUESTION.match(question):
        return ""
    if not looks_like_a_verb(relation):
        return ""
    if re.search(rf"\b(?:is|was|are|were|been|being)\s+(?:\w+ly\s+)?{re.escape(relation)}\b", question, re.I):
        return ""  # "Which towns were ordered to evacuate?" asks who it was done to
    wanted = relation
    if short:
        claimed_text = claim
    else:
        forms = verb_forms(relation)
        at = next((m.start() for m in re.finditer(r"[\w’'-]+", claim) if m.group(0) in forms), -1)
        if at <= 0:
            return ""
        claimed_text = claim[:at]
    question_words = {stem(t) for t in content_terms(question)}
    claimed = {stem(t) for t in content_terms(claimed_text)} - question_words
    # ("… and had itself filed a counter-appeal": "itself" is the subject told before, no doer)
    # (nor is a pronoun, '," he wrote': who he is is told in another sentence)
    doers = [
        d
        for d in named_doers(source, wanted)
        if [t for t in content_terms(d) if t not in _REFLEXIVE] and not PRONOUN.fullmatch(d.strip())
    ]
    if not claimed or not doers:
        return ""
    if any(claimed & {stem(t) for t in content_terms(d)} for d in doers):
        return ""
    rest = source
    for d in doers:
        rest = rest.replace(d, " ")
    if claimed <= {stem(t) for t in content_terms(rest)}:
        return doers[0].strip()
    # A person's full name against another full name the sentence gives as the doer: "Karel Sand
    # said …" cited to "The chief executive, Mira Vance, said …" (Sand is named next door). One
    # word may be another name for a doer ("Pyongyang"); two people's names are two people.
    if PERSON_NAME.search(claimed_text) and (doer := next((d for d in doers if PERSON_NAME.search(d)), "")):
        return doer.strip()
    # A doer named by a common noun against another the sentence names the same way: "The insurer
    # will pay", cited to "… said the government would pay". A name may stand for a common noun
    # ("Apple" for "the company"), so either side with a name is left to the judge.
    in_source = {stem(t) for t in content_terms(source)}
    plain = [d for d in doers if not CAPITALISED.search(d)]
    if not CAPITALISED.search(claimed_text) and not claimed & in_source and plain:
        return plain[0].strip()
    return ""


_REFLEXIVE = frozenset("itself himself herself themselves ourselves myself yourself".split())


PRONOUN = re.compile(r"(?:he|she|they|it|we|I)", re.IGNORECASE)


def doer_question(claim: str) -> str:
    """The who-question a claim that opens with a name and its act answers ("The National Dam
    Safety Office has ordered the regiment …" → "Who ordered it?"), so that a sentence giving the act
    to someone else is caught as it is for a question; "" for other claims."""
    m = OPENING_DOER.match(claim)
    return f"Who {m.group('verb')} it?" if m else ""


# An interjected participial phrase ("…, speaking in parliament, …") is no doer; one of speech
# ("speaking in parliament on Thursday") tells when its subject's words were said.
_CLOSED_RELATIVE = re.compile(r",\s*(?:who|which|whom|whose)\b[^,;:—–.]*,\s*$", re.I)


_PARTICIPIAL = re.compile(r"\s*[a-z]{3,}ing\b")


def done_by_no_one(question: str, source: str, surroundings: str) -> str:
    """For a question asking who did something ("Which contractor *rebuilt* …?"), the relation
    word when the cited sentence lacks it and the sentences around it state it only without a doer
    (passive, no "by"); "" otherwise."""
    relation = relation_word(question)
    if not relation or not DOER_QUESTION.match(question):
        return ""
    wanted = stem(relation)
    if wanted in {stem(t) for t in terms(source)}:
        return ""
    holding = [
        surroundings[a:b]
        for a, b in sentence_spans(surroundings)
        if wanted in {stem(t) for t in terms(surroundings[a:b])}
    ]
    if holding and all(names_no_doer(h) for h in holding):
        return relation
    return ""


# A noun told as someone's: "Bertil Ammery's farm", "the cooperative's 186 member farms" (the
# possessive and up to three words after it, one of which is the noun), and "shares in Ardrey
# Dairies".
_POSSESSIVE = re.compile(
    r"(?P<owner>(?<![\w’'])(?:[Tt]he\s+[a-z]+|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))['’]s?"
    r"(?P<after>(?:\s+[\w,.%-]+){1,3})"
)
# "the National Parents' Federation, whose online petition …": the petition is the federation's.
_WHOSE = re.compile(
    r"(?P<owner>(?<![\w’'])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*),\s+whose(?P<after>(?:\s+[\w-]+){1,2})"
)
_HELD_IN = re.compile(
    r"\b(?P<after>(?i:shares|stakes?|stock))\s+in\s+(?P<owner>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)
# Owners told by their kind, which a person is never called.
_BODY_KINDS = frozenset(
    "company firm cooperative corporation group council authority ministry agency bank government"
    " union association board".split()
)


def _owned(text: str) -> list[tuple[str, set[str]]]:
    """Each owner the text gives a noun as, with the stems of the words that may be that noun."""
    found = []
    for m in (*_POSSESSIVE.finditer(text), *_HELD_IN.finditer(text), *_WHOSE.finditer(text)):
        if DAY_OR_MONTH.match(m.group("owner")):
            continue  # "Monday's order" is when it was given, not whose it is
        nouns = {stem(w) for w in content_terms(m.group("after"))}
        if nouns:
            found.append((m.group("owner"), nouns))
    return found


def _owned_by_its(text: str) -> list[tuple[str, set[str]]]:
    """Nouns told with "its" after a named owner in the same sentence ("Drummaveld's order book
    stood at 9.1 billion, and its revenue for the year was 3.8 billion"): that owner's too."""
    named = [
        (m.start(), m.group("owner"))
        for m in _POSSESSIVE.finditer(text)
        if m.group("owner")[:1].isupper() and not DAY_OR_MONTH.match(m.group("owner"))
    ]
    found = []
    for m in _ITS.finditer(text):
        before = [owner for at, owner in named if at < m.start()]
        nouns = {stem(w) for w in content_terms(m.group("after"))}
        if before and nouns:
            found.append((before[-1], nouns))
    return found


_ITS = re.compile(r"\bits\s+(?P<after>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")


def owned_by_another(asked: str, source: str, article: str = "") -> str:
    """The owner the source gives the asked thing as, when the question (or claim) gives it as a
    named other's: "How many litres of milk a day does Bertil Ammery's farm produce?" against "The
    cooperative's 186 member farms produce about 540,000 litres", or "Fennhollow's shares" against
    "Shares in Ardrey Dairies, Fennhollow's main competitor, …"; "" otherwise. ``article`` is the
    source's article, which tells whether the asked owner is a person."""
    told = _owned(source) + _owned_by_its(source)
    for owner, nouns in _owned(asked):
        names = {w for w in owner.split() if w[:1].isupper() and w.lower() != "the"}
        if not names:
            continue  # "the company's shares" may be anyone's the article names
        person = _a_person(owner, article)
        others = []
        for other, other_nouns in told:
            if not nouns & other_nouns:
                continue
            if names & set(other.split()):
                return ""  # the source gives it as the asked owner's too
            kind = other.split()[-1].lower()
            if other.lower().startswith("the ") and not (person and kind in _BODY_KINDS):
                continue  # "the company's shares" may be the asked firm's, told as "the company"
            others.append(other)
        if others:
            return others[0]
    return ""


_HE_OR_SHE = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def _a_person(owner: str, article: str) -> bool:
    """Whether the article tells ``owner`` as a person: a name of two words or more, in a sentence
    that refers to someone as "he" or "she" ("Bertil Ammery, who milks 140 cows …, said he …")."""
    if not PERSON_NAME.fullmatch(owner) or owner.split()[-1].lower() in _BODY_KINDS:
        return False
    return any(
        owner in article[start:end] and _HE_OR_SHE.search(article[start:end])
        for start, end in sentence_spans(article)
    )


_OPENING_NAME = re.compile(r"\W*(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?P<verb>[a-z]+)\b")
_WHICH_OR_WHO = re.compile(r"\W*(?:who|which|what)\b", re.I)
# Bodies a country, city or firm acts through: "Quessary's food safety regulator".
_ACTING_BODIES = frozenset(
    "regulator regulators agency agencies ministry ministries authority authorities council court"
    " government police army navy directorate office department commission board inspectorate"
    " service watchdog".split()
)


def owner_for_body(question: str, claim: str, source: str) -> str:
    """The body a "which …"/"who …" question's answer names only the owner of: "Quessary ordered
    the recall", cited to "Quessary's food safety regulator on Monday ordered a nationwide recall",
    answers "Which agency …?" with the country, not the regulator; "" otherwise."""
    if not _WHICH_OR_WHO.match(question):
        return ""
    opening = _OPENING_NAME.match(claim)
    if not opening or not is_past(opening.group("verb")):
        return ""
    name, text = opening.group("name"), without_outlet(source)
    if re.search(rf"\b{re.escape(name)}\b(?!['’]s\b)", text):
        return ""  # the source names it as itself too
    owned = re.search(rf"\b{re.escape(name)}['’]s((?:\s+[\w-]+){{1,4}})", text)
    words = owned.group(1).split() if owned else []
    body = next((i for i, w in enumerate(words) if w.lower() in _ACTING_BODIES), None)
    return f"{name}'s {' '.join(words[: body + 1])}" if body is not None else ""


def another_recipient(asked: str, told: str) -> str:
    """The recipient ``told`` gives a thing to, when ``asked`` (a question or a claim) gives it to
    another named one that ``told`` never names: "issue … to Drummaveld Construction" against
    "issued three improvement notices to Vorrin Tunnelling"; "" otherwise. A recipient told by a
    common noun ("to the contractor") may be the asked one."""
    wanted_match = _HANDED_TO.search(asked)
    if not wanted_match:
        return ""
    wanted = {w.lower() for w in wanted_match.group("name").split()}
    if wanted & {w.lower() for w in re.findall(r"[\w’'-]+", told)}:
        return ""
    others = (m.group("name") for m in _HANDED_TO.finditer(told))
    return next((name for name in others if not {w.lower() for w in name.split()} & wanted), "")


# A thing handed over to a named recipient: "issue … to Drummaveld Construction".
_HANDED_TO = re.compile(
    r"\b(?:issu|giv|gave|award|grant|pa(?:y|id)|sold|sell|lend|lent|fin(?:e|ed))\w*\b[^?.;]*?\bto\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)"
)

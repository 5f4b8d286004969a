"""Attribute each generated sentence to the source sentences that support it.

The model's own citation markers are stripped and never trusted: a small local model writes them
unreliably and sometimes points at sources that do not exist. Support is judged by the service from
embedding similarity plus word overlap, and every number in a sentence must appear in what it cites;
names must appear in the cited article. Quotes are cut from the article text by offset, so a
citation's quote always equals ``article.text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from langchain_core.embeddings import Embeddings

from service.articles import Article
from service.grounding.figures import FRAME_WORDS, counted_nouns, figure_clauses, figure_frames, figure_sides
from service.grounding.model import FRAGMENT_WORDS, AttributedText, Citation, SourceSentence
from service.grounding.names import PERSON_NAME, without_other_names
from service.grounding.numbers import CURRENCY, is_number_word, values
from service.grounding.periods import clock_times, date_spans, years_told
from service.grounding.questions import asked_act, relation_word
from service.grounding.roles import person_asked_about
from service.grounding.support import SupportChecker, done_by_another, frame_lent, misspelt
from service.grounding.words import LIGHT_VERBS, WHO_SAID, content_terms, stem
from service.text import DAY_NAME, MONTH_ANY, MONTH_WORD, QUOTATION, YEAR, news_style, sentence_spans, terms

# [1], [1, 2], [1-3], 【1】, (Source 2), [Source: ...]
_MODEL_MARKERS = re.compile(
    r"\s*(?:\[(?:\d+(?:\s*[,–-]\s*\d+)*|sources?[^\]]*)\]|【[^】]*】|\((?:sources?|article)\s*[^)]*\))",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![\w’'])[A-Z][a-zA-Z’'-]{2,}")
_WHERE = re.compile(r"^\W*where\b", re.IGNORECASE)
_PLACE_PHRASE = re.compile(
    r"^\W*(?:at|in|on|near|outside|inside|from|to|by|along|across|behind|beside|off)\s", re.IGNORECASE
)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could)\b|\b[a-z]{3,}ed\b")
_PERSONAL_SUBJECT = re.compile(r"^\W*(?:he|she|his|her)\b", re.IGNORECASE)
# Any lower-case word that may be a verb ("sued", "leads", "said"): a title has none.
# A word in -s is a verb only after its subject ("Vesk says so"): "operations director" is a title.
_VERBISH = re.compile(
    r"\b[a-z]+ed\b|(?:\b[A-Z][\w’'-]*|\b(?:he|she|it|they|who|which|that))\s+[a-z]+s\b"
    r"|\b(?:said|told|led|ran|won|met|sent|paid|made|took|gave|set|cut|hit)\b"
)
_OF_A_WHOLE = re.compile(r"\bof\s+(?:the|its|their|his|her)\b|\b(?:one|two)\s+in\s+\w+", re.IGNORECASE)
_ASKS_AMOUNT = re.compile(
    r"\W*(?:how\s+(?:many|much|big|large|high|low|far|long|old)|what\s+(?:percentage|share|proportion))\b",
    re.IGNORECASE,
)
# A relative clause to the end of the answer: ", who heard the crash", " who voted against it".
_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|whom|whose|which|that)\s.*$", re.S)
_REASON = re.compile(r"^\W*(?:because|due\s+to|owing\s+to|as\s+a\s+result\s+of)\b", re.IGNORECASE)
_NOT_NAMES = frozenset(
    "The This That These Those There Their They According However While Although Also And But "
    "In On At As For From With After Before During Since About Both Each Some Many Most Sources Source "
    "Article Articles Yes No It Its He She We You January February March April May June July August"
    " September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    # an answer's capitalised first word: "Because of a second rockfall.", "Until further notice."
    " Because Due Despite Until Unless If Not All Only Near Outside Inside Under Over Between Among"
    " Without Within Through Once When Where Why What Who How Which By To Of Than However".split()
)
UNSUPPORTED_MARK = "[unsupported]"
# Where a comparison joins two claims, each to be cited on its own.
_CONTRAST = re.compile(
    r",\s+(?:while|whereas|but|compared with|against)\s+|;\s+|,\s+and\s+(?=[A-Z])", re.IGNORECASE
)


_ASKS_WHO = re.compile(r"^\W*(?:who|whom|which)\b", re.IGNORECASE)
_WHY = re.compile(r"^\W*why\b", re.IGNORECASE)
# A who-question: a name with a title and no verb answers it only with the question.
_WHO = re.compile(r"^\W*(?:who|whom)\b", re.IGNORECASE)


def _told_in(name: str, sources: list[SourceSentence]) -> bool:
    """Whether a cited sentence names ``name`` by any of its words ("Kim" for "Kim Jong Un")."""
    words = [w for w in name.split() if len(w) > 2]
    return any(re.search(rf"\b{re.escape(w)}\b", s.text) for w in words for s in sources)


def _listed_names(sentence: str) -> list[str]:
    """The names of a list in the sentence ("The dead were Ana Vell, Ivo Marn and Lea Sorn.")."""
    return [
        name.strip()
        for m in _NAMES_LISTED.finditer(sentence)
        for name in _LIST_SEPARATOR.split(m.group(0))
        if name.strip()
    ]


def _name_list(sentence: str) -> list[str]:
    """The names of an answer that is nothing but a list of them ("Ana Vell, Ivo Marn and Lea
    Sorn."), or [] for any other answer."""
    items = [i.strip() for i in _LIST_SEPARATOR.split(sentence.strip().rstrip("."))]
    return items if all(_WHOLE_NAME.fullmatch(i) for i in items) else []


_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_LISTED_ITEM = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
# Three names or more joined by commas and "and" ("Vaskel, Duren Hollow, Pirmet and Orvin").
_LISTED_NAMES = re.compile(rf"{_LISTED_ITEM}(?:,\s+{_LISTED_ITEM})+,?\s+and\s+{_LISTED_ITEM}")
_WHOLE_NAME = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|the|de|van|von|al))*")
# Two names or more, each of two words or more, joined by commas and "and".
_PERSON = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+"
_NAMES_LISTED = re.compile(rf"{_PERSON}(?:,\s*{_PERSON})*,?\s+and\s+{_PERSON}")
# "… and the temperature hit 41 degrees": "and" opening a clause with a subject of its own.
_AND_CLAUSE = re.compile(r"\s+and\s+(?=(?:the|a|an|its|their|his|her)\s)")
MIN_PART_WORDS = 4
# How far around a cited sentence (characters) the names of a claim are looked for.
NAME_WINDOW_BEFORE, NAME_WINDOW_AFTER = 600, 200
# A question about something done ("How many sat …?", "What did the network give …?"), not to come.
_ASKS_DONE = re.compile(r"\b(?:did|was|were|had|has|have)\b", re.IGNORECASE)
_ASKS_TO_COME = re.compile(
    r"\b(?:will|would|due|expected|planned|plans?|scheduled|going\s+to|set\s+to|is\s+to|are\s+to)\b", re.I
)


def _day_done(question: str) -> float | None:
    """The one day of the year (``date_spans``' numbering) a question asks of something done on
    ("How many sat the contingency paper on June 20?"), or None: a question of what is to come,
    of several days (a part each), or with a year of its own (the year check's)."""
    if not _ASKS_DONE.search(question) or _ASKS_TO_COME.search(question) or YEAR.search(question):
        return None
    asked = date_spans(question)
    return asked[0][0] if len(asked) == 1 else None


# At most this many content words an answer adds to its question for them to place it on their own.
ANSWER_WORDS = 3
# How well the only sentence holding those words must match the claim.
ONLY_HOLDER_SCORE = 0.3
# How far (in characters) a second sentence a claim draws on may sit from the first.
PARTNER_WINDOW = 800
# The text each side of a cited sentence (characters) where "It" and "the company" resolve, and
# whose words the support check accepts; a sentence there that supplies this many of the claim's
# words is cited beside it.
NEIGHBOUR_CHARS = 200
# Sentences tried after the best-matching one is found not to state a claim.
ALTERNATES = 2
# How many best-matching sentences a "why" question's act is checked against.
PREMISE_CANDIDATES = 3
PARTNER_WORDS = 2
# Words of a quoted sentence enough to find the sentence that says it.
QUOTE_WORDS = 3
# Words that change what a claim asserts while barely moving its embedding: "1,000 sappers were
# killed" sits close to "1,000 sappers were sent". A claim using one of these classes must find the
# same class in what it cites.
# Any inflection ("costing", "dies") and any currency, by symbol, ISO code or name: these rules must
# hold for news about anything, not only the words one set of articles happens to use.
_CRITICAL = {
    "casualties": re.compile(
        r"\b(kill\w*|die[sd]?|dying|dead|deaths?|fatal\w*|wounded|casualt\w*|injur\w*|losses"
        r"|(?<=were\s)hurt|(?<=was\s)hurt|(?<=been\s)hurt|bodies)\b",
        re.I,
    ),
    "money": re.compile(
        rf"{CURRENCY}|\b(?:paid|pay|pays|paying|payments?|costs?|costing|price[sd]?|pricing|funds?"
        r"|funded|funding|budget\w*|fees?)\b",
        re.I,
    ),
}
# Case-sensitive: "No Kwang Chol" is a name, not a negation (capitalised forms count only first).
# "… called the strike irresponsible and said the government would not fund …", "told a rally that
# drivers had not had a rise": a negation after "and" and a verb of its own, or in what was said, is
# that clause's, not the whole sentence's.
_CLAUSE = re.compile(
    # (A reason or a time is a clause of its own: "helped out *because the doors would not open*".)
    # (... and so are a quotation and who said it: '… any longer," chief executive Ada Morel, 54, said')
    r"[;:]|\s[—–]\s|,[\"”]?\s|\b(?:however|but|while|whereas|although|though|because|since|until|when)\b"
    r"|\band\s+(?=(?:said|says|added|told|warned|called|stated|noted|insisted)\b)|\bthat\b",
    re.IGNORECASE,
)
# A sentence that begins by referring to someone named before it.
_REFERS_BACK = re.compile(r"(?:He|She|They|It|His|Her|Their|Its)\b")


# A day and month with no year after it: "on 9 September", "September 9" (not "9 September 2025").
_DATE_WITHOUT_YEAR = re.compile(
    rf"\b(?:\d{{1,2}}\s+{MONTH_ANY}|{MONTH_ANY}\s+\d{{1,2}}\b)(?!,?\s+(?:1[89]|20)\d\d\b)", re.IGNORECASE
)


def _opens_quotation(text: str) -> bool:
    """Whether ``text`` opens a quotation it does not close ('"Carbon monoxide has no smell.'): the
    sentence that closes it ('… avoidable," Lannard said.') names who said both."""
    opened = text.lstrip()[:1]
    return (opened == '"' and text.count('"') % 2 == 1) or (opened == "“" and "”" not in text)


_NEGATION = re.compile(
    r"\b(not|never|no|none|neither|nor|without|cannot)\b|n['’]t\b|^(Not|Never|No|None|Neither)\b"
)


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the probe answers: a paraphrase of a source sentence scores ~0.6-0.9."""

    support: float = 0.55
    # ... or this, for a sentence holding every name and figure the claim answers with.
    named: float = 0.4
    corroborate: float = 0.58
    # The same exact figure in another article's sentence is strong evidence on its own.
    corroborate_same_figures: float = 0.5
    max_citations: int = 3


def _same_units(claim: str, text: str, needed: set[float]) -> bool:
    """Whether each figure the claim measures in words ("four kilometres west") is measured alike
    in ``text`` (a word in common among the three after it), not "four days after": a figure alone
    is no corroboration of what it measures."""
    after: dict[float, set[str]] = {}
    for value, _, right in figure_sides(text, None):
        after.setdefault(value, set()).update(_first_stems(right))
    for value, _, right in figure_sides(claim, None):
        said = _first_stems(right)
        if value in needed and said and after.get(value) and not said & after[value]:
            return False
    return True


def _first_stems(right: str) -> set[str]:
    # Plain words: "days", "hours" are grammar words to ``content_terms`` but units here.
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w’'-]*", right)[:3]]
    return {stem(w) for w in words if w not in _JOINING}


_JOINING = frozenset("a an the of and or to in on at by for from with as is was are were".split())


def strip_markers(text: str) -> str:
    """Remove citation markers the model wrote."""
    return _MODEL_MARKERS.sub("", text).strip()


_LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#+\s*|\*\*")


def plain_sentences(text: str) -> str:
    """One line → one sentence: "1. Foo\n2. Bar" becomes "Foo. Bar." so that an answer reads as
    plain sentences, each cited on its own, with no marker left in the middle of a line."""
    lines = [_HEADING.sub("", _LIST_ITEM.sub("", line)).strip() for line in text.splitlines()]
    out = []
    for i, line in enumerate(lines):
        if not line:
            continue
        last = i == len(lines) - 1
        if not last and line[-1] not in ".!?:;”\"’')":
            line += "."
        elif not last and line.endswith(":"):
            line = line[:-1] + "."
        out.append(line)
    return " ".join(out)


def source_sentences(article_id: str, title: str, text: str, start: int, end: int) -> list[SourceSentence]:
    """The sentences of ``text[start:end]`` as citable sources."""
    return [SourceSentence(article_id, title, s, e, text[s:e]) for s, e in sentence_spans(text, start, end)]


def article_sentences(article: Article) -> list[SourceSentence]:
    """Every sentence of an article."""
    return source_sentences(article.id, article.title, article.text, 0, len(article.text))


def names(sentence: str) -> set[str]:
    """Capitalised words that are not sentence furniture: the names a claim depends on."""
    return {w for group in name_groups(sentence) for w in group}


def name_groups(sentence: str) -> list[list[str]]:
    """The names of ``sentence``, with words written next to each other grouped ("Sergei Shoigu")."""
    groups: list[list[str]] = []
    last_end = -1
    for m in _NAME.finditer(sentence):
        word = re.sub(r"['’]s?$", "", m.group(0))  # "Shoigu's" is Shoigu ("Yes" keeps its s)
        if word in _NOT_NAMES or is_number_word(word):
            last_end = -1
            continue
        if groups and last_end >= 0 and not sentence[last_end : m.start()].strip():
            groups[-1].append(word)
        else:
            groups.append([word])
        last_end = m.end()
    return groups


class Attributor:
    """Holds the candidate sources (embedded once) and attributes sentences against them."""

    def __init__(
        self,
        sources: list[SourceSentence],
        articles: dict[str, str],
        embeddings: Embeddings,
        thresholds: Thresholds | None = None,
        question: str = "",
        checker: SupportChecker | None = None,
        outlets: dict[str, str] | None = None,
        years: dict[str, int] | None = None,
        published: dict[str, dt.date] | None = None,
    ) -> None:
        self.question = question
        # When each article came out: it cannot tell as done what happened after that day.
        self._published = published or {}
        self._done_on = _day_done(question)
        # Who published each article: "Kestrel Television News reported 3,100 evacuated" names the
        # outlet, which is in the article's metadata, not its text.
        self.outlets = outlets or {}
        self.checker = checker or SupportChecker(embeddings)
        self.sources = _dedupe(sources)
        self.articles = articles
        self.embeddings = embeddings
        self.thresholds = thresholds or Thresholds()
        vectors = embeddings.embed_documents([s.text for s in self.sources]) if self.sources else []
        self._vectors = np.asarray(vectors, dtype=np.float32).reshape(
            len(self.sources), -1 if self.sources else 0
        )
        self._terms = [set(terms(s.text)) for s in self.sources]
        # A date without a year ("On Sunday, 15 March") is in the year its article was published,
        # whatever other year its sentence names ("The hearing on 9 September heard … in March 2025").
        years = years or {}
        self._years = years
        self._values = [
            values(s.text) | {float(years[s.article_id])}
            if s.article_id in years
            and MONTH_WORD.search(s.text)
            and (not YEAR.search(s.text) or _DATE_WITHOUT_YEAR.search(s.text))
            else values(s.text)
            for s in self.sources
        ]
        # Sentences holding a passage the question quotes ("Who said 'Two weeks have passed…'?"):
        # that is the sentence asked about, however well another matches the answer's names.
        # A quotation of several sentences is found by any of them of a few words.
        quotes = [
            " ".join(terms(m.group(1)[a:b]))
            for m in QUOTATION.finditer(question)
            for a, b in sentence_spans(m.group(1))
            if len(terms(m.group(1)[a:b])) >= QUOTE_WORDS
        ]
        self._quoting = {
            i for i, s in enumerate(self.sources) if any(q and q in " ".join(terms(s.text)) for q in quotes)
        }
        self._citations: dict[tuple[str, int, int], Citation] = {}
        self._primary: int | None = None  # the sentence the last claim was checked against
        self._judged = False  # whether that check asked the model judge
        self._silent = False  # whether that sentence was found silent on the claim, not contrary

    @classmethod
    def over(
        cls,
        candidates: list[SourceSentence],
        articles: dict[str, Article],
        embeddings: Embeddings,
        question: str = "",
        checker: SupportChecker | None = None,
    ) -> Attributor:
        """An attributor for ``candidates`` drawn from ``articles`` (their texts and outlets)."""
        return cls(
            candidates,
            {k: a.text for k, a in articles.items()},
            embeddings,
            question=question,
            checker=checker,
            outlets={k: a.meta.outlet for k, a in articles.items() if a.meta.outlet},
            years={k: a.meta.published.year for k, a in articles.items() if a.meta.published},
            published={k: a.meta.published for k, a in articles.items() if a.meta.published},
        )

    @property
    def citations(self) -> list[Citation]:
        """Every citation handed out so far, in number order."""
        return sorted(self._citations.values(), key=lambda c: c.n)

    def cite(self, source: SourceSentence) -> Citation:
        """The numbered citation for ``source`` (same source, same number)."""
        key = (source.article_id, source.start, source.end)
        if key not in self._citations:
            self._citations[key] = Citation(
                len(self._citations) + 1,
                source.article_id,
                source.title,
                source.text,
                source.start,
                source.end,
            )
        return self._citations[key]

    def _score(self, claim: str) -> np.ndarray:
        vector = np.asarray(self.embeddings.embed_query(claim), dtype=np.float32)
        claim_terms = set(terms(claim))
        lexical = np.asarray([len(claim_terms & t) / max(len(claim_terms), 1) for t in self._terms])
        return np.asarray(0.6 * (self._vectors @ vector) + 0.4 * lexical)

    def support(self, sentence: str) -> list[SourceSentence]:
        """The sources that support ``sentence`` (best first), or an empty list.

        A comparison ("The NIS puts it at 5,000, while Shoigu announced 1,000 sappers") draws each
        side from another article: when the whole finds no one source, each side must find its own."""
        if self._premise_denied:
            return []
        found = self._support(sentence)
        # The best-matching sentence may say something else ("Lisk Container Terminals said on
        # Monday …" for "Who operates the crane?") while another states the claim ("The crane's
        # operator, Lisk Container Terminals, …"): when it is silent on the claim, the next ones
        # are tried — never when it says otherwise (another doer, another count: a weaker match
        # must not outvote it), nor after a judge's no (each call holds the model for a second).
        tried: set[int] = set()
        while (
            not found
            and self._primary is not None
            and self._silent
            and not self._judged
            and len(tried) < ALTERNATES
        ):
            tried.add(self._primary)
            found = self._support(sentence, frozenset(tried))
        asks_names = bool(_ASKS_WHO.match(self.question))
        if found and asks_names and not all(_told_in(name, found) for name in _listed_names(sentence)):
            # A list of names answers with each of them: one named only near the cited sentence
            # ("Marta Oyelaran", two sentences after "The dead were Harold Brisk … and Jonah Teel")
            # is not among those the sentence tells of.
            found = []
        if found:
            return found
        items = _name_list(sentence) if self.question else []
        if len(items) >= 2:
            # "Harold Brisk, Jonah Teel and Elena Voss." for "Who were the three people who died?":
            # each name is an answer to the question, told where that one is.
            parts = items
        else:
            parts = [p.strip(" ,;") for p in _CONTRAST.split(sentence)]
            if len(parts) < 2:
                # "Gusts reached 90 km/h and the temperature hit 41 degrees": two figures, each in
                # a clause of its own, may come from two sentences (a two-part question's answer).
                halves = [p.strip(" ,;") for p in _AND_CLAUSE.split(sentence)]
                if len(halves) == 2 and all(values(h) for h in halves):
                    parts = halves
            if len(parts) < 2 or any(len(p.split()) < MIN_PART_WORDS for p in parts):
                return []
        cited: list[SourceSentence] = []
        for part in parts:
            support = self._support(part)
            if not support:
                return []
            cited += [s for s in support if s not in cited]
        return cited

    @cached_property
    def _premise_denied(self) -> bool:
        """Whether a "why" question takes as done what its best-matching sentences tell otherwise:
        "Why did Halmstrand Assurance suspend the director?", where "The foundation's board
        suspended the museum's director": an answer's reason cannot make the act the question
        gives to another true. Decided by the structured checks only (an act told in other words
        is left standing)."""
        premise = asked_act(self.question) if _WHY.match(self.question) else ""
        if not premise or not self.sources:
            return False
        plain = SupportChecker(self.checker.embeddings)
        best = [self.sources[i].text for i in np.argsort(-self._score(premise))[:PREMISE_CANDIDATES]]
        if any(plain.check(premise, text).supported for text in best):
            return False
        return bool(done_by_another(self.question, best[0], plain))

    def _support(self, sentence: str, excluded: frozenset[int] = frozenset()) -> list[SourceSentence]:
        self._primary, self._silent, calls = None, False, self.checker.judge_calls
        try:
            return self._support_from(sentence, excluded)
        finally:
            self._judged = self.checker.judge_calls > calls

    def _support_from(self, sentence: str, excluded: frozenset[int]) -> list[SourceSentence]:
        if not self.sources:
            return []
        # Figures the question gives ("the 2024 treaty") are its context, not what the claim adds.
        needed = values(sentence) - values(self.question)
        if listed := _LISTED_NAMES.search(sentence):
            # "The six villages were Vaskel, …, Orvin and Sauk Ridge": the list says how many it holds.
            needed -= {float(len(_LIST_SEPARATOR.split(listed.group(0))))}
        claim_names = names(sentence)
        # Names the question already gives ("Russia", "North Korea") are context, not the claim's answer.
        answered = {n for n in claim_names if n.lower()[:5] not in self.question.lower()}
        score = self._score(sentence)
        short = len(sentence.split()) <= 12
        # A fragment ("Ivo Santrel.", "63.") says nothing without its question, however well its
        # words match a sentence: it is always checked as the answer to that question.
        # So does a reason ("Because of a second, smaller rockfall.").
        # So is a place told as a phrase, with no verb ("At a depot in Harwick." for "Where …?").
        fragment = (
            len(sentence.split()) <= FRAGMENT_WORDS
            # ... and so does an amount asked for, told without a verb ("14 percent over two
            # years." for "How big is the pay rise?"): it says nothing of what the figure is of.
            # (A part told with its whole, "One of the 15 tanks at the site.", says what it is of.)
            or bool(
                _ASKS_AMOUNT.match(self.question)
                and needed
                and not _FINITE.search(sentence)
                and not _VERBISH.search(sentence)
                and not _OF_A_WHOLE.search(sentence)
            )
            or bool(_REASON.match(sentence))
            or bool(
                _WHERE.match(self.question) and _PLACE_PHRASE.match(sentence) and not _FINITE.search(sentence)
            )
            # ... and so is a name with a title ("Fire investigation commander Tobias Renn." for
            # "Who said …?", "Regional economy minister Jonas Feltrin." for "Who called the subsidy
            # a gamble?"): no verb, so it says who did it only with its question. A verb in a clause
            # that describes the one named ("Lena Dahlberg, a lasher who voted against the deal.")
            # tells nothing of who did it.
            or bool(
                _WHO.match(self.question)
                and not _FINITE.search(main := _RELATIVE_CLAUSE.sub("", sentence))
                and not _VERBISH.search(main)
            )
        )
        holding = [i for i in range(len(self.sources)) if needed <= self._values[i]]
        best_holding = max((float(score[i]) for i in holding), default=-1.0)
        person = person_asked_about(self.question)
        in_context = bool(
            self.question
            and (
                fragment
                # "A spokesman for the health authority." says whom it describes only with its question
                or (person and not claim_names)
                or (best_holding < self.thresholds.support and (needed or (claim_names and short)))
            )
        )
        if in_context:
            # "It pledged 5,000 workers." or "Viktor Goremykin" only make sense with their question. The
            # figure or name must then appear in the cited sentence itself, which keeps the question
            # from lending support to anything else.
            framed = self._score(f"{self.question} {sentence}")
            score = np.maximum(score, framed)
        # A sentence corroborates a short answer as the answer to its question: "Seven." is in
        # "closed for nearly seven hours" too, which no question about firefighters is answered by.
        corroborating = framed if in_context else score
        order = sorted(
            (
                int(i)
                for i in np.argsort(-score)
                # (an article cannot tell as done what happened after it came out: a later one may)
                if int(i) not in excluded and not self._after_publication(self.sources[int(i)])
            ),
            key=lambda i: i not in self._quoting,
        )
        if _PERSONAL_SUBJECT.match(sentence) and (asked_of := PERSON_NAME.findall(self.question)):
            # "He died in a burned-out car." for "How did Jonah Teel die?": "he" is the one the
            # question names, so the passage must be about him (named there or just before), not
            # about the woman found in the car.
            order = [
                i
                for i in order
                if any(n.split()[-1].lower() in self._surroundings(self.sources[i]).lower() for n in asked_of)
            ]

        answered_groups = [g for g in name_groups(sentence) if any(n in answered for n in g)]
        # "Who is Irja Holm?" — "Irja Holm is a spokeswoman for …" or "A spokeswoman for …": a
        # description answers with no name of its own, and is placed by the name it describes.
        described_groups = name_groups(sentence) if claim_names else name_groups(person) if person else []
        described = not answered and bool(described_groups)

        def holds_names(i: int, groups: list[list[str]] = answered_groups) -> bool:
            # Each name the claim answers with, by any of its words ("Kim" for "Kim Jong Un").
            # A quoted sentence ("…," he said.) names its speaker in the sentences before it, and
            # one that begins by referring back ("Her office said 63 …") names its subject there.
            source = self.sources[i]
            back = i in self._quoting or _REFERS_BACK.match(source.text)
            text = self._surroundings(source) if back else self._with_closer(source)
            said = f"{text} {self.outlets.get(source.article_id, '')}".lower()
            return all(any(n.lower()[:5] in said for n in group) for group in groups)

        # The sentence saying the quoted words, when it (or the one before) names the answer.
        primary = next(
            (
                i
                for i in order
                if i in self._quoting
                and score[i] >= self.thresholds.named
                and needed <= self._values[i]
                and holds_names(i)
            ),
            None,
        )
        if primary is None:
            primary = next(
                (
                    i
                    for i in order
                    if score[i] >= self.thresholds.support
                    and needed <= self._values[i]
                    # Read with its question, a claim is cited where its answer's names are (the quote
                    # "Half of Tessick is under mud." matches "Who said…?" best, but names no one).
                    and (not in_context or holds_names(i))
                ),
                None,
            )
        if primary is None and self.question and (answered or needed or described):
            # The names and figures a claim answers with ("Anselm Krethe", "23"), all in one
            # sentence that matches it fairly: that sentence is where to check it, however the
            # claim rephrases the rest (the support check then asks what the figure counts).
            anchors = answered_groups if (answered or needed) else described_groups
            primary = next(
                (
                    i
                    for i in order
                    if score[i] >= self.thresholds.named
                    and needed <= self._values[i]
                    and holds_names(i, anchors)
                ),
                None,
            )
        days = {d for d in DAY_NAME.findall(sentence) if d.lower() not in self.question.lower()}
        if primary is None and self.question and days:
            # "On Wednesday evening." for "When did the talks break down?": the day answers, as a
            # name or a figure does, in a sentence that states it and matches fairly.
            primary = next(
                (
                    i
                    for i in order
                    if score[i] >= self.thresholds.named
                    and needed <= self._values[i]
                    and holds_names(i)
                    and all(d in self.sources[i].text for d in days)
                ),
                None,
            )
        adds = (
            {stem(t) for t in content_terms(sentence)} - {stem(t) for t in content_terms(self.question)}
            if primary is None and self.question
            else set()
        )
        if 0 < len(adds) <= ANSWER_WORDS:
            # "… from its reserve budget." for "Where is the town getting the money?": the words the
            # answer adds to its question, all in one sentence that matches fairly, place it there
            # however much of the question it repeats.
            # (With a figure, held by one sentence alone, they place it there on a weaker match:
            # "28 February".)
            holding_added = [
                i
                for i in order
                if needed <= self._values[i] and adds <= self._source_stems[i] and holds_names(i)
            ]
            floor = ONLY_HOLDER_SCORE if needed and len(holding_added) == 1 else self.thresholds.named
            primary = next((i for i in holding_added if score[i] >= floor), None)
        if primary is None:
            primary = self._cover_numbers(order, score, needed)
            if primary is None:
                return []
        if in_context and not holds_names(primary):
            return []
        self._primary = primary
        chosen = [primary]
        bar = self.thresholds.corroborate_same_figures if needed else self.thresholds.corroborate
        for i in order:  # corroboration: the same claim stated by other articles
            if len(chosen) >= self.thresholds.max_citations:
                break
            if (
                corroborating[i] >= bar
                and needed <= self._values[i]
                and _same_units(sentence, self.sources[i].text, needed)
                # ... and a time of day is that time, not its digits ("1:15 p.m." is not in "5:15 p.m.,
                # less than an hour before").
                and clock_times(sentence) <= clock_times(self.sources[i].text)
                # A quotation is corroborated only by another sentence quoting it.
                and (primary not in self._quoting or i in self._quoting)
                and self.sources[i].article_id not in {self.sources[j].article_id for j in chosen}
            ):
                chosen.append(i)
        picked = [self.sources[i] for i in chosen]
        # Words quoted by the question ("It will not take the town") are not the claim's negation,
        # nor are the words a "Who said …?" asks the speaker of ("the bus didn't make the turn").
        asking = "" if WHO_SAID.match(self.question) else QUOTATION.sub(" ", self.question)
        # (A question for a name reads its casualty or money words as the setting of whom it asks
        # about — "Who is the spokeswoman quoted about the injured?" —, not as what the answer states.)
        if (
            in_context
            and _ASKS_WHO.match(self.question)
            and not any(p.search(relation_word(self.question)) for p in _CRITICAL.values())
        ):
            asking = _CRITICAL["casualties"].sub(" ", _CRITICAL["money"].sub(" ", asking))
        meant = f"{asking} {sentence}" if in_context else sentence
        cited_articles = " ".join(
            self.articles.get(a, "") for a in dict.fromkeys(p.article_id for p in picked)
        )
        # A speaker's name for "Who warned that it has no smell?" is not negated by the words said.
        speaker = in_context and bool(WHO_SAID.match(self.question))
        if not self._names_agree(sentence, picked) or not (
            speaker or _meaning_agrees(meant, picked, cited_articles, self.question)
        ):
            return []
        # The cited sentence must state this claim, not merely share its figures and names.
        first = picked[0]
        if self._act_of_another_figure(sentence, first) or self._year_untold(first):
            return []
        outlet = self.outlets.get(first.article_id, "")
        said_by = bool(outlet) and any(n.lower()[:5] in outlet.lower() for n in claim_names)
        # A quotation opened here and closed in the next sentence, which names its speaker, is one
        # statement: checked whole, and cited with the sentence naming who said it.
        own = first.text.lower()
        named_here = all(any(n.lower()[:5] in own for n in group) for group in answered_groups)
        closer = self._closer(first) if answered and not named_here else None
        told = f"{first.text} {closer.text}" if closer else first.text
        verdict = self.checker.check(
            sentence,
            f"{outlet} reported: {told}" if said_by else told,
            self._neighbours(first),
            self.question if in_context else "",
            asked=self.question,
            context=f"{self._surroundings(first)} {outlet}",
            title=first.title,
            article=self.articles.get(first.article_id, ""),
        )
        self._silent = verdict.silent
        if not verdict.supported:
            # A claim may join two nearby sentences of one article ("The commitment was announced
            # by Shoigu …" and, two sentences on, what was committed): it is then checked against
            # both, and cites both — only when the first lacked words, never when it said otherwise
            # (another actor, another count, another period: a second sentence must not outvote it).
            if not verdict.lacking:
                return []
            # The second sentence must hold a word of the claim the first lacks, not merely names
            # the check had already placed ("North Korea will take part" is no nearer to "built with
            # participation from the Russian side" for a sentence naming North Korea).
            partner, _ = self._partner(sentence, first, names=False)
            if partner is None or _lends_another_figure(sentence, first, partner):
                return []
            if speaker and not self._tells_the_speaker(first, partner):
                return []
            if _lends_the_act(self.question, first, partner) or _lends_the_counted(sentence, first, partner):
                return []
            pair = sorted([first, partner], key=lambda s: s.start)
            verdict = self.checker.check(
                sentence,
                # Kept apart by ";", so words the claim takes from the other sentence still count
                # as borrowed, and the judge decides; another person's title is not lent.
                "; ".join(
                    (s.text if s is first else without_other_names(s.text, sentence)).rstrip(". ")
                    for s in pair
                ),
                self._neighbours(first),
                self.question if in_context else "",
                asked=self.question,
                context=f"{self._surroundings(first)} {outlet}",
                title=first.title,
                article=self.articles.get(first.article_id, ""),
            )
            return pair if verdict.supported else []
        if closer is not None:
            return [closer, first]
        # Words the sentences next door supplied ("She said the province would send 300 engineers")
        # are cited where they are said, so a reader sees the whole claim.
        cited = [first]
        # (Names are not counted: the name check already finds "North Korea" for "Pyongyang" nearby.)
        partner, added = self._partner(sentence, first, within=NEIGHBOUR_CHARS, names=False)
        if partner is not None and added >= PARTNER_WORDS:
            cited = sorted([first, partner], key=lambda s: s.start)
        # Corroborating sentences must count the same thing with the figure (no model call for them).
        return cited + [s for s in picked[1:] if self.checker.figures_agree(sentence, s.text)]

    def _year_untold(self, source: SourceSentence) -> bool:
        """Whether the question is dated to a year ("Mervalt's 2019 leak") that the source's article
        never tells of, by number or counted back from when it was published ("last year", "five
        years ago"), and was not published in, or that the source sentence dates its own telling
        away from: the claim is of another time."""
        asked = {int(y) for y in YEAR.findall(self.question)}
        if not asked:
            return False
        text = self.articles.get(source.article_id, source.text)
        published = self._years.get(source.article_id)
        written = {published} if published is not None else set()
        if not asked & (years_told(text, published) | written):
            return True
        # A sentence that dates what it tells ("It received 31,000 visitors last year", "granted …
        # in 2024") tells of those years, or of the one it was written in, not of another.
        dated = years_told(source.text, published)
        return bool(dated) and not asked & (dated | written)

    def _after_publication(self, source: SourceSentence) -> bool:
        """Whether the question asks of an act done on one day after the source's article came out:
        "How many candidates sat the contingency paper on June 20?" is not answered by an article
        of June 10 ("412 have registered for it"), whatever it says. (A claim's own dates are not
        read so: "412 have registered for a paper on June 20" dates the paper, not the registering.)"""
        published = self._published.get(source.article_id)
        if published is None or self._done_on is None:
            return False
        return self._done_on > (published.month - 1) * 31 + published.day

    def _partner(
        self, claim: str, first: SourceSentence, within: int = PARTNER_WINDOW, names: bool = True
    ) -> tuple[SourceSentence | None, int]:
        """The candidate sentence near ``first`` in its article (``within`` characters of it) that
        holds most of the claim's words ``first`` lacks, and how many it holds (None, 0 if none adds
        any; ``names``: counting the claim's capitalised names among them)."""
        words = content_terms(claim if names else _NAME.sub(" ", claim))
        wanted = {stem(t) for t in words} - {stem(t) for t in content_terms(first.text)}
        best, best_added = None, 0
        for other in self.sources:
            if other.article_id != first.article_id or other.start == first.start:
                continue
            if other.start > first.end + within or other.end < first.start - within:
                continue
            added = len(wanted & {stem(t) for t in content_terms(other.text)})
            if added > best_added:
                best, best_added = other, added
        return best, best_added

    def _neighbours(self, source: SourceSentence) -> str:
        """The sentences just before and after ``source``: where "It" and "the company" resolve."""
        text = self.articles.get(source.article_id)
        if text is None:
            return ""
        return (
            f"{text[max(0, source.start - NEIGHBOUR_CHARS) : source.start]} "
            f"{text[source.end : source.end + NEIGHBOUR_CHARS]}"
        )

    def _cover_numbers(self, order: list[int], score: np.ndarray, needed: set[float]) -> int | None:
        """A claim with several figures may draw them from one well-matching sentence of the same article."""
        if len(needed) < 2:
            return None  # one figure is cited where it is stated, never taken from next door
        for i in order:
            if score[i] < self.thresholds.support:
                return None
            if not needed & self._values[i]:
                continue  # the cited sentence states at least one of the claim's figures
            same_article = [j for j in order if self.sources[j].article_id == self.sources[i].article_id]
            found = set().union(*(self._values[j] for j in same_article[:4]))
            if needed <= found:
                return i
        return None

    def _names_agree(self, sentence: str, picked: list[SourceSentence]) -> bool:
        # Every name must be in the cited article, and each name (or a part of a full name: the
        # article says "Sergei Shoigu" once, then "Shoigu") near the cited sentence, where "He said"
        # finds its subject. A name only in the byline must not ride on an unrelated sentence.
        near = " ".join(
            f"{self._surroundings(s)} {self.outlets.get(s.article_id, '')}" for s in picked
        ).lower()
        whole = " ".join(
            f"{self.articles.get(s.article_id, s.text)} {self.outlets.get(s.article_id, '')}" for s in picked
        ).lower()
        # A name the question gives ("the Vessa valley flood") places the claim, not the cited
        # sentence: the article must hold it, wherever.
        # The reader may misspell it ("the Korel dam" for "Korrel"), and the answer repeat it.
        asked = self.question.lower()
        whole_words: list[str] | None = None
        cited = " ".join(dict.fromkeys(self.articles.get(s.article_id, s.text) for s in picked))
        for group in name_groups(sentence):
            if _common_opening(sentence, group, asked):
                continue
            keys = [name.lower()[:5] for name in group]
            given = all(k in asked for k in keys)
            held = all(k in whole for k in keys)
            if not held and given:
                whole_words = whole_words if whole_words is not None else list(dict.fromkeys(terms(whole)))
                held = all(n.lower()[:5] in whole or misspelt(n.lower(), whole_words) for n in group)
            if not held or not (given or any(k in near for k in keys)):
                return False
            if not given and _unjoined(sentence, group, cited):
                return False
        return True

    @cached_property
    def _source_frames(self) -> list[list[tuple[float, set[str]]]]:
        """Each candidate's figures with the stems of the words around them, read once per question."""
        return [figure_frames(s.text) for s in self.sources]

    @cached_property
    def _source_stems(self) -> list[set[str]]:
        return [{stem(t) for t in content_terms(s.text)} for s in self.sources]

    def _act_of_another_figure(self, claim: str, first: SourceSentence) -> bool:
        """Whether what the claim says was done to its figure is not said of it in the cited sentence,
        but is said of another figure of the same thing elsewhere: "31 flights were cancelled", cited
        to "31 flights were disrupted", where another report tells of "14 passenger flights" diverted
        "and the cancellation of nine others". The sentence counts something else with that figure."""
        claimed = figure_frames(claim)
        if not claimed:
            return False
        cited = {stem(t) for t in content_terms(first.text)}
        own = {value for value, _ in figure_frames(first.text)}
        named = {stem(t) for m in _NAME.finditer(claim) for t in terms(m.group(0))}
        for value, frame in claimed:
            acts = frame - cited - named
            counted = frame & cited - named  # what the figure counts, as both say it ("flights")
            if value not in own or not acts or not counted:
                continue
            for other, stems, frames in zip(
                self.sources, self._source_stems, self._source_frames, strict=True
            ):
                if other is first or not counted <= stems:
                    continue
                # (Another figure told with the noun too, "the runway was shut for almost eight
                # hours", may be another outlet's figure for the same act in other words: a
                # disagreement, not another thing counted.)
                # A figure with a counted noun of its own that is not this one counts something
                # else ("won 31.4 percent of the vote" says nothing of seats won); a bare one
                # ("and the cancellation of nine others") counts what the one before it did.
                acted = [v for v, words in frames if v != value and acts & words and not counted & words]
                if acted:
                    nouns = counted_nouns(figure_sides(other.text, FRAME_WORDS))
                    if any(counted & nouns.get(v, counted) for v in acted):
                        return True
        return False

    def _tells_the_speaker(self, first: SourceSentence, partner: SourceSentence) -> bool:
        """Whether ``partner`` may tell who said ``first``'s words: it is the sentence just before a
        quotation that ends "he said", or the quotation's own opening before the sentence naming its
        speaker — never a sentence about another act further off."""
        between = self.articles.get(first.article_id, "")[partner.end : first.start].strip()
        return (
            bool(_PRONOUN_SAID.search(first.text) or _opens_quotation(partner.text))
            and partner.end <= first.start
            and (not between or between[0] in '"“')
        )

    def _closer(self, source: SourceSentence) -> SourceSentence | None:
        """The sentence that closes the quotation ``source`` opens ('"Half of Tessick is under mud.'
        → '"The other half is still under water," said the mayor, Piet Havrane.'), or None."""
        if not _opens_quotation(source.text):
            return None
        text = self.articles.get(source.article_id, "")
        after = next(
            iter(source_sentences(source.article_id, source.title, text, source.end, len(text))), None
        )
        if after is None or after.start - source.end > 2 or not re.search('["”]', after.text):
            return None
        return after

    def _with_closer(self, source: SourceSentence) -> str:
        closer = self._closer(source)
        return f"{source.text} {closer.text}" if closer else source.text

    def _surroundings(self, source: SourceSentence) -> str:
        text = self.articles.get(source.article_id)
        if text is None:
            return source.text
        return text[max(0, source.start - NAME_WINDOW_BEFORE) : source.end + NAME_WINDOW_AFTER]

    def annotate(self, text: str) -> AttributedText:
        """Attribute every sentence of ``text``; write ``[n]`` after supported ones, flag the rest."""
        result = AttributedText(text="")
        clean = plain_sentences(strip_markers(text))
        for start, end in sentence_spans(clean):
            self.annotate_sentence(clean[start:end], result)
        return result

    def annotate_sentence(self, sentence: str, result: AttributedText) -> str:
        """Attribute one sentence, append it to ``result`` and return its annotated text."""
        sentence = news_style(sentence)
        support = self.support(sentence)
        if support:
            annotated = f"{sentence} " + "".join(f"[{self.cite(s).n}]" for s in support)
            result.supported_sentences += 1
            result.supported.append(sentence)
        else:
            annotated = f"{sentence} {UNSUPPORTED_MARK}"
            result.unsupported.append(sentence)
        result.text = f"{result.text} {annotated}".strip()
        result.citations = self.citations
        return annotated


def _lends_the_act(question: str, first: SourceSentence, partner: SourceSentence) -> bool:
    """Whether the act a question asks of (its relation word: "Which firm *built* the substation?")
    would come from the second sentence of a pair: the first tells of the actor, the act is told
    there of something else ('"The network did what it is built to do"'). What a pair may join is
    what was done and to what, not the doing."""
    act = relation_word(question).lower() if question else ""
    if not act or act in LIGHT_VERBS:
        return False
    root = stem(act)
    return root not in {stem(t) for t in terms(first.text)} and root in {stem(t) for t in terms(partner.text)}


def _lends_the_counted(claim: str, first: SourceSentence, partner: SourceSentence) -> bool:
    """Whether what a figure of the claim counts ("61 *ferries*") or what it is paid for ("paying
    8.4 million crowns *to charter the Osprey Bay*") is missing from the sentence that gives the
    figure: a sentence nearby may not supply it ("the ferry terminal" is no count, and "the ministry
    has chartered the Osprey Bay" tells no price beside "the contract is worth 8.4 million")."""
    own = {stem(t) for t in content_terms(first.text)}
    held = values(first.text)
    counted = counted_nouns(figure_sides(claim, None))
    return any(value in held and nouns - own for value, nouns in counted.items()) or bool(
        frame_lent(claim, first.text, partner.text)
    )


def _lends_another_figure(claim: str, first: SourceSentence, partner: SourceSentence) -> bool:
    """Whether the words ``partner`` adds to a claim with figures are said there of a figure the
    claim does not give: "212 passengers were taken off by lifeboats" joins "a ferry carrying 212
    people" to "Lifeboats took 164 passengers off", whose act is the 164's."""
    claimed = values(claim)
    if not claimed:
        return False
    lent = {stem(t) for t in content_terms(claim)} - {stem(t) for t in content_terms(first.text)}
    return any(
        value not in claimed and lent & {stem(t) for t in content_terms(clause)}
        for value, clause in figure_clauses(partner.text)
    )


def _unjoined(sentence: str, group: list[str], text: str) -> str:
    """The last two words of a claim's name when the cited articles name things by both, but never
    together: "Millbank Primary" when they tell of "the Millbank housing estate" and "Ashgrove
    Primary". Only the name's end is held to this: a title before it ("Governor Marta Ksendal" for
    "The Governor of Dorrin Province, Marta Ksendal") may be told apart, and so may an owner the
    claim joins to what is theirs ("South Korea's NIS") or a short form. ``text`` is the cited
    articles'."""
    if len(group) < 2:
        return ""
    a, b = group[-2:]
    if b.isupper() or re.search(rf"{re.escape(a)}['’]s\s+{re.escape(b)}", sentence):
        return ""  # "South Korea's NIS": an owner and what is theirs, or a short form, told apart
    if not all(re.search(rf"(?<![\w’'-]){re.escape(w)}(?![\w’'-])", text) for w in (a, b)):
        return ""
    joined = re.search(rf"\b{re.escape(a[:5])}[\w-]*(?:['’]s?)?\s+{re.escape(b[:5])}", text, re.IGNORECASE)
    return "" if joined else f"{a} {b}"


def _common_opening(sentence: str, group: list[str], asked: str) -> bool:
    """Whether a one-word "name" is only the sentence's capitalised first word, which the question
    writes in lower case ("Road-repair spending doubled" for "… spending on road repairs …")."""
    if len(group) != 1 or not sentence.lstrip().startswith(group[0]):
        return False
    return any(stem(part) in {stem(t) for t in terms(asked)} for part in terms(group[0].lower()))


def _meaning_agrees(sentence: str, picked: list[SourceSentence], articles: str = "", given: str = "") -> bool:
    """Casualty and money claims need the same kind of statement in their sources; a negated claim
    needs a negated source, and a plain claim cannot rest only on negated sources. ``articles``,
    the cited articles' text, tells a name ("No Kwang Chol") from a negation; ``given`` is the
    question the claim answers."""
    cited = " ".join(s.text for s in picked)
    # "pay shopkeepers for their losses": losses told with money are money lost, not casualties.
    claimed = _MONEY_LOSSES.sub(" ", sentence) if _CRITICAL["money"].search(sentence) else sentence
    if given and not re.search(CURRENCY, claimed, re.IGNORECASE):
        # "The last day to apply to the fund is 28 February", "The authority tabled its improved pay
        # offer on 19 April": a fund, a budget or a matter of pay the question names, beside no sum,
        # is what the answer is about, not a payment it states ("being paid" is, even when the
        # question asks it: "what the judge is being paid").
        asked = {m.group(0).lower() for m in _MONEY_TOPIC.finditer(given)}
        claimed = _MONEY_TOPIC.sub(lambda m: " " if m.group(0).lower() in asked else m.group(0), claimed)
    if any(p.search(claimed) and not p.search(cited) for p in _CRITICAL.values()):
        return False
    # "No, all five people on board escaped unhurt.": the answer word to a yes-or-no question is
    # what the rest of the sentence says, not a negation of it.
    sentence = _ANSWER_WORD.sub("", sentence)
    if _NEGATION.search(_without_names(sentence, articles or cited)):
        return any(_NEGATION.search(s.text) for s in picked)
    claim_terms = set(terms(sentence))
    return not all(_negated_where_matched(claim_terms, s.text) for s in picked)


_PRONOUN_SAID = re.compile(
    r"\b(?:he|she|they)\s+(?:said|says|added|told|warned)\b|\b(?:said|says|added)\s+(?:he|she|they)\b", re.I
)
_MONEY_LOSSES = re.compile(r"\blosses\b", re.IGNORECASE)
_MONEY_TOPIC = re.compile(
    r"\b(?:funds?|budgets?|pay(?=\s+(?:offers?|rises?|deals?|talks|claims?|agreements?|increases?|disputes?"
    r"|awards?|freeze|settlements?|packages?|bills?|demands?|cuts?|gap|negotiations)\b))\b",
    re.IGNORECASE,
)
_ANSWER_WORD = re.compile(r"^\W*(?:yes|no)\b\s*[,;:—–-]\s*", re.IGNORECASE)
_CAPITAL_NEGATION = re.compile(r"\b(?:Not|Never|No|None|Neither)(?:\s+[A-Z][\w’'-]*)+")


def _without_names(sentence: str, cited: str) -> str:
    """``sentence`` less the names that begin with a negation word ("No Kwang Chol is the defence
    minister"): a capitalised run the cited text writes mid-sentence is a name, not a "No"."""
    for m in _CAPITAL_NEGATION.finditer(sentence):
        at = cited.find(m.group(0))
        if at > 0 and cited[:at].rstrip()[-1:] not in '.!?"“”':
            sentence = sentence.replace(m.group(0), " ")
    return sentence


def _negated_where_matched(claim_terms: set[str], text: str) -> bool:
    """Whether the part of ``text`` that the claim matches is negated.

    "While neither Moscow nor Pyongyang has acknowledged such transfers, a Reuters investigation
    uncovered shipments" negates its first clause, not the claim that Reuters uncovered shipments.
    """
    # "Harbour master Jens Ulvik said the port had never been closed": the speaker is named in
    # a clause of its own, which the reported words' negation does not reach.
    clauses = [c for part in _CLAUSE.split(text) for c in _SPEECH_SPLIT.split(part) if c.strip()]
    # Who said it ("Police chief Anton Reisz said") is not what was said: a claim that reports the
    # speaker's words ("officers made arrests, Reisz said") matches the reported words, negated or not.
    reported = [c for c in clauses if not _SAID_END.search(c)]
    if "said" in claim_terms or "told" in claim_terms or "says" in claim_terms:
        clauses = reported or clauses
    overlap = [len(claim_terms & set(terms(c))) for c in clauses]
    best = max(overlap, default=0)
    if best == 0:
        return bool(_NEGATION.search(text))
    return all(_negates(c, claim_terms) for c, o in zip(clauses, overlap, strict=True) if o == best)


def _negates(clause: str, claim_terms: set[str]) -> bool:
    """Whether ``clause`` is negated where a claim reads it: "spent the night *without electricity*"
    denies electricity, not that the night was spent; "without" negates a claim only when the claim
    names what it is without."""
    for m in _NEGATION.finditer(clause):
        if m.group(0).lower() != "without":
            return True
        if (after := terms(clause[m.end() :])) and after[0] in claim_terms:
            return True
    return False


_SAID_END = re.compile(r"\b(?:said|says|told|added)\s*$", re.IGNORECASE)
_SPEECH_SPLIT = re.compile(r"(?<=\bsaid)\s|(?<=\bsays)\s|(?<=\btold)\s|(?<=\badded)\s", re.IGNORECASE)


def _dedupe(sources: list[SourceSentence]) -> list[SourceSentence]:
    seen: dict[tuple[str, int, int], SourceSentence] = {}
    for s in sources:
        seen.setdefault((s.article_id, s.start, s.end), s)
    return list(seen.values())

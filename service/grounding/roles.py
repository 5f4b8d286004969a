"""The post a question asks a person for, and the title a source gives that person.

"Who is the museum's director?" asks for whoever holds a post. A sentence that names the answer with
another title ("Curator Peter Juhl said …") says he holds another post, however many of the
question's other words it shares; one that gives no title leaves it to the judge.
"""

from __future__ import annotations

import re

from service.grounding.names import STARTERS
from service.text import MONTH, WEEKDAY, terms

_ROLE_QUESTION = re.compile(
    # (to the first comma: "Who is the interior minister, and which day …?" asks the minister)
    r"^\W*who\s+(?:is|was|are|were|will\s+be|has\s+been|had\s+been)\s+(?:the|a|an)\s+(?P<role>[^?,;]+)",
    re.IGNORECASE,
)
# "What is the driver's name?" / "What was the name of the driver?" asks who holds a post, too.
# Posts news may capitalise after a place ("the provincial Premier", "the city's Mayor").
_POSTS = frozenset("premier governor mayor president chancellor minister commissioner prosecutor".split())
_NAME_QUESTION = re.compile(
    r"^\W*what\s+(?:is|was)\s+(?:the\s+name\s+of\s+(?:(?:the|a|an)\s+|(?=[\w’'-]+['’]s\s))(?P<role>[^?]+)"
    r"|the\s+(?P<owner>[^?]+?)['’]s\s+(?:full\s+)?name\b)",
    re.IGNORECASE,
)
# Where the name of a post ends: what it is of, where, since when ("the director *of the museum*").
_ROLE_END = re.compile(
    r"\s+(?:of|in|at|for|to|on|from|since|during|who|whose|whom|which|that|when|after|before)\b.*", re.I
)
# Nouns that name no post: "Who was the first person to …?"
_AFTER_PARTICIPLE = frozenset("by for to in at from with on".split())
_NO_POST = frozenset("person man woman one people someone official figure victim".split())
# Words around a name that end the title before it: "said the curator", "and", a verb.
_TITLE_STOP = frozenset(
    "the a an and or but said says told of in at on for to by with from that who which when as also"
    # ("Among the dead was Andrej Kollin": a verb ends the words before a name; none is a title)
    " was were is are has had have".split()
)


def asked_role(question: str) -> str:
    """The post a who-is question asks for, as its head noun: "Who is the museum's director?" →
    "director", "Who is the police chief?" → "chief", "Who was the director of the museum?" →
    "director"; "" for other questions."""
    m = _ROLE_QUESTION.match(question) or _NAME_QUESTION.match(question)
    if not m:
        return ""
    phrase = _ROLE_END.sub("", m.group("role") or m.group("owner")).strip(" ?.!")
    phrase = re.split(r"['’]s\s+", phrase)[-1]  # "the museum's director": the post is after the owner
    words = re.findall(r"[A-Za-z-]+", phrase)
    # "the replacement ferry chartered for the route": the post ends before a participle after it.
    cut = next(
        (
            i
            for i, w in enumerate(words)
            if i
            and w.lower().endswith(("ed", "ing"))
            and (i + 1 == len(words) or words[i + 1].lower() in _AFTER_PARTICIPLE)
        ),
        len(words),
    )
    words = words[:cut]
    if (
        not words
        or (words[-1][0].isupper() and words[-1].lower() not in _POSTS)
        or words[-1].lower() in _NO_POST
    ):
        return ""  # "Who is the Dorrin Province governor" keeps its noun; a name is no post
    return words[-1].lower()


def given_title(name: str, source: str) -> str:
    """The title ``source`` gives the person ``name``: the words right before the name ("Curator
    Peter Juhl", "Police chief Tomas Eld") or an apposition next to it ("Lena Strand, the museum's
    director," / "The museum's director, Lena Strand,"); "" when it gives none."""
    at = source.find(name)
    if at < 0:
        return ""
    before, after = source[:at], source[at + len(name) :]
    # ("Jorun Blakeney, managing director of Tessaline IT Services, told …": a post with no article)
    # (past an age: "Andrej Kollin, 52, a shift foreman who …")
    apposed = re.match(
        r"\s*,(?:\s*\d{1,3}\s*,)?\s*(?:the|a|an|its|their)\s+([^,;.—–]{2,60}?)\s*[,;.—–]", after
    ) or re.match(
        r"\s*,\s*(?!(?:who|whose|whom|which|that|said|says|told|and|but|or)\b)([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}"
        r"\s+of\s+[^,;.—–]{2,60}?)\s*[,;.—–]",
        after,
    )
    if apposed:
        return apposed.group(1)
    leading = re.search(r"(?:^|[,;—–]\s*|\.\s+|\b(?:the|a|an|its|their)\s+)([^,;.—–]{2,60}?),\s*$", before)
    if leading and not re.search(r"\b(?:said|says|told)\b", leading.group(1)):
        return leading.group(1)
    title: list[str] = []
    for word in reversed(re.findall(r"[\w’'-]+|[^\w\s]", before)[-3:]):
        if not re.match(r"[A-Za-z]", word) or word.lower() in _TITLE_STOP or word.isupper():
            break
        if _WHEN.match(word):
            break  # "On Monday Ada Roe said": a day is no title
        title.insert(0, word)
    return " ".join(title)


_WHEN = re.compile(rf"(?:{MONTH}|{WEEKDAY}|today|yesterday)$", re.I)


def title_words(title: str) -> list[str]:
    """The words of a title, lower-cased ("Police chief" → police, chief)."""
    return [w for w in terms(title) if not w[0].isdigit()]


# "Petra Holm is the environment minister", "Ada Roe, the museum's curator, …": the post a claim gives
# a named person, up to what it is of ("spokeswoman *for the board*").
_CLAIMED_POST = re.compile(
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s+(?:is|was|has\s+been|serves\s+as)\s+"
    r"(?:the|a|an)\s+(?P<post>[a-z][^,;.]*)"
)


def _post_head(phrase: str) -> str:
    """The head noun of a post as a claim writes it ("environment minister of the region" →
    "minister"), or "" when it names no post ("a person")."""
    words = re.findall(r"[a-z][a-z-]*", _ROLE_END.sub("", phrase).strip())
    return words[-1] if words and words[-1] not in _NO_POST else ""


def claimed_posts(claim: str) -> list[tuple[str, str]]:
    """Each (name, post head noun) the claim gives: ("Petra Holm", "minister")."""
    return [
        (m.group("name"), post)
        for m in _CLAIMED_POST.finditer(claim)
        if (post := _post_head(m.group("post")))
    ]


# Case matters after "who is": a name, not "Who was injured outside the gate?".
_WHO_IS_NAMED = re.compile(r"^\W*(?i:who\s+(?:is|was))\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s*\?")
_BARE_POST = re.compile(r"^\W*(?:the|a|an|its|their)\s+(?P<post>[a-z][^,;.]*)", re.I)


def person_asked_about(question: str) -> str:
    """The person a "Who is …?" question names ("Who is Piet Norden?" → "Piet Norden"), or ""."""
    asked = _WHO_IS_NAMED.match(question)
    return asked.group("name") if asked else ""


def described_posts(question: str, claim: str) -> list[tuple[str, str]]:
    """For "Who is Piet Norden?" answered by a bare post ("The mayor of Halvern."), the person and
    the post's head noun: [("Piet Norden", "mayor")]; [] otherwise."""
    person, given = person_asked_about(question), _BARE_POST.match(claim)
    post = _post_head(given.group("post")) if given else ""
    return [(person, post)] if person and post else []


def post_of_another(question: str, source: str) -> str:
    """For a question about a post of a named body ("Who is the chief executive of Kellmoor
    Remediation Group?", "Brisca's chief financial officer"), the owner the source gives that post
    to when it never gives it to the body asked about ("Mervalt chief executive Aurel Dovanic"); ""
    otherwise."""
    asked = _owned_posts(question)
    if not asked:
        return ""
    told = _owned_posts(source)
    for post, owner in asked:
        others = [o for p, o in told if p == post]
        if others and not any(_same_owner(o, owner) for o in others):
            return f"{others[0]}'s {post}"
    return ""


def _same_owner(one: str, other: str) -> bool:
    """Whether two owners of a post are one body: a shared word, or initials ("KRG" for "Kellmoor
    Remediation Group")."""
    if _owner_words(one) & _owner_words(other):
        return True
    initials = {"".join(w[0] for w in o.split()).upper() for o in (one, other)}
    return bool({o for o in (one, other) if o.isupper()} & initials)


def _owned_posts(text: str) -> list[tuple[str, str]]:
    """(post, owner) for each post a text gives a named body: "Norvelt's chief financial officer",
    "the chief executive of Kellmoor", "Mervalt chief executive"."""
    found = []
    for m in _OWNED_POST.finditer(text):
        owner = re.sub(r"^(?:The|A|An)\s+", "", m.group("before") or m.group("after") or m.group("plain"))
        # ("Interim chief executive Anna Berg": a word of the post, not its owner)
        owner = " ".join(w for w in owner.split() if w.lower() not in _POST_MODIFIERS)
        post = m.group("post") or m.group("post_a") or m.group("post_b")
        if owner and owner.split()[0] not in STARTERS:
            found.append((" ".join(post.lower().split()), owner))
    return found


def _owner_words(owner: str) -> set[str]:
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in owner.split()}


_POST_NAME = (
    r"chief\s+(?:executive(?:\s+officer)?|financial\s+officer|operating\s+officer|economist)"
    r"|finance\s+director|managing\s+director|director-general|chair(?:man|woman|person)?|spokes(?:man|woman|person)"
)


_BODY = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"


_POST_MODIFIERS = frozenset("interim acting former new deputy joint outgoing incoming".split())


_OWNED_POST = re.compile(
    rf"(?P<before>{_BODY})['’]s\s+(?:new\s+|interim\s+|former\s+)?(?P<post>{_POST_NAME})\b"
    rf"|\b(?P<post_a>{_POST_NAME})\s+(?:of|at)\s+(?:the\s+)?(?P<after>{_BODY})"
    rf"|(?P<plain>{_BODY})\s+(?P<post_b>{_POST_NAME})\b"
)

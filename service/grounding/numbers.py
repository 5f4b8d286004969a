"""Numbers as facts: "1,000" = "1000" = "1 000" = "one thousand"; "12,000 to 13,000" is a range."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "the third time" supports "three times"; only counts up to ten are common enough to matter.
_ORDINALS = {
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD_NUMBER = re.compile(
    r"\b(?:(?:" + "|".join(_UNITS) + r")(?:[\s-]+(?:" + "|".join(list(_UNITS) + list(_SCALES)) + r"))*)\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
# 1,000 / 1 000 (thin or plain space as thousands separator) / 12.5 / 2024; optional "million" after.
_DIGITS = re.compile(r"(?<![\w.])\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])")
_SCALE_AFTER = re.compile(r"(?:\s*|-)(thousand|million|billion)\b", re.IGNORECASE)  # "79-million-euro"
_SHORT_SCALE = re.compile(r"(m|bn|k)\b", re.IGNORECASE)
_SHORT_SCALES = {"m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
# A currency's sign, code or name: what makes a figure a sum of money (a pattern, for use in others).
# A name that is also a common word ("won", "marks", "real") counts only after a figure.
_PLAIN_CURRENCIES = (
    r"dollars?|euros?|pounds?|sterling|roubles?|rubles?|yen|yuan|renminbi|rupees?|pesos?|francs?"
    r"|kron[aeo]r?|zloty|shekels?|dinars?|dirhams?|riyals?|ringgit|baht|hryvnias?|forints?|korun[ay]"
    r"|markka|florins?|guilders?|shillings?|pesetas?|drachmas?|escudos?|tenge|manats?|naira|cedis?|kwacha"
    r"|rupiah|usd|eur|gbp|jpy|cny|rub|inr|chf"
)
_WORDLIKE_CURRENCIES = (
    r"won|real|reais|rand|dong|lei|leu|lev|leva|marks?|crowns?|lir[ae]|kuna|denars?|lari|birr|taka"
)
# A currency's name alone ("dollars", "crowns").
CURRENCY_NAME = rf"(?:{_PLAIN_CURRENCIES}|{_WORDLIKE_CURRENCIES})"
CURRENCY = (
    rf"(?:[$€£¥₽₩₹]|\b(?:{_PLAIN_CURRENCIES})\b"
    # ("a 500,000-crown fund", "a 2-million-euro deal": a sum written as one word)
    rf"|\d(?:[\d,.]*\d)?(?:\s*|-)(?:(?:thousand|million|billion|bn)(?:\s+|-))?(?:{_WORDLIKE_CURRENCIES})\b)"
)
# "half a million", "a quarter of a million", "a hundred": a scale word after an article.
_ARTICLE_SCALE = re.compile(
    r"\b(half\s+an?|(?:a\s+)?quarter\s+of\s+an?|an?)\s+(hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b", re.IGNORECASE)
_DOZEN = re.compile(r"\b(half\s+a|a)\s+dozen\b", re.IGNORECASE)
# A currency's sign or name as one word, for telling "2.5 million euros" from "2.5 million dollars".
_CURRENCY_SIGNS = {
    "$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₽": "rouble",
    "₩": "won",
    "₹": "rupee",
}
_CURRENCY_CODES = {
    "usd": "dollar",
    "eur": "euro",
    "gbp": "pound",
    "jpy": "yen",
    "rub": "rouble",
    "inr": "rupee",
}
_SIGN_BEFORE = re.compile(r"([$€£¥₽₩₹])\s?$")
_NAME_AFTER = re.compile(
    rf"(?:\s*|-)(?:(?:thousand|million|billion|bn|m)\b(?:\s*|-))?({_PLAIN_CURRENCIES}|{_WORDLIKE_CURRENCIES})\b",
    re.I,
)


def currency_at(text: str, start: int, end: int) -> str:
    """The currency of the figure at ``text[start:end]`` ("dollar", "euro", …), or "" when none is
    given right before or after it, or when the sign is shared ("R$", "A$": whose dollar is not
    told apart here)."""
    if sign := _SIGN_BEFORE.search(text, 0, start):
        if sign.group(1) == "$" and re.search(r"[A-Za-z]\$\s?$", text[:start]):
            return ""
        return _CURRENCY_SIGNS[sign.group(1)]
    if name := _NAME_AFTER.match(text, end):
        word = name.group(1).lower()
        word = _CURRENCY_CODES.get(word, word).removesuffix("s")
        return _SAME_CURRENCY.get(word, word)
    return ""


# Names of one currency, or of currencies written with one sign (¥ is the yen's and the yuan's).
_SAME_CURRENCY = {
    "sterling": "pound", "ruble": "rouble", "yuan": "yen", "renminbi": "yen", "krona": "crown",
    "krone": "crown", "kronor": "crown", "kroner": "crown", "koruna": "crown", "koruny": "crown",
    "crowns": "crown", "reai": "real",
}  # fmt: skip


RANGE_JOIN = re.compile(r"^\s*(?:to|-|–|—|and)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number (or range) found in text, with its span."""

    low: float
    high: float
    start: int
    end: int

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def label(self) -> str:
        def fmt(v: float) -> str:
            return f"{int(v):,}" if v == int(v) else f"{v:,}"

        return fmt(self.low) if not self.is_range else f"{fmt(self.low)}–{fmt(self.high)}"


def _word_value(text: str) -> float | None:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
    return float(total + current)


def numbers(text: str) -> list[tuple[float, int, int]]:
    """Every number in ``text`` as ``(value, start, end)``, in order."""
    found: list[tuple[float, int, int]] = []
    for m in _DIGITS.finditer(text):
        value = float(re.sub(r"[,\u202f\u00a0 ]", "", m.group(0)))
        end = m.end()
        scale = _SCALE_AFTER.match(text, end)
        short = _SHORT_SCALE.match(text, end)
        if scale:
            value *= _SCALES[scale.group(1).lower()]
            end = scale.end()
        elif short and (short.group(1).lower() == "bn" or re.search(r"[$€£¥₽₩₹]\s?$", text[: m.start()])):
            # "£14.5m", "3bn euros": "bn" is always billions, and after a currency sign "m" and "k"
            # are millions and thousands ("a 14.5m wall" is metres).
            value *= _SHORT_SCALES[short.group(1).lower()]
            end = short.end()
        found.append((value, m.start(), end))
    for m in _WORD_NUMBER.finditer(text):
        if any(s <= m.start() < e for _, s, e in found):
            continue
        if m.group(0).lower() == "one" and not _AND_A_HALF.match(text, m.end()):
            continue  # "one of the articles" is not a figure ("one and a half million" is)
        word_value = _word_value(m.group(0))
        if word_value is not None:
            found.append((word_value, m.start(), m.end()))
    for m in _ARTICLE_SCALE.finditer(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for _, s, e in found):
            continue
        fraction = next((_FRACTIONS[w] for w in m.group(1).lower().split() if w in _FRACTIONS), 1.0)
        value, end = fraction * _SCALES[m.group(2).lower()], m.end()
        if m.group(2).lower() == "hundred":
            if re.match(r"\s+and\s", text[end:]):
                continue  # "a hundred and fifty": left to the spelled number
            if more := re.match(r"\s+(thousand|million|billion)\b", text[end:], re.I):
                value, end = value * _SCALES[more.group(1).lower()], end + more.end()  # "a hundred thousand"
        found.append((value, m.start(), end))
    for m in _DOZEN.finditer(text):
        if not any(s <= m.start() < e for _, s, e in found):
            found.append((6.0 if m.group(1).lower().startswith("half") else 12.0, m.start(), m.end()))
    for m in _ORDINAL.finditer(text):
        found.append((float(_ORDINALS[m.group(1).lower()]), m.start(), m.end()))
    # "three and a half years", "a two-and-a-half-hour delay": the half is the figure's.
    # ("two and a half million": the scale after the half is the whole figure's)
    halved = []
    for value, start, end in found:
        if value.is_integer() and value < 1000 and (half := _AND_A_HALF.match(text, end)):
            value, end = value + 0.5, half.end()
            if scale := _SCALE_AFTER.match(text, end):
                value, end = value * _SCALES[scale.group(1).lower()], scale.end()
        halved.append((value, start, end))
    found = halved
    return sorted(found, key=lambda item: item[1])


def quantities(text: str) -> list[Quantity]:
    """Numbers in ``text`` with "A to B" / "A-B" / "between A and B" merged into ranges."""
    nums = numbers(text)
    out: list[Quantity] = []
    i = 0
    while i < len(nums):
        value, start, end = nums[i]
        if i + 1 < len(nums) and RANGE_JOIN.match(text[end : nums[i + 1][1]]):
            high, _, high_end = nums[i + 1]
            if high > value:
                out.append(Quantity(value, high, start, high_end))
                i += 2
                continue
        out.append(Quantity(value, value, start, end))
        i += 1
    return out


def values(text: str) -> set[float]:
    """The set of numeric values in ``text`` (ranges contribute both ends)."""
    return {v for v, _, _ in numbers(text)}


def is_ordinal(word: str) -> bool:
    """ "third", "Fourth": a rank read as a figure."""
    return word.lower() in _ORDINALS


def is_number_word(word: str) -> bool:
    """ "Three", "thousand", "third", "Thirty-one": words that state a figure, not a name."""
    return all(w in _UNITS or w in _ORDINALS or w in _SCALES for w in word.lower().split("-"))

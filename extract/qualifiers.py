"""Qualifiers and rates: the words around a figure that change what it means.

- qualifier: "at least £4 billion" -> at_least, "Nearly 650,000" -> approx,
  "up to a cap of £12,000" -> at_most (cue words in `vocab/qualifiers.toml`).
- per: "£12,000 a year", "340 million patients every year", "£2.5bn-a-year"
  -> year.

>>> text = "those earning more than £42,000 a year"
>>> qualifier_before(text, text.index("£"), "money"), per_after(text, len(text) - 7)
('more_than', 'year')
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import regex

from extract import anchors, vocab
from extract.casefold import fold
from extract.tries import suffix_trie

_Q = vocab.load("qualifiers")
_SPACES = regex.compile(r"\s+")
_CUES: dict[str, str] = {}
for _name, _words in _Q.items():
    for _w in _words:
        _CUES[_SPACES.sub(" ", _w.lower())] = _name



def _qualifier_before(cues: str, flags: int = 0) -> regex.Pattern[str]:
    """A qualifier cue (from the alternation `cues`) that ends where the figure starts."""
    return regex.compile(
        rf"""(?<![\w])(?P<cue>{cues})
            (?:\s+(?:a|an|the))?       # "at least a 3.5% reduction", "towards the £2bn mark"
            [\s\u00a0]*(?:[-–—]\s*)?$   # "budget - at least £1,000"
        """,
        regex.VERBOSE | regex.IGNORECASE | flags,
    )


# Matched right to left: `.match` (anchored at the window's end in REVERSE mode)
# tries that one position instead of every one before it (4x faster), and the
# cues are a trie on their last letters, the first ones read that way (another
# 2x); tests/test_fast_paths.py checks it finds the cue a left-to-right search of
# the plain longest-first alternation finds.
_QUALIFIER_BEFORE_RTL = _qualifier_before(suffix_trie(list(_CUES), space=r"\s+"), regex.REVERSE)
# Cues that mean "during" before a duration ("over 5 years", "within one year").
_TEMPORAL_CUES = {"over", "in", "within"}

PER_AFTER = regex.compile(
    r"""^[\s-]*(?:per\s+(?:[0-9][0-9,]*(?:\.[0-9]+)?\s+)?(?:[a-z]+\s+){1,3}?)?  # "£164 per patient per year",
                                                                         # "5 per 1,000 live births a year"
    (?:
        (?:a|an|per|every|each)[\s-]+(?P<unit>year|annum|month|week|day|hour|minute)
            (?!\s+(?:ago|earlier|later)\b)                     # "£5bn a year ago" is no rate
      | (?:/|\s?p\.?)\s?(?P<abbr>yr|year|annum|a\.|month|week|day|hour)\b
      | (?P<ly>annually|yearly|monthly|weekly|daily|hourly)
    )(?![\w])""",
    regex.VERBOSE | regex.IGNORECASE,
)
# The first character, after blanks and hyphens, of anything PER_AFTER reads.
_PER_SKIP = " \t\n\r\f\v\u00a0\u2009-"
_PER_FIRST = frozenset("pPaAeEmMwWdDhHyY/")
_ADVERBS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
            "daily": "day", "hourly": "hour"}


# "for over ten years", "over 3 minutes faster": a duration after these is a length, not a period.
_FOR_BEFORE = regex.compile(r"(?<![\w-])for\s+$", regex.IGNORECASE)
_COMPARATIVE_AFTER = regex.compile(r"\s+(?:faster|slower|longer|shorter|quicker|earlier|later|more|less)\b",
                                   regex.IGNORECASE)
# "an indicative maximum for capital funding of £18.5 billion", "a minimum hourly rate of £10.50":
# a limit noun, a few words, then "of" right before the figure.
_LIMIT_OF = regex.compile(
    r"(?<![\w-])(?:(?P<most>maximum|ceiling|cap|upper\s+limit)|(?P<least>minimum|floor|lower\s+limit))"
    r"(?:\s+[\w’'-]+){0,4}?\s+of\s+$", regex.IGNORECASE)
# "a £10.50 minimum hourly rate": the limit noun right after the figure.
_AFTER_FIRST = frozenset("aAoOmM")  # "and …", "or …", "minimum", "maximum"
_LIMIT_AFTER = regex.compile(r"\s+(?:(?P<least>minimum)|(?P<most>maximum))\b", regex.IGNORECASE)


def qualifier_before(text: str, start: int, kind: str, end: int | None = None) -> str:
    """The qualifier of the figure starting at `start`, from the words before it."""
    window = text[max(0, start - 40):start]
    m = _QUALIFIER_BEFORE_RTL.match(window)
    if m is None:
        # "a maximum … of £X": only a figure right after "of" is looked at further back.
        if window[-6:].rstrip()[-2:].lower() != "of":
            return "exact"
        limit = _LIMIT_OF.search(text, max(0, start - 80), start)
        if limit is not None:
            return "at_most" if limit["most"] else "at_least"
        return "exact"
    cue = _SPACES.sub(" ", fold(m["cue"]))
    if kind == "duration" and cue in _TEMPORAL_CUES:
        before = text[max(0, start - 40):start][:m.start()]
        if cue == "over" and (_FOR_BEFORE.search(before)
                              or (end is not None and _COMPARATIVE_AFTER.match(text, end, end + 20))):
            return "more_than"  # "in decline for over ten years", "over 3 minutes faster"
        return "exact"  # "over 5 years" is a period, not "more than 5 years"
    return _CUES[cue]


def strip_qualifier(before: str) -> str:
    """`before` without the qualifier cue it ends with ("rise of at least " -> "rise of ").

    >>> strip_qualifier("a cut of more than ")
    'a cut of '
    """
    m = _QUALIFIER_BEFORE_RTL.match(before)
    return before if m is None else before[:m.start()]


def per_after(text: str, end: int) -> str | None:
    """The time unit of a rate written right after position `end`, or None."""
    after = text[end:end + 40]
    if after.lstrip(_PER_SKIP)[:1] not in _PER_FIRST:
        return None  # no rate word can start here: most figures stop at this check
    m = PER_AFTER.match(after)
    if m is None:
        return None
    if m["ly"]:
        return _ADVERBS[fold(m["ly"])]
    unit = fold(m["unit"] or m["abbr"])
    return "year" if unit in ("annum", "yr", "a.") else unit


# After the figure: "85 and over", "5,000 or more", "£1m-plus".
QUALIFIER_AFTER = regex.compile(
    r"^(?:\s+(?:and|or)\s+(?P<least>over|above|more|older|upwards)\b|(?P<plus>\+|-plus\b)"
    r"|\s+(?:or|and)\s+(?P<most>under|below|less|fewer|younger)\b)",
    regex.IGNORECASE,
)


def qualifier_after(text: str, end: int) -> str | None:
    """A qualifier written after the figure ("aged 85 and over" -> at_least, "£10.50 minimum rate"), else None."""
    after = text[end:end + 24]
    if after[:1] not in "+-" and after.lstrip()[:1] not in _AFTER_FIRST:
        return None  # not "and over", "or more", "-plus", "minimum": most figures stop here
    m = QUALIFIER_AFTER.match(after) or _LIMIT_AFTER.match(text, end, end + 12)
    if m is None:
        return None
    return "at_most" if m["most"] else "at_least"


# "a £10.50 minimum hourly rate", "the median hourly pay rate … was £12.00", "the annual number of
# deaths rose by 40 million": a rate adjective on the noun the figure measures.
_RATE_ADJECTIVES = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "annual": "year",
                    "yearly": "year"}
_RATE_NOUNS = (r"rates?|pay|wages?|salar(?:y|ies)|earnings|incomes?|numbers?|costs?|spend(?:ing)?|budgets?|fees?|"
               r"charges?|prices?|allowances?|payments?|totals?|average|growth")
_RATE_AFTER = regex.compile(rf"\s+(?:[a-z-]+\s+)?(?P<adj>hourly|daily|weekly|monthly|annual|yearly)\s+"
                            rf"(?:[a-z-]+\s+)?(?:{_RATE_NOUNS})\b", regex.IGNORECASE)
_RATE_SUBJECT = regex.compile(rf"(?<![\w-])(?P<adj>hourly|daily|weekly|monthly|annual|yearly)\s+"
                              rf"(?:[a-z-]+\s+)?(?:{_RATE_NOUNS})\b", regex.IGNORECASE)


anchors.register_words("rate_adjective", _RATE_ADJECTIVES)
_RATE_REACH = 1000  # no sentence is longer (segment.MAX_SENTENCE)


def per_from_noun(text: str, start: int, end: int, sentence_of: Callable[[int], tuple[int, int]]) -> str | None:
    """The time unit of a rate adjective on the noun the figure measures, after it or opening its
    sentence (`sentence_of(pos)` gives the sentence around `pos`)."""
    # Each pattern is tried only if the one scan of the text's words saw an adjective where it looks.
    adjectives = anchors.word_starts(text, "rate_adjective")
    i = bisect.bisect_left(adjectives, start - _RATE_REACH)
    if i == len(adjectives) or adjectives[i] >= end + 50:
        return None
    m = _RATE_AFTER.match(text, end, min(len(text), end + 50))
    if m is None and adjectives[i] < start:
        m = _RATE_SUBJECT.search(text, sentence_of(start)[0], start)
    return _RATE_ADJECTIVES[fold(m["adj"])] if m else None

"""Numbers as written in policy prose: "5.3", "20,000", "five million", "twenty-one".

Every kind of figure (money, percent, count, duration) is built on the pattern
fragments here, so a number is recognised the same way whatever follows it.
The fragments are plain strings meant to be embedded in `regex.VERBOSE`
patterns; `parse_number` turns the matched text into a float.

>>> parse_number("20,000")
20000.0
>>> parse_number("twenty-five")
25.0
>>> parse_number("one hundred and fifty")
150.0
>>> parse_scaled("5.3", "bn")
5300000000.0
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extract import anchors
from extract.casefold import fold
from extract.guard import finditer

# Vulgar fractions written after digits ("3½ per cent" in older Hansard).
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625,
                    "⅞": 0.875}

# Number words, lower case, with their values.
UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Scale words and suffixes. Single letters are only scales right after digits.
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "m": 1e6, "mn": 1e6, "mil": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bil": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}


def _alt(words: list[str]) -> str:
    """An alternation that tries longer words first ("seventeen" before "seven")."""
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT_ALT = _alt(list(UNITS_WORDS))
_TENS_ALT = _alt(list(TENS_WORDS))

# Digits: "20,000", "5.3", "2,500.50", ".5". A thousands group must be exactly
# three digits, so "1,2" is two numbers; never the middle of a longer digit run.
DIGITS = r"""
    [0-9](?<![0-9.,][0-9])            # a first digit, not inside a longer number (a single
                                      # character class first lets the engine skip ahead fast)
    (?:[0-9]{0,2}(?:,[0-9]{3})+       # 20,000  1,300,000
      |[0-9]*)                        # 2015  8000
    (?:\.[0-9]+|[½¼¾⅓⅔⅛⅜⅝⅞])?       # decimals, or a vulgar fraction ("3½ per cent")
    (?![0-9]|,[0-9]{3}(?![0-9]))      # not cut short before more digits
"""

# A spelled number: "five", "twenty-one", "one hundred and fifty", "a hundred".
WORDS = rf"""
    (?<![\w-])
    (?:
        (?:{_TENS_ALT})(?:[-\s](?:{_UNIT_ALT}))?      # twenty, twenty-one
      | (?:{_UNIT_ALT})                               # five, eleven
    )
    (?:\s(?:hundred)(?:\s(?:and\s)?(?:(?:{_TENS_ALT})(?:[-\s](?:{_UNIT_ALT}))?|{_UNIT_ALT}))?)?
    (?![\w])
"""

# Scale after a number: "5.3bn", "5.3 billion", "£2.5m", "one million".
SCALE_WORDS = ("trillion", "billion", "million", "thousand")
SCALE_WORD = rf"(?:{'|'.join(SCALE_WORDS)})"
SCALE_SUFFIXES = ("bn", "tn", "trn", "mn", "mln", "m", "k", "b")
SCALE_SUFFIX = rf"(?:{'|'.join(SCALE_SUFFIXES)})"
SCALE = rf"""
    (?:
        \s?(?i:{SCALE_WORD})s?(?![\w])                # 5.3 billion, five million
      | \s?(?i:{SCALE_SUFFIX})(?![\w])                # 5.3bn, 5.3 bn, 2.5m
    )
"""

# A number of any form: the building block of figures.
NUMBER = rf"(?:(?:{DIGITS})|(?i:{WORDS}))"

_WORD_RE = regex.compile(r"[a-z]+", regex.I)

# Where spelled numbers start. Rules led by a number are compiled twice: led by
# DIGITS (tried at the numbers `extract.anchors` finds, or scanned: the engine
# jumps from digit to digit) and led by WORDS (only tried where a number word
# is), since a word alternation tried at every letter is what makes a scan slow.
_NUMBER_WORD = regex.compile(
    r"(?<![\w-])(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in
                                sorted([*UNITS_WORDS, *TENS_WORDS, "hundred"], key=len, reverse=True)) + r")(?![\w])"
)
# Patterns that must end where a figure starts ("between 11 and 12") are
# compiled REVERSE across the project and called with `.match`, which in
# REVERSE mode is anchored at the end of the window: the engine tries that one
# end instead of every start in the window before it.
BETWEEN_BEFORE = regex.compile(r"(?i:between)\s+$", regex.REVERSE)
_FROM_BY = regex.compile(r"\b(?:from|by)\s*$", regex.REVERSE)
_SCALE_RE = regex.compile(rf"^\s*({SCALE_WORD}|{SCALE_SUFFIX})s?\s*$", regex.I)


def parse_words(text: str) -> float | None:
    """Value of a spelled number ("twenty-one", "one hundred and five"), else None."""
    total = 0.0
    current = 0.0
    seen = False
    for word in _WORD_RE.findall(fold(text)):
        if word == "and":
            continue
        if word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES and len(word) > 2:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float:
    """Value of a number written in digits or words (no scale).

    >>> parse_number("8.05")
    8.05
    >>> parse_number("Eleven")
    11.0
    """
    cleaned = text.strip().replace(",", "")
    if cleaned and cleaned[-1] in VULGAR_FRACTIONS:  # "3½" -> 3.5
        return (float(cleaned[:-1]) if cleaned[:-1] else 0.0) + VULGAR_FRACTIONS[cleaned[-1]]
    if cleaned and (cleaned[0].isdigit() or cleaned[0] == "."):
        return float(cleaned)
    value = parse_words(cleaned)
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return value


def scale_factor(scale: str | None) -> float:
    """Multiplier for a scale word or suffix ("bn" -> 1e9); 1 when absent."""
    if not scale:
        return 1.0
    m = _SCALE_RE.match(scale)
    if not m:
        raise ValueError(f"not a scale: {scale!r}")
    return SCALES[fold(m.group(1))]


def parse_scaled(number: str, scale: str | None) -> float:
    """Value of a number with its scale: ("5.3", "bn") -> 5.3e9."""
    return parse_number(number) * scale_factor(scale)


def is_spelled(text: str) -> bool:
    """True when the number is written in words rather than digits."""
    return not any(ch.isdigit() for ch in text)


# The optional "between" that opens a range ("between 11 and 12 per cent"), and
# a stand-in that never matches, for the variants scanned over the whole text.
BETWEEN = r"(?P<between>(?i:between)\s+)?"
NO_BETWEEN = ""  # nothing in front: the scan can jump from digit to digit


def between_of(m: regex.Match[str]) -> str | None:
    """The "between" a range match opened with, if its pattern has one."""
    return m.groupdict().get("between")

# Separators of a range: "7-10", "7–10", "7 to 10", "between 7 and 10".
RANGE_SEP = r"\s?(?:-|–|—|\s(?:to|and)\s)\s?"


def range_values(lo: str, lo_scale: str | None, hi: str, hi_scale: str | None) -> tuple[float, float]:
    """Bounds of a range whose scale may be written once: "£7-10 billion" -> (7e9, 1e10).

    A scale written only after the upper bound applies to the lower bound too
    when that keeps the range increasing ("£500,000 to 1 million" keeps 500,000).

    >>> range_values("7", None, "10", "billion")
    (7000000000.0, 10000000000.0)
    >>> range_values("500,000", None, "1", "million")
    (500000.0, 1000000.0)
    """
    low = parse_number(lo)
    high = parse_scaled(hi, hi_scale)
    if lo_scale:
        low *= scale_factor(lo_scale)
    elif hi_scale and low * scale_factor(hi_scale) <= high:
        low *= scale_factor(hi_scale)
    return low, high


def is_change(text: str, start: int, sep: str) -> bool:
    """True when "X to Y" at `start` is a change ("from X to Y"), not a range.

    The guidelines make "from 11 months to five months" two mentions, while
    "7 to 10 weeks" and "between 7 and 10 weeks" are one; "rise by £2,000 to
    £24,214" is a change too.
    """
    if sep.strip() != "to":
        return False
    before = text[max(0, start - 12):start].lower()
    # "from X to Y" and "(rise) by X to Y" name a change, not a range
    return _FROM_BY.match(before) is not None


def is_range(text: str, m: regex.Match[str], start: int, low: float, high: float) -> bool:
    """True when a match with two bounds (groups `sep`, maybe `between`) is one range.

    "and" joins bounds only after "between" ("between 11 and 12 per cent"),
    "between" needs "and", "from X to Y" is a change (`is_change`, looking
    before `start`), and the bounds must not decrease ("5-3%" is a list).
    """
    opened = between_of(m) is not None
    return (m["sep"].strip().lower() == "and") == opened and not is_change(text, start, m["sep"]) and low <= high


_LOWER_WORDS = tuple(sorted({*UNITS_WORDS, *TENS_WORDS, "hundred"}))


# Number words are found by the one scan of the text's words (`extract.anchors`).
anchors.register_words("number", _LOWER_WORDS)
# The words that may stand inside a number phrase, from its first number to
# the word after it ("5 to ten million"), as `anchors.word_bytes` writes them.
NUMBER_PHRASE_WORDS = frozenset(w.encode() for w in (*_LOWER_WORDS, "to", "and", *SCALE_WORDS))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


@lru_cache(maxsize=4)
def word_anchors(text: str) -> tuple[int, ...]:
    """Start offsets of the spelled numbers in `text` (computed once per text).

    Candidates come from `anchors.word_starts`; each is then checked on the
    text: a whole word ("one", not "money" or "one_"), written in lower case
    or capitalised ("Eleven", not "ELEVEN").

    >>> word_anchors("Five million and twenty-one, Eleven; someone often")
    (0, 17, 29)
    """
    size = len(text)
    starts = []
    for i in anchors.word_starts(text, "number"):
        j = _word_end(text, i)
        before = text[i - 1] if i else " "
        after = text[j] if j < size else " "
        written = text[i:j]
        if (_is_word_char(before) or after.isalnum() or after == "_"
                or not (written.islower() or (written[0].isupper() and written[1:].islower()))):
            continue
        # "twenty-one": the tens word leads; its unit after the hyphen is not a start of its own.
        if i and text[i - 1] == "-" and _NUMBER_WORD.match(text, _word_start(text, i - 1)):
            continue
        starts.append(i)
    return tuple(starts)


def _word_end(text: str, start: int) -> int:
    return start + len(anchors.word_bytes(text)[start:start + 12].split(b" ", 1)[0])


def _word_start(text: str, end: int) -> int:
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i


def widen_to_between(text: str, m: regex.Match[str], between: regex.Pattern[str]) -> regex.Match[str]:
    """`m` matched again by `between` from a "between" just before it, else `m` itself."""
    b = BETWEEN_BEFORE.match(text, max(0, m.start() - 16), m.start())
    return m if b is None else between.match(text, b.start()) or m


def number_led(text: str, by_digits: regex.Pattern[str], by_words: regex.Pattern[str],
               between: regex.Pattern[str] | None = None, at: list[int] | None = None,
               word_at: set[int] | None = None) -> list[regex.Match[str]]:
    """Matches of a rule led by a number: `by_digits` scanned, `by_words` tried at each number word.

    With `at` (ascending offsets that include every place `by_digits` can
    match, from `anchors.numbers_before`), `by_digits` is tried only there;
    with `word_at` (number words that can lead a match, from
    `anchors.phrase_leads`), `by_words` is tried only at those.
    With `between` (the rule with its optional "between" prefix), a match
    just after a "between" is matched again from there ("between 11 and 12
    per cent", "between two and ten years"). Matches come back in text order.
    """
    digit_led = finditer(by_digits, text) if at is None else anchors.matches(by_digits, text, at)
    found = [m if between is None else widen_to_between(text, m, between) for m in digit_led]
    for pos, opened in _word_leads(text):
        if word_at is not None and pos not in word_at:
            continue
        start = pos if between is None else opened
        m = by_words.match(text, start)
        if m is None and start != pos:
            m = by_words.match(text, pos)
        if m is not None:
            found.append(m)
    found.sort(key=lambda m: m.start())
    return found


@lru_cache(maxsize=4)
def _word_leads(text: str) -> tuple[tuple[int, int], ...]:
    """Each number word's start, with where a "between" just before it starts (else the same start).

    Every rule led by a number reads these, so each is looked up once per text.
    """
    leads = []
    for pos in word_anchors(text):
        b = BETWEEN_BEFORE.match(text, max(0, pos - 16), pos)
        leads.append((pos, pos if b is None else b.start()))
    return tuple(leads)

"""Percentages: "3.5%", "1 per cent", "ten percent", "2 percentage points", "4-5%".

Rules:

- ``percent.single``: a number and a percent sign or word ("3.5%", "6 per
  cent", "ten per cent", "2 percentage points" -> unit percentage_point).
- ``percent.range``: two bounds and one unit ("4-5%", "1-2%", "between 11
  and 12 per cent", "11 to 12%"); "from 11% to 12%" is a change, two mentions.
- ``percent.ratio``: "8 in 10", "seven out of ten" -> 80 percent, "1 in 4"
  -> 25 percent, approx (the guidelines' optional ratios).

>>> [(m.text, m.value_low, m.value_high) for m in find("rise to between 11 and 12 per cent of GDP")]
[('between 11 and 12 per cent', 11.0, 12.0)]
>>> [(m.text, m.unit) for m in find("a 2 percentage point rise")]
[('2 percentage point', 'percentage_point')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import lru_cache

import regex

from extract import anchors, vocab
from extract.casefold import fold
from extract.mention import Mention
from extract.numbers import (
    BETWEEN,
    DIGITS,
    NO_BETWEEN,
    NUMBER,
    NUMBER_PHRASE_WORDS,
    RANGE_SEP,
    WORDS,
    between_of,
    is_range,
    number_led,
    parse_number,
    word_anchors,
)

_WORDS = vocab.load("percent")
# Each spelling and the unit it gives, lower case, spaces as single spaces.
UNIT_OF = {" ".join(w.lower().split()): unit for unit in ("percent", "percentage_point") for w in _WORDS[unit]}
# Short abbreviations ("pc", "pp") may stand against the digits ("5pc"); longer words need a space.
ATTACHED = {w for w in UNIT_OF if w.isalpha() and len(w) <= 4}


def _spelling(word: str) -> str:
    """One spelling as a pattern: a space inside it stands for any single space or hyphen."""
    return r"[\s-]?".join(regex.escape(part) for part in word.split())


def _unit_alternation() -> str:
    signs = sorted((w for w in UNIT_OF if not w[0].isalpha()), key=len, reverse=True)
    attached = sorted(ATTACHED, key=len, reverse=True)
    spaced = sorted((w for w in UNIT_OF if w[0].isalpha() and w not in ATTACHED), key=len, reverse=True)
    parts = [rf"\s?(?:{'|'.join(regex.escape(w) for w in signs)})"] if signs else []
    if attached:
        parts.append(rf"\s?(?i:{'|'.join(_spelling(w) for w in attached)})(?![\w])")
    if spaced:
        parts.append(rf"\s(?i:{'|'.join(_spelling(w) for w in spaced)})(?![\w])")
    return "|".join(parts)


# "3.5%", "6 per cent", "2 percentage points", "2pp": built from vocab/percent.toml.
PERCENT_UNIT = rf"(?:{_unit_alternation()})"

def _percent_pattern(lead: str, between: bool = True) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        {BETWEEN if between else NO_BETWEEN}
        (?P<lo>{lead})
        (?P<lo_unit>{PERCENT_UNIT})?                   # "11% to 12%"
        (?:
            (?P<sep>{RANGE_SEP})
            (?P<hi>{NUMBER})
        )?
        (?P<unit>{PERCENT_UNIT})
        """,
        regex.VERBOSE,
    )


PATTERN = _percent_pattern(DIGITS, between=False)  # led by a digit only, tried before a unit (`_units`)
PATTERN_WORDS = _percent_pattern(rf"(?i:{WORDS})")
PATTERN_BETWEEN = _percent_pattern(NUMBER)


_DENOMINATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "a hundred": 100, "a thousand": 1000}


def _ratio_pattern(lead: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        (?<![\w.,])(?P<n>{lead})\s(?i:in|out\sof)\s
        (?P<d>[2-9]|10|20|100|1,?000|(?i:two|three|four|five|six|seven|eight|nine|ten|a\shundred|a\sthousand))
        (?![\w%]|\s(?i:years?|months?|weeks?|days?|hours?|minutes?)\b)   # "1 in 5 years" is no ratio
        """,
        # Case-insensitive only where words are: a pattern-wide IGNORECASE
        # stops the engine jumping from digit to digit (four times slower).
        regex.VERBOSE,
    )


RATIO = _ratio_pattern(DIGITS)
RATIO_WORDS = _ratio_pattern(rf"(?i:{WORDS})")


_SPACE_OR_HYPHEN = regex.compile(r"[\s-]+")


def _unit(written: str) -> str:
    """The unit a spelling gives ("2 percentage points" -> percentage_point)."""
    return UNIT_OF[_SPACE_OR_HYPHEN.sub(" ", fold(written.strip()))]


def _single(m: regex.Match[str], text: str) -> Mention:
    unit_group = "lo_unit" if m["lo_unit"] else "unit"
    value = parse_number(m["lo"])
    start = m.start("lo")
    return Mention("percent", start, m.end(unit_group), text[start:m.end(unit_group)],
                   "percent.single", value, value, _unit(m[unit_group]))


def find(text: str) -> list[Mention]:
    """Every percent mention in `text`."""
    return [*_percent(text), *_ratios(text)]


# The units' words for `anchors.word_starts`, and the words that may stand in a
# match before its last unit ("11 per cent to 12 per cent", "2 percentage points").
anchors.register_words("percent", {w.split()[0] for w in UNIT_OF if w[0].isalpha()})
_INSIDE = NUMBER_PHRASE_WORDS | {part.encode() for w in UNIT_OF if w[0].isalpha() for part in w.split()}
_ATTACHED_LETTERS = "".join(sorted({c for w in ATTACHED for c in (w[0], w[0].upper())}))


@lru_cache(maxsize=4)
def _units(text: str) -> list[int]:
    """Where a match's unit can start: a sign ("%"), a unit word, or an abbreviation right after a digit ("2pp")."""
    signs = [w for w in UNIT_OF if not w[0].isalpha()]
    return sorted({*anchors.starts(text, signs), *anchors.word_starts(text, "percent"),
                   *anchors.letters_after_digits(text, _ATTACHED_LETTERS)})


def digit_starts(text: str) -> list[int]:
    """Where `PATTERN` can match: every place a full scan would find it is here.

    A match holds at most two numbers and ends in a unit, so it starts at one
    of the last two numbers before a unit, with only number-phrase words
    between.
    """
    return anchors.numbers_before(text, _units(text), 2, _INSIDE)


def word_starts(text: str) -> set[int]:
    """The number words `PATTERN_WORDS` can start at: those with only number-phrase words up to a unit."""
    return anchors.phrase_leads(text, word_anchors(text), _units(text), _INSIDE)


def _percent(text: str) -> Iterator[Mention]:
    for m in number_led(text, PATTERN, PATTERN_WORDS, between=PATTERN_BETWEEN, at=digit_starts(text),
                        word_at=word_starts(text)):
        unit = _unit(m["unit"])
        if m["hi"] is None:
            value = parse_number(m["lo"])
            start = m.start("lo")
            yield Mention("percent", start, m.end(), text[start:m.end()], "percent.single",
                          value, value, unit)
            continue
        low, high = parse_number(m["lo"]), parse_number(m["hi"])
        # "fell 2.3 percentage points to 71.5%": points and a percentage are never one range.
        same_unit = not m["lo_unit"] or _unit(m["lo_unit"]) == unit
        if same_unit and is_range(text, m, m.start("lo"), low, high):
            start = m.start("between") if between_of(m) else m.start("lo")
            yield Mention("percent", start, m.end(), text[start:m.end()], "percent.range",
                          low, high, unit)
            continue
        # A change or a list: each number that carries a unit is its own mention.
        if m["lo_unit"]:
            yield _single(m, text)
        start = m.start("hi")
        yield Mention("percent", start, m.end(), text[start:m.end()], "percent.single",
                      high, high, unit)


def ratio_starts(text: str) -> list[int]:
    """Where `RATIO` can match: the number that ends one space before an "in" or "out".

    Read off the runs of digits: a run followed, in `anchors.word_bytes`
    (every character that is not a word character a space), by " in " or
    " out ", with a real space after the digit.
    """
    numbers = anchors.number_starts(text)
    words = anchors.word_bytes(text)
    found = set()
    for _, end in anchors.digit_runs(text):
        if (words.startswith(b" in ", end) or words.startswith(b" out ", end)) and text[end].isspace():
            i = bisect.bisect_right(numbers, end - 1) - 1
            if i >= 0:
                found.add(numbers[i])
    return sorted(found)


def _ratios(text: str) -> Iterator[Mention]:
    for m in number_led(text, RATIO, RATIO_WORDS, at=ratio_starts(text)):
        written = fold(m["d"]).replace(",", "")
        n, d = parse_number(m["n"]), float(_DENOMINATORS.get(written, 0) or written)
        if not 0 < n <= d:
            continue
        value = round(100 * n / d, 4)
        yield Mention("percent", m.start(), m.end(), m.group(), "percent.ratio", value, value,
                      "percent", qualifier="approx")

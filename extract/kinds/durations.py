"""Durations: "five months", "10 weeks", "a 10-year plan", "between two and ten years".

Rules:

- ``duration.single``: a number and a time unit ("five months", "8000
  hours", "1.5 million days", "15 minute visits", "10-year", "seven decades"
  -> 70 years through pint).
- ``duration.range``: "three to four hours", "between two and ten years";
  "from 11 months to five months" is a change, two mentions.
- ``duration.elliptical``: a bare number in a parallel phrase after a
  duration takes its unit ("79 years for men and 83 for women" -> 83 years).
- ``duration.age``: an age ("over the age of 55", "aged 65", "over 75s",
  "65 year olds"), a duration in years as the guidelines say.

A time unit written in Title Case mid-sentence is part of a name ("the Five
Year Forward View") and is not a figure.

>>> [(m.text, m.value_low, m.unit) for m in find("in the past seven decades")]
[('seven decades', 70.0, 'year')]
>>> [m.text for m in find("Delivering the Five Year Forward View")]
[]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex

from extract import anchors
from extract.casefold import fold
from extract.mention import Mention
from extract.numbers import (
    BETWEEN,
    DIGITS,
    NO_BETWEEN,
    NUMBER,
    NUMBER_PHRASE_WORDS,
    RANGE_SEP,
    SCALE_WORD,
    WORDS,
    between_of,
    is_range,
    number_led,
    parse_number,
    scale_factor,
    word_anchors,
)
from extract.units import normalise, normalise_time

TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|fortnights?|centuries|century)"
_UNIT_NAME = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
              "minute": "minute", "second": "second", "decade": "decade_of_years", "fortnight": "fortnight",
              "centurie": "century", "century": "century"}

# Words that may stand between the number and its unit: "12 consecutive months", "five more years".
UNIT_ADJECTIVES = ("consecutive", "successive", "straight", "full", "whole", "calendar", "working", "further",
                   "more", "additional", "extra")
# The words a match may hold before its unit, for `digit_starts` and `word_starts`.
_INSIDE = NUMBER_PHRASE_WORDS | {w.encode() for w in UNIT_ADJECTIVES}


def _duration_pattern(lead: str, between: bool = True) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        {BETWEEN if between else NO_BETWEEN}
        (?P<lo>{lead})(?:\s(?P<lo_scale>(?i:{SCALE_WORD})))?      # 1.5 million days
        (?:
            (?P<sep>{RANGE_SEP})
            (?P<hi>{NUMBER})
        )?
        (?:\s|-)                                                   # "five-year", "ten year"
        (?:(?i:{"|".join(UNIT_ADJECTIVES)})\s)?                      # "12 consecutive months"
        (?P<unit>(?i:{TIME_UNIT}))(?![\w])
        (?P<olds>[\s-]olds?)?                                      # "65 year olds": an age
        """,
        regex.VERBOSE,
    )


PATTERN = _duration_pattern(DIGITS, between=False)  # led by a digit only, tried before a unit (`digit_starts`)
PATTERN_WORDS = _duration_pattern(rf"(?i:{WORDS})")
PATTERN_BETWEEN = _duration_pattern(NUMBER)

# An age: the number after "age of", "aged", or "over"/"under" with an "s" ("the
# over 75s"). Led by the digits (the cue is checked looking back), and tried only
# at the first number after a cue word (`_age_starts`). Each cue is a whole word:
# "managed 30 trusts" and "wages of 25" hold no age.
AGE = regex.compile(
    r"""
    (?P<n>[0-9](?<![0-9][0-9])[0-9]{0,2})(?![0-9])   # a number's first digit: cues are checked once per number
    (?:
        (?<=(?P<cue>(?<![\w])(?i:(?:over|under|above|below)\s+)?(?:the\s+)?ages?\s+of)\s+[0-9]{1,3})
      | (?<=(?P<cue2>(?<![\w])(?i:aged(?:\s+(?:over|under|above|below))?))\s+[0-9]{1,3})
      | (?=s(?![\w]))(?<=(?P<cue3>(?<![\w])(?i:over|under))\s+(?:the\s+)?[0-9]{2})
    )
    """,
    regex.VERBOSE,
)
# The words that open or close a cue, for `anchors.word_starts`.
anchors.register_words("age", ["age", "ages", "aged", "over", "under"])


_CUE_WORDS = frozenset((b"age", b"ages", b"aged", b"of", b"the", b"over", b"under", b"above", b"below"))


def _age_starts(text: str) -> list[int]:
    """Where `AGE` can match: the first number after a cue word, with only cue words between.

    Only spaces and the cue's own words ("the", "of", "over") stand between a
    cue word and its number, so the number is the first one after the word.
    """
    numbers = anchors.number_starts(text)
    words = anchors.word_bytes(text)
    found = set()
    for word in anchors.word_starts(text, "age"):
        i = bisect.bisect_right(numbers, word)
        if i < len(numbers) and anchors.phrase_only(words, word, numbers[i], _CUE_WORDS):
            found.add(numbers[i])
    return sorted(found)


_OVER = regex.compile(r"\b(?:over|above)\b")
_UNDER = regex.compile(r"\b(?:under|below)\b")


def _unit(word: str) -> str:
    w = fold(word)
    w = w[:-1] if w.endswith("s") else w
    return _UNIT_NAME[w]


def _is_name(m: regex.Match[str], text: str) -> bool:
    """A Title Case unit mid-sentence ("Five Year Forward View") belongs to a name."""
    unit = m["unit"]
    if not unit[0].isupper() or unit.isupper():
        return False
    after = text[m.end():m.end() + 2]
    return len(after) == 2 and after[0] == " " and after[1].isupper()


def find(text: str) -> list[Mention]:
    """Every duration mention in `text`."""
    return [*_durations(text), *_ages(text)]


def _mention(start: int, end: int, text: str, rule: str, low: float, high: float, unit: str,
             qualifier: str | None = None) -> Mention:
    low_n, published = normalise(low, unit)
    high_n, _ = normalise(high, unit)
    return Mention("duration", start, end, text[start:end], rule, low_n, high_n, published,
                   qualifier=qualifier)


# The units' words for `anchors.word_starts` ("centurie" too: harmless, and the
# plural of each name is then its name and an "s").
anchors.register_words("time_unit", [word for name in _UNIT_NAME for word in (name, name + "s")])


def digit_starts(text: str) -> list[int]:
    """Where `PATTERN` can match: every place a full scan would find it is here.

    A match holds at most two numbers and ends in a time unit, with only
    number-phrase words between ("5 to ten years", "1.5 million days"), so it
    starts at one of the last two numbers before a unit word.
    """
    return anchors.numbers_before(text, anchors.word_starts(text, "time_unit"), 2, _INSIDE)


def word_starts(text: str) -> set[int]:
    """The number words `PATTERN_WORDS` can start at: those with only number-phrase words up to a unit word."""
    return anchors.phrase_leads(text, word_anchors(text), anchors.word_starts(text, "time_unit"), _INSIDE)


def _durations(text: str) -> Iterator[Mention]:
    for m in number_led(text, PATTERN, PATTERN_WORDS, between=PATTERN_BETWEEN, at=digit_starts(text),
                        word_at=word_starts(text)):
        if _is_name(m, text):
            continue
        unit = _unit(m["unit"])
        scale = scale_factor(m["lo_scale"]) if m["lo_scale"] else 1.0
        end = m.end("unit")
        if m["olds"]:
            low = parse_number(m["lo"])
            high = parse_number(m["hi"]) if m["hi"] is not None else low
            if high < low:
                low = high = parse_number(m["hi"])  # "aged 65 to 16 year olds" is no range
            yield _mention(m.start("lo"), end, text, "duration.age", low, high, "year")
            continue
        if m["hi"] is None:
            value = parse_number(m["lo"]) * scale
            if value == 0:
                continue  # "zero hours contracts": a kind of contract, not a length of time
            yield _mention(m.start("lo"), end, text, "duration.single", value, value, unit)
            continue
        low, high = parse_number(m["lo"]) * scale, parse_number(m["hi"])
        if is_range(text, m, m.start("lo"), low, high):
            start = m.start("between") if between_of(m) else m.start("lo")
            yield _mention(start, end, text, "duration.range", low, high, unit)
        else:
            start = m.start("hi")
            yield _mention(start, end, text, "duration.single", high, high, unit)


def _ages(text: str) -> Iterator[Mention]:
    for m in anchors.matches(AGE, text, _age_starts(text)):
        value = parse_number(m["n"])
        if not 0 < value < 130:
            continue
        cue_text = (m["cue"] or m["cue2"] or m["cue3"]).lower()
        qualifier = ("more_than" if _OVER.search(cue_text)
                     else "less_than" if _UNDER.search(cue_text) else "exact")
        yield _mention(m.start("n"), m.end("n"), text, "duration.age", value, value, "year", qualifier)


# "79 years for men": a duration followed by a group it applies to.
_GROUP_AFTER = regex.compile(r"\s(?:for|in|among|amongst)\s[A-Za-z]")
# "... and 83 for women", "(compared to 63 in men": a bare number in the same frame.
_PARALLEL = regex.compile(r"(?<![\w.,£$€/-])(?P<n>[0-9]{1,3}(?:\.[0-9])?)(?=\s(?:for|in|among|amongst)\s[a-z])")


def elliptical(text: str, found: list[Mention], taken: bytearray,
               sentence_at: callable) -> list[Mention]:
    """Bare numbers that repeat a duration's frame inherit its unit.

    "life expectancy is 79 years for men and 83 for women (compared to 63 in
    men and 69 in women in 1948)": 83, 63 and 69 are years too.
    """
    extra: list[Mention] = []
    for d in found:
        if d.kind != "duration" or d.rule != "duration.single" or not _GROUP_AFTER.match(text, d.end):
            continue
        _, sentence_end = sentence_at(d.start)
        for m in _PARALLEL.finditer(text, d.end, sentence_end):
            if taken[m.start()]:
                continue
            value = parse_number(m["n"])
            assert d.unit is not None
            extra.append(Mention("duration", m.start(), m.end(), m.group(), "duration.elliptical",
                                 value, value, d.unit))
    return extra


# Units that convert exactly into each other; a month is a twelfth of a year, but days do not divide months.
_EXACT_GROUPS = ({"second", "minute", "hour", "day", "week"}, {"month", "year"})
_ORDER = ("second", "minute", "hour", "day", "week", "month", "year")
_COMPOUND_GAP = regex.compile(r"[ \t\u00a0]+(?:and[ \t\u00a0]+)?|,[ \t\u00a0]*")
_RANGE_GAP = regex.compile(r"[ \t\u00a0]*(?:-|–|—|to)[ \t\u00a0]*")


def _convertible(a: str, b: str) -> bool:
    return any(a in g and b in g for g in _EXACT_GROUPS)


def _in(value: float, unit: str, target: str) -> float:
    return normalise_time(value, unit, target)


def compounds(text: str, found: list[Mention]) -> list[Mention]:
    """Durations written in two units are one mention in the larger unit (GUIDELINES.md, compound amounts).

    "36 minutes and 20 seconds" -> 36.333 minute (``duration.compound``);
    "15 months to 5 years" -> 1.25-5 year, "3 years and 7 months to 5 years"
    -> 3.583-5 year (``duration.range``). Units that do not divide exactly
    (days and months) are left as they are.
    """
    ordered = sorted(found, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == m.kind == "duration" and prev.unit and m.unit
                and prev.unit != m.unit and _convertible(prev.unit, m.unit)):
            big, small = (prev.unit, m.unit) if _ORDER.index(prev.unit) > _ORDER.index(m.unit) else (m.unit, prev.unit)
            if (_COMPOUND_GAP.fullmatch(text, prev.end, m.start) and prev.unit == big
                    and prev.value_low == prev.value_high and m.value_low == m.value_high):
                value = prev.value_low + _in(m.value_low, small, big)
                out[-1] = prev.with_(end=m.end, text=text[prev.start:m.end], rule="duration.compound",
                                     value_low=value, value_high=value + (prev.value_high - prev.value_low))
                continue
            if _RANGE_GAP.fullmatch(text, prev.end, m.start):
                low = _in(prev.value_low, prev.unit, big)
                high = _in(m.value_high, m.unit, big)
                if low <= high:
                    out[-1] = prev.with_(end=m.end, text=text[prev.start:m.end], rule="duration.range",
                                         value_low=low, value_high=high, unit=big)
                    continue
        if (prev is not None and prev.kind == m.kind == "duration" and prev.rule == "duration.compound"
                and m.unit == prev.unit and _RANGE_GAP.fullmatch(text, prev.end, m.start)
                and prev.value_low <= m.value_high):
            out[-1] = prev.with_(end=m.end, text=text[prev.start:m.end], rule="duration.range",
                                 value_high=m.value_high)  # "3 years and 7 months to 5 years"
            continue
        out.append(m)
    return out

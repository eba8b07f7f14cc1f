"""Counts: numbers of people or things ("151 local health and wellbeing boards").

A count is any remaining number (after money, percent, dates and durations
have taken theirs) that quantifies a noun. The noun, in the singular and
lower case, is the `unit`.

Rules:

- ``count.noun``: a number followed by its counted noun ("20,000 more
  nurses", "12 CCGs", "1.3m NHS staff", "Eleven financially-challenged
  health economies").
- ``count.bare``: a large number with no noun after it, written with a scale
  or thousands separators ("grow by 5 million from 2011", "a replacement
  rate of 3,250"): the figure is clear though its noun is elsewhere.
- ``count.range``: two bounds and one noun ("60,000 to 74,000 more
  doctors", "between 60,000 and 74,000 nurses"), one figure like a money
  range; "from X to Y" is a change, two figures.
- ``count.rate``: a number with no noun before a "per N" ("3.9 per 1,000
  live births"): `denominator` 1000, `denominator_unit` "live birth"; a
  counted noun's rate is read the same way ("14.5 deaths per 100,000
  population").
- ``count.restated``: a number alone in brackets right after another
  figure restates it ("an increase of 0.5 per cent (267)").
- ``count.fold``: multipliers ("12-fold", "fourfold"), unit ``fold``.

Spelled-out numbers below ten ("two colleges") are optional in the
guidelines and too often not figures ("one of the", "two-thirds"), so they
are left out; "Eleven", "Fourteen" and "five million" are counts.

>>> [(m.text, m.unit) for m in find("to pay for 20,000 more nurses, 8,000 more GPs", bytearray(60))]
[('20,000', 'nurse'), ('8,000', 'gp')]
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extract import anchors, vocab
from extract.casefold import fold
from extract.mention import Mention
from extract.nouns import IRREGULAR as _IRREGULAR
from extract.nouns import is_acronym_plural as _is_acronym_plural
from extract.nouns import singular
from extract.numbers import (
    BETWEEN,
    DIGITS,
    NO_BETWEEN,
    RANGE_SEP,
    SCALE,
    SCALE_WORD,
    SCALE_WORDS,
    SCALES,
    UNITS_WORDS,
    WORDS,
    between_of,
    is_range,
    is_spelled,
    parse_scaled,
    range_values,
    widen_to_between,
    word_anchors,
)
from extract.qualifiers import per_after
from extract.rates import denominator_after

_V = vocab.load("counts")
_SKIP = set(_V["skip_before_noun"])
_STOP = set(_V["stop_words"])
_NOT_COUNTED = set(_V["not_counted"])
_TIME_WORDS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
               "minute", "minutes", "decade", "decades", "am", "pm", "per", "percent", "cent", "%",
               "billion", "million", "thousand", "bn", "m", "k", "pounds", "pence", "dollars", "euros"}
_MONTHS = set(vocab.load("dates")["months"])
_SMALL_WORDS = {w for w, v in UNITS_WORDS.items() if v < 10}

def _candidate(lead: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        (?P<num>{lead})(?P<scale>{SCALE})?
        (?P<fold>-?(?i:fold))?
        (?![\w%£$€]|[.,][0-9]|/[0-9]|-[0-9])
        """,
        regex.VERBOSE,
    )


CANDIDATE = _candidate(DIGITS)


def _range_pattern(between: bool) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        {BETWEEN if between else NO_BETWEEN}
        (?P<lo>{DIGITS})(?P<lo_scale>{SCALE})?
        (?P<sep>{RANGE_SEP})
        (?P<hi>{DIGITS})(?P<hi_scale>{SCALE})?
        (?![\w%£$€]|[.,][0-9]|/[0-9]|-[0-9])
        """,
        regex.VERBOSE,
    )


# "60,000 to 74,000 more doctors", "between 60,000 and 74,000": one count, like a money range.
RANGE = _range_pattern(between=False)
RANGE_BETWEEN = _range_pattern(between=True)
CANDIDATE_WORDS = _candidate(rf"(?i:{WORDS})")
_WORD = regex.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z’'&-]*)")
# Tried at each "fold" (`anchors.folded_finds`), looking back for the number.
_FOLD_WORDS = regex.compile(r"(?i:fold)(?![\w-])(?<=(?<![\w-])(?P<n>(?i:two|three|four|five|six|seven|eight|nine|"
                            r"ten|hundred)fold))")
_FOLD_VALUES = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "hundred": 100}


def _is_plural(word: str) -> bool:
    if word.isupper():
        return False  # "NHS", "CCG": acronyms; "CCGs" ends in a lower-case s
    if _is_acronym_plural(word):
        return True  # "ICSs": the "ss" is not a singular's
    w = word.lower()
    return w in _IRREGULAR or (w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2)


def _next_is_stop(text: str, pos: int) -> bool:
    m = _WORD.match(text, pos)
    return m is None or m.group(1).lower() in _STOP


def counted_noun(text: str, end: int) -> tuple[str | None, int]:
    """The noun phrase counted by the number ending at `end`, singular (or None), and where it ends."""
    words: list[str] = []
    ends: list[int] = []
    pos = end
    skipping = True
    for _ in range(8):
        m = _WORD.match(text, pos)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if skipping and low in _SKIP and not words:
            pos = m.end()
            continue
        skipping = False
        if low in _STOP and not (low == "and" and words and not _is_plural(words[-1])):
            break
        if word in _MONTHS:
            break
        if not words and low.endswith("ed") and _next_is_stop(text, m.end()):
            break  # "aged over 85 increased by 18%": a verb, not a counted noun
        words.append(word)
        ends.append(m.end())
        pos = m.end()
        if _is_plural(word) or len(words) == 5:
            break
    while words and words[-1].lower() in ("and", "&"):
        words.pop()
        ends.pop()
    if not words or words[0].lower() in _TIME_WORDS or words[0].lower() in _NOT_COUNTED:
        return None, end
    head = singular(words[-1])
    return " ".join([w.lower() for w in words[:-1]] + [head]), ends[-1]


def find(text: str, taken: bytearray) -> list[Mention]:
    """Counts among the numbers of `text` not already covered by `taken`."""
    return [*_numbers(text, taken), *_fold_words(text, taken), *_article_scales(text, taken)]


def _candidates(text: str, taken: bytearray) -> list[regex.Match[str]]:
    """Matches of the count rule at the numbers not yet taken, in text order.

    Most numbers are already money, percentages or years by now, so the rule
    is tried only at the free number starts instead of scanning the text. A
    match holds one number, so this finds what a scan would, less the matches
    that start inside a taken span.
    """
    free = [i for i in anchors.number_starts(text) if not taken[i]]
    found = list(anchors.matches(CANDIDATE, text, free))
    found += (m for i in word_anchors(text) if not taken[i] and (m := CANDIDATE_WORDS.match(text, i)))
    found.sort(key=lambda m: m.start())
    return found


def _count_range(text: str, start: int, taken: bytearray) -> Mention | None:
    """A range of counts starting at the number at `start` ("60,000 to 74,000 more doctors"), else None.

    Like money and percent ranges: "between" needs "and", "from X to Y" is a
    change (two figures), the bounds must increase, and the range needs a
    counted noun, a scale or thousands separators, as a single count does.
    """
    m = RANGE.match(text, start)
    if m is None:
        return None
    m = widen_to_between(text, m, RANGE_BETWEEN)
    if any(taken[m.start("lo"):m.end()]):
        return None
    low, high = range_values(m["lo"], m["lo_scale"], m["hi"], m["hi_scale"])
    if not (low < high and is_range(text, m, m.start("lo"), low, high)):
        return None
    noun, noun_end = counted_noun(text, m.end())
    if noun is None and not (m["hi_scale"] or "," in m["hi"]):
        return None
    s = m.start("between") if between_of(m) else m.start("lo")
    rate = denominator_after(text, noun_end) if noun is not None else None
    return Mention("count", s, m.end(), text[s:m.end()], "count.range", low, high, noun,
                   per=per_after(text, noun_end) if noun is not None else None,
                   denominator=rate[0] if rate else None, denominator_unit=rate[1] if rate else None)


_RANGE_REACH = 60  # longest "1,000,000,000.5 trillion and " between two bounds' starts


def _ranges(text: str, taken: bytearray) -> list[Mention]:
    """Count ranges, tried at each free number a range can start with (a digit)."""
    found: list[Mention] = []
    starts = anchors.number_starts(text)
    for k, i in enumerate(starts):
        # Both bounds are numbers in digits, so a range needs the next number close after.
        if k + 1 == len(starts) or starts[k + 1] - i > _RANGE_REACH:
            continue
        if taken[i] or (found and i < found[-1].end) or not text[i].isdigit():
            continue
        ranged = _count_range(text, i, taken)
        if ranged is not None:
            found.append(ranged)
    return found


def _restates(text: str, start: int, end: int, taken: bytearray) -> bool:
    """A number alone in brackets right after another figure: "0.5 per cent (267)"."""
    i = start - 1
    if i < 1 or text[i] != "(" or text[end:end + 1] != ")":
        return False
    i -= 1
    if text[i] == " ":
        i -= 1
    return i >= 0 and bool(taken[i])


def _numbers(text: str, taken: bytearray) -> Iterator[Mention]:
    ranges = _ranges(text, taken)
    if ranges:
        taken = bytearray(taken)
        for r in ranges:
            taken[r.start:r.end] = b"\x01" * (r.end - r.start)
        yield from ranges
    for m in _candidates(text, taken):
        start, end = m.start(), m.end()
        if any(taken[start:end]):
            continue
        number = m["num"]
        spelled = is_spelled(number)
        value = parse_scaled(number, m["scale"])
        if m["fold"]:
            yield Mention("count", start, end, m.group(), "count.fold", value, value, "fold")
            continue
        if spelled and fold(number) in _SMALL_WORDS and not m["scale"]:
            continue  # "two colleges": optional in the guidelines, too often not a figure
        if spelled and not m["scale"] and fold(number) in ("hundred",):
            continue
        after = text[end:end + 3]
        if after[:1] in ("-", "–") and after[1:2].isalpha():
            continue  # "one-off", "two-thirds", "24-hour" (durations take theirs)
        noun, noun_end = counted_noun(text, end)
        if noun is not None:
            # "340 million patients every year", "14.5 deaths per 100,000 population": the rate follows the noun.
            rate = denominator_after(text, noun_end)
            yield Mention("count", start, end, m.group(), "count.noun", value, value, noun,
                          per=per_after(text, noun_end), denominator=rate[0] if rate else None,
                          denominator_unit=rate[1] if rate else None)
        elif (rate := denominator_after(text, end)) is not None and not spelled:
            # "3.9 per 1,000 live births": a rate whose counted noun is elsewhere.
            yield Mention("count", start, end, m.group(), "count.rate", value, value, None,
                          denominator=rate[0], denominator_unit=rate[1])
        elif m["scale"] or "," in number:
            yield Mention("count", start, end, m.group(), "count.bare", value, value, None)
        elif not spelled and _restates(text, start, end, taken):
            # "an increase of 0.5 per cent (267)": the same change as a number
            yield Mention("count", start, end, m.group(), "count.restated", value, value, None)


# "a million more people", "a thousand nurses": the article stands for "one" before a scale word.
# Tried at each scale word (`anchors.folded_finds`), looking back for the article; only with a
# counted noun after it, as a spelled count needs.
_ARTICLE_SCALE = regex.compile(rf"(?i:{SCALE_WORD})(?![\w-])"
                               rf"(?<=(?<![\w-])(?P<a>[Aa])[ \t\u00a0]+(?i:{SCALE_WORD}))")
_IN_BEFORE = regex.compile(rf"(?<![\w-])(?i:{vocab.alternation(_V['not_before_article_scale'])})[ \t\u00a0]+$")


def _article_scales(text: str, taken: bytearray) -> Iterator[Mention]:
    for scale in SCALE_WORDS:
        for m in anchors.matches(_ARTICLE_SCALE, text, anchors.folded_finds(text, scale)):
            start, end = m.start("a"), m.end()
            if any(taken[start:end]) or _IN_BEFORE.search(text, max(0, start - 10), start):
                continue
            noun, noun_end = counted_noun(text, end)
            if noun is None:
                continue
            value = SCALES[scale]
            yield Mention("count", start, end, text[start:end], "count.article", value, value, noun,
                          per=per_after(text, noun_end))


def _fold_words(text: str, taken: bytearray) -> Iterator[Mention]:
    for m in anchors.matches(_FOLD_WORDS, text, anchors.folded_finds(text, "fold")):
        start = m.start("n")
        if any(taken[start:m.end()]):
            continue
        value = float(_FOLD_VALUES[fold(m["n"])[:-4]])
        yield Mention("count", start, m.end(), text[start:m.end()], "count.fold", value, value, "fold")


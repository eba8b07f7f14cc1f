"""Rates per N: what a figure is counted per, other than time (SPEC.md `denominator`, `denominator_unit`).

"14.5 deaths per 100,000 population" -> (100000, "population");
"3.9 per 1,000 live births" -> (1000, "live birth"); "£164 per patient per
year" -> (1, "patient") (the year is `per`, `extract/qualifiers.py`);
"per head", "per bed", "per 1,000" (no noun: the unit stays null).

The noun is read like a count's: up to three words, the last one put in the
singular; a time unit ("per year") is a rate in time, not a denominator, and
"per cent" is a percentage. The words are data: `vocab/rates.toml`.


>>> denominator_after("14.5 deaths per 100,000 population.", 11)
(100000.0, 'population')
>>> denominator_after(" per 1,000 live births in 2022", 0)
(1000.0, 'live birth')
>>> denominator_after(" per patient per year", 0)
(1.0, 'patient')
>>> denominator_after(" per year", 0) is None, denominator_after(" per cent", 0) is None
(True, True)
"""

from __future__ import annotations

import regex

from extract import vocab
from extract.casefold import fold
from extract.nouns import singular
from extract.numbers import DIGITS, SCALE, SCALES, parse_scaled

_R = vocab.load("rates")
_NOT_NOUNS = {w.lower() for w in (*_R["time_words"], *_R["not_denominators"])}
_STOP = set(vocab.load("counts")["stop_words"])
_SKIP = {"of", "the", "a", "an"}

_PER = regex.compile(
    rf"""[ \t\u00a0]*(?i:per|for[ \t]+(?:every|each))[ \t\u00a0]+
         (?:(?P<n>{DIGITS})(?P<scale>{SCALE})?[ \t\u00a0]*
           |(?P<word>(?i:hundred|thousand|million))[ \t\u00a0]+)?   # "per million population"
      """,
    regex.VERBOSE,
)
_WORD = regex.compile(r"[ \t\u00a0]*([A-Za-z][A-Za-z’'-]*)")


def denominator_after(text: str, end: int) -> tuple[float, str | None] | None:
    """(N, noun) of a "per N noun" written right after position `end`, else None."""
    if text[end:end + 12].lstrip(" \t\u00a0")[:1] not in ("p", "P", "f", "F"):
        return None  # the pattern needs "per" or "for" first: most figures stop here
    m = _PER.match(text, end, min(len(text), end + 120))
    if m is None:
        return None
    value = parse_scaled(m["n"], m["scale"]) if m["n"] else SCALES[fold(m["word"])] if m["word"] else 1.0
    if value <= 0:
        return None
    words: list[str] = []
    pos = m.end()
    for _ in range(5):
        w = _WORD.match(text, pos)
        if w is None:
            break
        word = w.group(1)
        low = fold(word)
        if not words and low in _NOT_NOUNS:
            return None  # "per year", "per cent", "per annum"
        if not words and low in _SKIP:
            pos = w.end()  # "per 100,000 of the population"
            continue
        if low in _STOP or low in _NOT_NOUNS:
            break
        words.append(word)
        pos = w.end()
        if len(words) == 3 or (low.endswith("s") and len(low) > 3) or low in _R["single_nouns"]:
            break
    if not words:
        return (value, None) if m["n"] or m["word"] else None
    noun = " ".join([fold(w) for w in words[:-1]] + [singular(words[-1])])
    return value, noun

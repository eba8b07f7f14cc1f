"""Letters outside ASCII that case-insensitive patterns take for ASCII ones never break extraction."""

from __future__ import annotations

import sys

import pytest
import regex

from extract.casefold import ASCII_FOLDS, fold
from extract.context import contextualise
from extract.extractor import extract
from extract.segment import Segments


def test_ascii_folds_are_every_character_that_matches_an_ascii_letter() -> None:
    letters = regex.compile(r"(?i:[a-z])")
    found = {chr(c): chr(c) for c in range(128, sys.maxunicode + 1)
             if not 0xD800 <= c < 0xE000 and letters.fullmatch(chr(c))}
    assert set(found) == set(ASCII_FOLDS)
    for odd, letter in ASCII_FOLDS.items():
        assert regex.fullmatch(f"(?i:{letter})", odd)


# Each of these used to raise (KeyError or "not a number") where a rule looked
# the matched word up with a plain .lower().
CASES = [
    ("5 yearſ ago", [("5 yearſ", "duration", 5.0)]),
    ("0 poundſ", [("0 poundſ", "money", 0.0)]),
    ("5 sterlİng", [("5 sterlİng", "money", 5.0)]),
    ("£5 bİllion", [("£5 bİllion", "money", 5e9)]),
    ("ſix in ten patients", [("ſix in ten", "percent", 60.0)]),
    ("a ſixfold rise", [("ſixfold", "count", 6.0)]),
    ("twenty-ſix weeks", [("twenty-ſix weeks", "duration", 26.0)]),
    ("at leaſt 5 nurses", [("5", "count", 5.0)]),
    ("in the firſt quarter of 2015", [("firſt quarter of 2015", "date", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extraction_reads_letters_that_fold_to_ascii(text: str, expected: list) -> None:
    segments = Segments(text)
    mentions = extract(text, segments)
    contextualise(text, mentions, segments)
    assert [(m.text, m.kind, m.value_low) for m in mentions] == expected


def test_fold_gives_the_ascii_word() -> None:
    assert [fold(w) for w in ("YEARſ", "bİllion", "Kelvin", "ſix")] == ["years", "billion", "kelvin", "six"]

"""A guard against catastrophic backtracking: every whole-text scan has a time limit.

The rules are written to run in linear time (possessive runs, look-behinds
that let only the first character of a run start a match, bounded windows),
and `tests/test_adversarial.py` checks them on hostile input. As a last line
of defence, each scan goes through `finditer` here, which passes the `regex`
module's `timeout`: a pattern that runs away on some unforeseen text raises
`ExtractionTimeout`, and that document becomes a `failed` row with the
pattern's name, instead of hanging the whole corpus. Rules tried only at
anchors (`extract.anchors.matches`) pass the same limit to each try. The
scans that find those anchors (a run of digits from its first digit, an
Aho-Corasick automaton of fixed words) have nothing to backtrack and run
without it; the rest of the anchors are read off their results in Python.

>>> import regex
>>> list(finditer(regex.compile(r"(a|aa)+$"), "a" * 40 + "b", seconds=0.05))
Traceback (most recent call last):
...
extract.guard.ExtractionTimeout: pattern (a|aa)+$ ran for more than 0.05 s on 41 characters (catastrophic backtracking?)
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import regex

# Seconds allowed per scan: a base plus a rate per megabyte of text. Linear
# patterns scan a megabyte in milliseconds; these limits only trip on runaways.
BASE_SECONDS = float(os.environ.get("HEALTHFIGURES_REGEX_TIMEOUT", "5"))
SECONDS_PER_MB = 10.0


class ExtractionTimeout(RuntimeError):
    """A pattern exceeded its time limit on a document."""


def limit_for(text: str) -> float:
    return BASE_SECONDS + SECONDS_PER_MB * len(text) / 1_000_000


def finditer(pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None,
             seconds: float | None = None) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text, pos, endpos)` that raises ExtractionTimeout past its time limit."""
    limit = seconds if seconds is not None else limit_for(text)
    try:
        yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=limit)
    except TimeoutError as exc:
        raise ExtractionTimeout(f"pattern {pattern.pattern[:60].strip()} ran for more than {limit:g} s on "
                                f"{len(text)} characters (catastrophic backtracking?)") from exc

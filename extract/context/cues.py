"""Compiled cue patterns from `vocab/context.toml` (data, not code).

Each cue list becomes one case-insensitive alternation with word boundaries;
`Cues.last_before(text, pos)` and friends answer "which cue is nearest".
"""

from __future__ import annotations

from functools import cache

import regex

from extract import vocab

V = vocab.load("context")

# "from" right before a figure ("rose from 4% to 5%"): a starting value. REVERSE: it ends at the figure.
FROM_BEFORE = regex.compile(r"(?<![\w-])from\s+$", regex.IGNORECASE | regex.REVERSE)


_BOUNDARY = r"(?<![\w-])"


def starts_with_word(cue: str) -> bool:
    """Whether `cue` begins with a word ("pledge", "(?:is|are) to be"), so it needs a word boundary before it.

    Cues that begin with punctuation (", and", "'ll") do not: "they'll".

    >>> starts_with_word("pledged"), starts_with_word("(?:is|are) to be"), starts_with_word("'ll")
    (True, True, False)
    """
    first = cue[3:4] if cue.startswith("(?:") else cue[:1]
    return first.isalnum()


def _split(cues: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """The cues as two alternations, longest first: those led by a word, and the rest.

    A cue led by a word and one led by punctuation never match at the same
    place, so trying the word-led ones behind one shared boundary (checked
    once per place, not once per cue) picks the same cue as one flat list.
    """
    alts = sorted(set(cues), key=len, reverse=True)
    return ("|".join(f"(?:{c})" for c in alts if starts_with_word(c)),
            "|".join(f"(?:{c})" for c in alts if not starts_with_word(c)))


@cache
def pattern(*parts: str, anchor: str = "") -> regex.Pattern[str]:
    """One alternation of cue fragments, longest first, on word boundaries."""
    words, others = _split(parts)
    body = "|".join(x for x in (f"{_BOUNDARY}(?:{words})" if words else "", others) if x)
    if anchor == "end":
        return regex.compile(rf"(?:{body})[\s\u00a0]*$", regex.IGNORECASE)
    if anchor == "start":  # used with .match(): anchored at the position given
        return regex.compile(rf"[\s\u00a0]*(?:{body})(?![\w-])", regex.IGNORECASE)
    return regex.compile(rf"(?:{body})(?![\w-])", regex.IGNORECASE)


@cache
def grouped(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> regex.Pattern[str]:
    """One alternation whose named groups say which cue list matched (`m.lastgroup`).

    Scanning once with this beats scanning once per list; within each group the
    longest cue is tried first, and the groups keep the order given. A list
    with cues led by punctuation has a second group of the same name for them.
    """
    words, others = [], []
    for name, cues in groups:
        w, o = _split(cues)
        words += [f"(?P<{name}>{w})"] if w else []
        others += [f"(?P<{name}>{o})"] if o else []
    body = "|".join(x for x in (f"{_BOUNDARY}(?:{'|'.join(words)})" if words else "", "|".join(others)) if x)
    return regex.compile(rf"(?:{body})(?![\w-])", regex.IGNORECASE)


def from_the_end(compiled: regex.Pattern[str]) -> regex.Pattern[str]:
    """An end-anchored cue pattern (`anchor="end"`) compiled to match right to left.

    `search` then tries the text's end first, where the `$` lets only one place
    match, instead of trying every place from the left: 3-4 times faster for
    the long cue lists read before each figure (direction, baselines). The
    match found is the same (tests/test_fast_paths.py checks it).
    """
    return regex.compile(compiled.pattern, compiled.flags | regex.REVERSE)

"""Clauses and list lead-ins: how far the words around a figure reach.

A cue ("would", "savings") only speaks for a figure in the same clause. The
clause is the part of the sentence between the nearest boundaries around the
figure: a semicolon or colon, a parenthesis, or a word that opens a
subordinate clause ("that", "which", "how", "whether", "while" …).

A bullet item ("- A 1 per cent increase … (£2 billion).") borrows the
context of the line that introduces its list ("the report recommends:").
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Generic, TypeVar

import regex

from extract.context.cues import V, pattern

BOUNDARY_WORDS = (*V["clauses"]["boundaries"], "how", "why")
_BOUNDARY = pattern(*BOUNDARY_WORDS)
_HARD = regex.compile(r"[;:()\[\]]|\s[–—]\s")
_BULLET = regex.compile(r"[ \t]*[-•*·▪–][ \t]+")
_SENTENCE_BREAK = regex.compile(r"[.!?][”’\"')]*\s+(?=[A-Z“‘\"])")


T = TypeVar("T")


class SentenceCache(Generic[T]):
    """What a function finds in one sentence, computed once for all the figures of that sentence.

    Figures arrive in document order, so the last sentence seen is the one
    asked for again: one entry is kept. Work per figure then no longer grows
    with the number of figures in its sentence (a table dump of 500 amounts
    was quadratic).
    """

    def __init__(self, fn: Callable[[str, tuple[int, int]], T]) -> None:
        self.fn = fn
        self._key: tuple[int, int] | None = None
        self._text: str | None = None
        self._value: T | None = None

    def __call__(self, text: str, sentence: tuple[int, int]) -> T:
        if self._text is not text or self._key != sentence:
            self._value = self.fn(text, sentence)
            self._text, self._key = text, sentence
        return self._value  # type: ignore[return-value]


def _marks(text: str, sentence: tuple[int, int]) -> tuple[list[int], list[int], list[int], list[int]]:
    """(ends and starts of hard boundaries, starts and ends of boundary words) in the sentence."""
    hard = list(_HARD.finditer(text, *sentence))
    words = list(_BOUNDARY.finditer(text, *sentence))
    return [m.end() for m in hard], [m.start() for m in hard], [m.start() for m in words], [m.end() for m in words]


_marks_of = SentenceCache(_marks)


def clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """(c0, c1): the clause of `sentence` that holds the figure text[start:end]."""
    s0, s1 = sentence
    hard_ends, hard_starts, word_starts, word_ends = _marks_of(text, sentence)
    c0, c1 = s0, s1
    # the last hard boundary, and the last boundary word, that end before the figure
    i = bisect.bisect_right(hard_ends, start)
    if i:
        c0 = hard_ends[i - 1]
    j = bisect.bisect_right(word_ends, start)
    if j:
        c0 = max(c0, word_starts[j - 1])
    # the first hard boundary after it, then the first boundary word before that
    i = bisect.bisect_left(hard_starts, end)
    if i < len(hard_starts):
        c1 = hard_starts[i]
    j = bisect.bisect_left(word_starts, end)
    if j < len(word_starts) and word_ends[j] <= c1:
        c1 = word_starts[j]
    return c0, c1


def in_parentheses(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """True for "(£1.4 billion)" and "(approximately £200 million)"."""
    before = text[sentence[0]:start]
    after = text[end:sentence[1]]
    return before.rfind("(") > before.rfind(")") and ")" in after


def list_lead_in_span(text: str, pos: int) -> tuple[int, int] | None:
    """For a figure in a bullet item, (start, end) of the sentence that introduces the list, else None.

    The lead-in is the last sentence of the nearest line above that is not
    itself a bullet and ends with a colon ("We have improved against almost
    every objective. In particular, we have:" -> "In particular, we have:").
    """
    line_start = text.rfind("\n", 0, pos) + 1
    if not _BULLET.match(text, line_start):
        return None
    i = line_start - 1
    while i > 0:
        prev_start = text.rfind("\n", 0, i) + 1
        line = text[prev_start:i]
        if line.strip() and not _BULLET.match(line):
            if not line.rstrip().endswith(":"):
                return None
            end = prev_start + len(line.rstrip())
            start = prev_start + len(line) - len(line.lstrip())
            for m in _SENTENCE_BREAK.finditer(text, start, end):
                start = m.end()
            return start, end
        i = prev_start - 1
    return None


def list_lead_in(text: str, pos: int) -> str | None:
    """For a figure in a bullet item, the sentence that introduces the list, else None."""
    span = list_lead_in_span(text, pos)
    return text[span[0]:span[1]] if span else None

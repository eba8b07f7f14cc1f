"""Clauses and list lead-ins: how far the words around a figure reach.

A cue ("would", "savings") only speaks for a figure in the same clause. The
clause is the part of the sentence between the nearest boundaries around the
figure: a semicolon or colon, a parenthesis, or a word that opens a
subordinate clause ("that", "which", "how", "whether", "while" …).

A bullet item ("- A 1 per cent increase … (£2 billion).") borrows the
context of the line that introduces its list ("the report recommends:").
"""

from __future__ import annotations

import regex

from extract.context.cues import V, pattern

BOUNDARY_WORDS = (*V["clauses"]["boundaries"], "how", "why")
_BOUNDARY = pattern(*BOUNDARY_WORDS)
_HARD = regex.compile(r"[;:()\[\]]|\s[–—]\s")
_BULLET = regex.compile(r"[ \t]*[-•*·▪–][ \t]+")


def clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """(c0, c1): the clause of `sentence` that holds the figure text[start:end]."""
    s0, s1 = sentence
    c0, c1 = s0, s1
    for m in _HARD.finditer(text, s0, start):
        c0 = m.end()
    for m in _BOUNDARY.finditer(text, s0, start):
        c0 = max(c0, m.start())
    m = _HARD.search(text, end, s1)
    if m is not None:
        c1 = m.start()
    m = _BOUNDARY.search(text, end, c1)
    if m is not None:
        c1 = m.start()
    return c0, c1


def in_parentheses(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """True for "(£1.4 billion)" and "(approximately £200 million)"."""
    before = text[sentence[0]:start]
    after = text[end:sentence[1]]
    return before.rfind("(") > before.rfind(")") and ")" in after


def list_lead_in(text: str, pos: int) -> str | None:
    """For a figure in a bullet item, the line that introduces the list, else None."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _BULLET.match(text, line_start):
        return None
    i = line_start - 1
    while i > 0:
        prev_start = text.rfind("\n", 0, i) + 1
        line = text[prev_start:i]
        if line.strip() and not _BULLET.match(line):
            return line.strip() if line.rstrip().endswith(":") else None
        i = prev_start - 1
    return None

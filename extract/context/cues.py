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


@cache
def pattern(*parts: str, anchor: str = "") -> regex.Pattern[str]:
    """One alternation of cue fragments, longest first, on word boundaries."""
    alts = sorted(set(parts), key=len, reverse=True)
    # Word boundaries only where the cue itself starts with a word (", and" starts with a comma).
    boundary = r"(?<![\w-])"
    body = "|".join(f"(?:{boundary if p[:1].isalnum() else ''}{p})" for p in alts)
    if anchor == "end":
        return regex.compile(rf"(?:{body})[\s\u00a0]*$", regex.IGNORECASE)
    if anchor == "start":  # used with .match(): anchored at the position given
        return regex.compile(rf"[\s\u00a0]*(?:{body})(?![\w-])", regex.IGNORECASE)
    return regex.compile(rf"(?:{body})(?![\w-])", regex.IGNORECASE)


@cache
def grouped(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> regex.Pattern[str]:
    """One alternation whose named groups say which cue list matched (`m.lastgroup`).

    Scanning once with this beats scanning once per list; within each group the
    longest cue is tried first, and the groups keep the order given.
    """
    boundary = r"(?<![\w-])"
    parts = []
    for name, cues in groups:
        alts = sorted(set(cues), key=len, reverse=True)
        body = "|".join(f"(?:{boundary if c[:1].isalnum() else ''}{c})" for c in alts)
        parts.append(f"(?P<{name}>{body})")
    return regex.compile("(?:" + "|".join(parts) + r")(?![\w-])", regex.IGNORECASE)

"""Where a rule can start: literals found with `str.find`, for rules led by a word or a sign.

A regular expression led by letters ("April", "GBP") or by signs outside
ASCII ("£", "€") is tried by the engine at nearly every position of the
text, and such a scan costs several times what `str.find` costs to find the
same few places. Rules led that way declare the literals they start with;
`starts` finds those (one `str.find` loop per distinct first character, the
rest of the literal checked with `startswith`), and `matches` tries the rule
only there. The result is what `finditer` would give: leftmost matches that
do not overlap, in text order, so long as every match of the rule begins
with one of its literals.

>>> import regex
>>> text = "£5bn in April, $2m in May, US$3m"
>>> starts(text, ("£", "$", "US$"))
[0, 15, 27, 29]
>>> [m.group() for m in matches(regex.compile(r"(?:US\\$|£|\\$)[0-9]+[a-z]*"), text, starts(text, ("£", "$", "US$")))]
['£5bn', '$2m', 'US$3m']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from extract.guard import ExtractionTimeout, limit_for


def starts(text: str, literals: Iterable[str]) -> list[int]:
    """Sorted offsets at which any of `literals` (case-sensitive) begins in `text`."""
    by_first: dict[str, list[str]] = {}
    for literal in literals:
        by_first.setdefault(literal[0], []).append(literal[1:])
    found: set[int] = set()
    for first, rests in by_first.items():
        # A one-character literal matches wherever its character is; else check the rest.
        every = "" in rests
        tails = tuple(rests)
        i = text.find(first)
        while i != -1:
            if every or text.startswith(tails, i + 1):
                found.add(i)
            i = text.find(first, i + 1)
    return sorted(found)


def matches(pattern: regex.Pattern[str], text: str, positions: Iterable[int],
            seconds: float | None = None) -> Iterator[regex.Match[str]]:
    """Matches of `pattern` tried only at `positions` (ascending), non-overlapping like `finditer`.

    Each try runs under the same time limit as the guard's scans.
    """
    limit = seconds if seconds is not None else limit_for(text)
    end = 0
    for pos in positions:
        if pos < end:
            continue  # inside the previous match, as finditer would skip it
        try:
            m = pattern.match(text, pos, timeout=limit)
        except TimeoutError as exc:
            raise ExtractionTimeout(f"pattern {pattern.pattern[:60].strip()} ran for more than {limit:g} s "
                                    f"at offset {pos} (catastrophic backtracking?)") from exc
        if m is not None:
            end = m.end() if m.end() > m.start() else m.end() + 1
            yield m

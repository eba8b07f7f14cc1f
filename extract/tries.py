"""Word lists as regex tries, so the engine branches once per character instead of once per word.

A plain alternation ("Band|Bands|Grade|…") makes the engine try every word in
turn at each position it visits; a trie shares the letters words have in
common. `suffix_trie` suits look-behinds, which the `regex` module matches
right to left, so it branches on the last letter first. Words are literal
text; a space matches any whitespace (`\\s`).

>>> suffix_trie(["Band", "Bands", "Grade"])
'(?:Band|Grade|Bands)'
>>> suffix_trie(["No.", "Fig."])
'(?:Fig|No)\\\\.'
"""

from __future__ import annotations

import regex


def suffix_trie(words: list[str] | tuple[str, ...], space: str = r"\s") -> str:
    """An alternation of `words` that matches the same strings, as a trie on last letters.

    A space in a word matches `space`. Where one word ends another ("over",
    "just over"), the longer is tried first (the optional front is greedy),
    as in an alternation sorted longest first.

    >>> print(suffix_trie(["over", "just over"], space=r"\\s+"))
    (?:just\\s+)?over
    """
    if not any(words):
        return ""
    lasts = sorted({w[-1] for w in words if w})
    branches = []
    for last in lasts:
        fronts = [w[:-1] for w in words if w[-1:] == last]
        rest = suffix_trie([f for f in fronts if f], space)
        if rest and "" in fronts:
            rest = f"(?:{rest})?"
        branches.append(rest + (space if last == " " else regex.escape(last)))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

"""Word lists as regex tries, so the engine branches once per character instead of once per word.

A plain alternation ("Band|Bands|Grade|…") makes the engine try every word in
turn at each position it visits; a trie shares the letters words have in
common. `prefix_trie` suits patterns read left to right; `suffix_trie` suits
look-behinds, which the `regex` module matches right to left, so it branches
on the last letter first. Words are literal text; a space matches any
whitespace (`\\s`).

>>> prefix_trie(["ten", "two", "twelve"])
't(?:en|w(?:elve|o))'
>>> suffix_trie(["Band", "Bands", "Grade"])
'(?:Band|Grade|Bands)'
"""

from __future__ import annotations

import regex


def _token(ch: str) -> str:
    return r"\s" if ch == " " else regex.escape(ch)


def prefix_trie(words: list[str] | tuple[str, ...], first: str = "") -> str:
    """An alternation of `words` that matches the same strings, as a trie on first letters.

    The engine tries the branches in turn; `first` lists first letters to
    put in front, most frequent first (branches start with different
    letters, so the order changes the speed, never the matches).

    >>> prefix_trie(["ten", "one"], first="to")
    '(?:ten|one)'
    """
    if not any(words):
        return ""
    heads = sorted({w[0] for w in words if w}, key=lambda h: (first.find(h) % (len(first) + 1), h))
    branches = []
    for head in heads:
        tails = [w[1:] for w in words if w[:1] == head]
        rest = prefix_trie([t for t in tails if t])
        if rest and "" in tails:
            rest = f"(?:{rest})?"
        branches.append(_token(head) + rest)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def suffix_trie(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of `words` that matches the same strings, as a trie on last letters."""
    if not any(words):
        return ""
    lasts = sorted({w[-1] for w in words if w})
    branches = []
    for last in lasts:
        fronts = [w[:-1] for w in words if w[-1:] == last]
        rest = suffix_trie([f for f in fronts if f])
        if rest and "" in fronts:
            rest = f"(?:{rest})?"
        branches.append(rest + _token(last))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

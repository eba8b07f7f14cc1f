"""Words matched case-insensitively, lowered the way the patterns saw them.

The `regex` module's case-insensitive matching takes three characters
outside ASCII for ASCII letters: "ſ" (long s) for "s", "K" (the Kelvin sign)
for "k" and "İ" for "i". So `(?i:years)` matches "yearſ", and a plain
`.lower()` of what it matched ("yearſ", "bi̇llion") is then missing from
the tables of ASCII words the rules look words up in. `fold` lowers a
matched word to the ASCII word the pattern matched it as.

>>> fold("YEARſ"), fold("bİllion"), fold("Per Cent")
('years', 'billion', 'per cent')
"""

from __future__ import annotations

# Every character outside ASCII that `(?i:[a-z])` matches, with its letter
# (checked over all of Unicode in tests/test_casefold.py).
ASCII_FOLDS = {"\u0130": "i", "\u017f": "s", "\u212a": "k"}
_TABLE = str.maketrans(ASCII_FOLDS)


def fold(word: str) -> str:
    """`word` lower-cased, with the characters in `ASCII_FOLDS` as their ASCII letters."""
    return word.translate(_TABLE).lower()

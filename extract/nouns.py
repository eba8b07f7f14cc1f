"""Counted nouns: the singular, lower-case form a count's `unit` and a rate's denominator publish.

The irregular plurals are data (`vocab/counts.toml`, `[irregular]`).
"""

from __future__ import annotations

from extract import vocab

IRREGULAR: dict[str, str] = vocab.load("counts")["irregular"]


def singular(word: str) -> str:
    """The singular of a counted noun, lower case ("GPs" -> "gp", "economies" -> "economy").

    >>> [singular(w) for w in ["nurses", "GPs", "economies", "midwives", "staff", "CCGs", "boards", "ICSs"]]
    ['nurse', 'gp', 'economy', 'midwife', 'staff', 'ccg', 'board', 'ics']
    """
    if is_acronym_plural(word):
        return word[:-1].lower()  # "ICSs", "CCGs": an acronym and a lower-case s
    w = word.lower().strip("’'")
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2:
        return w[:-1]
    return w


def is_acronym_plural(word: str) -> bool:
    return len(word) >= 3 and word[-1] == "s" and word[:-1].isupper()

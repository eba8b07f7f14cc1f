"""Vocabularies as data: the cue words the rules look for, one TOML file each.

Kept apart from the code so that a reader can see, and an analyst can extend,
every word list without reading a regular expression.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of `extract/vocab/<name>.toml`."""
    with resources.files(__package__).joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first, spaces as `\\s+`."""
    import regex

    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w).replace("\\ ", r"\s+").replace(" ", r"\s+") for w in parts)


def currency_codes() -> tuple[str, ...]:
    """Every ISO 4217 code `currencies.toml` names, sorted: the money units the dataset may publish."""
    cur = load("currencies")
    minor = cur.get("minor", {})
    codes = {v for table in ("before", "after") for v in cur[table].values() if v not in minor}
    codes |= {m["of"] for m in minor.values()}
    return tuple(sorted(codes))

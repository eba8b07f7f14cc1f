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

"""A figure mention: what the extractors produce and the context stage enriches.

A mention is a small immutable value: its kind, its span in the document's
text, its normalised value and the name of the rule that found it. Tables are
built once, at the end of the pipeline, from lists of mentions.

It is a `NamedTuple` rather than a frozen dataclass: every candidate figure
is built as one, and a frozen dataclass sets each field through
`object.__setattr__`, six times slower to construct.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

KINDS = ("money", "percent", "date", "count", "duration")


class Mention(NamedTuple):
    kind: str
    start: int
    end: int
    text: str
    rule: str
    value_low: float | None = None
    value_high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    per: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    # For dates written without a year ("in April"): month/day waiting for a year.
    pending: tuple[int, ...] | None = None
    # A rate per N other than time: "per 100,000 population" -> (100000.0, "population").
    denominator: float | None = None
    denominator_unit: str | None = None

    def with_(self, **changes: object) -> Mention:
        """A copy with some fields changed (mentions are immutable)."""
        return self._replace(**changes)

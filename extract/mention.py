"""A figure mention: what the extractors produce and the context stage enriches.

A mention is a small frozen value: its kind, its span in the document's text,
its normalised value and the name of the rule that found it. Tables are built
once, at the end of the pipeline, from lists of mentions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

KINDS = ("money", "percent", "date", "count", "duration")


@dataclass(frozen=True, slots=True)
class Mention:
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

    def with_(self, **changes: object) -> Mention:
        """A copy with some fields changed (mentions are immutable).

        Built with the constructor: `dataclasses.replace` costs twice as much,
        and every figure passes through here once.
        """
        values = {name: getattr(self, name) for name in _FIELDS}
        values.update(changes)
        return Mention(**values)  # type: ignore[arg-type]


_FIELDS = tuple(f.name for f in fields(Mention))

"""Context decisions, specified as data: tests/specs/context.json.

Each case gives a sentence, the figure to look at, and the decisions expected
for it (period, measure, direction, is_target, target_type, subject); fields
a case leaves out are not checked. `lead_in` text is put before the sentence
(for bullet items, whose context comes from the line that introduces the list).
`published` (ISO date) is the document's publication date, as a page's metadata
gives it; `not_supported` (the reason) records a known failure found on real
text: the case runs as an expected failure until a rule fixes it (XPASS), and
the line is then deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

from extract.context import contextualise
from extract.context.periods import relative_dates
from extract.extractor import extract
from extract.segment import Segments

CASES = json.loads((pathlib.Path(__file__).parent / "specs" / "context.json").read_text(encoding="utf-8"))


def _params() -> list[pytest.param]:
    return [pytest.param(c, id=f"{i}-{c['figure']}",
                         marks=[pytest.mark.xfail(reason=c["not_supported"], strict=False)]
                         if "not_supported" in c else [])
            for i, c in enumerate(CASES)]


@pytest.mark.parametrize("case", _params())
def test_context(case: dict) -> None:
    text = case.get("lead_in", "") + case["input"]
    published = dt.date.fromisoformat(case["published"]) if "published" in case else None
    segments = Segments(text, published)
    mentions = extract(text, segments)
    contexts = contextualise(text, mentions, segments)
    found = [(m, c) for m, c in zip(mentions, contexts, strict=True) if m.text == case["figure"]]
    assert found, [m.text for m in mentions]
    _, ctx = found[0]
    if "period" in case:
        got = [str(ctx.period.start), str(ctx.period.end)] if ctx.period else None
        assert got == case["period"], ctx
    for field in ("measure", "direction", "is_target", "target_type", "subject"):
        if field in case:
            assert getattr(ctx, field) == case[field], (field, ctx)


def test_relative_dates_resolve_against_the_published_date() -> None:
    import datetime as dt

    text = "A fall of 15% last year; growth this year; plans for next year and next April; this week."
    found = {m.text: (str(m.date_start), str(m.date_end))
             for m in relative_dates(text, 0, len(text), dt.date(2014, 5, 16))}
    assert found == {
        "last year": ("2013-01-01", "2013-12-31"),
        "this year": ("2014-01-01", "2014-12-31"),
        "next year": ("2015-01-01", "2015-12-31"),
        "next April": ("2015-04-01", "2015-04-30"),
        "this week": ("2014-05-12", "2014-05-18"),
    }


def test_relative_period_is_marked_in_the_rule() -> None:
    text = ("A post\n\nBy Mike Broad - 23rd September 2014 6:37 pm\n\n"
            "A fall of 15% in the number of doctors training as GPs last year, and 451 training places unfilled.")
    segments = Segments(text)
    mentions = extract(text, segments)
    ctx = dict(zip([m.text for m in mentions], contextualise(text, mentions, segments), strict=True))
    assert str(ctx["15%"].period.start) == "2013-01-01"
    assert ctx["15%"].period.rule == "period.after+relative"
    assert ctx["451"].period.rule == "period.before+relative"

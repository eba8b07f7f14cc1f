"""Behaviour specified as data: tests/specs/figures/*.json, sentence -> every expected figure.

Each spec lists ALL the figures the sentence holds, in order, so a spec fails
on a miss and on a false positive alike (as Recognizers-Text's Specs do).
Fields not given in a spec are not checked. As in Recognizers-Text's Specs:

- a result may give `start` and `end`, the figure's offsets in `input`;
- a case may give `published` (ISO date), the document's publication date;
- a case may give `not_supported` (the reason): a known failure found on real
  text, recorded the day it is found. It runs as an expected failure, so the
  suite stays green; when a rule fixes it pytest reports it as XPASS, and the
  `not_supported` line is deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import pathlib

import pytest

from extract.extractor import extract
from extract.segment import Segments

SPECS = pathlib.Path(__file__).parent / "specs" / "figures"


def _cases() -> list[pytest.param]:
    cases = []
    for path in sorted(SPECS.glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            marks = [pytest.mark.xfail(reason=case["not_supported"], strict=False)] if "not_supported" in case else []
            cases.append(pytest.param(case, id=f"{path.stem}-{i}-{case['input'][:40]}", marks=marks))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_spec(case: dict) -> None:
    text = case["input"]
    published = dt.date.fromisoformat(case["published"]) if "published" in case else None
    found = extract(text, Segments(text, published))
    got = [(m.text, m.kind) for m in found]
    want = [(r["text"], r["kind"]) for r in case["results"]]
    assert got == want
    for m, r in zip(found, case["results"], strict=True):
        assert text[m.start:m.end] == m.text
        if "start" in r:
            assert (m.start, m.end) == (r["start"], r["end"]), m
        if "value" in r:
            assert math.isclose(m.value_low, r["value"][0], rel_tol=1e-9), m
            assert math.isclose(m.value_high, r["value"][1], rel_tol=1e-9), m
        if "unit" in r:
            assert m.unit == r["unit"], m
        if "qualifier" in r:
            assert m.qualifier == r["qualifier"], m
        if "per" in r:
            assert m.per == r["per"], m
        for field in ("denominator", "denominator_unit"):
            if field in r:
                assert getattr(m, field) == r[field], (field, m)
        if "dates" in r:
            got_dates = [str(m.date_start) if m.date_start else None, str(m.date_end) if m.date_end else None]
            assert got_dates == r["dates"], m

"""Accuracy floor against the gold annotations of the bundled corpus (tests/data/gold).

Scored with the project's own evaluator (extract/evaluate.py), so that a
regression in any extractor fails CI. The floors are the acceptance levels
of the issue that introduced each kind.
"""

from __future__ import annotations

import pathlib

import pytest

from extract.evaluate import Result, evaluate, load_gold
from extract.extractor import extract

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = pathlib.Path(__file__).parent / "data" / "gold"


@pytest.fixture(scope="module")
def result() -> Result:
    preds = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in extract(text):
            preds.append({"source": path.name, "start": m.start, "end": m.end, "kind": m.kind,
                          "value_low": m.value_low, "value_high": m.value_high, "unit": m.unit,
                          "qualifier": m.qualifier, "per": m.per, "date_start": m.date_start,
                          "date_end": m.date_end, "text": m.text})
    return evaluate(load_gold(GOLD), preds)


def test_core_strict_f1(result: Result) -> None:
    assert result.core_strict_f1 >= 0.95


@pytest.mark.parametrize(("kind", "floor"), [("money", 0.97), ("percent", 0.97), ("date", 0.90),
                                             ("count", 0.85), ("duration", 0.85)])
def test_strict_f1_per_kind(result: Result, kind: str, floor: float) -> None:
    assert result.strict[kind].f1 >= floor, (result.misses, result.false_positives)


@pytest.mark.parametrize(("name", "floor"), [("qualifier", 0.97), ("per", 0.97)])
def test_attribute_accuracy(result: Result, name: str, floor: float) -> None:
    assert result.accuracy(name) >= floor

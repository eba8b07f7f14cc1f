"""Accuracy floor against the gold annotations of the bundled corpus (tests/data/gold).

The corpus goes through the whole pipeline (extraction and context), and the
figures are scored with the project's own evaluator (extract/evaluate.py),
so that a regression in any rule fails CI. The floors are the acceptance
levels of the issues that introduced each kind and attribute.
"""

from __future__ import annotations

import pathlib

import pytest

from extract.evaluate import Result, evaluate, load_gold, load_predictions
from extract.pipeline import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = pathlib.Path(__file__).parent / "data" / "gold"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    out = tmp_path_factory.mktemp("accuracy")
    run(ROOT / "corpus", out)
    return evaluate(load_gold(GOLD), load_predictions(out / "figures.parquet"))


def test_core_strict_f1(result: Result) -> None:
    assert result.core_strict_f1 >= 0.95


@pytest.mark.parametrize(("kind", "floor"), [("money", 0.97), ("percent", 0.97), ("date", 0.90),
                                             ("count", 0.85), ("duration", 0.85)])
def test_strict_f1_per_kind(result: Result, kind: str, floor: float) -> None:
    assert result.strict[kind].f1 >= floor, (result.misses, result.false_positives)


@pytest.mark.parametrize(("name", "floor"), [("qualifier", 0.97), ("per", 0.97), ("period", 0.90),
                                             ("measure", 0.90), ("direction", 0.92), ("is_target", 0.90)])
def test_attribute_accuracy(result: Result, name: str, floor: float) -> None:
    assert result.accuracy(name) >= floor

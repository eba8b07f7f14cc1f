"""Accuracy floors against gold annotations, on two sets of real documents.

- the bundled corpus (corpus/ against tests/data/gold): the floors are the
  acceptance levels of the issues that introduced each kind and attribute;
- the development set (tests/data/dev: 27 public documents of many genres that
  the rules were never written from): the floors sit just under what the rules
  reach today (see the README's accuracy table), so a regression on real text
  of any genre fails CI.

Each set goes through the whole pipeline (extraction, context, publication) and
is scored with the project's own evaluator (extract/evaluate.py), the same
numbers `make eval` prints.
"""

from __future__ import annotations

import pathlib

import pytest

from extract.evaluate import Result, evaluate, load_gold, load_predictions
from extract.pipeline import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = pathlib.Path(__file__).parent / "data"
SETS = {
    "bundled": (ROOT / "corpus", DATA / "gold"),
    "dev": (DATA / "dev" / "corpus", DATA / "dev" / "gold"),
}

FLOORS: dict[str, dict[str, float]] = {
    "bundled": {
        "core": 0.99,
        "strict:money": 0.97, "strict:percent": 0.97, "strict:date": 0.95, "strict:count": 0.90,
        "strict:duration": 0.90,
        "qualifier": 0.97, "per": 0.97, "period": 0.95, "measure": 0.95, "direction": 0.95, "is_target": 0.95,
        "rows:money": 0.92, "rows:percent": 0.86, "rows:count": 0.90,
    },
    "dev": {
        "core": 0.98,
        "strict:money": 0.98, "strict:percent": 0.98, "strict:date": 0.96, "strict:count": 0.98,
        "strict:duration": 0.97,
        "qualifier": 0.98, "per": 0.98, "period": 0.93, "measure": 0.93, "direction": 0.97, "is_target": 0.95,
        "rows:money": 0.85, "rows:percent": 0.89, "rows:count": 0.85,
    },
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    out: dict[str, Result] = {}
    for name, (corpus, gold) in SETS.items():
        folder = tmp_path_factory.mktemp(f"accuracy-{name}") / "output"
        run(corpus, folder)
        out[name] = evaluate(load_gold(gold), load_predictions(folder / "figures.parquet"))
    return out


def _measure(result: Result, name: str) -> float | None:
    if name == "core":
        return result.core_strict_f1
    if name.startswith("strict:"):
        return result.strict[name.split(":")[1]].f1
    if name.startswith("rows:"):
        return result.rows_wholly_right(name.split(":")[1])
    return result.accuracy(name)


@pytest.mark.parametrize(("dataset", "name", "floor"),
                         [(d, n, f) for d, floors in FLOORS.items() for n, f in floors.items()])
def test_floor(results: dict[str, Result], dataset: str, name: str, floor: float) -> None:
    result = results[dataset]
    got = _measure(result, name)
    assert got is not None and got >= floor, (dataset, name, got, result.misses[:5], result.wrong_attributes[:5])

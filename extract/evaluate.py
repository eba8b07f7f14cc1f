"""Score a figures table against gold annotations (GUIDELINES.md JSON lines).

So that anyone can measure accuracy on documents they annotated themselves:
annotate in the guidelines' JSON-lines format, run `make eval GOLD=dir`.

Matching: within a document, a prediction and a gold mention pair up when
their spans overlap; pairs are taken by largest overlap first, one to one.
Optional gold mentions neither count as misses nor make their matches false
positives.

- detected: paired and of the same kind;
- strict: detected with the right value: money, percent and duration within
  0.5% and the same unit; counts equal; dates with the same start and end;
- attributes: accuracy over strict matches of the kinds each applies to;
- rows wholly right: of the required money, percent and count figures, the
  share found with the right value and every attribute of the kind right (a
  miss counts as wrong) -- what an analyst filtering the table sees.

The headline, `core strict F1`, is micro-averaged over money, percent, date.

>>> gold = [{"source": "a.txt", "start": 0, "end": 4, "kind": "money", "value_low": 5.0,
...          "value_high": 5.0, "unit": "GBP", "optional": False}]
>>> pred = [{"source": "a.txt", "start": 0, "end": 4, "kind": "money", "value_low": 5.01,
...          "value_high": 5.01, "unit": "GBP"}]
>>> evaluate(gold, pred).strict["money"].f1
1.0
>>> evaluate(gold, pred).rows_wholly_right("money")  # no attribute in gold or prediction: all agree
1.0
>>> evaluate(gold, [dict(pred[0], period_start="2015-04-01")]).rows_wholly_right("money")
0.0
"""

from __future__ import annotations

import datetime as dt
import json
import math
import pathlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extract.mention import KINDS

CORE = ("money", "percent", "date")
ROW_KINDS = ("money", "percent", "count")
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "qualifier": ("money", "percent", "count", "duration"),
    "per": ("money", "count"),
    "period": ("money", "percent", "count"),
    "measure": ("money",),
    "direction": ("money", "percent", "count"),
    "is_target": ("money", "percent", "count", "duration"),
}
TOLERANCE = 0.005

Row = dict[str, Any]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


@dataclass
class Result:
    detect: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    strict: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (right, total)
    misses: list[Row] = field(default_factory=list)
    false_positives: list[Row] = field(default_factory=list)
    wrong_values: list[tuple[Row, Row]] = field(default_factory=list)
    wrong_attributes: list[tuple[Row, Row, tuple[str, ...]]] = field(default_factory=list)
    rows: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (wholly right, total)

    def total(self, level: str, kinds: tuple[str, ...] = KINDS) -> Counts:
        acc = Counts()
        for k in kinds:
            acc += getattr(self, level)[k]
        return acc

    @property
    def core_strict_f1(self) -> float:
        return self.total("strict", CORE).f1

    def accuracy(self, name: str) -> float | None:
        right, total = self.attributes.get(name, (0, 0))
        return round(right / total, 4) if total else None

    def rows_wholly_right(self, kind: str) -> float | None:
        right, total = self.rows.get(kind, (0, 0))
        return round(right / total, 4) if total else None


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, str):
        return value.strip() or None
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def _normalise(row: Row) -> Row:
    r = {k: _clean(v) for k, v in row.items()}
    r["source"] = pathlib.PurePath(str(r["source"])).name
    r["start"], r["end"] = int(r["start"]), int(r["end"])
    for k in ("value_low", "value_high"):
        if r.get(k) is not None:
            r[k] = float(r[k])
    for k in ("date_start", "date_end", "period_start", "period_end"):
        if r.get(k) is not None:
            r[k] = str(r[k])[:10]
    if isinstance(r.get("is_target"), str):
        r["is_target"] = r["is_target"].lower() in ("true", "1", "yes")
    return r


def load_gold(folder: pathlib.Path) -> list[Row]:
    """Every record of every *.jsonl file in `folder`."""
    rows: list[Row] = []
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            rows += [_normalise(json.loads(line)) for line in fh if line.strip()]
    return rows


def load_predictions(path: pathlib.Path) -> list[Row]:
    """A figures table from .parquet, .csv (BOM or not) or .jsonl."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    elif path.suffix == ".csv":
        import csv

        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        import pandas as pd

        rows = pd.read_parquet(path).to_dict("records")
    return [_normalise(r) for r in rows]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) or abs(a - b) < 1e-9


def value_correct(gold: Row, pred: Row) -> bool:
    """The predicted value is the gold one, as the strict level requires."""
    if gold["kind"] == "date":
        return (gold.get("date_start"), gold.get("date_end")) == (pred.get("date_start"), pred.get("date_end"))
    if not (_close(gold.get("value_low"), pred.get("value_low"))
            and _close(gold.get("value_high"), pred.get("value_high"))):
        return False
    if gold["kind"] == "count":
        return True
    return (gold.get("unit") or "").lower() == (pred.get("unit") or "").lower()


def attribute_correct(name: str, gold: Row, pred: Row) -> bool:
    if name == "period":
        return (gold.get("period_start"), gold.get("period_end")) == (pred.get("period_start"), pred.get("period_end"))
    g, p = gold.get(name), pred.get(name)
    if name == "qualifier":
        return (g or "exact") == (p or "exact")
    if name == "is_target":
        return bool(g) == bool(p)
    return g == p


def pair(gold: list[Row], preds: list[Row]) -> dict[int, int]:
    """gold index -> prediction index, by largest span overlap, one to one."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(preds):
        by_source[p["source"]].append(j)
    candidates = []
    for i, g in enumerate(gold):
        for j in by_source.get(g["source"], []):
            p = preds[j]
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((-overlap, i, j))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in candidates:
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def evaluate(gold: list[Row], preds: list[Row]) -> Result:
    """Scores of `preds` against `gold` (only documents that have gold count)."""
    gold = [_normalise(g) for g in gold]
    sources = {g["source"] for g in gold}
    preds = [_normalise(p) for p in preds if pathlib.PurePath(str(p["source"])).name in sources
             and p.get("kind") in KINDS]
    pairs = pair(gold, preds)
    paired_pred = {j: i for i, j in pairs.items()}
    result = Result()
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    rows_right: dict[str, int] = defaultdict(int)
    rows_total: dict[str, int] = defaultdict(int)
    for i, g in enumerate(gold):
        if g.get("optional"):
            continue
        j = pairs.get(i)
        kind = g["kind"]
        rows_total[kind] += 1
        if j is None or preds[j]["kind"] != kind:
            result.detect[kind].fn += 1
            result.strict[kind].fn += 1
            result.misses.append(g)
            continue
        result.detect[kind].tp += 1
        p = preds[j]
        if not value_correct(g, p):
            result.strict[kind].fn += 1
            result.strict[kind].fp += 1
            result.wrong_values.append((g, p))
            continue
        result.strict[kind].tp += 1
        wrong = []
        for name, kinds in ATTRIBUTES.items():
            if kind in kinds:
                total[name] += 1
                ok = attribute_correct(name, g, p)
                right[name] += ok
                if not ok:
                    wrong.append(name)
        if wrong:
            result.wrong_attributes.append((g, p, tuple(wrong)))
        else:
            rows_right[kind] += 1
    for j, p in enumerate(preds):
        i = paired_pred.get(j)
        if i is not None and (gold[i].get("optional") or gold[i]["kind"] == p["kind"]):
            continue
        result.detect[p["kind"]].fp += 1
        result.strict[p["kind"]].fp += 1
        result.false_positives.append(p)
    result.attributes = {name: (right[name], total[name]) for name in ATTRIBUTES}
    result.rows = {k: (rows_right[k], rows_total[k]) for k in ROW_KINDS}
    return result


def _shown(name: str, row: Row) -> str:
    if name == "period":
        return f"{row.get('period_start')}..{row.get('period_end')}"
    return repr(row.get(name))


def format_report(result: Result, misses: int = 0) -> str:
    """A plain-text table of the scores, as `make eval` prints it."""
    lines = [f"{'kind':10} {'detect P/R/F1':>22} {'strict P/R/F1':>22}"]
    for k in (*KINDS, "all"):
        d = result.total("detect") if k == "all" else result.detect[k]
        s = result.total("strict") if k == "all" else result.strict[k]
        lines.append(f"{k:10} {d.precision:6.3f} {d.recall:6.3f} {d.f1:6.3f}   "
                     f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    for name in ATTRIBUTES:
        acc = result.accuracy(name)
        lines.append(f"attribute {name:10} accuracy {'n/a' if acc is None else f'{acc:.3f}'} "
                     f"over {result.attributes[name][1]}")
    for kind in ROW_KINDS:
        share = result.rows_wholly_right(kind)
        if share is not None:
            ok, n = result.rows[kind]
            lines.append(f"rows wholly right {kind:8} {share:.3f} ({ok}/{n}: found, value and every attribute right)")
    for title, rows in (("missed", result.misses), ("false positive", result.false_positives)):
        lines += [f"{title}: {r['source']}:{r['start']} {r['kind']} {r.get('text')!r}" for r in rows[:misses]]
    for g, p in result.wrong_values[:misses]:
        lines.append(f"wrong value: {g['source']}:{g['start']} {g.get('text')!r} gold {g.get('value_low')}/"
                     f"{g.get('value_high')} {g.get('unit')} {g.get('date_start')} got {p.get('value_low')}/"
                     f"{p.get('value_high')} {p.get('unit')} {p.get('date_start')}")
    for g, p, names in result.wrong_attributes[:misses]:
        detail = ", ".join(f"{n} gold {_shown(n, g)} got {_shown(n, p)}" for n in names)
        lines.append(f"wrong attribute: {g['source']}:{g['start']} {g.get('text')!r} {detail}")
    lines.append(f"core strict F1 {result.core_strict_f1:.4f}")
    return "\n".join(lines)

"""Figures in tables: a cell takes its unit, scale, period, measure and labels from its table.

Readers write each table into the document's text (`extract/read/layout.py`)
and record its cells. The extractors read table text like any other, but a
bare number in a cell ("2,415.6", accounting "(12.4)") says nothing by itself:
its header does. For each cell of a table's body, in this order:

- **unit and scale** from the cell itself ("£5.3bn", "-1.5%"), else its
  column's header ("£m", "% change"), else the table's caption or the line
  above it ("Revenue allocations (£ million)", "£000s"); a bare number under
  a money header is that money ("2,415.6" under "£ million" is
  2,415,600,000 GBP), accounting brackets are negative ("(12.4)" is -12.4
  million), under a percent header a percentage, else a count; a rate's
  denominator from the header too ("Rate per 100,000 population",
  "Cost per patient (£)");
- **period** from the column header when it is a date or financial year
  ("2023/24", "Q3 2024/25", "March 2025"), else from the row's label, else
  from the caption when it names one ("Expenditure by scheme, UK, 2022");
- **measure** (money) from the row label, else the caption, by the nouns of
  `vocab/grammar.toml` ("Revenue allocations" is funding), else other;
- **direction** from the sign, in a column of changes ("% change");
  **is_target** in a column or table of plans or forecasts ("2025/26 plan");
- **subject** from the row label; the row's and the column's labels and the
  table's id are kept (`row_label`, `column_label`, `table_id`), and the
  figure's `sentence` is the caption, the labels and the cell.

Every decision is named in `rule` (`table.cell`, `table.unit.column`,
`period.column`, `measure.row`…). The words live in `vocab/tables.toml`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from extract import vocab
from extract.casefold import fold
from extract.context import DIRECTION_KINDS, Context
from extract.context.grammar import noun_phrase_measure
from extract.context.periods import Period
from extract.kinds import dates
from extract.mention import Mention
from extract.nouns import singular
from extract.numbers import SCALES, parse_number
from extract.rates import denominator_after
from extract.read.layout import Cell, Table

_T = vocab.load("tables")
_CUR = vocab.load("currencies")
# The scale words of running text, and those only headers use ("£000s", "£'000").
_SCALES = {**SCALES, **{k.lower(): float(v) for k, v in _T["scales"].items()}}
_CODES = set(vocab.currency_codes())
# Signs, codes and the names of whole currencies ("pounds", "dollars"; not "pence" or "cents").
_CURRENCIES = {k: v for k, v in (*_CUR["before"].items(), *_CUR["after"].items()) if v in _CODES}
_CURRENCY = vocab.alternation(sorted(_CURRENCIES, key=len, reverse=True))
_SCALE = vocab.alternation(sorted(_SCALES, key=len, reverse=True))
# "£ million", "£m", "(£000s)", "GBP million", "$bn", "£'000", "million pounds"
_MONEY_HEADER = regex.compile(
    rf"(?<![\w])(?:(?P<cur>{_CURRENCY})\s?(?P<scale>{_SCALE})?|(?P<scale2>{_SCALE})\s(?P<cur2>{_CURRENCY}))(?![\w])",
    regex.IGNORECASE)
_PERCENT_WORDS = [w for w in vocab.load("percent")["percent"] if w != "%"] + _T["headers"]["percent"]
# A percent sign or word that labels (not one written after a number: "rose by 5%" in a line
# above a table says nothing about the table's cells).
_PERCENT_HEADER = regex.compile(
    rf"(?<![0-9][ \u00a0]?)(?:%|(?<![\w])(?:{vocab.alternation(_PERCENT_WORDS)})(?![\w]))",
    regex.IGNORECASE)
_CHANGE = regex.compile(rf"(?<![\w])(?:{vocab.alternation(_T['headers']['change'])})(?![\w])", regex.IGNORECASE)
_PLAN = regex.compile(rf"(?<![\w])(?:{vocab.alternation(_T['headers']['plan'])})(?![\w])", regex.IGNORECASE)
# A cell that is only a number: a sign or accounting brackets, digits with separators, an optional
# percent sign, and a footnote marker ("2,415.6", "(12.4)", "-1.5%", "1,234*", "12.0 [note 3]").
_BARE = regex.compile(
    r"""^(?P<open>\()?(?P<sign>[-−–+])?\s?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
        (?P<close>\))?\s?(?P<pct>%)?(?:\s?(?:\*+|\[[^\]]{1,20}\]|[a-z]))?$""",
    regex.VERBOSE)
_YEAR = regex.compile(r"^(?:19|20)[0-9]{2}$")
_PER_WORD = regex.compile(r"(?<![\w])(?i:per)(?=\s)")
# "Deaths per 100,000": the counted noun; "Rate per 100,000" counts nothing by name.
_NOUN_BEFORE_PER = regex.compile(r"([A-Za-z][a-z]+)\s+$")
_NOT_COUNTED = frozenset(_T["headers"]["not_counted"])


LAYOUT_CELL = 400  # characters: a table with a longer cell lays out a page, it does not tabulate
PROSE_CELL = 80  # characters: a longer cell is a sentence, read in its own context


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a figure sits in a table, for its row in `figures`."""

    table_id: str
    row_label: str | None
    column_label: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str  # "money", "percent" or "count"
    currency: str | None = None  # money's ISO code
    scale: float = 1.0
    rule: str = ""
    denominator: float | None = None  # "Rate per 100,000 population", "Cost per patient (£)"
    denominator_unit: str | None = None
    noun: str | None = None  # what a count counts ("Deaths per 100,000" -> death)


def unit_of(label: str | None, where: str) -> _Unit | None:
    """The unit a header or caption gives its cells, if it names one.

    >>> u = unit_of("Revenue allocations (£ million)", "caption")
    >>> u.kind, u.currency, u.scale
    ('money', 'GBP', 1000000.0)
    >>> u = unit_of("Deaths per 100,000 population", "column")
    >>> u.kind, u.noun, u.denominator, u.denominator_unit
    ('count', 'death', 100000.0, 'population')
    >>> unit_of("% change", "column").kind
    'percent'
    """
    if not label:
        return None
    per = _PER_WORD.search(label)
    rate = denominator_after(label, per.start()) if per is not None else None
    denominator, denominator_unit = rate if rate is not None else (None, None)
    m = _MONEY_HEADER.search(label)
    if m is not None:
        currency = _CURRENCIES.get(m["cur"] or m["cur2"]) or _CURRENCIES.get(fold(m["cur"] or m["cur2"]))
        scale_word = m["scale"] or m["scale2"]
        scale = _SCALES.get(fold(scale_word), 1.0) if scale_word else 1.0
        if currency is not None:
            return _Unit("money", currency, scale, f"table.unit.{where}", denominator, denominator_unit)
    if _PERCENT_HEADER.search(label):
        return _Unit("percent", rule=f"table.unit.{where}")
    if rate is not None:
        noun = _NOUN_BEFORE_PER.search(label, 0, per.start())  # type: ignore[union-attr]
        counted = singular(noun.group(1)) if noun is not None and fold(noun.group(1)) not in _NOT_COUNTED else None
        return _Unit("count", noun=counted, rule=f"table.unit.{where}", denominator=denominator,
                     denominator_unit=denominator_unit)
    return None


def _period_of(label: str | None) -> Period | None:
    """The date or financial year a header is, when it names exactly one ("2023/24", "March 2025")."""
    if not label:
        return None
    found = [d for d in dates.find(label) if d.date_start is not None and d.rule != "date.name"]
    if len(found) != 1:
        return None
    d = found[0]
    return Period(d.date_start, d.date_end, d.text, "")


def _measure_of(row_label: str | None, caption: str | None) -> tuple[str, str] | None:
    """The measure the row label, else the caption, names, read as the grammar reads a noun
    phrase: its head noun, and capital anywhere in it is investment."""
    for where, label in (("row", row_label), ("caption", caption)):
        found = noun_phrase_measure(label) if label else None
        if found is not None:
            return found[1], where
    return None


@dataclass(frozen=True, slots=True)
class _Column:
    """What a column's header says about every cell under it, read once per table."""

    label: str | None = None
    unit: _Unit | None = None
    period: Period | None = None
    change: bool = False  # a column of changes ("% change"): a cell's sign is its direction
    plan: bool = False  # a column of plans or forecasts ("2025/26 plan"): its cells are targets


_NO_COLUMN = _Column()


def _columns(text: str, table: Table) -> dict[int, _Column]:
    """Each column's label (its header cells, top to bottom), and what the label and the caption
    give its cells: unit (the column's, else the caption's), period, change, plan."""
    labels: dict[int, list[str]] = {}
    for cell in table.cells:
        if cell.row < table.header_rows and cell.end > cell.start:
            labels.setdefault(cell.col, []).append(text[cell.start:cell.end])
    caption = table.caption or ""
    table_unit = unit_of(table.caption, "caption")
    cols = {cell.col for cell in table.cells}
    out = {}
    for col in cols:
        label = " ".join(labels.get(col, [])) or None
        out[col] = _Column(label, unit_of(label, "column") or table_unit, _period_of(label),
                           bool(_CHANGE.search(f"{label or ''} {caption}")),
                           bool(_PLAN.search(label or "") or _PLAN.search(caption)))
    return out


def apply(text: str, tables: tuple[Table, ...], mentions: list[Mention],
          contexts: list[Context]) -> tuple[list[Mention], list[Context], dict[int, Placement]]:
    """The mentions and contexts of `text` with each table cell's figure read as its table says;
    and, by figure start, where each figure in a table sits."""
    if not tables:
        return mentions, contexts, {}
    pairs = sorted(zip(mentions, contexts, strict=True), key=lambda p: (p[0].start, p[0].end))
    starts = [m.start for m, _ in pairs]
    replaced: set[int] = set()  # indexes in `pairs` of mentions a cell's own figure replaces
    added: list[tuple[Mention, Context]] = []
    placements: dict[int, Placement] = {}
    for table in tables:
        if any(c.end - c.start > LAYOUT_CELL for c in table.cells):
            continue  # a table used for layout (a page's columns of prose): its text is read as text
        columns = _columns(text, table)
        caption_period = _period_of(table.caption)  # "Expenditure by scheme, UK, 2022"
        for r, cells in table.rows().items():
            if r < table.header_rows:
                continue
            labels = _row_labels(text, cells)
            row_label = ", ".join(text[c.start:c.end] for c in labels if c.end > c.start) or None
            row_period = _period_of(row_label)
            for cell in cells[len(labels):]:
                cell_text = text[cell.start:cell.end]
                if not cell_text:
                    continue
                column = columns.get(cell.col, _NO_COLUMN)
                period, period_rule = next(((p, rule) for p, rule in ((column.period, "period.column"),
                                                                      (row_period, "period.row"),
                                                                      (caption_period, "period.caption"))
                                            if p is not None), (None, ""))
                lo = bisect.bisect_left(starts, cell.start)
                hi = bisect.bisect_left(starts, cell.end)
                inside = [i for i in range(lo, hi) if pairs[i][0].end <= cell.end]
                bare = _BARE.match(cell_text)
                if bare is not None:
                    made = _bare_figure(cell_text, cell.start, bare, column.unit)
                    if made is None:
                        continue
                    replaced.update(inside)
                    found = [made]
                elif cell.end - cell.start > PROSE_CELL:
                    continue  # a sentence in a cell: its own context says more than the labels
                else:
                    own = [i for i in inside if pairs[i][0].kind != "date"]
                    replaced.update(own)
                    found = [pairs[i][0] for i in own]
                placement = Placement(table.table_id, row_label, column.label,
                                      " — ".join(p for p in (table.caption, row_label, column.label) if p)
                                      + f": {cell_text}")
                for m in found:
                    added.append((m, _context(m, cell, period, period_rule, column, table, row_label)))
                    placements[m.start] = placement
    kept = [p for i, p in enumerate(pairs) if i not in replaced]
    merged = sorted([*kept, *added], key=lambda p: (p[0].start, p[0].end))
    return [m for m, _ in merged], [c for _, c in merged], placements


def _row_labels(text: str, cells: list[Cell]) -> list[Cell]:
    """The cells that label a row: its first cell ("Core services", "Q1 2024", a year) unless that
    is a plain number (a table with no row labels), and the cells of words after it ("London",
    "Barts"), up to the first with a digit."""
    first = text[cells[0].start:cells[0].end] if cells else ""
    if not cells or (_BARE.match(first) and not _YEAR.match(first)):
        return []
    labels = [cells[0]]
    for cell in cells[1:]:
        if any(ch.isdigit() for ch in text[cell.start:cell.end]):
            break
        labels.append(cell)
    if len(labels) == len(cells):
        return labels[:1]  # a row of words only: its first cell labels the others
    return labels


def _bare_figure(cell_text: str, start: int, bare: regex.Match[str], unit: _Unit | None) -> Mention | None:
    value = parse_number(bare["num"])
    accounting = bare["open"] is not None and bare["close"] is not None
    if (bare["open"] is not None or bare["close"] is not None) and not accounting:
        return None  # an unbalanced bracket: not a figure we can read
    negative = bare["sign"] in ("-", "−", "–") or (accounting and unit is not None and unit.kind == "money")
    end = bare.end("pct") if bare["pct"] else bare.end("close") if bare["close"] else bare.end("num")
    span_text = cell_text[:end]
    if bare["pct"] or (unit is not None and unit.kind == "percent"):
        kind, value_unit, rule = "percent", "percent", "table.cell.percent"
    elif unit is not None and unit.kind == "money":
        kind, value_unit, rule = "money", unit.currency, "table.cell.money"
        value *= unit.scale
    else:  # a count: the counted noun a rate's header names ("Deaths per 100,000" -> death)
        kind, value_unit, rule = "count", unit.noun if unit is not None else None, "table.cell.count"
    if negative:
        value = -value
    value = value or 0.0
    rated = unit is not None and unit.denominator is not None and kind != "percent"
    return Mention(kind, start, start + end, span_text, rule, value, value, value_unit, "exact",
                   denominator=unit.denominator if rated else None,  # type: ignore[union-attr]
                   denominator_unit=unit.denominator_unit if rated else None)  # type: ignore[union-attr]


def _context(m: Mention, cell: Cell, period: Period | None, period_rule: str, column: _Column, table: Table,
             row_label: str | None) -> Context:
    rules = ["table.cell"]
    if column.unit is not None and m.rule.startswith("table.cell"):
        rules.append(column.unit.rule)
    if period is not None:
        period = Period(period.start, period.end, period.text, period_rule)
        rules.append(period_rule)
    measure = None
    if m.kind == "money":
        found = _measure_of(row_label, table.caption)
        measure = found[0] if found else "other"
        rules.append(f"measure.{found[1]}" if found else "measure.default")
    direction = None
    if column.change and m.kind in DIRECTION_KINDS:
        value = m.value_low or 0
        direction = "decrease" if value < 0 else "increase" if value > 0 else None
        rules.append("direction.column")
    if column.plan:
        rules.append("target.column")
    return Context((cell.start, cell.end), period, measure, direction, column.plan,
                   "plan" if column.plan else None, row_label, None, None, tuple(rules))

"""Describe the published tables from their pandera models: one source of truth.

`datapackage()` gives a Frictionless Data Package descriptor (field types,
descriptions, units, enumerations, keys) for the CSV files, and
`dictionary()` the human-readable data dictionary (`OUTPUT/README.md`). Both
read only the models in this package, so a column added to a model shows up
in both without further edits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandera.pandas as pa

from schemas import TABLES

TITLES = {
    "figures": "Figures: one row per figure mention",
    "facts": "Facts: one row per distinct figure in its sentence (duplicates across documents counted once)",
    "targets": "Targets: one row per figure that is a target, pledge, plan, requirement, forecast or assumption",
    "documents": "Documents: one row per input document, read or failed",
    "sections": "Sections: one row per article, chapter or post",
}
PRIMARY_KEYS = {"figures": "figure_id", "facts": "fact_id", "targets": "target_id", "documents": "doc_id",
                "sections": "section_id"}
FOREIGN_KEYS = {
    "figures": [("doc_id", "documents", "doc_id"), ("section_id", "sections", "section_id")],
    "facts": [("figure_id", "figures", "figure_id")],
    "targets": [("figure_id", "figures", "figure_id"), ("doc_id", "documents", "doc_id")],
    "sections": [("doc_id", "documents", "doc_id")],
}
# Units of the value columns, for readers and for tools that read `unit` properties.
UNITS = {
    ("figures", "value_low"): "the unit in `unit`: whole currency units (GBP, USD, EUR) for money, percent or "
                              "percentage points, the time unit for durations, items for counts",
    ("figures", "value_high"): "as value_low",
    ("figures", "start"): "characters (Python string offsets)",
    ("figures", "end"): "characters (Python string offsets)",
    ("documents", "n_chars"): "characters",
}

NORMALISATION = """\
## How figures are normalised

- **Money** is in whole units of its currency, with the ISO 4217 code in
  `unit`: "£5.3bn", "£5,300m" and "5.3 billion pounds" are all 5300000000 GBP;
  "50p" is 0.5 GBP. Conversions go through one pint unit registry in which
  each currency is its own dimension, so amounts in different currencies are
  never mixed.
- **Ranges** ("£7-10 billion", "between 11 and 12 per cent") are one figure
  with `value_low` < `value_high`; a single value has both equal.
- **Percent** is as written (3.5 for "3.5%"); `unit` says `percent` or
  `percentage_point`.
- **Durations** are in their time unit (`year`, `month`, `week`, `day`,
  `hour`, `minute`): "seven decades" is 70 year.
- **Counts** are the number; `unit` is the counted noun, singular, lower case.
- **Dates** have no value; `date_start`/`date_end` give the interval they
  denote: "April 2014" is 2014-04-01/2014-04-30, a UK financial year "2015-16"
  is 2015-04-01/2016-03-31.
- `qualifier` records "about", "at least", "more than", "up to", "less than";
  `per` records a rate's time unit ("£12,000 a year").
- `period_*`, `measure`, `direction`, `is_target` and `subject` come from the
  figure's sentence; `rule` names every rule that fired, so each value can be
  traced.

## Conventions

- CSV files are UTF-8 with a byte-order mark, comma separated, with ISO dates,
  plain `.` decimals and no thousands separators. A text cell that would start
  with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading
  `'` so that spreadsheets never run it as a formula; the Parquet files keep
  the exact text.
- Lists (`facts.occurrences`, `facts.sources`) are lists in Parquet and
  `;`-joined in CSV.
- The same corpus always gives byte-identical files.
"""


def _field_type(dtype: str, column: str, table: str) -> str:
    if dtype.startswith("datetime"):
        return "date"
    if dtype.startswith(("int", "Int")):
        return "integer"
    if dtype.startswith("float"):
        return "number"
    if dtype.startswith(("bool", "boolean")):
        return "boolean"
    return "string"


def _value(v: Any) -> Any:
    if hasattr(v, "date") and callable(v.date):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def fields(name: str) -> list[dict[str, Any]]:
    """Frictionless field descriptors of table `name`, from its pandera model."""
    out = []
    for column, spec in TABLES[name].to_schema().columns.items():
        field: dict[str, Any] = {"name": column, "type": _field_type(str(spec.dtype), column, name),
                                 "description": spec.description or ""}
        constraints: dict[str, Any] = {}
        if not spec.nullable:
            constraints["required"] = True
        if spec.unique:
            constraints["unique"] = True
        for check in spec.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "greater_than_or_equal_to":
                constraints["minimum"] = _value(stats["min_value"])
            elif check.name == "less_than_or_equal_to":
                constraints["maximum"] = _value(stats["max_value"])
            elif check.name == "str_matches":
                constraints["pattern"] = stats["pattern"].lstrip("^").rstrip("$")
        if constraints:
            field["constraints"] = constraints
        if field["type"] == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        if (name, column) in UNITS:
            field["unit"] = UNITS[(name, column)]
        out.append(field)
    return out


def datapackage(version: str, names: list[str] | None = None) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the CSV tables in one output folder."""
    resources = []
    for name in names or list(TABLES):
        model: type[pa.DataFrameModel] = TABLES[name]
        schema: dict[str, Any] = {"fields": fields(name), "missingValues": [""], "primaryKey": [PRIMARY_KEYS[name]]}
        keys = [fk for fk in FOREIGN_KEYS.get(name, []) if names is None or fk[1] in names]
        if keys:
            schema["foreignKeys"] = [{"fields": [f], "reference": {"resource": r, "fields": [rf]}}
                                     for f, r, rf in keys]
        resources.append({
            "name": name, "title": TITLES[name], "description": (model.__doc__ or "").strip(),
            "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "profile": "tabular-data-resource", "schema": schema,
        })
    return {
        "name": "healthfigures",
        "title": "Figures in NHS and social-care documents",
        "description": "Every money amount, percentage, date, count and duration extracted from a corpus of "
                       "health-policy documents, with its context. Generated by healthfigures "
                       f"{version}; see README.md for the data dictionary.",
        "version": version,
        "profile": "tabular-data-package",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def dictionary(version: str) -> str:
    """The data dictionary, in Markdown: every table, every column, and the normalisation rules."""
    lines = [f"# Data dictionary (healthfigures {version})", "",
             "Generated from the pandera schemas in `schemas/`; do not edit by hand.", "",
             "Each table is published as `NAME.parquet` and `NAME.csv`; `datapackage.json` describes the CSV "
             "files as a Frictionless Data Package, and `rejects.csv` lists rows that failed a schema check "
             "(a healthy run has none).", ""]
    for name in TABLES:
        model = TABLES[name]
        lines += [f"## `{name}`", "", (model.__doc__ or "").strip(), "",
                  "| column | type | required | allowed values | meaning |", "| --- | --- | --- | --- | --- |"]
        for f in fields(name):
            c = f.get("constraints", {})
            allowed = ", ".join(f"`{v}`" for v in c["enum"]) if "enum" in c else ""
            if "minimum" in c or "maximum" in c:
                allowed = f"{c.get('minimum', '')} … {c.get('maximum', '')}".strip()
            if "pattern" in c:
                allowed = f"pattern `{c['pattern']}`"
            meaning = f["description"].replace("|", "\\|")
            if "unit" in f:
                meaning += f" Unit: {f['unit']}."
            lines.append(f"| `{f['name']}` | {f['type']} | {'yes' if c.get('required') else 'no'} | {allowed} | "
                         f"{meaning} |")
        lines.append("")
    return "\n".join(lines) + "\n" + NORMALISATION

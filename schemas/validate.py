"""Validate a table against its schema, setting failing rows aside as rejects.

A row that fails a check is never dropped silently: it leaves the table and
goes to `rejects` with the table's name, the row's id, the column and the
check that failed, and the offending value. A failure that concerns no row
(a missing column, a wrong dtype) stops the run with the schema's message.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from schemas import TABLES

REJECT_COLUMNS = ["table", "row_id", "row", "column", "check", "failure_case"]
_ID_COLUMNS = {"figures": "figure_id", "documents": "doc_id", "sections": "section_id", "targets": "target_id",
               "facts": "fact_id"}


class SchemaFailure(RuntimeError):
    """A table failed a check that no single row can be blamed for."""


def text_matches_document(texts: Callable[[str], str]) -> pa.Check:
    """A check that each figure's `text` equals its document's text at its offsets.

    `texts(doc_id)` gives a document's text; each document is loaded once and
    dropped before the next, so memory holds one text at a time.
    """

    def check(df: pd.DataFrame) -> pd.Series:
        ok = pd.Series(False, index=df.index, dtype=bool)
        for doc_id, rows in df.groupby("doc_id", sort=False):
            try:
                text = texts(str(doc_id))
            except (KeyError, OSError):
                continue
            ok[rows.index] = [text[s:e] == t for s, e, t in zip(rows["start"], rows["end"], rows["text"], strict=True)]
        return ok

    return pa.Check(check, error="text == document_text[start:end]")


def validate(name: str, df: pd.DataFrame, extra_checks: list[pa.Check] | None = None,
             model: Callable[[], pa.DataFrameSchema] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid rows, rejects) of table `name`; raises SchemaFailure on a table-wide failure."""
    schema = copy.deepcopy(model() if model else TABLES[name].to_schema())
    if extra_checks:
        schema.checks = [*schema.checks, *extra_checks]
    id_col = _ID_COLUMNS.get(name)
    rejects: list[dict[str, object]] = []
    current = df
    for _ in range(3):
        try:
            return schema.validate(current, lazy=True), pd.DataFrame(rejects, columns=REJECT_COLUMNS)
        except pa.errors.SchemaErrors as err:
            cases = err.failure_cases
            row_cases = cases[cases["index"].notna()]
            if len(row_cases) < len(cases):
                wide = cases[cases["index"].isna()].iloc[0]
                raise SchemaFailure(f"table {name}: check {wide['check']!r} failed on column "
                                    f"{wide['column']!r}: {wide['failure_case']!r}") from err
            bad = sorted(set(row_cases["index"].astype(int)))
            for _, case in row_cases.iterrows():
                idx = int(case["index"])
                row_id = current.at[idx, id_col] if id_col in current.columns else None
                rejects.append({"table": name, "row_id": row_id, "row": idx,
                                "column": case["column"] if case["column"] != name else None,
                                "check": str(case["check"]), "failure_case": str(case["failure_case"])})
            current = current.drop(index=bad)
    raise SchemaFailure(f"table {name}: rows still failing after removing rejects")

"""Typed frames of the published tables, and their Arrow schemas, from the pandera models.

Rows are built per document and pass through the pipeline in chunks; every
chunk is put into the dtypes its schema declares (`typed`), and written to
Parquet with one fixed Arrow schema per table (`arrow_schema`), so a table
written in many chunks, or with no rows at all, has the same column types as
one written at once.

Long text that many figures share (the sentence, the section's title, the
rule) is held as a pandas Categorical while rows wait to be published
(`compact`): a sentence holding 500 figures is stored once, not 500 times.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pyarrow as pa

from schemas import TABLES

# Columns whose values repeat across the rows of a document: held once per distinct value.
SHARED_TEXT = ("doc_id", "source", "section_id", "section_title", "sentence", "rule", "subject", "period_text",
               "unit", "kind", "qualifier", "per", "measure", "direction", "denominator_unit", "metric", "actor",
               "baseline_text", "target_type")


@cache
def _dtypes(name: str) -> dict[str, str]:
    return {col: str(spec.dtype) for col, spec in TABLES[name].to_schema().columns.items()}


def columns(name: str) -> list[str]:
    return list(_dtypes(name))


def _arrow_type(dtype: str) -> pa.DataType:
    if dtype.startswith("datetime"):
        return pa.date32()
    if dtype == "boolean" or dtype == "bool":
        return pa.bool_()
    if dtype in ("float64",):
        return pa.float64()
    if dtype in ("int64", "Int64"):
        return pa.int64()
    if dtype == "object":
        return pa.list_(pa.string())
    return pa.large_string()


def typed(name: str, data: pd.DataFrame | list[dict[str, object]] | None = None) -> pd.DataFrame:
    """`data` as a frame of table `name`: exactly its columns, in order, in its dtypes.

    A Categorical text column stays Categorical (see `compact`).
    """
    dtypes = _dtypes(name)
    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data or [], columns=list(dtypes))
    df = df.reindex(columns=list(dtypes))
    out = {}
    for col, dtype in dtypes.items():
        s = df[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[col] = s
        elif dtype.startswith("datetime"):
            out[col] = pd.to_datetime(s).astype("datetime64[ns]")
        elif dtype == "boolean":
            out[col] = s.astype("boolean")
        elif dtype == "float64":
            out[col] = s.astype("float64")
        elif dtype == "Int64":
            out[col] = s.astype("Int64")
        elif dtype == "int64":
            out[col] = s.astype("int64")
        elif dtype == "object":
            out[col] = s.astype(object)
        else:
            out[col] = s.astype(object).where(s.notna(), None).astype("str")
    return pd.DataFrame(out, index=df.index)


def compact(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with its shared text columns as Categoricals (each distinct value stored once)."""
    df = df.copy()
    for col in SHARED_TEXT:
        if col in df.columns and not isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = df[col].astype("category")
    return df


def compact_columns(columns: dict[str, list[object]]) -> pd.DataFrame:
    """A frame from column lists, the shared text columns made Categorical straight from the lists.

    Going through a plain text column first would copy a 1,000-character
    sentence once per figure it holds, which is what `compact` exists to avoid.
    """
    data: dict[str, object] = {}
    for col, values in columns.items():
        data[col] = categorical(values) if col in SHARED_TEXT else values
    return pd.DataFrame(data)


def categorical(values: list[object]) -> pd.Categorical:
    """A Categorical of text values, factorised in Python on the strings' cached hashes.

    `pd.Categorical(values)` would first copy every value into one Arrow
    string array: 250,000 references to a few long sentences became 500 MB.
    """
    codes: dict[object, int] = {}
    out = [codes.setdefault(v, len(codes)) if v is not None else -1 for v in values]
    categories = pd.Index(list(codes), dtype="str") if codes else pd.Index([], dtype="str")
    return pd.Categorical.from_codes(out, categories=categories)


def expand(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with Categorical columns back as plain text (for validation and writing a chunk)."""
    cats = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    if not cats:
        return df
    df = df.copy()
    for col in cats:
        values = df[col].astype(object)
        df[col] = values.where(values.notna(), None).astype("str")
    return df


@cache
def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of table `name` in Parquet, with pandas' metadata for its nullable dtypes."""
    fields = [pa.field(col, _arrow_type(dtype)) for col, dtype in _dtypes(name).items()]
    schema = pa.schema(fields)
    meta = pa.Table.from_pandas(typed(name), preserve_index=False).schema.metadata
    return schema.with_metadata(meta)


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """A chunk of table `name` as an Arrow table in its fixed schema."""
    schema = arrow_schema(name)
    arrays = []
    for f in schema:
        s = df[f.name]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object).where(s.notna(), None)
        if pa.types.is_date32(f.type):
            arr = pa.array(pd.to_datetime(s).astype("datetime64[ns]"), from_pandas=True).cast(pa.date32())
        elif pa.types.is_list(f.type):
            arr = pa.array([list(v) if isinstance(v, (list, tuple)) else None for v in s], type=f.type)
        else:
            arr = pa.array(s, from_pandas=True).cast(f.type)
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=schema)


def from_arrow(name: str, table: pa.Table | pa.RecordBatch) -> pd.DataFrame:
    """A chunk read back from Parquet, in the table's pandas dtypes."""
    df = table.to_pandas(date_as_object=False)
    return typed(name, df)

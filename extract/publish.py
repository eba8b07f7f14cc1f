"""Write tables atomically as Parquet and spreadsheet-safe CSV (SPEC.md conventions).

Every file is first written to a temporary file in the same folder and then
renamed over the target, so a crash never leaves a half-written file and a
reader never sees one.

CSV: UTF-8 with a byte-order mark, comma separated, ISO dates, plain `.`
decimals with no exponent and no thousands separators; a text cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
so that no spreadsheet runs it as a formula. Parquet keeps exact values with
real date columns.

>>> spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("-5%"), spreadsheet_safe("£5bn")
("'=SUM(A1)", "'-5%", '£5bn')
>>> plain_decimal(5.3e9), plain_decimal(0.5), plain_decimal(3.0)
('5300000000', '0.5', '3')
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import pathlib
import tempfile
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(target: pathlib.Path) -> Iterator[pathlib.Path]:
    """A temporary path beside `target` that replaces it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = pathlib.Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp_path, 0o666 & ~_UMASK)  # mkstemp makes 0600; published files are readable
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes(target: pathlib.Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: pathlib.Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def spreadsheet_safe(value: str) -> str:
    """`value` with a leading `'` if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def plain_decimal(value: float) -> str:
    """A float as a plain decimal: no exponent, no trailing `.0`."""
    return np.format_float_positional(value, trim="-")


def _date_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """The table with date columns as Arrow date32 and no pandas index."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    for name in _date_columns(df):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, pa.field(name, pa.date32()), table.column(name).cast(pa.date32()))
    return table


def csv_text(df: pd.DataFrame) -> str:
    """The table as spreadsheet-safe CSV text (without the byte-order mark)."""
    formatters: dict[str, Callable[[object], str]] = {}
    for name in df.columns:
        series = df[name]
        if name in _date_columns(df):
            formatters[name] = lambda v: "" if pd.isna(v) else v.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(series):
            formatters[name] = lambda v: "" if pd.isna(v) else plain_decimal(float(v))
        elif series.map(lambda v: isinstance(v, (list, tuple))).any():
            formatters[name] = lambda v: ";".join(map(spreadsheet_safe, v)) if isinstance(v, (list, tuple)) else ""
        elif pd.api.types.is_bool_dtype(series):
            formatters[name] = lambda v: "" if pd.isna(v) else ("true" if v else "false")
        else:
            formatters[name] = lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) \
                else spreadsheet_safe(str(v))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(df.columns)
    columns = [df[c].tolist() for c in df.columns]
    fmts = [formatters[c] for c in df.columns]
    for row in zip(*columns, strict=True):
        writer.writerow([f(v) for f, v in zip(fmts, row, strict=True)])
    return buf.getvalue()


def write_table(df: pd.DataFrame, name: str, out_dir: pathlib.Path) -> list[pathlib.Path]:
    """Write `df` as NAME.parquet and NAME.csv in `out_dir`; returns the paths."""
    parquet_path = out_dir / f"{name}.parquet"
    with atomic_path(parquet_path) as tmp:
        pq.write_table(to_arrow(df), tmp, compression="zstd")
    csv_path = out_dir / f"{name}.csv"
    write_bytes(csv_path, b"\xef\xbb\xbf" + csv_text(df).encode("utf-8"))
    return [parquet_path, csv_path]


# A fixed creation time keeps the workbook byte-identical between runs.
_WORKBOOK_TIME = dt.datetime(2000, 1, 1)


def write_workbook(tables: dict[str, pd.DataFrame], target: pathlib.Path) -> None:
    """All tables in one .xlsx, a sheet each: frozen header row, filters, sensible widths.

    Text is written as text (never as a formula or a link), dates as dates,
    numbers as numbers.
    """
    import xlsxwriter

    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False, "nan_inf_to_errors": False})
        book.set_properties({"title": "healthfigures dataset", "created": _WORKBOOK_TIME})
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, df in tables.items():
            sheet = book.add_worksheet(name[:31])
            dates = set(_date_columns(df))
            for c, column in enumerate(df.columns):
                sheet.write_string(0, c, column, header)
                values = df[column].tolist()
                width = len(column)
                for r, v in enumerate(values, start=1):
                    if v is None or (not isinstance(v, (list, tuple, str)) and pd.isna(v)):
                        continue
                    if column in dates:
                        sheet.write_datetime(r, c, v.to_pydatetime(), date_fmt)
                        width = max(width, 10)
                    elif isinstance(v, (bool, np.bool_)):
                        sheet.write_boolean(r, c, bool(v))
                    elif isinstance(v, (int, float, np.integer, np.floating)):
                        sheet.write_number(r, c, float(v))
                        width = max(width, min(len(plain_decimal(float(v))), 18))
                    else:
                        text = ";".join(v) if isinstance(v, (list, tuple)) else str(v)
                        sheet.write_string(r, c, text)
                        width = max(width, min(len(text), 60))
                sheet.set_column(c, c, width + 2)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(len(df), 1), max(len(df.columns) - 1, 0))
        book.close()

"""Write the tables: Parquet in chunks, then CSV and the workbook read back from it (SPEC.md conventions).

Every file of a release is written into the run's staging folder
(`extract/release.py` swaps the folder in whole), and each table streams
through in chunks, so memory holds one chunk, never a whole table:

- `ParquetTable` appends typed chunks to NAME.parquet (row groups of
  `ROW_GROUP` rows, one fixed Arrow schema);
- `write_csv` and `write_workbook` read those Parquet files back batch by
  batch.

CSV: UTF-8 with a byte-order mark, comma separated, ISO dates, plain `.`
decimals with no exponent and no thousands separators; a text cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
so that no spreadsheet runs it as a formula. Parquet keeps exact values with
real date columns.

Excel holds at most 1,048,576 rows a sheet and 32,767 characters a cell: a
table with more rows continues on further sheets ("figures (2)"), and a
table with a longer cell is left out of the workbook; either is returned as
a note for the run's summary, never done silently.

>>> spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("-5%"), spreadsheet_safe("£5bn")
("'=SUM(A1)", "'-5%", '£5bn')
>>> plain_decimal(5.3e9), plain_decimal(0.5), plain_decimal(3.0), plain_decimal(-1.2)
('5300000000', '0.5', '3', '-1.2')
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import logging
import os
import pathlib
import tempfile
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract import frames

log = logging.getLogger("healthfigures")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROW_GROUP = 65_536
READ_BATCH = 10_000
EXCEL_MAX_ROWS = 1_048_576  # header row included
EXCEL_MAX_CELL = 32_767
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(target: pathlib.Path) -> Iterator[pathlib.Path]:
    """A temporary path beside `target` that replaces it only if the block succeeds (for files outside a release)."""
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


class ParquetTable:
    """NAME.parquet in `folder`, written chunk by chunk in the table's fixed schema."""

    def __init__(self, name: str, folder: pathlib.Path) -> None:
        self.name = name
        self.path = folder / f"{name}.parquet"
        self.rows = 0
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._writer = pq.ParquetWriter(self.path, frames.arrow_schema(name), compression="zstd")

    def append(self, df: pd.DataFrame) -> None:
        if df.empty:
            return
        self._pending.append(frames.to_arrow(self.name, df))
        self._pending_rows += len(df)
        self.rows += len(df)
        if self._pending_rows >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            table = pa.concat_tables(self._pending)
            self._writer.write_table(table, row_group_size=ROW_GROUP)
            self._pending, self._pending_rows = [], 0

    def close(self) -> pathlib.Path:
        self._flush()
        self._writer.close()
        return self.path


def batches(path: pathlib.Path, name: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
    """Table `name` read back from Parquet in chunks of typed rows."""
    pf = pq.ParquetFile(path)
    for batch in pf.iter_batches(batch_size=READ_BATCH, columns=columns):
        df = batch.to_pandas(date_as_object=False)
        yield frames.typed(name, df) if columns is None else df


def _formatters(df: pd.DataFrame) -> list[Callable[[object], str]]:
    fmts: list[Callable[[object], str]] = []
    for name in df.columns:
        series = df[name]
        if pd.api.types.is_datetime64_any_dtype(series):
            fmts.append(lambda v: "" if pd.isna(v) else v.strftime("%Y-%m-%d"))
        elif pd.api.types.is_float_dtype(series):
            fmts.append(lambda v: "" if pd.isna(v) else plain_decimal(float(v)))
        elif series.dtype == object and series.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            fmts.append(lambda v: ";".join(map(spreadsheet_safe, v)) if isinstance(v, (list, tuple, np.ndarray))
                        else "")
        elif pd.api.types.is_bool_dtype(series):
            fmts.append(lambda v: "" if pd.isna(v) else ("true" if v else "false"))
        else:
            fmts.append(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v))
                        else spreadsheet_safe(str(v)))
    return fmts


def csv_rows(df: pd.DataFrame) -> Iterator[list[str]]:
    """The rows of a chunk as spreadsheet-safe CSV cells."""
    fmts = _formatters(df)
    columns = [df[c].tolist() for c in df.columns]
    for row in zip(*columns, strict=True):
        yield [f(v) for f, v in zip(fmts, row, strict=True)]


def csv_text(df: pd.DataFrame) -> str:
    """A small table as spreadsheet-safe CSV text (without the byte-order mark)."""
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(df.columns)
    writer.writerows(csv_rows(df))
    return buf.getvalue()


def write_csv(parquet: pathlib.Path, name: str, target: pathlib.Path) -> None:
    """NAME.csv from NAME.parquet, batch by batch."""
    with open(target, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(frames.columns(name))
        for chunk in batches(parquet, name):
            writer.writerows(csv_rows(chunk))


# A fixed creation time keeps the workbook byte-identical between runs.
_WORKBOOK_TIME = dt.datetime(2000, 1, 1)


def _too_long_cell(parquet: pathlib.Path, name: str) -> tuple[int, str, int] | None:
    """(row, column, length) of the first cell longer than Excel allows, or None."""
    row = 0
    for chunk in batches(parquet, name):
        for col in chunk.columns:
            values = chunk[col]
            if values.dtype == object and values.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
                lengths = values.map(lambda v: len(";".join(v)) if isinstance(v, (list, tuple, np.ndarray)) else 0)
            elif pd.api.types.is_string_dtype(values):
                lengths = values.str.len().fillna(0)
            else:
                continue
            over = np.flatnonzero(lengths.to_numpy() > EXCEL_MAX_CELL)
            if len(over):
                return row + int(over[0]) + 1, col, int(lengths.iloc[over[0]])
        row += len(chunk)
    return None


def write_workbook(tables: dict[str, pathlib.Path], target: pathlib.Path) -> list[str]:
    """All tables in one .xlsx, a sheet each (frozen header row, filters, sized columns); returns notes.

    Text is written as text (never as a formula or a link), dates as dates,
    numbers as numbers. Rows stream from the Parquet files
    (xlsxwriter's constant-memory mode).
    """
    import xlsxwriter

    notes: list[str] = []
    book = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False, "nan_inf_to_errors": False,
                                             "constant_memory": True})
    book.set_properties({"title": "healthfigures dataset", "created": _WORKBOOK_TIME})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    per_sheet = EXCEL_MAX_ROWS - 1
    for name, parquet in tables.items():
        too_long = _too_long_cell(parquet, name)
        if too_long is not None:
            row, col, length = too_long
            notes.append(f"figures.xlsx: sheet {name} left out: row {row}, column {col} holds {length:,} characters, "
                         f"more than Excel's {EXCEL_MAX_CELL:,} a cell (the CSV and Parquet files have it whole)")
            continue
        n_rows = pq.ParquetFile(parquet).metadata.num_rows
        n_sheets = max(1, -(-n_rows // per_sheet))
        if n_sheets > 1:
            notes.append(f"figures.xlsx: {name} has {n_rows:,} rows, more than Excel's {per_sheet:,} a sheet: "
                         f"split over {n_sheets} sheets ({name}, {name} (2) …)")
        cols = frames.columns(name)
        widths = [len(c) for c in cols]
        sheets = []
        for k in range(n_sheets):
            sheet = book.add_worksheet(name[:31] if k == 0 else f"{name[:25]} ({k + 1})")
            for c, column in enumerate(cols):
                sheet.write_string(0, c, column, header)
            sheets.append(sheet)
        r = 0
        for chunk in batches(parquet, name):
            dates = {c for c in cols if pd.api.types.is_datetime64_any_dtype(chunk[c])}
            values = [chunk[c].tolist() for c in cols]
            for row in zip(*values, strict=True):
                sheet = sheets[r // per_sheet]
                x = r % per_sheet + 1
                for c, v in enumerate(row):
                    if v is None or (not isinstance(v, (list, tuple, str, np.ndarray)) and pd.isna(v)):
                        continue
                    if cols[c] in dates:
                        sheet.write_datetime(x, c, v.to_pydatetime(), date_fmt)
                        widths[c] = max(widths[c], 10)
                    elif isinstance(v, (bool, np.bool_)):
                        sheet.write_boolean(x, c, bool(v))
                    elif isinstance(v, (int, float, np.integer, np.floating)):
                        sheet.write_number(x, c, float(v))
                        widths[c] = max(widths[c], min(len(plain_decimal(float(v))), 18))
                    else:
                        text = ";".join(v) if isinstance(v, (list, tuple, np.ndarray)) else str(v)
                        sheet.write_string(x, c, text)
                        widths[c] = max(widths[c], min(len(text), 60))
                r += 1
        for k, sheet in enumerate(sheets):
            rows_here = min(per_sheet, max(0, n_rows - k * per_sheet))
            for c, w in enumerate(widths):
                sheet.set_column(c, c, w + 2)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(rows_here, 1), max(len(cols) - 1, 0))
        log.info("figures.xlsx: sheet %s written (%d rows)", name, n_rows)
    book.close()
    return notes

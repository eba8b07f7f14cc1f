"""What a reader returns besides the text: the tables in it and what the document says about itself.

Readers of structured formats (HTML, Word, PDF) write the document's text
block by block through a `TextBuilder`, which keeps the offsets of every table
and of every cell in the text it builds. Tables are written as text (a caption
line, then one line per row, cells separated by tabs), so every rule still
reads them and every offset still points into the document's text; the
`Table` records say which spans are cells and under which row and column
labels they sit (`extract/tables.py` reads figures from them).

`Metadata` is what the document states about itself (HTML `<meta>` and
JSON-LD, PDF document info, Word core properties): a title, the canonical URL
and the publication date, used before anything guessed from the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table: its span in the document's text and where it sits."""

    start: int
    end: int
    row: int
    col: int
    header: bool  # a header cell (`<th>`, a table's first row, a row's label)


@dataclass(frozen=True, slots=True)
class Table:
    """A table as written into the document's text (`start`..`end`), with its cells."""

    table_id: str  # "t1", "t2"… in document order
    start: int
    end: int
    caption: str | None  # the caption, or the heading or short line just above the table
    cells: tuple[Cell, ...]
    header_rows: int  # how many rows at the top are column headers

    def rows(self) -> dict[int, list[Cell]]:
        out: dict[int, list[Cell]] = {}
        for cell in self.cells:
            out.setdefault(cell.row, []).append(cell)
        return out


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the document states about itself; None where it does not."""

    title: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """A reader's result: the text, its encoding, page starts (PDF), tables and metadata."""

    text: str
    encoding: str
    pages: tuple[int, ...] | None = None
    tables: tuple[Table, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)


_WHITE = regex.compile(r"\s+")
# A line above a table longer than this is a paragraph of text, not the table's name.
LABEL_ABOVE_MAX = 200


def leading_date(pattern: regex.Pattern[str], value: str | None) -> dt.date | None:
    """The date whose year, month and day `pattern` reads (groups 1-3) at the start of `value`,
    if it is a real date: how HTML metadata ("2024-03-14T09:30:00Z") and PDF document info
    ("D:20240314093000") state theirs.

    >>> iso = regex.compile(r"(\\d{4})-(\\d{2})-(\\d{2})")
    >>> leading_date(iso, "2024-03-14T09:30:00Z"), leading_date(iso, "2024-02-30"), leading_date(iso, None)
    (datetime.date(2024, 3, 14), None, None)
    """
    m = pattern.match(value.strip()) if value else None
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def clean(text: str) -> str:
    """A cell's or a line's text on one line: runs of white space become one space."""
    return _WHITE.sub(" ", text).strip()


class TextBuilder:
    """Writes a document's text block by block, keeping the offsets of tables and their cells."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self.tables: list[Table] = []
        self._last: str | None = None

    def _write(self, piece: str) -> None:
        self._parts.append(piece)
        self._size += len(piece)

    def _break(self) -> None:
        """A blank line before the next block (none at the start of the text)."""
        if self._size:
            self._write("\n\n")

    def block(self, text: str) -> None:
        """A paragraph, heading or list item: one line of its own."""
        line = clean(text)
        if line:
            self._break()
            self._write(line)
            self._last = line

    def raw(self, text: str) -> None:
        """Text whose lines are kept as they are (a PDF page's text layer), after a blank line."""
        text = text.strip("\n")
        if text.strip():
            self._break()
            self._write(text)
            last = text.rstrip().rsplit("\n", 1)[-1].strip()
            self._last = last or None

    @property
    def size(self) -> int:
        """Characters written so far: where the next block starts, after its blank line."""
        return self._size

    def last_block(self) -> str | None:
        """The paragraph written last, if the last block was one (a heading or line above a table)."""
        return self._last

    def table(self, rows: list[list[tuple[str, bool]]], caption: str | None = None,
              label_above: str | None = None) -> Table | None:
        """A table from rows of (cell text, is header) pairs; its first rows made of header cells
        are its column headers. Written as the caption line, then a line per row, cells
        separated by tabs; empty rows are left out. `label_above` (a heading or "Table 1: …"
        line already written above the table) names the table when it has no caption."""
        rows = [[(clean(t), h) for t, h in row] for row in rows]
        rows = [row for row in rows if any(t for t, _ in row)]
        if not rows:
            return None
        header_rows = 0
        for row in rows:
            if all(h for t, h in row if t) and any(t for t, _ in row):
                header_rows += 1
            else:
                break
        if len(rows) < 2:
            header_rows = 0
        elif header_rows in (0, len(rows)):
            header_rows = 1  # no header marked, or every row marked: the first row labels the columns
        self._break()
        start = self._size
        caption = clean(caption) if caption else None
        if caption:
            self._write(caption + "\n")
        cells: list[Cell] = []
        for r, row in enumerate(rows):
            if r:
                self._write("\n")
            for c, (text, header) in enumerate(row):
                if c:
                    self._write("\t")
                cells.append(Cell(self._size, self._size + len(text), r, c, header or r < header_rows))
                self._write(text)
        above = clean(label_above) if label_above else None
        name = caption or (above if above and len(above) <= LABEL_ABOVE_MAX else None)
        table = Table(f"t{len(self.tables) + 1}", start, self._size, name, tuple(cells), header_rows)
        self.tables.append(table)
        self._last = None
        return table

    def text(self) -> str:
        return "".join(self._parts) + ("\n" if self._size else "")

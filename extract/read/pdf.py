"""PDF: the text layer page by page, its tables as tables, without the page furniture.

pypdfium2 (PDFium, Chrome's PDF engine) reads the text layer; pdfplumber
finds the ruled tables and their cells, and a table set without rules is
found from the positions of its words (`unruled_tables`: lines whose words
fall into the same aligned columns, with numbers in them). A page with
no table is PDFium's text; a page with tables is read in bands: the text above
each table, the table through `layout.TextBuilder` (a line per row, cells
separated by tabs, each cell's offsets kept), the text below. The line just
above a table ("Table 3: Revenue allocations (£ million)") names it.

Page furniture is removed before extraction: a line at the top or bottom of
a page that repeats on most pages (a running header such as "Public Accounts
Committee | HC 1234 | Session 2023-24", a footer, once digits are set
aside so "Page 3" and "Page 4" repeat), and a page number alone on its line.

Line breaks that cut a figure or a word are mended:

- a line ending in a hyphen after a letter or digit joins the next line
  ("10-\\nyear" -> "10-year", "£7-\\n10bn" -> "£7-10bn");
- a soft hyphen at a line end is dropped with the line break;
- a line break inside a number ("5.\\n3bn", "20,\\n000") is dropped;
- a paragraph number that PDFium glued to the sentence before it
  ("…services in 2015-16.7 Paragraph…") is put back at the start of its line.

"£5.3\\nbillion" needs no mending: the extractors accept any single space,
newline included, between a number and its scale.

Pages are separated by a blank line and their start offsets kept, so every
figure gets its `page`. The document info's Title and CreationDate are what
the file says about itself. A PDF without a text layer (a scan), an
encrypted or a truncated file is an error with PDFium's reason.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import regex

from extract.read.layout import Metadata, Parsed, TextBuilder, clean, leading_date

_HYPHEN_BREAK = regex.compile(r"(?<=[\w£$€])-[ \t]*\n[ \t]*(?=[\w£$€])")
_SOFT_HYPHEN_BREAK = regex.compile(r"\u00ad[ \t]*\n[ \t]*")
_NUMBER_BREAK = regex.compile(r"(?<=[0-9][.,])[ \t]*\n[ \t]*(?=[0-9])")
# "in 2015-16.7 Paragraph": a sentence's full stop after a word or a year, then a paragraph
# number and a capitalised word (a decimal is never followed by a capitalised word).
_GLUED_PARAGRAPH_NUMBER = regex.compile(
    r"(?<=(?:[A-Za-z)]|(?<![0-9])[12][0-9]{3}(?:[-–/][0-9]{2})?)\.)(?=[0-9]{1,3}[ \t]+[A-Z][a-z])")
_PAGE_NUMBER = regex.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?:[0-9]{1,3}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))\s*[-–—)\]]?(?:\s+of\s+[0-9]{1,5})?$",
    regex.IGNORECASE)
_DIGITS = regex.compile(r"[0-9]+")
_FURNITURE_MAX = 120  # characters: a longer line is text, however often its shape repeats
FURNITURE_LINES = 3  # lines at the top and at the bottom of a page where furniture is looked for
Block = tuple[str, object]  # ("text", str) or ("table", rows of (cell text, header) pairs)


def mend_lines(text: str) -> str:
    """Join lines that a PDF layout cut inside a figure or a hyphenated word; unglue paragraph numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _HYPHEN_BREAK.sub("-", text)
    text = _NUMBER_BREAK.sub("", text)
    return _GLUED_PARAGRAPH_NUMBER.sub("\n", text)


def read(data: bytes) -> Parsed:
    """The text, page starts, tables and metadata of a .pdf file's bytes."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ValueError(f"unreadable PDF: {exc}") from exc
    try:
        pages: list[str] = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        info = pdf.get_metadata_dict()
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise ValueError("PDF has no text layer (a scanned image?)")
    bands = _bands_by_page(data, len(pages))
    blocks = [bands.get(i) or [("text", text)] for i, text in enumerate(pages)]
    _remove_furniture(blocks)
    out = TextBuilder()
    starts: list[int] = []
    for page in blocks:
        starts.append(out.size + 2 if out.size else 0)
        for kind, content in page:
            if kind == "text":
                out.raw(mend_lines(content))
            else:
                out.table(content, label_above=out.last_block())
    text = out.text()
    return Parsed(text, "pdf-text", tuple(starts), tuple(out.tables), _metadata(info))


def _bands_by_page(data: bytes, n_pages: int) -> dict[int, list[Block]]:
    """For each page with tables, its bands top to bottom: the text above each table, the table's
    rows of (cell text, header) pairs, and the text below the last (pdfplumber)."""
    import pdfplumber

    found: dict[int, list[Block]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages[:n_pages]):
                tables = sorted((t.bbox[1], t.bbox[3], t.extract()) for t in page.find_tables())
                tables = [t for t in tables if len(t[2]) >= 2 and max(len(r) for r in t[2]) >= 2]
                if not tables:
                    tables = unruled_tables(page.extract_words())
                if not tables:
                    continue
                bands: list[Block] = []
                previous = 0.0
                for top, bottom, rows in tables:
                    if top > previous:
                        bands.append(("text", page.crop((0, previous, page.width, top)).extract_text() or ""))
                    bands.append(("table", [[(clean(c or ""), False) for c in row] for row in rows]))
                    previous = max(previous, bottom)
                if previous < page.height:
                    bands.append(("text", page.crop((0, previous, page.width, page.height)).extract_text() or ""))
                found[i] = [b for b in bands if b[0] == "table" or str(b[1]).strip()]
    except Exception:  # a table finder failing on an odd file must not lose the page's text
        return {}
    return found


# Unruled tables (no cell borders, as most published reports set them): a run of lines whose
# words fall into the same columns, with numbers in them.
_CELL_GAP = 12.0  # points between two words that makes them two cells (a word space is about 3)
_LINE_TOLERANCE = 3.0  # points between the tops of words on one line
_COLUMN_TOLERANCE = 6.0  # points between the left edges of a column's cells
_NUMBERISH = regex.compile(r"^[(\-−–+]?[£$€]?[0-9][0-9,.]*[)%]?[*a-z]?$")


def unruled_tables(words: list[dict]) -> list[tuple[float, float, list[list[str | None]]]]:
    """(top, bottom, rows) of each unruled table among a page's words (pdfplumber's `extract_words`):
    at least three consecutive lines split into the same columns (two or more, their left edges
    aligned), in which every line after the first has numbers in half its cells past the first."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    cells_by_line = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        cells: list[list[dict]] = [[line[0]]]
        for w in line[1:]:
            if w["x0"] - cells[-1][-1]["x1"] > _CELL_GAP:
                cells.append([w])
            else:
                cells[-1].append(w)
        cells_by_line.append((line[0]["top"], max(w["bottom"] for w in line), cells))
    found = []
    i = 0
    while i < len(cells_by_line):
        j = i + 1
        starts = [c[0]["x0"] for c in cells_by_line[i][2]]
        while (j < len(cells_by_line) and len(cells_by_line[j][2]) == len(starts) and len(starts) >= 2
               and all(abs(c[0]["x0"] - x) <= _COLUMN_TOLERANCE or k == 0
                       for k, (c, x) in enumerate(zip(cells_by_line[j][2], starts, strict=True)))):
            j += 1
        run = cells_by_line[i:j]
        numeric_rows = [r for r in run[1:] if _numeric_share(r[2]) >= 0.5]
        if len(run) >= 3 and len(numeric_rows) == len(run) - 1:
            rows = [[" ".join(w["text"] for w in cell) for cell in r[2]] for r in run]
            found.append((run[0][0] - 1.0, run[-1][1] + 1.0, rows))
            i = j
        else:
            i += 1
    return found


def _numeric_share(cells: list[list[dict]]) -> float:
    values = [" ".join(w["text"] for w in cell) for cell in cells[1:]]
    return sum(bool(_NUMBERISH.match(v)) for v in values) / len(values) if values else 0.0


def _shape(line: str) -> str:
    """A line with its numbers set aside: "Page 3 of 40" and "Page 4 of 40" have one shape."""
    return _DIGITS.sub("#", clean(line)).lower()


def _remove_furniture(pages: list[list[Block]]) -> None:
    """Drop running headers and footers (lines at a page's top or bottom that repeat on most
    pages) and page numbers alone on their line, in place."""
    def edges(page: list[Block]) -> tuple[list[str], list[str]]:
        first = page[0][1] if page and page[0][0] == "text" else ""
        last = page[-1][1] if page and page[-1][0] == "text" else ""
        top = [ln for ln in str(first).split("\n") if ln.strip()][:FURNITURE_LINES]
        bottom = [ln for ln in str(last).split("\n") if ln.strip()][-FURNITURE_LINES:]
        return top, bottom

    counts: Counter[str] = Counter()
    for page in pages:
        top, bottom = edges(page)
        counts.update({_shape(ln) for ln in (*top, *bottom)})
    repeated = {shape for shape, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}

    def furniture(line: str) -> bool:
        line = clean(line)
        # A running header or footer is short and is no sentence; a page number is alone on its line.
        return ((_shape(line) in repeated and len(line) <= _FURNITURE_MAX and not line.endswith((".", "?", "!")))
                or _PAGE_NUMBER.match(line) is not None)

    for page in pages:
        for index, order in ((0, 1), (-1, -1)):  # the page's first block from the top, its last from the bottom
            if page and page[index][0] == "text":
                lines = str(page[index][1]).split("\n")
                edge = [i for i in range(len(lines))[::order] if lines[i].strip()][:FURNITURE_LINES]
                for i in edge:
                    if furniture(lines[i]):
                        lines[i] = ""
                page[index] = ("text", "\n".join(lines).strip("\n") if index == -1 else "\n".join(lines))


def _metadata(info: dict[str, str]) -> Metadata:
    title = clean(info.get("Title") or "") or None
    return Metadata(title, None, _pdf_date(info.get("CreationDate")))


_PDF_DATE = regex.compile(r"(?:D:)?([12][0-9]{3})([01][0-9])([0-3][0-9])")


def _pdf_date(value: str | None) -> dt.date | None:
    """The date of a PDF date string ("D:20240314093000+00'00'")."""
    return leading_date(_PDF_DATE, value)

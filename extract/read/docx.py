"""Word (.docx): paragraphs and tables in document order, tables kept as tables.

python-docx reads the body. Each paragraph is a line of its own, separated by
blank lines; each table is written through `layout.TextBuilder`: its first
row (or the rows Word marks as header rows) labels the columns, each row's
first cell labels the row, and the paragraph just above it ("Table 2:
Revenue allocations (£ million)") names it.

What the file says about itself comes from its core properties: the title,
and the date it was created as the publication date (Word has no other).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from extract.read.layout import Metadata, Parsed, TextBuilder, clean


def read(data: bytes) -> Parsed:
    """The text, tables and metadata of a .docx file's bytes."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"unreadable Word file: {exc}") from exc
    out = TextBuilder()
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            out.block(item.text)
        elif isinstance(item, Table):
            rows = []
            for r, row in enumerate(item.rows):
                marked = _is_header_row(row)
                rows.append([(cell.text, marked or r == 0 or c == 0) for c, cell in enumerate(row.cells)])
            out.table(rows, label_above=out.last_block())
    text = out.text()
    if not text.strip():
        raise ValueError("Word file has no text")
    return Parsed(text, "docx", None, tuple(out.tables), _metadata(document))


def _is_header_row(row: object) -> bool:
    """Word's "repeat as header row" mark (`w:tblHeader`) on a table row."""
    tr = getattr(row, "_tr", None)
    if tr is None:
        return False
    return bool(tr.xpath("./w:trPr/w:tblHeader"))


# The creation date python-docx's own blank template carries into every file it makes.
_TEMPLATE_DATE = dt.date(2013, 12, 23)


def _metadata(document: object) -> Metadata:
    props = document.core_properties  # type: ignore[attr-defined]
    title = clean(props.title) if props.title and props.title.strip() else None
    created = props.created
    published = created.date() if isinstance(created, dt.datetime) else None
    if published == _TEMPLATE_DATE:
        published = None  # python-docx's blank template: the file was generated, not dated
    return Metadata(title, None, published)

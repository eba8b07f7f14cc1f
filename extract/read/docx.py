"""Word (.docx): paragraphs and table cells in document order, one per block.

python-docx reads the body; paragraphs are separated by blank lines, table
rows become lines with cells separated by tabs.
"""

from __future__ import annotations

import io
import zipfile


def read(data: bytes) -> tuple[str, str, None]:
    """(text, encoding, page starts) of a .docx file's bytes."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"unreadable Word file: {exc}") from exc
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                blocks.append(item.text.strip())
        elif isinstance(item, Table):
            rows = ["\t".join(cell.text.strip() for cell in row.cells) for row in item.rows]
            blocks.append("\n".join(r for r in rows if r.strip()))
    if not blocks:
        raise ValueError("Word file has no text")
    return "\n\n".join(blocks) + "\n", "docx", None

"""PDF: the text layer, page by page, with lines re-joined where a figure was cut.

pypdfium2 (PDFium, Chrome's PDF engine) reads the text layer. Pages are
joined with a blank line and their start offsets kept, so every figure gets
its `page`. Line breaks that cut a figure or a word are mended:

- a line ending in a hyphen after a letter or digit joins the next line
  ("10-\\nyear" -> "10-year", "£7-\\n10bn" -> "£7-10bn");
- a soft hyphen at a line end is dropped with the line break;
- a line break inside a number ("5.\\n3bn", "20,\\n000") is dropped.

"£5.3\\nbillion" needs no mending: the extractors accept any single space,
newline included, between a number and its scale.

A PDF without a text layer (a scan), an encrypted or a truncated file is an
error with PDFium's reason.
"""

from __future__ import annotations

import regex

_HYPHEN_BREAK = regex.compile(r"(?<=[\w£$€])-[ \t]*\n[ \t]*(?=[\w£$€])")
_SOFT_HYPHEN_BREAK = regex.compile(r"\u00ad[ \t]*\n[ \t]*")
_NUMBER_BREAK = regex.compile(r"(?<=[0-9][.,])[ \t]*\n[ \t]*(?=[0-9])")


def mend_lines(text: str) -> str:
    """Join lines that a PDF layout cut inside a figure or a hyphenated word."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _HYPHEN_BREAK.sub("-", text)
    return _NUMBER_BREAK.sub("", text)


def read(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    """(text, encoding, page start offsets) of a .pdf file's bytes."""
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
            pages.append(mend_lines(textpage.get_text_range()).strip("\n"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise ValueError("PDF has no text layer (a scanned image?)")
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for page_text in pages:
        starts.append(pos)
        parts.append(page_text)
        pos += len(page_text) + 2
    return "\n\n".join(parts) + "\n", "pdf-text", tuple(starts)

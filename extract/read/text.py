"""Plain text: UTF-8 with newlines untouched, as the guidelines define offsets.

A UTF-8 byte-order mark is dropped (recorded as encoding ``utf-8-sig``).
Invalid UTF-8 is an error that names the byte offset.
"""

from __future__ import annotations

import codecs


def read(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a .txt file's bytes; ValueError when it is not text."""
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        encoding = "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})") from exc
    if "\x00" in text:
        raise ValueError("binary content: NUL characters in a text file")
    return text, encoding

"""Plain text: UTF-8 with newlines untouched, as the guidelines define offsets.

A UTF-8 byte-order mark is dropped (encoding ``utf-8-sig``). A file that is
not UTF-8 is tried as Windows-1252, the usual encoding of text saved from
Windows tools (encoding ``cp1252``, recorded in `documents`). Bytes that are
neither, or control characters that only binary files hold, are an error
that names the offending byte and its offset (a web page may hold a few
stray ones, which are dropped: `decode(..., stray_controls=True)`).
"""

from __future__ import annotations

import codecs

import regex

# Control characters other than tab, newline, carriage return, form feed.
_BINARY = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


_BINARY_BYTES = regex.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str) -> None:
    m = _BINARY.search(text)
    if m is not None:
        raise ValueError(f"binary content, not text: control character {m.group()!r} at offset {m.start()}")


def _check_bytes(data: bytes) -> None:
    m = _BINARY_BYTES.search(data)
    if m is not None:
        raise ValueError(f"binary content, not text: control byte 0x{m.group()[0]:02x} at offset {m.start()}")


def decode(data: bytes, stray_controls: bool = False) -> tuple[str, str]:
    """(text, encoding) of bytes that should be text; ValueError with the reason otherwise.

    With `stray_controls` (a web page), a few control bytes left by a broken
    template are dropped rather than refused; a NUL byte, or more than one
    control byte in a thousand, still marks a binary file.
    """
    if stray_controls and b"\x00" not in data:
        cleaned, strays = _BINARY_BYTES.subn(b"", data)
        if strays <= max(8, len(data) // 1000):
            data = cleaned  # else the check below names the first control byte of the file
    _check_bytes(data)
    encoding = "utf-8"
    skipped = 0
    if data.startswith(codecs.BOM_UTF8):
        skipped = len(codecs.BOM_UTF8)
        data = data[skipped:]
        encoding = "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError as cp1252_error:
            # Name the byte that no fallback can read (0x81 is no Windows-1252 character), at its offset in
            # the file, and where UTF-8 first failed if that was elsewhere.
            bad = cp1252_error.start
            where = f"byte 0x{data[bad]:02x} at offset {bad + skipped}"
            first = utf8_error.start
            also = "" if first == bad else f"; not UTF-8 from byte 0x{data[first]:02x} at offset {first + skipped}"
            raise ValueError(f"neither UTF-8 nor Windows-1252: {where} is not a Windows-1252 character{also}"
                             ) from utf8_error
    _check_text(text)
    return text, encoding


def read(data: bytes) -> tuple[str, str, None]:
    """(text, encoding, page starts) of a .txt file's bytes."""
    text, encoding = decode(data)
    return text, encoding, None

"""Read one file into text, or into a failure with its reason.

One module per format; `read_document` picks by file extension. A reader
never raises for a bad file: it returns a `ReadResult` whose `error` says
what went wrong (empty, too large, binary, not UTF-8 nor Windows-1252,
encrypted or truncated PDF, HTML with no main text, vanished, unreadable),
so the rest of the corpus still goes through.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field

from extract.read import docx as _docx
from extract.read import html as _html
from extract.read import pdf as _pdf
from extract.read import text as _text
from extract.read.layout import Metadata, Parsed, Table

Reader = Callable[[bytes], "tuple[str, str, tuple[int, ...] | None] | Parsed"]
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", _text.read),
    ".text": ("txt", _text.read),
    ".html": ("html", _html.read),
    ".htm": ("html", _html.read),
    ".pdf": ("pdf", _pdf.read),
    ".docx": ("docx", _docx.read),
}
# Files larger than this are refused rather than read (HEALTHFIGURES_MAX_MB overrides).
DEFAULT_MAX_MB = 100


def max_bytes() -> int:
    return int(float(os.environ.get("HEALTHFIGURES_MAX_MB", DEFAULT_MAX_MB)) * 1_000_000)


@dataclass(frozen=True, slots=True)
class ReadResult:
    path: pathlib.Path
    format: str
    text: str | None
    sha256: str | None
    encoding: str | None = None
    error: str | None = None
    pages: tuple[int, ...] | None = None  # start offset of each page (PDF)
    tables: tuple[Table, ...] = ()  # tables written into the text (HTML, Word, PDF)
    metadata: Metadata = field(default_factory=Metadata)  # what the document says about itself

    @property
    def ok(self) -> bool:
        return self.error is None


def supported(path: pathlib.Path) -> bool:
    return path.suffix.lower() in READERS


def format_of(path: pathlib.Path) -> str:
    return READERS.get(path.suffix.lower(), (path.suffix.lower().lstrip(".") or "unknown", None))[0]


def read_document(path: pathlib.Path) -> ReadResult:
    """The text of `path`, or a ReadResult carrying the reason it cannot be read."""
    fmt = format_of(path)
    try:
        size = path.stat().st_size
        if size > max_bytes():
            limit = f"limit {max_bytes() / 1e6:.0f} MB, HEALTHFIGURES_MAX_MB"
            return ReadResult(path, fmt, None, None, error=f"file too large: {size / 1e6:.0f} MB ({limit})")
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadResult(path, fmt, None, None, error="file not found (removed during the run?)")
    except PermissionError as exc:
        return ReadResult(path, fmt, None, None, error=f"permission denied: {exc.strerror or exc}")
    except OSError as exc:
        return ReadResult(path, fmt, None, None, error=f"cannot read file: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return ReadResult(path, fmt, None, digest, error="empty file")
    entry = READERS.get(path.suffix.lower())
    if entry is None:
        return ReadResult(path, fmt, None, digest, error=f"unsupported format {path.suffix!r}")
    try:
        parsed = entry[1](data)
    except ValueError as exc:
        return ReadResult(path, fmt, None, digest, error=str(exc))
    except Exception as exc:  # a reader library failing on a malformed file must not stop the corpus
        return ReadResult(path, fmt, None, digest, error=f"unreadable {fmt} file: {type(exc).__name__}: {exc}")
    if not isinstance(parsed, Parsed):
        parsed = Parsed(*parsed)
    return ReadResult(path, fmt, parsed.text, digest, encoding=parsed.encoding, pages=parsed.pages,
                      tables=parsed.tables, metadata=parsed.metadata)

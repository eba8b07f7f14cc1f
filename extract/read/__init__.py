"""Read one file into text, or into a failure with its reason.

One module per format; `read_document` picks by file extension. A reader
never raises for a bad file: it returns a `ReadResult` whose `error` says
what went wrong, so the rest of the corpus still goes through.
"""

from __future__ import annotations

import hashlib
import pathlib
from dataclasses import dataclass

from extract.read import text as _text

READERS = {".txt": _text.read}
FORMATS = {".txt": "txt"}


@dataclass(frozen=True, slots=True)
class ReadResult:
    path: pathlib.Path
    format: str
    text: str | None
    sha256: str | None
    encoding: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def supported(path: pathlib.Path) -> bool:
    return path.suffix.lower() in READERS


def read_document(path: pathlib.Path) -> ReadResult:
    """The text of `path`, or a ReadResult carrying the reason it cannot be read."""
    fmt = FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(path, fmt, None, None, error=f"cannot read file: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return ReadResult(path, fmt, None, digest, error=f"unsupported format {path.suffix!r}")
    try:
        text, encoding = reader(data)
    except ValueError as exc:
        return ReadResult(path, fmt, None, digest, error=str(exc))
    return ReadResult(path, fmt, text, digest, encoding=encoding)

"""Per-document cache: a rebuild re-extracts only documents that changed.

An entry is keyed by the SHA-256 of the file's bytes and by the extractor's
version, which is the package version plus a hash of every rule file
(`extract/**/*.py`, `extract/vocab/*.toml`): editing a rule invalidates the
cache without anyone remembering to bump a number. Entries are pickled
per-document results, written atomically.
"""

from __future__ import annotations

import hashlib
import pathlib
import pickle
from functools import cache

from extract import __version__

PACKAGE = pathlib.Path(__file__).resolve().parent


@cache
def extractor_version() -> str:
    """Package version + hash of the rule sources."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


class DocumentCache:
    """Pickled per-document results under `folder/<extractor version>/`."""

    def __init__(self, folder: pathlib.Path) -> None:
        self.folder = folder / extractor_version()

    def _path(self, sha256: str) -> pathlib.Path:
        return self.folder / f"{sha256}.pickle"

    def get(self, sha256: str) -> object | None:
        path = self._path(sha256)
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, sha256: str, value: object) -> None:
        from extract.publish import write_bytes

        write_bytes(self._path(sha256), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

"""A release is whole or not at all: checks before a run, a lock, a staging folder, one swap.

A run never writes into OUTPUT. It

1. refuses to start (`RefusedRun`, exit 2) when the corpus is missing, is
   not a folder or holds no document of a readable format, when OUTPUT lies
   inside the corpus (the run would read its own `text/*.txt` back) or the
   corpus inside OUTPUT (the swap would replace it), or when OUTPUT's folder
   cannot be written: nothing has been touched yet;
2. takes a lock beside OUTPUT (`.NAME.lock`, an `flock`, released by the
   kernel even when the run is killed), so a second run into the same OUTPUT
   stops with a message naming the first;
3. writes every file of the release into a staging folder beside OUTPUT
   (`.NAME.staging-PID`, same file system);
4. swaps it in with one `renameat2(RENAME_EXCHANGE)` (Linux), then deletes
   the old release; where the exchange is not available, two renames, and a
   later run puts back a release a crash caught between them.

So a run killed at any moment leaves either the old release or the new one,
never a mix. Leftovers of a killed run (its staging folder) sit beside
OUTPUT, not in it, and the next run into that OUTPUT removes them. Files in
OUTPUT that no run writes (a user's notes) are carried over into the new
release as hard links.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import errno
import fcntl
import os
import pathlib
import shutil
from collections.abc import Iterator

# Top-level names a run writes into OUTPUT: everything else found there is the user's and is carried over.
RELEASE_FILES = frozenset({
    *(f"{n}.{ext}" for n in ("figures", "facts", "targets", "documents", "sections") for ext in ("parquet", "csv")),
    "figures.xlsx", "rejects.csv", "datapackage.json", "README.md", "text", "partitioned",
})


class RefusedRun(RuntimeError):
    """The run cannot start; nothing was changed. The message says why and what to do."""


def _inside(path: pathlib.Path, folder: pathlib.Path) -> bool:
    return path == folder or folder in path.parents


def check_paths(corpus: pathlib.Path, output: pathlib.Path, has_documents: bool) -> None:
    """Refuse a run that would read nothing or write where it must not (RefusedRun)."""
    if not corpus.exists():
        raise RefusedRun(f"corpus folder not found: {corpus}")
    if not corpus.is_dir():
        raise RefusedRun(f"corpus is not a folder: {corpus}")
    if not has_documents:
        raise RefusedRun(f"no readable document in {corpus} (nothing to build; the release in {output} is unchanged)")
    real_corpus, real_output = corpus.resolve(), output.resolve()
    if _inside(real_output, real_corpus):
        raise RefusedRun(f"output folder {output} lies inside the corpus {corpus}: the run would read its own "
                         "files back as documents; choose an OUTPUT outside the corpus")
    if _inside(real_corpus, real_output):
        raise RefusedRun(f"corpus {corpus} lies inside the output folder {output}, which a release replaces; "
                         "choose an OUTPUT that does not hold the corpus")
    if output.exists() and not output.is_dir():
        raise RefusedRun(f"output is not a folder: {output}")
    parent = real_output.parent
    if not parent.is_dir():
        raise RefusedRun(f"the folder that would hold the output does not exist: {parent}")
    if not os.access(parent, os.W_OK | os.X_OK) or (output.exists() and not os.access(output, os.W_OK | os.X_OK)):
        raise RefusedRun(f"cannot write the output: {output} (or its folder {parent}) is read-only")


def _lock_path(output: pathlib.Path) -> pathlib.Path:
    return output.parent / f".{output.name}.lock"


def _staging_prefix(output: pathlib.Path) -> str:
    return f".{output.name}.staging-"


def _old_prefix(output: pathlib.Path) -> str:
    return f".{output.name}.old-"


@contextlib.contextmanager
def locked(output: pathlib.Path) -> Iterator[None]:
    """Hold OUTPUT's lock for the block; RefusedRun if another run holds it."""
    path = _lock_path(output)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise RefusedRun(f"cannot write the output: {path}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise RefusedRun(f"another run is writing into {output} ({holder}); wait for it to finish, "
                             "or choose another OUTPUT") from None
        # The file may have been removed by the run that held it just before: lock the one on disk.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        started = dt.datetime.now().isoformat(timespec="seconds")
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def recover(output: pathlib.Path) -> None:
    """Under the lock: put back a release a crash left renamed aside, remove a killed run's leftovers."""
    parent = output.parent
    olds = sorted(p for p in parent.glob(_old_prefix(output) + "*") if p.is_dir())
    if olds and not output.exists():
        os.rename(olds[-1], output)
        olds = olds[:-1]
    for leftover in [*olds, *parent.glob(_staging_prefix(output) + "*")]:
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def staging(output: pathlib.Path) -> Iterator[pathlib.Path]:
    """A fresh staging folder beside OUTPUT, removed if the block fails or the run is interrupted."""
    folder = output.parent / f"{_staging_prefix(output)}{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.mkdir()
    except OSError as exc:
        raise RefusedRun(f"cannot write the output: {folder}: {exc.strerror}") from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _carry_over(old: pathlib.Path, new: pathlib.Path) -> None:
    """Entries of the old release that no run writes (a user's own files) go into the new one, as hard links."""
    for entry in sorted(old.iterdir()):
        if entry.name in RELEASE_FILES or entry.name.startswith(".") or (new / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, new / entry.name)


def _link_or_copy(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: pathlib.Path, b: pathlib.Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(stage: pathlib.Path, output: pathlib.Path) -> None:
    """Make the staged release OUTPUT in one step; the old release is deleted after.

    Every staged file is flushed to disk first, so that after a power cut the
    swapped-in release is whole too.
    """
    for path in sorted(stage.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        elif path.is_dir():
            _fsync_dir(path)
    _fsync_dir(stage)
    if not output.exists():
        os.rename(stage, output)
    else:
        _carry_over(output, stage)
        if _exchange(stage, output):
            shutil.rmtree(stage, ignore_errors=True)  # now the old release
        else:
            old = output.parent / f"{_old_prefix(output)}{os.getpid()}"
            os.rename(output, old)
            os.rename(stage, output)
            shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(output.parent)


def _fsync_dir(folder: pathlib.Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Bad input: every broken file becomes a `failed` row with a clear reason; the rest goes through."""

from __future__ import annotations

import os
import pathlib
import shutil

import pandas as pd
import pytest
from fixtures import make_pdf

from extract import pipeline
from extract.cli import main
from extract.pipeline import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOOD = ROOT / "corpus" / "003_c44f654124f0b19c.txt"


def _pdf_bytes(tmp_path: pathlib.Path, **kw: object) -> bytes:
    return make_pdf("The deficit was £930 million in 2016/17.", tmp_path / "x.pdf", **kw).read_bytes()


BAD = {
    "empty.txt": (lambda tmp: b"", "empty file"),
    "blank.txt": (lambda tmp: b"  \n\n  ", "empty file"),
    "binary.txt": (lambda tmp: bytes(range(256)) * 4, "binary content"),
    "invalid.txt": (lambda tmp: b"The fund is \x81\x8d\x8f broken", "neither UTF-8 nor Windows-1252"),
    "truncated.pdf": (lambda tmp: _pdf_bytes(tmp)[:300], "unreadable PDF"),
    "encrypted.pdf": (lambda tmp: _pdf_bytes(tmp, encrypt_with="secret"), "unreadable PDF"),
    "notapdf.pdf": (lambda tmp: b"%PDF-1.4 this is not a pdf", "unreadable PDF"),
    "nobody.html": (lambda tmp: b"<html><head><title>x</title><script>var a=1;</script></head></html>", "no main text"),
    "broken.docx": (lambda tmp: b"PK\x03\x04 not really a zip", "unreadable"),
}


@pytest.fixture
def mixed(tmp_path: pathlib.Path) -> pathlib.Path:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    for name, (make, _) in BAD.items():
        (corpus / name).write_bytes(make(tmp_path))
    with open(corpus / "huge.txt", "wb") as fh:  # 200 MB, sparse: costs no disk
        fh.truncate(200_000_000)
    return corpus


def test_every_bad_file_fails_alone_with_its_reason(mixed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out"
    summary = run(mixed, out)
    assert summary.documents == len(BAD) + 2 and summary.failed == len(BAD) + 1
    docs = pd.read_parquet(out / "documents.parquet").set_index("source")
    for name, (_, reason) in BAD.items():
        assert docs.loc[name, "status"] == "failed"
        assert reason in docs.loc[name, "error"], (name, docs.loc[name, "error"])
    assert "too large" in docs.loc["huge.txt", "error"]
    assert docs.loc["good.txt", "status"] == "ok"
    alone = tmp_path / "alone"
    (tmp_path / "only").mkdir()
    shutil.copy(GOOD, tmp_path / "only" / "good.txt")
    run(tmp_path / "only", alone)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "figures.parquet"), pd.read_parquet(alone / "figures.parquet"))
    assert not list(out.rglob("*.tmp"))


def test_a_file_that_vanishes_mid_run(mixed: pathlib.Path, tmp_path: pathlib.Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    found = pipeline.find_documents(mixed)
    (mixed / "empty.txt").unlink()  # listed, then gone before it is read
    monkeypatch.setattr(pipeline, "find_documents", lambda corpus: found)
    run(mixed, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source")
    assert "file not found" in docs.loc["empty.txt", "error"]


def test_an_unreadable_file(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    locked = corpus / "locked.txt"
    locked.write_text("£5bn", encoding="utf-8")
    os.chmod(locked, 0)
    if os.access(locked, os.R_OK):  # root reads anything: make the read fail as it would for a user
        real = pathlib.Path.read_bytes
        monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: (_ for _ in ()).throw(
            PermissionError(13, "Permission denied")) if self.name == "locked.txt" else real(self))
    run(corpus, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source")
    assert "permission denied" in docs.loc["locked.txt", "error"]


def test_exit_codes_and_strict(mixed: pathlib.Path, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(mixed), "--output", str(out), "--jobs", "1", "--no-cache"]) == 3
    summary = capsys.readouterr()
    assert f"{len(BAD) + 1} failed" in summary.out and "failed: huge.txt: file too large" in summary.err
    strict_out = tmp_path / "strict"
    assert main(["build", "--corpus", str(mixed), "--output", str(strict_out), "--strict", "--jobs", "1",
                 "--no-cache"]) == 1
    assert not (strict_out / "figures.parquet").exists()
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(GOOD, good / "good.txt")
    assert main(["build", "--corpus", str(good), "--output", str(tmp_path / "g"), "--strict", "--no-cache"]) == 0

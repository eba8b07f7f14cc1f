"""A release is never lost or corrupted: each way a user could lose one, reproduced (issue 12's table).

Each test does what a new user did and checks that the previous release is
untouched, or the new one whole, with a clear message and the documented
exit code.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from extract import pipeline, publish, release
from extract.cli import EXIT_CANNOT_WRITE, EXIT_INTERRUPTED, EXIT_USAGE, main
from extract.pipeline import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOOD = CORPUS / "003_c44f654124f0b19c.txt"


def _digests(folder: pathlib.Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(folder: pathlib.Path) -> list[str]:
    """Files a run may leave beside or in OUTPUT that are not part of a release."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")) + \
        sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A release of the bundled corpus, to be copied into each test's OUTPUT."""
    out = tmp_path_factory.mktemp("released") / "output"
    run(CORPUS, out)
    return out


@pytest.fixture
def existing(released: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    out = tmp_path / "output"
    shutil.copytree(released, out)
    return out


def _build(corpus: pathlib.Path, out: pathlib.Path, *extra: str) -> int:
    return main(["build", "--corpus", str(corpus), "--output", str(out), "--jobs", "1", "--no-cache", *extra])


# -- refuse before touching anything ------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", ["mydcos", "a-file.txt", "empty-folder", "only-unreadable"])
def test_a_corpus_typo_a_file_or_nothing_readable_is_refused_and_the_release_kept(
        corpus: str, existing: pathlib.Path, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a-file.txt").write_text("£5bn", encoding="utf-8")
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "only-unreadable").mkdir()
    (tmp_path / "only-unreadable" / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    before = _digests(existing)
    assert _build(tmp_path / corpus, existing) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "refused" in err and str(tmp_path / corpus) in err
    assert _digests(existing) == before
    assert _leftovers(existing) == []


def test_output_inside_the_corpus_is_refused(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    for out in (corpus / "out", corpus):
        assert _build(corpus, out) == EXIT_USAGE
        assert "inside the corpus" in capsys.readouterr().err
    assert sorted(p.name for p in corpus.iterdir()) == ["good.txt"]  # nothing written, read 8 -> 16 -> 24 no more


def test_corpus_inside_the_output_is_refused(existing: pathlib.Path, capsys: pytest.CaptureFixture) -> None:
    before = _digests(existing)
    assert _build(existing / "text", existing) == EXIT_USAGE
    assert "inside the output" in capsys.readouterr().err
    assert _digests(existing) == before


def test_make_notebooks_reads_the_dataset_in_output_and_never_rebuilds_it(tmp_path: pathlib.Path) -> None:
    plan = subprocess.run(["make", "-n", "-C", str(ROOT), "notebooks", f"OUTPUT={tmp_path}/my results"],
                          capture_output=True, text=True, check=True).stdout
    assert "extract.cli build" not in plan and "nbconvert" in plan
    assert f"{tmp_path}/my results" in plan
    empty = tmp_path / "empty"
    empty.mkdir()
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "notebooks", f"OUTPUT={empty}"],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "no dataset in" in done.stderr
    assert list(empty.iterdir()) == []


# -- whole or not at all -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["write_workbook", "write_csv", "swap"])
def test_a_crash_while_publishing_leaves_the_old_release_whole(stage: str, existing: pathlib.Path,
                                                                tmp_path: pathlib.Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    before = _digests(existing)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if stage == "swap":
        monkeypatch.setattr(release, "_exchange", crash)
    else:
        monkeypatch.setattr(pipeline, stage, crash)
    assert _build(corpus, existing) == EXIT_CANNOT_WRITE
    assert _digests(existing) == before
    assert _leftovers(existing) == []


def test_a_run_killed_at_any_moment_leaves_the_old_release_or_the_new_one(existing: pathlib.Path,
                                                                          released: pathlib.Path,
                                                                          tmp_path: pathlib.Path) -> None:
    """SIGKILL a real build at several moments: OUTPUT is always one whole release, never a mix."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = sorted(p.name for p in CORPUS.glob("*.txt"))
    for i in range(12):
        shutil.copy(CORPUS / names[i % len(names)], corpus / f"doc{i:02d}.txt")
    old = _digests(existing)
    run(corpus, tmp_path / "reference")
    new = _digests(tmp_path / "reference")
    command = [sys.executable, "-m", "extract.cli", "build", "--corpus", str(corpus), "--output", str(existing),
               "--jobs", "1", "--no-cache"]
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0):
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        state = _digests(existing)
        assert state in (old, new), f"killed after {delay}s: a mix of two releases"
        if state == new:  # the run had finished: start the next kill from the old release again
            shutil.rmtree(existing)
            shutil.copytree(released, existing)
    run(corpus, existing)  # the next run removes a killed run's leftovers and finds the lock free
    assert _digests(existing) == new
    assert _leftovers(existing) == []


def test_a_second_run_into_the_same_output_is_refused(existing: pathlib.Path, tmp_path: pathlib.Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    before = _digests(existing)
    with release.locked(existing):
        assert _build(CORPUS, existing) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "another run is writing into" in err and f"pid {os.getpid()}" in err
    assert _digests(existing) == before
    assert _build(CORPUS, existing) == 0  # the lock is released with its holder


def test_user_files_in_output_are_carried_over_and_stale_ones_are_not(existing: pathlib.Path) -> None:
    (existing / "my-notes.md").write_text("mine", encoding="utf-8")
    (existing / "text" / "stale.txt").write_text("from an older run", encoding="utf-8")
    assert _build(CORPUS, existing) == 0
    assert (existing / "my-notes.md").read_text(encoding="utf-8") == "mine"
    assert not (existing / "text" / "stale.txt").exists()  # text/ is part of the release


# -- memory and progress -------------------------------------------------------------------------------------


def test_a_dense_document_keeps_one_copy_of_each_sentence(tmp_path: pathlib.Path) -> None:
    """80 KB of '£1, ' (20,000 figures) took 11 GB: the section title and sentence were copied per row."""
    corpus = tmp_path / "dense"
    corpus.mkdir()
    (corpus / "d.txt").write_text(", ".join(["£1"] * 20_000), encoding="utf-8")
    result = pipeline.process_document(corpus / "d.txt", corpus)
    figures = result.figures
    assert len(figures) == 20_000
    for col in ("sentence", "section_title", "rule"):
        assert isinstance(figures[col].dtype, pd.CategoricalDtype)
        assert len(figures[col].cat.categories) <= 200
    assert figures["section_title"].cat.categories.str.len().max() <= pipeline.TITLE_MAX
    peak = subprocess.run(
        [sys.executable, "-c",
         "import pathlib, resource, sys; from extract.pipeline import run; "
         "run(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])); "
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)", str(corpus), str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert int(peak) < 1_000_000  # kB: under 1 GB (it was 11 GB)
    assert len(pd.read_parquet(tmp_path / "out" / "figures.parquet")) == 20_000


def test_a_big_document_reports_each_stage_and_publishing(tmp_path: pathlib.Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(pipeline, "BIG_DOCUMENT", 1000)
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "big.txt")
    caplog.set_level("INFO", logger="healthfigures")
    run(corpus, tmp_path / "out")
    messages = [r.getMessage() for r in caplog.records]
    for stage in ("read", "segment", "extract", "context"):
        assert any(m.startswith(f"big.txt: {stage} done in") for m in messages), stage
    for step in ("figures.csv", "figures.xlsx", "swapping"):
        assert any("publishing" in m and step in m for m in messages), step


# -- one document's failure stays with it --------------------------------------------------------------------


def test_an_exception_in_a_rule_fails_that_document_alone(tmp_path: pathlib.Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from extract import context

    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    (corpus / "trigger.txt").write_text("A rule breaks on this £5bn.", encoding="utf-8")
    real = context.contextualise

    def broken(text, mentions, segments):
        if "breaks" in text:
            raise KeyError("a bug in one rule")
        return real(text, mentions, segments)

    monkeypatch.setattr(context, "contextualise", broken)
    summary = run(corpus, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source")
    assert docs.loc["trigger.txt", "status"] == "failed"
    assert docs.loc["trigger.txt", "error"] == "context stage failed: KeyError: 'a bug in one rule'"
    assert docs.loc["good.txt", "status"] == "ok" and summary.failed == 1
    assert (pd.read_parquet(tmp_path / "out" / "figures.parquet")["source"] == "good.txt").all()


def test_files_of_other_formats_are_skipped_rows_and_hidden_folders_are_left_out(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture) -> None:
    corpus = tmp_path / "c"
    (corpus / ".git").mkdir(parents=True)
    (corpus / ".git" / "notes.txt").write_text("£9bn in a hidden folder", encoding="utf-8")
    shutil.copy(GOOD, corpus / "good.txt")
    for name in ("budget.xlsx", "letter.doc", "table.csv", "scan.png", "README"):
        (corpus / name).write_bytes(b"\x00\x01 not read")
    assert _build(corpus, tmp_path / "out") == 0
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source")
    assert sorted(docs.index) == ["README", "budget.xlsx", "good.txt", "letter.doc", "scan.png", "table.csv"]
    assert docs.loc["budget.xlsx", "status"] == "skipped"
    assert docs.loc["budget.xlsx", "error"] == "format not read: .xlsx"
    assert docs.loc["README", "error"] == "format not read: (no extension)"
    err = capsys.readouterr()
    assert "5 skipped" in err.out and "skipped: letter.doc: format not read: .doc" in err.err


# -- clear errors --------------------------------------------------------------------------------------------


def test_a_read_only_output_is_a_clear_refusal(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture) -> None:
    target = pathlib.Path("/proc/healthfigures-output")  # read-only even for root
    assert _build(CORPUS, target) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "cannot write the output" in err and "Traceback" not in err
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        os.chmod(locked, 0o500)
        assert _build(CORPUS, locked / "out") == EXIT_USAGE
        assert "read-only" in capsys.readouterr().err


def test_paths_with_spaces_and_non_ascii_through_make(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "my docs" / "rapports d'été"
    corpus.mkdir(parents=True)
    shutil.copy(GOOD, corpus / "good.txt")
    out = tmp_path / "résultats 2024"
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "dataset", f"CORPUS={corpus}", f"OUTPUT={out}",
                           f"CACHE={tmp_path / 'cache dir'}", "JOBS=1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "figures.csv").is_file()


def test_the_bad_byte_is_named_at_its_offset(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"\x80 costs \x81 here")  # 0x80 is Windows-1252's euro; 0x81 is nothing
    shutil.copy(GOOD, corpus / "good.txt")
    run(corpus, tmp_path / "out")
    error = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source").loc["bad.txt", "error"]
    assert "byte 0x81 at offset 8" in error


def test_ctrl_c_ends_with_one_line_and_keeps_the_release(existing: pathlib.Path, tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        shutil.copy(CORPUS / "002_abc51ec6bfdac2b6.txt", corpus / f"doc{i:02d}.txt")
        with open(corpus / f"doc{i:02d}.txt", "a", encoding="utf-8") as fh:
            fh.write(f"\nCopy {i}.\n")
    before = _digests(existing)
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "build", "--corpus", str(corpus), "--output",
                             str(existing), "--jobs", "2", "--no-cache"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(4)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("healthfigures: interrupted")
    assert _digests(existing) == before
    assert _leftovers(existing) == []


def test_excel_limits_split_a_long_table_and_leave_out_an_overlong_cell(tmp_path: pathlib.Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A statement repeated in many documents lists every occurrence in one facts cell: past Excel's limit."""
    import openpyxl

    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(30):  # one post copied onto 30 tag pages
        (corpus / f"page{i:02d}.txt").write_text(f"Tag page {i}\n\nThe fund is £5bn in 2015-16.\n", encoding="utf-8")
    monkeypatch.setattr(publish, "EXCEL_MAX_ROWS", 26)  # 25 data rows a sheet (Excel: 1,048,575)
    monkeypatch.setattr(publish, "EXCEL_MAX_CELL", 400)  # 30 ids of 16 characters (Excel: 32,767)
    summary = run(corpus, tmp_path / "out")
    book = openpyxl.load_workbook(tmp_path / "out" / "figures.xlsx", read_only=True)
    figures = pd.read_parquet(tmp_path / "out" / "figures.parquet")
    assert len(figures) == 60
    parts = [n for n in book.sheetnames if n.startswith("figures")]
    assert parts == ["figures", "figures (2)", "figures (3)"]
    assert [book[n].max_row - 1 for n in parts] == [25, 25, 10]  # every row, none cut
    assert any("figures has 60 rows" in n and "split over 3 sheets" in n for n in summary.notes)
    assert any("sheet facts left out" in n and "occurrences" in n for n in summary.notes)
    assert "facts" not in book.sheetnames
    assert len(pd.read_parquet(tmp_path / "out" / "facts.parquet")) == 2  # the Parquet and CSV files have it


# -- reproducible and traceable ------------------------------------------------------------------------------


def test_documents_carry_the_extractor_version_with_its_rule_hash(released: pathlib.Path) -> None:
    from extract import __version__
    from extract.cache import extractor_version

    version = pd.read_parquet(released / "documents.parquet")["tool_version"].unique().tolist()
    assert version == [extractor_version()]
    package, rule_hash = version[0].split("-")
    assert package == __version__ and len(rule_hash) == 12


def test_the_readme_refers_only_to_files_in_the_repository() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = re.findall(r"\]\(([^)#:]+)\)", readme)
    named = re.findall(r"`((?:[\w.-]+/)+[\w.*-]+\.(?:py|toml|json|md|ipynb|tsv|txt|jsonl))`", readme)
    named += re.findall(r"`([\w-]+\.(?:md|toml|tsv))`", readme)
    for ref in {*linked, *named}:
        if "<" in ref or ref.startswith(("OUTPUT/", "output/text/")):
            continue  # a placeholder or a file of the dataset a run writes
        if ref in ("README.md", "datapackage.json") or "*" in ref:
            continue
        candidates = [ROOT / ref, *(ROOT / d / ref for d in ("extract", "tests", "docs", "extract/vocab"))]
        assert any(c.exists() for c in candidates), f"README refers to {ref}, which is not in the repository"


def test_the_dask_engine_partitions_carry_duplicate_of(released: pathlib.Path, tmp_path: pathlib.Path) -> None:
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    run(CORPUS, out, engine="dask")
    import pyarrow.parquet as pq

    published = pq.read_table(out / "figures.parquet").to_pylist()
    parts = [row for p in sorted((out / "partitioned" / "figures").glob("*.parquet"))
             for row in pq.read_table(p).to_pylist()]
    assert sum(r["duplicate_of"] is not None for r in published) > 50
    assert [{k: r[k] for k in published[0]} for r in parts] == published

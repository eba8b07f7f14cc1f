"""End to end: the bundled corpus through the whole pipeline."""

from __future__ import annotations

import csv
import hashlib
import io
import pathlib
import re
import shutil

import pandas as pd
import pytest

from extract.pipeline import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TABLES = ("figures", "documents", "sections")


def _digests(folder: pathlib.Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("out")
    summary = run(CORPUS, out)
    assert summary.failed == 0 and summary.rejects == 0
    return out


def test_writes_every_table_as_parquet_and_csv(built: pathlib.Path) -> None:
    for name in TABLES:
        assert (built / f"{name}.parquet").is_file()
        assert (built / f"{name}.csv").is_file()
    assert (built / "rejects.csv").is_file()
    assert not list(built.glob(".*.tmp")), "temporary files left behind"


def test_second_run_is_byte_identical(built: pathlib.Path, tmp_path: pathlib.Path) -> None:
    run(CORPUS, tmp_path)
    assert _digests(tmp_path) == _digests(built)


def test_figure_text_matches_the_document(built: pathlib.Path) -> None:
    figures = pd.read_parquet(built / "figures.parquet")
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    for row in figures.itertuples():
        assert texts[row.source][row.start:row.end] == row.text


def test_csv_follows_the_spreadsheet_conventions(built: pathlib.Path) -> None:
    raw = (built / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "£5.3 billion" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:  # plain decimals: no exponent, no thousands separator
        for col in ("value_low", "value_high"):
            assert re.fullmatch(r"(-?[0-9]+(\.[0-9]+)?)?", row[col]), row[col]
    figures = pd.read_csv(built / "figures.csv", encoding="utf-8-sig")
    assert figures["date_start"].dropna().str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert (figures.loc[figures["text"] == "£5.3 billion", "value_low"] == 5.3e9).all()


def test_a_bad_file_fails_alone(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "nested").mkdir(parents=True)
    shutil.copy(CORPUS / "003_c44f654124f0b19c.txt", corpus / "nested" / "good.txt")
    (corpus / "bad.txt").write_bytes(b"The fund is \x81\x8d broken")  # neither UTF-8 nor Windows-1252
    (corpus / "notes.md").write_text("ignored: not a supported format")
    out = tmp_path / "out"
    summary = run(corpus, out)
    assert summary.documents == 3 and summary.failed == 1
    assert summary.skipped == [("notes.md", "format not read: .md")]
    docs = pd.read_parquet(out / "documents.parquet").set_index("source")
    assert docs.loc["notes.md", "status"] == "skipped"
    assert docs.loc["bad.txt", "status"] == "failed"
    assert "UTF-8" in docs.loc["bad.txt", "error"]
    assert docs.loc["nested/good.txt", "status"] == "ok"
    alone = tmp_path / "alone"
    run(corpus / "nested", alone)
    with_bad = pd.read_parquet(out / "figures.parquet").drop(columns=["source"])
    only_good = pd.read_parquet(alone / "figures.parquet").drop(columns=["source"])
    pd.testing.assert_frame_equal(with_bad, only_good)


def test_identical_copies_at_two_paths_keep_all_their_rows(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(CORPUS / "003_c44f654124f0b19c.txt", corpus / name)
    out = tmp_path / "out"
    summary = run(corpus, out)
    assert summary.rejects == 0
    docs = pd.read_parquet(out / "documents.parquet")
    sections = pd.read_parquet(out / "sections.parquet")
    figures = pd.read_parquet(out / "figures.parquet")
    assert docs["doc_id"].is_unique and sections["section_id"].is_unique and figures["figure_id"].is_unique
    assert len(sections) == 2 * sections["doc_id"].value_counts().iloc[0]
    assert set(figures["section_id"]) <= set(sections["section_id"])
    for doc_id, rows in figures.groupby("doc_id"):
        assert set(rows["section_id"]) <= set(sections.loc[sections["doc_id"] == doc_id, "section_id"])


def test_formula_like_text_is_neutralised_in_csv_only(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text("=HYPERLINK(\"http://x\") costs £5bn\n\n-5% fell by 3% in 2015.\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    run(corpus, out)
    csv_text = (out / "figures.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'-5% fell" in csv_text
    sentences = set(pd.read_parquet(out / "figures.parquet")["sentence"])
    assert "=HYPERLINK(\"http://x\") costs £5bn" in sentences


def test_every_target_figure_has_a_targets_row(built: pathlib.Path) -> None:
    figures = pd.read_parquet(built / "figures.parquet")
    targets = pd.read_parquet(built / "targets.parquet")
    wanted = set(figures.loc[figures["is_target"].fillna(False), "figure_id"])
    assert set(targets["figure_id"]) == wanted
    merged = targets.merge(figures, on="figure_id", suffixes=("", "_fig"))
    has_period = merged["period_start"].notna()
    assert (merged.loc[has_period, "deadline_start"] == merged.loc[has_period, "period_start"]).all()
    assert targets["target_type"].notna().all()
    emergency = targets[targets["text"] == "3.5%"].iloc[0]
    assert emergency["target_type"] == "aim" and emergency["baseline_text"] == "2014 levels"


def test_every_figure_has_a_sentence_and_a_section(built: pathlib.Path) -> None:
    figures = pd.read_parquet(built / "figures.parquet")
    assert figures["sentence"].notna().all() and (figures["sentence"].str.len() > 0).all()
    assert figures["section_id"].notna().all()
    sections = pd.read_parquet(built / "sections.parquet")
    assert set(figures["section_id"]) <= set(sections["section_id"])
    for row in figures.itertuples():
        assert row.text in row.sentence

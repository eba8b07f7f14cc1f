"""The output folder as a publication: data package, dictionary, spreadsheets, duplicates, reproducibility."""

from __future__ import annotations

import hashlib
import pathlib
import shutil
import subprocess

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from extract.pipeline import run
from schemas import TABLES

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("release")
    run(CORPUS, out)
    return out


def test_datapackage_validates_with_frictionless(built: pathlib.Path) -> None:
    import frictionless

    report = frictionless.validate(built / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_datapackage_describes_every_column_with_a_description(built: pathlib.Path) -> None:
    import json

    package = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    for name in TABLES:
        header = pd.read_csv(built / f"{name}.csv", encoding="utf-8-sig", nrows=0).columns.tolist()
        assert described[name] == header
    assert all(f["description"] for r in package["resources"] for f in r["schema"]["fields"])


def test_dictionary_covers_every_column_of_every_table(built: pathlib.Path) -> None:
    dictionary = (built / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        assert f"## `{name}`" in dictionary
        for column in pd.read_parquet(built / f"{name}.parquet").columns:
            assert f"| `{column}` |" in dictionary, (name, column)
    assert "How figures are normalised" in dictionary


def test_workbook_has_a_sheet_per_table_with_frozen_header_and_filters(built: pathlib.Path) -> None:
    book = openpyxl.load_workbook(built / "figures.xlsx")
    assert book.sheetnames == list(TABLES)
    for name in TABLES:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None
        assert [c.value for c in sheet[1]] == pd.read_parquet(built / f"{name}.parquet").columns.tolist()
        assert sheet.column_dimensions["A"].width > 5
    figures = book["figures"]
    header = [c.value for c in figures[1]]
    text_col = header.index("text") + 1
    texts = [row[0].value for row in figures.iter_rows(min_row=2, min_col=text_col, max_col=text_col)]
    assert "£5.3 billion" in texts
    date_col = header.index("date_start") + 1
    assert any(cell.is_date for cell in figures.iter_cols(min_col=date_col, max_col=date_col, min_row=2).__next__())


def test_formula_like_text_is_never_a_formula(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text("=HYPERLINK(\"http://x\",\"y\") costs £5bn.\n\n+1 said it rose 3% in 2015.\n"
                                    "\n@cell has 20 beds.\n", encoding="utf-8")
    out = tmp_path / "out"
    run(corpus, out)
    sheet = openpyxl.load_workbook(out / "figures.xlsx")["figures"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value
    csv_text = (out / "figures.csv").read_text(encoding="utf-8-sig")
    for line in csv_text.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "@", "-")), cell
    parquet = pd.read_parquet(out / "figures.parquet")
    assert parquet["sentence"].str.startswith("=HYPERLINK").any()


def test_every_figure_of_a_repeated_post_points_to_its_first_occurrence(built: pathlib.Path) -> None:
    figures = pd.read_parquet(built / "figures.parquet")
    sections = pd.read_parquet(built / "sections.parquet")
    documents = pd.read_parquet(built / "documents.parquet").set_index("doc_id")
    texts = {doc_id: (CORPUS / row.source).read_text(encoding="utf-8") for doc_id, row in documents.iterrows()}
    sections["body"] = [texts[d][s:e].strip() for d, s, e in zip(sections["doc_id"], sections["start"],
                                                                   sections["end"], strict=True)]
    repeated = sections[sections.duplicated("body", keep=False) & (sections["rule"] == "dateline")]
    assert len(repeated) >= 10  # blog tag pages 000, 001 and 004 share posts
    checked = 0
    for _, group in repeated.groupby("body"):
        group = group.assign(source=group["doc_id"].map(documents["source"])).sort_values("source")
        first, *copies = group.itertuples()
        first_figs = figures[(figures["section_id"] == first.section_id)]
        for copy in copies:
            copy_figs = figures[figures["section_id"] == copy.section_id]
            assert len(copy_figs) == len(first_figs)
            assert copy_figs["duplicate_of"].notna().all()
            assert set(copy_figs["duplicate_of"]) <= set(figures["figure_id"])
            checked += len(copy_figs)
    assert checked > 50
    facts = pd.read_parquet(built / "facts.parquet")
    assert len(facts) == figures["duplicate_of"].isna().sum()
    assert facts["n_occurrences"].sum() == len(figures)
    bcf = facts[facts["text"] == "£5.3 billion"]
    assert len(bcf) == 1 and bcf.iloc[0]["n_documents"] == 2


def _content(path: pathlib.Path) -> object:
    """What a release file holds, independent of the library that wrote it.

    Parquet: the schema's fields and the rows (a new pyarrow writes another
    `created_by` in the footer); the workbook: every sheet's cells (a new
    xlsxwriter may zip them differently); any other file: its bytes.
    """
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        return [(f.name, str(f.type)) for f in table.schema], table.to_pylist()
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return {name: [[c.value for c in row] for row in book[name].iter_rows()] for name in book.sheetnames}
    return hashlib.sha256(path.read_bytes()).hexdigest()


def release_content(folder: pathlib.Path) -> dict[str, object]:
    return {p.relative_to(folder).as_posix(): _content(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_committed_output_is_reproduced(built: pathlib.Path) -> None:
    """The release in output/ must be what `make dataset` gives today: rebuild and commit it after a change.

    Compared by content, so that a new release of pyarrow or xlsxwriter (another footer, another zip layout)
    does not fail it; a changed value, row, column or text file does.
    """
    built_content, committed = release_content(built), release_content(ROOT / "output")
    assert sorted(built_content) == sorted(committed)
    for name in built_content:
        assert built_content[name] == committed[name], f"{name} differs from the committed release: run make dataset"


def test_documents_record_the_tool_version(built: pathlib.Path) -> None:
    from extract import __version__
    from extract.cache import extractor_version

    versions = set(pd.read_parquet(built / "documents.parquet")["tool_version"])
    assert versions == {extractor_version()}
    assert extractor_version().startswith(f"{__version__}-")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_csv_with_pounds_dates_and_no_formulas(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text("=SUM(1,2) The fund will pool £5.3 billion in 2015-16.\n", encoding="utf-8")
    out = tmp_path / "out"
    run(corpus, out)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                    "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path), str(out / "figures.csv")],
                   check=True, capture_output=True, timeout=180)
    sheet = openpyxl.load_workbook(tmp_path / "figures.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[0]
    assert any(row[header.index("text")] == "£5.3 billion" for row in values[1:])
    fy = next(row for row in values[1:] if row[header.index("text")] == "2015-16")
    start = fy[header.index("date_start")]
    assert str(start)[:10] == "2015-04-01"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value

"""Every input format, with fixture files the tests make themselves."""

from __future__ import annotations

import collections
import pathlib

import pandas as pd
import pytest
from fixtures import HTML_PAGE, make_docx, make_pdf

from extract.extractor import extract
from extract.pipeline import run, text_path
from extract.read import read_document
from extract.read.pdf import mend_lines

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _key(m):
    return (m.kind, m.value_low, m.value_high, None if m.kind == "count" else m.unit, m.date_start, m.date_end)


@pytest.mark.parametrize("name", ["000_283eca0c9246440f.txt", "003_c44f654124f0b19c.txt"])
def test_pdf_of_a_bundled_document_gives_the_same_figures(name: str, tmp_path: pathlib.Path) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    read = read_document(make_pdf(text, tmp_path / "doc.pdf"))
    assert read.ok, read.error
    assert read.format == "pdf" and read.pages and read.pages[0] == 0
    from_txt = collections.Counter(_key(m) for m in extract(text))
    from_pdf = collections.Counter(_key(m) for m in extract(read.text))
    assert from_pdf == from_txt


def test_pdf_figures_carry_their_page_and_the_text_is_kept(tmp_path: pathlib.Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf((CORPUS / "000_283eca0c9246440f.txt").read_text(encoding="utf-8"), corpus / "report.pdf")
    out = tmp_path / "out"
    run(corpus, out)
    figures = pd.read_parquet(out / "figures.parquet")
    documents = pd.read_parquet(out / "documents.parquet")
    assert documents.loc[0, "format"] == "pdf" and documents.loc[0, "n_pages"] > 5
    assert figures["page"].notna().all() and figures["page"].min() == 1
    assert figures["page"].max() == documents.loc[0, "n_pages"]
    assert figures["page"].is_monotonic_increasing
    text = text_path(out, documents.loc[0, "doc_id"]).read_text(encoding="utf-8")
    for row in figures.itertuples():
        assert text[row.start:row.end] == row.text


@pytest.mark.parametrize(("broken", "mended"), [
    ("a 10-\nyear plan", "a 10-year plan"),
    ("a deficit of £7-\n10 billion", "a deficit of £7-10 billion"),
    ("worth £5.\n3bn", "worth £5.3bn"),
    ("some 20,\n000 nurses", "some 20,000 nurses"),
    ("integra\u00ad\ntion", "integration"),
    ("£5.3\r\nbillion", "£5.3\nbillion"),
])
def test_pdf_line_breaks_inside_figures_are_mended(broken: str, mended: str) -> None:
    assert mend_lines(broken) == mended


def test_html_main_text_only(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    read = read_document(path)
    assert read.ok, read.error
    assert "Councils face a funding gap of £3.5bn by 2025" in read.text
    for noise in ("£999bn", "trackPageview", "Top 10 stories", "0800 123 4567", "Subscribe", "1234567"):
        assert noise not in read.text
    texts = [m.text for m in extract(read.text)]
    assert texts == ["£3.5bn", "2025", "8%", "between 2009/10 and 2016/17", "£1.5 billion", "2018-19", "20,000",
                     "1.2 million", "five years"]


def test_docx_paragraphs_and_tables(tmp_path: pathlib.Path) -> None:
    path = make_docx(["Board paper: finance report", "The trust forecasts a deficit of £12.4m in 2019/20.",
                      "Agency spend fell by 15% on the previous year."], tmp_path / "paper.docx",
                     table=[["Item", "2018/19", "2019/20"], ["Agency staff", "£3.2m", "£2.7m"]])
    read = read_document(path)
    assert read.ok and read.format == "docx"
    texts = [m.text for m in extract(read.text)]
    assert texts == ["£12.4m", "2019/20", "15%", "2018/19", "2019/20", "£3.2m", "£2.7m"]


@pytest.mark.parametrize(("data", "encoding"), [
    ("The fund is £5.3bn in 2015–16.".encode(), "utf-8"),
    (b"\xef\xbb\xbf" + "The fund is £5.3bn in 2015–16.".encode(), "utf-8-sig"),
    ("The fund is £5.3bn in 2015–16.".encode("cp1252"), "cp1252"),
])
def test_text_encodings(data: bytes, encoding: str, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    read = read_document(path)
    assert read.ok and read.encoding == encoding
    assert read.text == "The fund is £5.3bn in 2015–16."
    assert [m.text for m in extract(read.text)] == ["£5.3bn", "2015–16"]

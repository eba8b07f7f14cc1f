"""Figures in tables and what a page says about itself, from real files of each format.

Each test builds a real file (an HTML page shaped like a GOV.UK, NHS England
or ONS page with its navigation, cookie banner and footer; a Word document
made with python-docx; a PDF made with fpdf2), runs the whole pipeline on it,
and checks the published rows: values, units, periods, labels, metadata.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import pandas as pd
import pytest

from extract.pipeline import run
from extract.read import html as html_reader
from extract.read import pdf as pdf_reader
from extract.tables import unit_of
from tests.fixtures import font_path

ALLOCATIONS = [("Programme", "2023/24", "2024/25"), ("Core services", "2,415.6", "2,512.3"),
               ("Primary care", "(12.4)", "-1.5%")]
# What every format must give for the table above, captioned "Revenue allocations (£ million)".
EXPECTED = {
    ("Core services", "2023/24"): ("money", 2_415_600_000.0, "GBP", "2023-04-01", "2024-03-31"),
    ("Core services", "2024/25"): ("money", 2_512_300_000.0, "GBP", "2024-04-01", "2025-03-31"),
    ("Primary care", "2023/24"): ("money", -12_400_000.0, "GBP", "2023-04-01", "2024-03-31"),
    ("Primary care", "2024/25"): ("percent", -1.5, "percent", "2024-04-01", "2025-03-31"),
}

NHSE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Operational performance update | NHS England</title>
<meta property="og:title" content="Board paper: operational performance update">
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
<link rel="canonical" href="https://www.england.nhs.uk/long-read/operational-performance-update/">
<script>window.dataLayer = [{"budget": "£999bn"}];</script></head>
<body>
<div class="nhsuk-cookie-banner" id="cookiebanner"><p>We use cookies to make this site work: 2 essential cookies.</p>
<button>Accept</button></div>
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header" role="banner"><nav><ul><li><a href="/">Home</a></li><li>Top 10 reads</li></ul></nav></header>
<nav class="nhsuk-breadcrumb"><ol><li>Home</li><li>Board meetings 2024</li></ol></nav>
<main id="maincontent" class="nhsuk-main-wrapper">
<h1>Operational performance update</h1>
<p>This year the NHS will spend <strong>£5</strong>.3bn on core services.<sup>1</sup></p>
<table><caption>Revenue allocations (£ million)</caption>
<thead><tr><th scope="col">Programme</th><th scope="col">2023/24</th><th scope="col">2024/25</th></tr></thead>
<tbody>
<tr><th scope="row">Core services</th><td>2,415.6</td><td>2,512.3</td></tr>
<tr><th scope="row">Primary care</th><td>(12.4)</td><td>-1.5%</td></tr>
</tbody></table>
<footer class="nhsuk-u-font-size-16"><p>1. In 2022-23 prices the boost is worth £1.1bn.</p></footer>
</main>
<footer class="nhsuk-footer" role="contentinfo"><p>© NHS England 2024. Call 0300 311 22 33.</p></footer>
</body></html>
"""

GOVUK_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Adult social care grant 2024 to 2025 - GOV.UK</title>
<link rel="canonical" href="https://www.gov.uk/government/publications/asc-grant-2024-to-2025">
<script type="application/ld+json">{"@context": "http://schema.org", "@type": "Article",
 "headline": "Adult social care grant 2024 to 2025", "datePublished": "2024-02-05T10:00:00+00:00"}</script>
</head><body>
<div id="global-cookie-message" class="gem-c-cookie-banner govuk-clearfix"><p>Cookies on GOV.UK: we use 4 cookies.</p></div>
<header class="gem-c-layout-super-navigation-header"><a href="/">GOV.UK</a><button>Menu</button></header>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content" role="main">
<span class="govuk-caption-xl">Guidance</span>
<h1 class="gem-c-title__text govuk-heading-l">Adult social care grant 2024 to 2025</h1>
<p>Local authorities will receive the grant in two payments this year.</p>
<h2>Allocations by region</h2>
<table class="govuk-table">
<thead class="govuk-table__head"><tr><th>Region</th><th>£m</th><th>% change</th></tr></thead>
<tbody><tr><td>London</td><td>312.5</td><td>4.1</td></tr><tr><td>North East</td><td>98.0</td><td>-0.5</td></tr></tbody>
</table>
</main></div>
<footer class="govuk-footer"><p>All content is available under the Open Government Licence v3.0</p></footer>
</body></html>
"""

ONS_PAGE = """<!DOCTYPE html>
<html><head><title>UK health accounts - Office for National Statistics</title></head>
<body><div class="ons-cookies-banner"><p>Cookies on ons.gov.uk</p></div>
<div class="page-intro"><h1>UK Health Accounts: 2022</h1>
<p>Release date:</p><p>24 May 2024</p><p>Next release: To be announced</p></div>
<div id="main" role="main"><h2>1. Main points</h2>
<p>Total healthcare expenditure in 2022 was £283 billion, a 0.7% fall in real terms.</p>
<table><caption>Healthcare expenditure by financing scheme, UK, 2022</caption>
<tr><th>Scheme</th><th>£ million</th></tr><tr><td>Government</td><td>231,125</td></tr></table>
</div></body></html>
"""


def _figures(corpus: pathlib.Path, out: pathlib.Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    run(corpus, out)
    return pd.read_parquet(out / "figures.parquet"), pd.read_parquet(out / "documents.parquet")


def _cells(figures: pd.DataFrame, source: str) -> dict[tuple[str, str], tuple]:
    rows = figures[(figures.source == source) & figures.table_id.notna()]
    return {(r.row_label, r.column_label): (r.kind, r.value_low, r.unit, str(r.period_start), str(r.period_end))
            for r in rows.itertuples()}


def _document(built: tuple[pd.DataFrame, pd.DataFrame], source: str) -> pd.Series:
    """The `documents` row of `source`."""
    return built[1].set_index("source").loc[source]


def _fpdf() -> object:
    """An A4 fpdf2 document with a Unicode font (regular and bold, for table headings)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=font_path())
    pdf.add_font("DejaVu", style="B", fname=font_path().replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
    return pdf


def _check_allocations(figures: pd.DataFrame, source: str) -> None:
    got = _cells(figures, source)
    assert set(got) == set(EXPECTED), got
    for key, (kind, value, unit, start, end) in EXPECTED.items():
        g_kind, g_value, g_unit, g_start, g_end = got[key]
        assert (g_kind, g_unit, g_start, g_end) == (kind, unit, start, end), (key, got[key])
        assert g_value == pytest.approx(value), key
    money = figures[(figures.source == source) & (figures.kind == "money") & figures.table_id.notna()]
    assert set(money.measure) == {"funding"}  # "Revenue allocations"
    assert money.table_id.eq("t1").all()
    assert money.sentence.str.contains("Revenue allocations").all()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    import docx

    corpus = tmp_path_factory.mktemp("tables") / "corpus"
    corpus.mkdir()
    (corpus / "nhse.html").write_text(NHSE_PAGE, encoding="utf-8")
    (corpus / "govuk.html").write_text(GOVUK_PAGE, encoding="utf-8")
    (corpus / "ons.html").write_text(ONS_PAGE, encoding="utf-8")

    document = docx.Document()
    document.core_properties.title = "Allocations briefing"
    document.core_properties.created = dt.datetime(2024, 3, 14, 9, 0)
    document.add_heading("Allocations briefing", level=1)
    document.add_paragraph("The board agreed the allocations below. Spending grew by 4% in 2023/24.")
    document.add_paragraph("Table 2: Revenue allocations (£ million)")
    table = document.add_table(rows=len(ALLOCATIONS), cols=3)
    for r, row in enumerate(ALLOCATIONS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("The board will review them next year.")
    document.save(str(corpus / "briefing.docx"))

    pdf = _fpdf()
    pdf.set_auto_page_break(False)
    # No Title in the document info: the title is the first line once the running header is gone.
    pdf.set_creation_date(dt.datetime(2024, 3, 14, 9, 30, tzinfo=dt.UTC))
    for page in range(3):
        pdf.add_page()
        pdf.set_font("DejaVu", size=8)
        pdf.cell(0, 6, "Public Accounts Committee | HC 1234 | Session 2023-24", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=11)
        if page == 0:
            pdf.multi_cell(0, 6, "Health and social care funding", new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 6, "Councils planned to spend £2.5bn on care in 2015-16.7 Paragraph seven "
                                 "notes that demand grew.", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            pdf.cell(0, 6, "Table 1: Revenue allocations (£ million)", new_x="LMARGIN", new_y="NEXT")
            with pdf.table() as t:
                for row in ALLOCATIONS:
                    cells = t.row()
                    for value in row:
                        cells.cell(value)
        else:
            pdf.multi_cell(0, 6, f"Page {page + 1} discusses waiting times, which rose by {page}% in 2016.",
                           new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.set_font("DejaVu", size=8)
        pdf.cell(0, 6, str(page + 1), align="C")
    pdf.output(str(corpus / "report.pdf"))

    # The same table set without rules, as most published reports set them.
    from fpdf.enums import TableBordersLayout

    unruled = _fpdf()
    unruled.set_font("DejaVu", size=11)
    unruled.add_page()
    unruled.multi_cell(0, 6, "The board agreed the allocations below for the two years, as planned in March.",
                       new_x="LMARGIN", new_y="NEXT")
    unruled.cell(0, 6, "Table 1: Revenue allocations (£ million)", new_x="LMARGIN", new_y="NEXT")
    with unruled.table(borders_layout=TableBordersLayout.NONE) as t:
        for row in ALLOCATIONS:
            cells = t.row()
            for value in row:
                cells.cell(value)
    unruled.multi_cell(0, 6, "Allocations will be reviewed in the autumn.", new_x="LMARGIN", new_y="NEXT")
    unruled.output(str(corpus / "unruled.pdf"))
    return _figures(corpus, tmp_path_factory.mktemp("tables-out") / "out")


@pytest.mark.parametrize("source", ["nhse.html", "briefing.docx", "report.pdf", "unruled.pdf"])
def test_a_pound_million_table_gives_money_with_periods_and_labels_in_every_format(built, source: str) -> None:
    figures, _ = built
    _check_allocations(figures, source)


def test_html_metadata_dates_the_page_and_names_it(built) -> None:
    figures, _ = built
    doc = _document(built, "nhse.html")
    assert doc.url == "https://www.england.nhs.uk/long-read/operational-performance-update/"
    assert str(doc.published_date) == "2024-03-14"
    assert doc.title == "Board paper: operational performance update"
    # "This year" resolves against the page's date; the footnote is kept; the cookie banner,
    # navigation, skip link and site footer are gone.
    page = figures[figures.source == "nhse.html"]
    spend = page[page.text == "£5.3bn"].iloc[0]
    assert (str(spend.period_start), str(spend.period_end)) == ("2024-01-01", "2024-12-31")
    assert str(spend.published_date) == "2024-03-14"
    assert "£1.1bn" in set(page.text)
    assert not set(page.text) & {"£999bn", "0300 311 22 33", "2", "10"}


def test_govuk_json_ld_date_canonical_url_and_a_change_column(built) -> None:
    figures, _ = built
    doc = _document(built, "govuk.html")
    assert doc.url == "https://www.gov.uk/government/publications/asc-grant-2024-to-2025"
    assert str(doc.published_date) == "2024-02-05"
    assert doc.title == "Adult social care grant 2024 to 2025"
    cells = figures[(figures.source == "govuk.html") & figures.table_id.notna()].set_index(
        ["row_label", "column_label"])
    london = cells.loc[("London", "£m")]
    assert (london.kind, london.value_low, london.unit) == ("money", pytest.approx(312_500_000.0), "GBP")
    change = cells.loc[("North East", "% change")]
    assert (change.kind, change.value_low, change.direction) == ("percent", -0.5, "decrease")
    assert cells.loc[("London", "% change")].direction == "increase"
    assert cells.table_id.eq("t1").all()  # named by the heading above it
    assert cells.sentence.str.startswith("Allocations by region").all()


def test_ons_heading_names_the_page_not_its_release_date_line(built) -> None:
    figures, _ = built
    doc = _document(built, "ons.html")
    assert doc.title == "UK Health Accounts: 2022"
    cell = figures[(figures.source == "ons.html") & figures.table_id.notna()].iloc[0]
    assert (cell.kind, cell.value_low, cell.unit, cell.row_label) == ("money", 231_125_000_000.0, "GBP", "Government")
    assert (str(cell.period_start), str(cell.period_end)) == ("2022-01-01", "2022-12-31")  # from the caption


def test_word_core_properties(built) -> None:
    doc = _document(built, "briefing.docx")
    assert doc.title == "Allocations briefing"
    assert str(doc.published_date) == "2024-03-14"


def test_pdf_furniture_removed_and_glued_paragraph_numbers_split(built) -> None:
    figures, _ = built
    doc = _document(built, "report.pdf")
    assert doc.title == "Health and social care funding"
    assert str(doc.published_date) == "2024-03-14"
    page = figures[figures.source == "report.pdf"]
    # The running header ("… | HC 1234 | Session 2023-24") and page numbers are gone.
    assert "2023-24" not in set(page.text) and "1234" not in set(page.text)
    assert not page.sentence.fillna("").str.contains("HC 1234").any()
    # "…in 2015-16.7 Paragraph seven…": the year stays whole, and "16.7" is no figure.
    assert "2015-16" in set(page.text)
    assert not page.text.str.contains("16.7").any()
    assert sorted(page.page.dropna().unique().tolist()) == [1, 2, 3]


@pytest.mark.parametrize(("label", "expected"), [
    ("Revenue allocations (£ million)", ("money", "GBP", 1e6)),
    ("£m", ("money", "GBP", 1e6)),
    ("Spend (£000s)", ("money", "GBP", 1e3)),
    ("£'000", ("money", "GBP", 1e3)),
    ("$bn", ("money", "USD", 1e9)),
    ("EUR million", ("money", "EUR", 1e6)),
    ("million pounds", ("money", "GBP", 1e6)),
    ("Cash (£)", ("money", "GBP", 1.0)),
    ("% change", ("percent", None, 1.0)),
    ("Per cent of patients", ("percent", None, 1.0)),
    ("Number of patients", None),
    ("2023/24", None),
])
def test_units_from_headers_and_captions(label: str, expected: tuple | None) -> None:
    unit = unit_of(label, "caption")
    assert (None if unit is None else (unit.kind, unit.currency, unit.scale)) == expected


def test_pdf_mending_splits_a_glued_paragraph_number_but_not_a_decimal() -> None:
    assert pdf_reader.mend_lines("care in 2015-16.7 Paragraph seven") == "care in 2015-16.\n7 Paragraph seven"
    assert pdf_reader.mend_lines("rose to 16.7 per cent. Then") == "rose to 16.7 per cent. Then"
    assert pdf_reader.mend_lines("the services.12 The board") == "the services.\n12 The board"


def test_html_inline_markup_stays_inside_its_sentence() -> None:
    parsed = html_reader.read(b"<html><body><main><p>Spending was <b>\xc2\xa35</b>.3bn, up <a href='#'>2%</a>."
                              b"</p><div>Loose <em>text</em> here<p>and a paragraph</p></div></main></body></html>")
    assert parsed.text == "Spending was £5.3bn, up 2%.\n\nLoose text here\n\nand a paragraph\n"


@pytest.mark.parametrize(("header", "period"), [
    ("2023/24", ("2023-04-01", "2024-03-31")),
    ("Q3 2024/25", ("2024-10-01", "2024-12-31")),
    ("March 2025", ("2025-03-01", "2025-03-31")),
    ("2019-20 outturn", ("2019-04-01", "2020-03-31")),
    ("FY19/20", ("2019-04-01", "2020-03-31")),
    ("2022", ("2022-01-01", "2022-12-31")),
    ("Total", None),
])
def test_a_header_that_is_a_date_or_financial_year_is_its_cells_period(header: str, period: tuple | None) -> None:
    from extract.tables import _period_of

    found = _period_of(header)
    assert (None if found is None else (str(found.start), str(found.end))) == period


def _table_rows(page: str, tmp_path: pathlib.Path) -> pd.DataFrame:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text(page, encoding="utf-8")
    figures, _ = _figures(corpus, tmp_path / "out")
    return figures[figures.table_id.notna()]


def test_years_down_the_rows_plans_across_the_columns(tmp_path: pathlib.Path) -> None:
    # Rows labelled by year; a column of plans; no currency anywhere: counts.
    rows = _table_rows("""<html><body><main><h2>Elective activity</h2>
<p>Activity rose by 5% over the period.</p>
<table><tr><th>Year</th><th>Admissions</th><th>Planned admissions</th></tr>
<tr><td>2019</td><td>1,204</td><td>1,250</td></tr><tr><td>2020</td><td>980</td><td>1,300</td></tr></table>
</main></body></html>""", tmp_path)
    got = {(r.row_label, r.column_label): (r.kind, r.value_low, str(r.period_start), bool(r.is_target))
           for r in rows.itertuples()}
    assert got == {
        ("2019", "Admissions"): ("count", 1204.0, "2019-01-01", False),
        ("2019", "Planned admissions"): ("count", 1250.0, "2019-01-01", True),
        ("2020", "Admissions"): ("count", 980.0, "2020-01-01", False),
        ("2020", "Planned admissions"): ("count", 1300.0, "2020-01-01", True),
    }  # the paragraph's "5%" above the table does not make its cells percentages


def test_cells_with_their_own_units_and_two_header_rows(tmp_path: pathlib.Path) -> None:
    rows = _table_rows("""<html><body><main>
<table><caption>Capital budgets</caption>
<thead><tr><th></th><th>2024/25</th><th>2025/26</th></tr><tr><th>Body</th><th>plan</th><th>plan</th></tr></thead>
<tbody><tr><th>NHS England</th><td>£12.1bn</td><td>£13.4bn</td></tr><tr><th>Public health</th><td>n/a</td><td>–</td></tr>
</tbody></table></main></body></html>""", tmp_path)
    got = {(r.row_label, r.column_label): (r.kind, r.value_low, r.measure, bool(r.is_target), str(r.period_start))
           for r in rows.itertuples()}
    assert got == {
        ("NHS England", "2024/25 plan"): ("money", 12.1e9, "investment", True, "2024-04-01"),
        ("NHS England", "2025/26 plan"): ("money", 13.4e9, "investment", True, "2025-04-01"),
    }


def test_a_layout_table_of_prose_is_read_as_text(tmp_path: pathlib.Path) -> None:
    prose = ("The Government will provide an extra £2 billion for social care over the next three years, "
             "of which £1 billion will be provided in 2017-18. " * 4)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.html").write_text(f"<html><body><table><tr><td>Menu</td><td><p>{prose}</p></td></tr></table>"
                                     "</body></html>", encoding="utf-8")
    figures, _ = _figures(corpus, tmp_path / "out")
    money = figures[figures.kind == "money"]
    assert len(money) == 8 and money.table_id.isna().all()
    assert set(money.measure) == {"funding"}


def test_a_rate_per_n_in_a_header_gives_each_cell_its_denominator(tmp_path: pathlib.Path) -> None:
    rows = _table_rows("""<html><body><main><table>
<caption>Under-75 mortality from cardiovascular disease, England</caption>
<tr><th>Region</th><th>Deaths per 100,000 population</th><th>Cost per patient (£)</th></tr>
<tr><td>North West</td><td>92.4</td><td>1,240</td></tr></table></main></body></html>""", tmp_path)
    got = {r.column_label: (r.kind, r.value_low, r.unit, r.denominator, r.denominator_unit) for r in rows.itertuples()}
    assert got == {
        "Deaths per 100,000 population": ("count", 92.4, "death", 100000.0, "population"),
        "Cost per patient (£)": ("money", 1240.0, "GBP", 1.0, "patient"),
    }


def test_a_main_element_holding_only_a_teaser_does_not_hide_the_article() -> None:
    article = " ".join(f"Paragraph {i}: the trust spent £{i}.5m on agency staff in 2023/24, up from the year before."
                       for i in range(1, 12))
    page = (f"<html><body><main><p>Partner content</p></main><div class='content'><h1>Agency spending</h1>"
            f"<p>{article}</p></div></body></html>").encode()
    parsed = html_reader.read(page)
    assert "Agency spending" in parsed.text and "£11.5m" in parsed.text


def test_a_page_with_a_stray_control_byte_is_read_and_a_binary_one_is_not() -> None:
    page = b"<html><body><main><p>The fund is \x1d\xc2\xa35.3bn in 2015-16.</p></main></body></html>"
    assert html_reader.read(page).text == "The fund is £5.3bn in 2015-16.\n"
    with pytest.raises(ValueError, match="binary content"):
        html_reader.read(bytes(range(256)) * 4)


def test_rows_labelled_by_two_cells_and_a_label_spanning_rows(tmp_path: pathlib.Path) -> None:
    rows = _table_rows("""<html><body><main><table><caption>Spend (£m)</caption>
<tr><th>Region</th><th>Trust</th><th>2023/24</th></tr>
<tr><th rowspan="2">London</th><td>Barts</td><td>1,200.5</td></tr>
<tr><td>Guy's</td><td>980.0</td></tr>
<tr><th>North</th><td>Leeds</td><td>700.1</td></tr></table></main></body></html>""", tmp_path)
    got = {r.row_label: (r.kind, r.value_low, r.column_label) for r in rows.itertuples()}
    assert got == {"London, Barts": ("money", 1_200_500_000.0, "2023/24"),
                   "London, Guy's": ("money", 980_000_000.0, "2023/24"),
                   "North, Leeds": ("money", 700_100_000.0, "2023/24")}


@pytest.mark.parametrize(("line", "furniture"), [
    ("12", True), ("Page 3 of 40", True), ("- 7 -", True), ("iv", True), ("(3)", True),
    ("civil", False), ("2024", False), ("12 patients waited", False),
])
def test_page_numbers_alone_on_their_line(line: str, furniture: bool) -> None:
    pages = [[("text", f"{line}\nThe board met on 3 May and agreed the plan.\n")], [("text", "Text of page two.\n")]]
    pdf_reader._remove_furniture(pages)
    assert (line not in str(pages[0][0][1]).split("\n")) == furniture


def test_a_running_header_repeated_on_most_pages_goes_but_a_repeated_sentence_stays() -> None:
    pages = [[("text", f"NHS Providers | Annual report 2023-24\nBody text {i}.\nThe board agreed the plan.\n{i}")]
             for i in range(1, 5)]
    pdf_reader._remove_furniture(pages)
    for page in pages:
        lines = [ln for ln in str(page[0][1]).split("\n") if ln.strip()]
        assert lines[0].startswith("Body text") and "The board agreed the plan." in lines


def test_pdf_dates() -> None:
    assert pdf_reader._pdf_date("D:20240314093000+00'00'") == dt.date(2024, 3, 14)
    assert pdf_reader._pdf_date("garbage") is None


def _words(lines: list[list[tuple[float, str]]]) -> list[dict]:
    """pdfplumber-like words: each line a list of (x0, text), 20 points apart, 6 points a character."""
    return [{"text": t, "x0": x, "x1": x + 6 * len(t), "top": 20.0 * i, "bottom": 20.0 * i + 10}
            for i, line in enumerate(lines) for x, t in line]


def test_unruled_tables_need_aligned_columns_with_numbers() -> None:
    table = _words([[(30, "Programme"), (200, "2023/24"), (300, "2024/25")],
                    [(30, "Core"), (60, "services"), (200, "2,415.6"), (300, "2,512.3")],
                    [(30, "Primary"), (78, "care"), (200, "(12.4)"), (300, "31.0")]])
    found = pdf_reader.unruled_tables(table)
    assert [rows for _, _, rows in found] == [[["Programme", "2023/24", "2024/25"],
                                               ["Core services", "2,415.6", "2,512.3"],
                                               ["Primary care", "(12.4)", "31.0"]]]
    # Two columns of prose line up as well, but hold no numbers: no table.
    prose = _words([[(30, "The"), (54, "board"), (300, "Demand"), (342, "rose")],
                    [(30, "agreed"), (72, "plans"), (300, "again"), (336, "this")],
                    [(30, "for"), (54, "care"), (300, "winter"), (342, "too")]])
    assert pdf_reader.unruled_tables(prose) == []


@pytest.mark.parametrize(("head", "published", "url"), [
    ('<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">', "2024-03-14", None),
    ('<meta name="govuk:first-published-at" content="2024-02-05T10:00:00.000+00:00">', "2024-02-05", None),
    ('<meta name="DC.date.issued" content="2019-11-01">', "2019-11-01", None),
    ('<meta itemprop="datePublished" content="2021-06-30">', "2021-06-30", None),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
     '"datePublished": "2023-01-09T08:00:00Z"}]}</script>', "2023-01-09", None),
    ('<link rel="canonical" href="https://www.gov.uk/x"><meta property="og:url" content="https://other/y">',
     None, "https://www.gov.uk/x"),
    ('<meta property="og:url" content="https://www.england.nhs.uk/y/">', None, "https://www.england.nhs.uk/y/"),
])
def test_what_a_page_says_about_itself(head: str, published: str | None, url: str | None) -> None:
    page = f"<html><head><title>T</title>{head}</head><body><main><p>Spending rose.</p></main></body></html>"
    meta = html_reader.read(page.encode()).metadata
    assert (str(meta.published) if meta.published else None, meta.url) == (published, url)


def test_a_time_element_dates_a_page_without_meta() -> None:
    page = b"<html><body><main><p>Posted <time datetime='2022-05-24'>24 May</time></p></main></body></html>"
    assert str(html_reader.read(page).metadata.published) == "2022-05-24"

"""Real fixture files of every format, made by the tests themselves."""

from __future__ import annotations

import datetime as dt
import pathlib


def font_path() -> str:
    """A Unicode TrueType font (DejaVu Sans ships inside matplotlib)."""
    import matplotlib

    return str(pathlib.Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def make_pdf(text: str, target: pathlib.Path, encrypt_with: str | None = None) -> pathlib.Path:
    """A real PDF whose text layer is `text`, wrapped into lines and pages by fpdf2."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    pdf.add_font("DejaVu", fname=font_path())
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            pdf.multi_cell(0, 5, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    if encrypt_with:
        pdf.set_encryption(owner_password=encrypt_with, user_password=encrypt_with)
    pdf.output(str(target))
    return target


def make_docx(paragraphs: list[str], target: pathlib.Path, table: list[list[str]] | None = None) -> pathlib.Path:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.save(str(target))
    return target


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Funding news</title>
<script>var budget = "£999bn"; trackPageview(2020);</script>
<style>.x { width: 100% }</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/a">Top 10 stories</a></li><li>Call 0800 123 4567</li></ul></nav>
<header><div class="menu">Subscribe for £1 a week</div></header>
<main><article>
<h1>Councils warn of social care gap</h1>
<p>Councils face a funding gap of £3.5bn by 2025, the Local Government Association says.</p>
<p>Social care spending fell by 8% in real terms between 2009/10 and 2016/17, while demand rose.
The association wants the government to invest an extra £1.5 billion in 2018-19 and recruit 20,000 more care workers.</p>
<p>Around 1.2 million older people currently have unmet care needs, according to Age UK, and waiting lists have grown
for five years in a row.</p>
</article></main>
<footer><p>© 2019 News Ltd. Registered in England No. 1234567.</p></footer>
</body></html>
"""

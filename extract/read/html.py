"""HTML: a saved web page's main content as text, its tables as tables, and what the page says about itself.

The page is parsed with lxml. Its main content is the `<main>` element (or
`role="main"`, else the single `<article>`, else `<body>`), less what is
never content: scripts and styles, navigation, headers and footers of the
site, forms, cookie banners, "skip to content" links, breadcrumbs, share
buttons. Inside it, every block (headings, paragraphs, list items, block
quotes, definition lists, footnotes) becomes a line of its own, separated by
blank lines so that sentences and sections are found as in plain text, and
every `<table>` is written through `layout.TextBuilder` with its caption,
header cells (`<th>`, `<thead>`) and row labels kept.

trafilatura, which is built to find the body of news and blog pages, reads
the page too, as a check: when the structured reading is a fraction of
trafilatura's (a `<main>` that holds only a teaser) the whole body is read
instead, and when it is many times longer (a body of menus), or still
implausible, trafilatura's text is used (without its tables). A page with
no main text is an error.

What the page says about itself comes from its markup, before anything is
guessed from its text: the title from `og:title`, the first `<h1>` or
`<title>`; the canonical URL from `<link rel="canonical">` or `og:url`; the
publication date from `article:published_time` (and its Dublin Core and
schema.org equivalents), JSON-LD `datePublished`, or the first `<time
datetime>` of the main content.
"""

from __future__ import annotations

import datetime as dt
import json

import regex
from lxml import etree
from lxml import html as lxml_html

from extract.read.layout import Metadata, Parsed, TextBuilder, clean, leading_date
from extract.read.text import decode

# Elements that are never the page's content.
_DROP_TAGS = ("head", "title", "script", "style", "noscript", "template", "nav", "form", "button", "select", "input",
              "svg", "iframe", "object", "canvas", "header", "footer", "aside", "menu", "dialog")
# Class or id words of site furniture ("govuk-cookie-banner", "nhsuk-header", "breadcrumbs").
_FURNITURE = regex.compile(
    r"(?:^|[\s_-])(?:cookie|cookies|consent|banner|skip|skiplink|breadcrumbs?|nav|navbar|navigation|menu|"
    r"header|footer|masthead|sidebar|share|social|related|feedback|newsletter|subscribe|print|"
    r"back-to-top|sr-only|visually-hidden|hidden)(?:$|[\s_-])",
    regex.IGNORECASE)
_BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "figcaption",
                     "address", "summary", "caption", "td", "th"))
# Elements that start a block of their own wherever they are.
_BLOCKISH = _BLOCKS | {"table", "div", "section", "article", "ul", "ol", "dl", "details", "figure", "header",
                       "footer", "hr", "tr", "tbody", "thead"}
_DATE_META = ("article:published_time", "og:published_time", "govuk:first-published-at", "datepublished",
              "dc.date.issued", "dcterms.issued",
              "dc.date", "dcterms.created", "date", "publication_date", "citation_publication_date")
_ISO_DATE = regex.compile(r"(\d{4})-(\d{2})-(\d{2})")
# The structured reading is kept when its length is within these bounds of trafilatura's.
PLAUSIBLE_LOW, PLAUSIBLE_HIGH, PLAUSIBLE_FLOOR = 0.5, 3.0, 300


def read(data: bytes) -> Parsed:
    """The main text, tables and metadata of an .html file's bytes."""
    markup, encoding = decode(data, stray_controls=True) if data.strip() else ("", "utf-8")
    if not markup.strip():
        raise ValueError("empty HTML file")
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"unreadable HTML: {exc}") from exc
    metadata = _metadata(root)
    reference = _trafilatura_text(markup)
    builder = _structured(root, whole_body=False)
    if not _plausible(builder.text(), reference):
        # The page's own main element missed its article (too narrow), or there was none and the
        # body is mostly menus: the whole body, else trafilatura's reading of the page.
        builder = _structured(lxml_html.document_fromstring(markup), whole_body=True)
        if not _plausible(builder.text(), reference):
            builder = TextBuilder()
    text = builder.text() if builder.size else reference
    if not text or not text.strip():
        raise ValueError("HTML has no main text (no body, or only menus and scripts)")
    return Parsed(text, encoding, None, tuple(builder.tables), metadata)


def _structured(root: etree._Element, whole_body: bool) -> TextBuilder:
    builder = TextBuilder()
    main = _body(root) if whole_body else _main(root)
    _strip_furniture(main, whole_body=whole_body or main.tag.lower() in ("body", "html"))
    _walk(main, builder, _holding_blocks(main))
    return builder


def _plausible(text: str, reference: str) -> bool:
    """Whether the structured reading is the page's content: about as long as trafilatura's
    reading (which is built to find an article, not to keep its tables), not a fraction of it
    (a `<main>` holding only a teaser) nor many times it (a body of menus)."""
    if not text.strip():
        return False
    if len(reference) < PLAUSIBLE_FLOOR:
        return True  # trafilatura found little: nothing to compare with
    return PLAUSIBLE_LOW * len(reference) <= len(text) <= PLAUSIBLE_HIGH * len(reference)


def _trafilatura_text(markup: str) -> str:
    import trafilatura

    text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False, output_format="txt", with_metadata=False)
    if not text:
        return ""
    return "\n\n".join(p.strip() for p in text.split("\n") if p.strip()) + "\n"


def _body(root: etree._Element) -> etree._Element:
    body = root.find("body")
    return body if body is not None else lxml_html.Element("body")


def _main(root: etree._Element) -> etree._Element:
    for path in ("//main", "//*[@role='main']"):
        found = root.xpath(path)
        if found:
            return found[0]
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    return _body(root)


def _strip_furniture(main: etree._Element, whole_body: bool) -> None:
    """Remove what is never content. Inside a page's own `<main>` or `<article>`, its `<header>`
    (the title) and `<footer>` (the footnotes) are content; in a bare `<body>` they are the site's."""
    doomed = []
    for el in main.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments, processing instructions
            continue
        tag = el.tag.lower()
        if tag == "br":
            el.tail = " " + (el.tail or "")
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        furniture = _FURNITURE.search(marks)
        if furniture is not None and not whole_body and furniture.group().strip(" _-").lower() in ("header", "footer"):
            furniture = None
        if ((tag in _DROP_TAGS and (whole_body or tag not in ("header", "footer")))
                or el.get("hidden") is not None or el.get("aria-hidden") == "true"
                or el.get("role") in ("navigation", "banner", "contentinfo", "search")
                or (tag not in ("table", "main", "article", "body") and furniture)):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        previous = el.getprevious()
        parent.remove(el)
        if tail and tail.strip():  # the text after a removed element stays
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _holding_blocks(main: etree._Element) -> set[etree._Element]:
    """The elements with a block element (paragraph, heading, list item, table…) inside them."""
    holding: set[etree._Element] = set()
    for el in main.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKISH:
            for ancestor in el.iterancestors():
                if ancestor in holding:
                    break
                holding.add(ancestor)
    return holding


def _text_of(el: etree._Element) -> str:
    """All the text inside `el`, inline markup joined as written ("<b>£5</b>.3bn" is "£5.3bn")."""
    return clean("".join(el.itertext()))


def _walk(el: etree._Element, out: TextBuilder, holding: set[etree._Element]) -> None:
    """Write the blocks under `el`, in document order: an element with no block inside is one line;
    in one that holds blocks, the inline text between them is a line of its own."""
    if not isinstance(el.tag, str):
        return
    if el.tag.lower() == "table":
        _table(el, out)
        return
    if el not in holding:
        out.block(_text_of(el))
        return
    run: list[str] = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            run.append(child.tail or "")
            continue
        if child in holding or child.tag.lower() in _BLOCKISH:
            out.block("".join(run))
            _walk(child, out, holding)
            run = [child.tail or ""]
        else:
            run += ["".join(child.itertext()), child.tail or ""]
    out.block("".join(run))


def _table(el: etree._Element, out: TextBuilder) -> None:
    caption_el = el.find("caption")
    caption = _text_of(caption_el) if caption_el is not None else None
    rows: list[list[tuple[str, bool]]] = []
    # A cell spanning rows (`rowspan`) labels the rows below it too: (rows left, text, header) by column.
    carried: dict[int, tuple[int, str, bool]] = {}
    for tr in el.iter("tr"):
        if tr.xpath("ancestor::table[1]")[0] is not el:
            continue  # a row of a table nested in a cell is that table's
        in_head = bool(tr.xpath("ancestor::thead"))
        row: list[tuple[str, bool]] = []
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        i = 0
        while i < len(cells) or any(col >= len(row) for col in carried):
            col = len(row)
            if col in carried:
                left, text, header = carried[col]
                row.append((text, header))
                carried = {k: v for k, v in carried.items() if k != col} | ({col: (left - 1, text, header)}
                                                                          if left > 1 else {})
                continue
            if i == len(cells):
                row.append(("", False))  # a gap before a carried cell further right
                continue
            cell = cells[i]
            i += 1
            text = _text_of(cell)
            header = cell.tag.lower() == "th" or in_head
            span = min(_span(cell.get("colspan")), 50)
            down = min(_span(cell.get("rowspan")), 500)
            for k in range(span):
                row.append((text if k == 0 else "", header))
                if down > 1:  # a label carries down (written again); a spanned value is written once
                    label = header or len(row) == 1
                    carried[len(row) - 1] = (down - 1, text if k == 0 and label else "", header)
        if row:
            rows.append(row)
    out.table(rows, caption=caption, label_above=None if caption else out.last_block())


def _span(value: str | None) -> int:
    """A colspan or rowspan attribute as a count (1 when missing or not a number)."""
    return int(value) if value and value.strip().isdigit() and int(value) > 0 else 1


def _metadata(root: etree._Element) -> Metadata:
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value and key not in metas:
            metas[key] = value
    title = metas.get("og:title")
    if not title:  # the page's own heading, before the <title> that adds the site's name
        h1 = root.find(".//h1")
        title = _text_of(h1) if h1 is not None else None
    if not title:
        t = root.find(".//title")
        title = clean(t.text_content()) if t is not None and t.text_content().strip() else None
    url = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href", "").strip():
            url = link.get("href").strip()
            break
    url = url or metas.get("og:url")
    published = next((d for key in _DATE_META if (d := _date(metas.get(key))) is not None), None)
    if published is None:
        published = _json_ld_date(root)
    if published is None:
        time = next((t for t in root.iter("time") if _date(t.get("datetime")) is not None), None)
        published = _date(time.get("datetime")) if time is not None else None
    return Metadata(title or None, url, published)


def _date(value: str | None) -> dt.date | None:
    """The date at the start of an ISO 8601 value ("2024-03-14T09:30:00+00:00")."""
    return leading_date(_ISO_DATE, value)


def _json_ld_date(root: etree._Element) -> dt.date | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found = _date(item.get("datePublished") if isinstance(item.get("datePublished"), str) else None)
                if found is not None:
                    return found
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                stack.extend(item)
    return None

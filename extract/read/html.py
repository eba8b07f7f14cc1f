"""HTML: the main text of a saved web page, without menus, scripts or footers.

trafilatura finds the article body (it is built for exactly this: news and
blog pages); paragraphs are separated by blank lines so that sentences and
sections are found as in plain text. A page with no main text is an error.
"""

from __future__ import annotations

import trafilatura

from extract.read.text import decode


def read(data: bytes) -> tuple[str, str, None]:
    """(main text, encoding, page starts) of an .html file's bytes."""
    markup, encoding = decode(data) if data.strip() else ("", "utf-8")
    if not markup.strip():
        raise ValueError("empty HTML file")
    text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False, output_format="txt", with_metadata=False)
    if not text or not text.strip():
        raise ValueError("HTML has no main text (no body, or only menus and scripts)")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(paragraphs) + "\n", encoding, None

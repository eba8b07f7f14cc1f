"""Segment a document's text into sections (posts, chapters, essays) and sentences.

Sections. Policy documents come in a few shapes, each recognised by its own
rule (the section's `rule`):

- ``dateline``: blog and news pages, a title line then a date line:
  "By Name, role - 11th November 2014 12:00 pm", "The Guardian - 18th June
  2014 10:59 am", "- 3rd March 2015 3:51 pm", or a dateless "By Mike Broad -
  11:51 am" that belongs to the same day as the post before it.
- ``numbered_heading``: essay collections and reports, chapters opened by
  "1 Why localism…", "2 - Delivering…", or a number alone on a line followed
  by a title; a "Foreword" / "Introduction" / "Conclusion" style heading.
- ``document``: anything else is one section, titled by its first line.

Sentences never cross a blank line; a single line break ends a sentence
unless the line was wrapped mid-sentence. Abbreviations ("Dr.", "e.g.",
"£5.3bn." is not one) do not end a sentence.

>>> text = "Dr. Smith said £5.3bn. was pledged. Next one"
>>> [text[s:e] for s, e in sentence_spans(text)]
['Dr. Smith said £5.3bn. was pledged.', 'Next one']
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

import regex

from extract.guard import finditer
from extract.kinds.dates import MONTH, MONTHS, ORD

ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "rt", "hon", "cllr", "sir", "rev", "gen", "col", "lt",
    "e.g", "i.e", "eg", "ie", "etc", "vs", "v", "no", "nos", "approx", "c", "ca", "cf", "al", "fig",
    "figs", "vol", "pp", "p", "para", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "dept", "est", "govt", "mth", "yr",
    "bros", "jr", "sr", "u.k", "u.s", "op", "cit", "ibid",
}

# A full stop, its closing quotes and footnote markers ("contacts.⁴ In their …",
# or in plain digits after a word, "in cash terms.2 The Department …"; not
# after a digit: "rose to 1.5 The"). Only the first of a run of stops starts a
# match, and the run is possessive, so "......" costs linear time, not quadratic.
_SENTENCE_END = regex.compile(
    r"""(?<![.!?…])[.!?…]++["”’')\]]*
        (?:\[[0-9]{1,3}\])*+                                     # "staff.[3] In July": a bracketed footnote
        (?:[¹²³⁴⁵⁶⁷⁸⁹⁰]*|(?<=[a-z][.!?…]["”’')\]]{0,2})[0-9]{1,2})
        (?=\s+["“‘(\[]?[A-Z0-9£$€\-–•])""", regex.VERBOSE)
# A "sentence" longer than this (a table dump, a list with no stops) is cut at a
# space, so that the work done per figure on its sentence stays bounded.
MAX_SENTENCE = 1000
_LINE = regex.compile(r"[^\n]*\n?")
_TIME = r"[0-9]{1,2}[:.][0-9]{2}\s?(?i:[ap]\.?m\.?)?"
_FULL_DATE = rf"(?P<d>[0-9]{{1,2}}){ORD}\s(?P<m>{MONTH}),?\s(?P<y>(?:19|20)[0-9]{{2}})"
DATELINE = regex.compile(
    rf"""^(?P<byline>[^\n]{{0,160}}?)[ \t]*[-–—|][ \t]*
         (?:{_FULL_DATE})?[ \t]*(?P<time>{_TIME})?[ \t]*$""",
    regex.VERBOSE,
)
PUBLISHED_LINE = regex.compile(
    rf"^(?:(?i:published|posted|updated|date)[:\s]+)(?:[A-Z][a-z]+,?\s)?{_FULL_DATE}[ \t]*$"
)
# A document's own date line near its top, when no post date line dated it:
# "Published 7 November 2024", "Release date:\n28 April 2020", "Volume 664: debated
# on Monday 30 September 2019", "Thursday, 9 July 2015.", "HC Deb 08 April 1987 vol
# 114 cc241-2W", a date alone on a line, "29 March 2017: The number of …".
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)"
DOCUMENT_DATE_LINE = regex.compile(
    rf"""^[ \t]*\(?(?:
        (?i:published|posted|updated|last\s+updated|release\s+date|date(?:d)?|issued|answered(?:\s+on)?|
            asked(?:\s+on)?|tabled(?:\s+on)?|made(?:\s+on)?|debated\s+on|
            (?:HC|HL)\s+Deb(?:ates)?|volume\s+[0-9]+:\s+debated\s+on|first\s+published)
            [:\s]+\s*{_WEEKDAY}?{_FULL_DATE}              # Published 7 November 2024, HC Deb 08 April 1987 …
      | {_WEEKDAY}?{_FULL_DATE}[.:]?[ \t]*(?:$|(?=[ \t]*\S.{{10,}}))  # a date alone, or opening a line
    )""",
    regex.VERBOSE | regex.MULTILINE,
)
# How far into a document its own date line may stand.
DOCUMENT_DATE_REACH = 1500
NUMBERED_HEADING = regex.compile(r"^(?P<n>[0-9]{1,2})(?:[ \t]*[-–.)][ \t]*|[ \t]+)(?P<title>[A-Z\"“‘][^\n]{3,150})$")
NUMBER_ALONE = regex.compile(r"^(?P<n>[0-9]{1,2})[ \t]*$")
NAMED_HEADING = regex.compile(r"^(?:Foreword|Preface|Introduction|Executive [Ss]ummary|"
                              r"Contents|Acknowledgements|About [A-Z][\w ]+|References|Bibliography|"
                              r"Appendix(?: [A-Z0-9]+)?)[ \t]*$")
_CONTENTS_LINE = regex.compile(r"\t[ \t]*[0-9]{1,4}[ \t]*$")
_LIST_ITEM = regex.compile(r"^[0-9]{1,2}[.)]\s")
_ROLE = regex.compile(r"\b(?:Chief|Director|Chair|Professor|Secretary|Leader|Minister|Adviser|Advisor|Editor|"
                      r"Executive|President|Head|Fellow|Dr|Cllr|Rt Hon|MP)\b")


@dataclass(frozen=True, slots=True)
class Section:
    start: int
    end: int
    title: str | None
    byline: str | None
    published: dt.date | None
    rule: str


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its newline."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _prev_nonblank(text: str, lines: list[tuple[int, int]], i: int) -> int | None:
    j = i - 1
    while j >= 0 and not text[lines[j][0]:lines[j][1]].strip():
        j -= 1
    return j if j >= 0 else None


def _date_of(m: regex.Match[str]) -> dt.date | None:
    if not m["d"]:
        return None
    try:
        return dt.date(int(m["y"]), MONTHS[m["m"]], int(m["d"]))
    except ValueError:
        return None


def find_sections(text: str) -> list[Section]:
    """The sections of `text`, in order, covering it from the first heading to the end."""
    lines = _lines(text)
    starts: list[tuple[int, str | None, str | None, dt.date | None, str]] = []
    last_date: dt.date | None = None
    for i, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if not line or len(line) > 220:
            continue
        m = DATELINE.match(line)
        if m and (m["d"] or m["time"]) and not line.endswith((".", ",")):
            published = _date_of(m)
            if published is None and not m["time"]:
                continue
            # "By Mike Broad - 11:51 am": the same day as the post before it.
            published = published or last_date
            last_date = published or last_date
            j = _prev_nonblank(text, lines, i)
            title_start = lines[j][0] if j is not None else s
            title = text[lines[j][0]:lines[j][1]].strip() if j is not None else None
            byline = m["byline"].strip(" -–—|") or None
            if byline and byline.lower().startswith("by "):
                byline = byline[3:].strip()
            starts.append((title_start, title, byline, published, "dateline"))
            continue
        m = PUBLISHED_LINE.match(line)
        if m:
            last_date = _date_of(m)
            j = _prev_nonblank(text, lines, i)
            title_start = lines[j][0] if j is not None else s
            title = text[lines[j][0]:lines[j][1]].strip() if j is not None else None
            starts.append((title_start, title, None, last_date, "dateline"))
    if not starts:
        starts = _heading_sections(text, lines)
    if not starts or starts[0][0] > 0:
        first = next((text[s:e].strip() for s, e in lines if text[s:e].strip()), None)
        starts.insert(0, (0, first, None, None, "document"))
    # Drop duplicates of one start (a title claimed twice) keeping the richer one.
    starts.sort(key=lambda x: x[0])
    uniq: list[tuple[int, str | None, str | None, dt.date | None, str]] = []
    for st in starts:
        if uniq and uniq[-1][0] == st[0]:
            uniq[-1] = st
        else:
            uniq.append(st)
    out = []
    for k, (start, title, byline, published, rule) in enumerate(uniq):
        end = uniq[k + 1][0] if k + 1 < len(uniq) else len(text)
        out.append(Section(start, end, title, byline, published, rule))
    return out


def _heading_sections(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, str | None, str | None,
                                                                              dt.date | None, str]]:
    """Chapters of an essay collection or report: numbered or named headings.

    Chapter numbers run in sequence (1, 2, 3 …), so a numbered list inside a
    chapter ("1. Deliver Public Health") or a footnote ("13 Jaimie Kaffash, …")
    is not taken for a chapter; a contents list (lines ending in a tab and a
    page number) is skipped. The short line after a chapter title that names
    its author ("Rt Hon Stephen Dorrell, Former Secretary of State …") is its byline.
    """
    found = []
    expected = 1
    for i, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        blank_before = i == 0 or not text[lines[i - 1][0]:lines[i - 1][1]].strip()
        if not line or not blank_before or _CONTENTS_LINE.search(text[s:e]):
            continue
        title, title_line = None, i
        m = NUMBERED_HEADING.match(line)
        if m and int(m["n"]) == expected and not line.endswith((".", ",", ";")) and not _LIST_ITEM.match(line):
            title = m["title"].strip()
        elif NUMBER_ALONE.match(line) and int(line) == expected:
            j = _next_nonblank(text, lines, i)
            if j is not None:
                candidate = text[lines[j][0]:lines[j][1]].strip()
                if 3 < len(candidate) < 160 and candidate[:1].isupper() and not candidate.endswith((".", ",")):
                    title, title_line = candidate, j
        if title is not None:
            expected += 1
            found.append((s, title, _byline_after(text, lines, title_line), None, "numbered_heading"))
        elif NAMED_HEADING.match(line):
            found.append((s, line, _byline_after(text, lines, i), None, "named_heading"))
    return found


def _next_nonblank(text: str, lines: list[tuple[int, int]], i: int) -> int | None:
    j = i + 1
    while j < len(lines) and not text[lines[j][0]:lines[j][1]].strip():
        j += 1
    return j if j < len(lines) else None


def _byline_after(text: str, lines: list[tuple[int, int]], i: int) -> str | None:
    """The author line right after a heading: short, with a comma or a role, no full stop."""
    j = _next_nonblank(text, lines, i)
    if j is None:
        return None
    line = text[lines[j][0]:lines[j][1]].strip()
    if _CONTENTS_LINE.search(text[lines[j][0]:lines[j][1]]):
        return None
    if len(line) < 160 and not line.endswith((".", "?", "!", ":")) and (
            "," in line or _ROLE.search(line)) and line[:1].isupper():
        return line
    return None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        pos = block_start
        for m in finditer(_SENTENCE_END, text, block_start, block_end):
            if _is_abbreviation(text, m.start()):
                continue
            spans.append((pos, m.end()))
            pos = m.end()
        spans.append((pos, block_end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut if cut > s else s + MAX_SENTENCE
            out.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


_WORD_BEFORE_DOT = regex.compile(r"([A-Za-z][A-Za-z.]*)$", regex.REVERSE)


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE_DOT.match(text, max(0, dot - 12), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and m.group(1).isupper())


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of text that a sentence cannot cross: lines, except wrapped ones."""
    blocks: list[tuple[int, int]] = []
    lines = _lines(text)
    cur_start: int | None = None
    cur_end = 0
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            if cur_start is not None:
                blocks.append((cur_start, cur_end))
                cur_start = None
            continue
        if cur_start is not None:
            prev = text[cur_start:cur_end].rstrip()
            wrapped = prev and prev[-1] not in ".!?:;\"”’)" and line.lstrip()[:1].islower()
            if wrapped:
                cur_end = e
                continue
            blocks.append((cur_start, cur_end))
        cur_start, cur_end = s, e
    if cur_start is not None:
        blocks.append((cur_start, cur_end))
    return blocks


def document_date(text: str) -> dt.date | None:
    """The date a document gives itself near its top (`DOCUMENT_DATE_LINE`), else None.

    >>> document_date("Guidance\\n\\nGrant determination 2024 to 2025\\n\\nPublished 7 November 2024\\n")
    datetime.date(2024, 11, 7)
    >>> document_date("HC Deb 08 April 1987 vol 114 cc241-2W\\nMr. Strang")
    datetime.date(1987, 4, 8)
    >>> document_date("Release date:\\n28 April 2020\\n") , document_date("It rose on 3 May 2019.")
    (datetime.date(2020, 4, 28), None)
    """
    head = text[:DOCUMENT_DATE_REACH]
    for m in DOCUMENT_DATE_LINE.finditer(head):
        found = _date_of(m)
        if found is not None:
            return found
    return None


# The short lines that open a document before its first sentence of prose: its labels and title
# ("Guidance", "Local authorities social services grant determination 2024 to 2025: no 31/7496").
TITLE_REACH = 6
_DAY_DATE = regex.compile(_FULL_DATE)
_HEADING_LINE_MAX = 160


def title_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the heading lines at the top of a document, up to its first line of prose.

    Date lines ("Published 7 November 2024", "HC Deb 08 April 1987 …") are not
    among them: they date the document, they do not name it.

    >>> t = ("Guidance\\n\\nGrant determination 2024 to 2025: no 31/7496\\n\\nPublished 7 November 2024\\n\\n"
    ...      "The Minister makes this.\\n")
    >>> [t[a:b] for a, b in title_lines(t)]
    ['Guidance', 'Grant determination 2024 to 2025: no 31/7496']
    """
    spans: list[tuple[int, int]] = []
    seen = 0
    for s, e in _lines(text):
        line = text[s:e].strip()
        if not line:
            continue
        seen += 1
        if seen > TITLE_REACH:
            return []
        if len(line) > _HEADING_LINE_MAX or line.endswith((".", "?", "!", ";", ",")):
            return spans  # the first line of prose: what came before was the document's heading
        dated = (DOCUMENT_DATE_LINE.match(text, s, e) is not None or DATELINE.match(line) is not None
                 or _DAY_DATE.search(line) is not None)  # "Meeting Date: 13 May 2021", "By X - 11th November 2014"
        if not dated and not line.startswith(("•", "-", "*")):
            spans.append((s, e))
    return []  # no prose after it: a text too short to have a title


def _dated(sections: list[Section], text: str, published: dt.date | None = None) -> list[Section]:
    """Sections with no date line of their own take the document's date: the one its text
    gives ("Published 7 November 2024"), else the one its metadata gives (`published`)."""
    if all(s.published is not None for s in sections):
        return sections
    own = document_date(text) or published
    if own is None:
        return sections
    return [s if s.published is not None else Section(s.start, s.end, s.title, s.byline, own, s.rule)
            for s in sections]


class Segments:
    """Sections and sentences of one text, with fast look-up by position.

    `published` is the document's own publication date from its metadata (an HTML
    page's `article:published_time`, a PDF's creation date), used by sections whose
    text gives none.
    """

    def __init__(self, text: str, published: dt.date | None = None) -> None:
        self.text = text
        self.sections = _dated(find_sections(text), text, published)
        self.sentences = sentence_spans(text)
        self._section_starts = [s.start for s in self.sections]
        self._sentence_starts = [s for s, _ in self.sentences]

    def section_at(self, pos: int) -> Section:
        i = bisect.bisect_right(self._section_starts, pos) - 1
        return self.sections[max(i, 0)]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (or the nearest before it)."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return (0, 0) if not self.sentences else self.sentences[0]
        return self.sentences[i]

    def published_at(self, pos: int) -> dt.date | None:
        return self.section_at(pos).published

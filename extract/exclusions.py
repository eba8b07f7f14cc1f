"""Numbers that are not figures (GUIDELINES.md, "Not figures").

Each rule is a pattern whose matches are blocked: no figure of any count-like
kind may start inside them. They generalise by shape, never by listing
strings from a document:

- ``phone``: UK and international phone numbers ("0207 340 2660", "+44 20 7340 2660").
- ``time``: times of day ("12:00 pm", "8 am", "6.30 pm", "10:54").
- ``list_marker``: a number that opens a line as a list or section number
  ("1.", "3 - What will…", "2)", "- 13 Jaimie Kaffash, …", a number alone on
  a line, "1 Why localism…").
- ``contents_page``: a page number closing a contents line ("…Localis<TAB>4").
- ``label``: a number that labels rather than counts ("Bands 1-4", "Grade 5",
  "Chapter 3", "Table 2", "NHS 111", "Phase 2").
- ``slash``: two numbers joined by a slash that are not a financial year or a
  date ("24/7", "1/2").
- ``footnote``: a digit stuck to the end of a word or sentence ("costs.4 In").
- ``ordinal``: "21st century", "first wave" are names, never numbers.
- ``name_number``: "COVID-19", "H5N1": a number inside a name.
- ``address``: "11-13 Cavendish Square", "80 London Road".

>>> text = "Call 0207 340 2660, 24/7, at 12:00 pm."
>>> [text[s:e] for s, e, _ in blocked_spans(text)]
['0207 340 2660', '24/7', '12:00 pm']
"""

from __future__ import annotations

import regex

from extract.guard import finditer
from extract.tries import suffix_trie

# Words that label the number after them. Matched in a look-behind, so they are
# kept as a trie on their last letters (`tries.suffix_trie`): four times faster
# than trying each word in turn at every number.
LABEL_WORDS = [
    "Band", "Bands", "Grade", "Grades", "Level", "Levels", "Phase", "Tier", "Tiers", "Stage", "Stages",
    "Section", "Sections", "Chapter", "Chapters", "Page", "Pages", "Part", "Parts", "Figure", "Figures",
    "Fig.", "Table", "Tables", "Annex", "Appendix", "Step", "Steps", "Article", "Schedule", "Paragraph",
    "Para", "Clause", "Option", "Options", "Ward", "Room", "No.", "Number", "Version", "Wave", "Round",
    "Year", "Key Stage", "Box", "Chart", "Exhibit", "Item", "Question", "Q", "Priority", "Objective",
    "Recommendation", "Standard", "Principle", "Route", "Junction", "Covid", "COVID", "NHS", "Vision",
    "Agenda", "Horizon",
    # also written in lower case mid-sentence ("at month 9", "in week 12", "phase 2")
    "month", "week", "day", "quarter", "phase", "stage", "wave", "band", "grade", "level", "tier", "chapter",
    "section", "page", "item", "table", "figure", "annex", "appendix", "step", "option", "priority",
    "recommendation", "question", "paragraph", "clause", "ward", "room",
]
_LABELS = suffix_trie(LABEL_WORDS)

RULES: list[tuple[str, regex.Pattern[str]]] = [
    # Phones in two patterns, each led by one character the engine finds fast:
    # "+44 ..." and "0207 ..." (an opening "(" is found looking back: `start`).
    ("phone", regex.compile(
        r"(?<![\w£$€])\+44\s?\(?0?\)?\s?[0-9]{2,4}\)?[\s-]?[0-9]{3,4}[\s-]?[0-9]{3,4}(?![0-9])")),
    ("phone", regex.compile(
        r"0(?<=(?<![\w£$€])(?P<start>\(?)0)[0-9]{2,4}\)?[\s-]?[0-9]{3,4}[\s-]?[0-9]{3,4}(?![0-9])")),
    ("time", regex.compile(
        r"[0-9](?<![0-9.,:][0-9])[0-9]?(?:[:.][0-9]{2}\s?(?i:[ap]\.m\.|[ap]m)(?![\w])|\s?(?i:[ap]\.m\.|[ap]m)(?![\w])"
        r"|:[0-9]{2}(?::[0-9]{2})?(?![0-9]))")),
    ("list_marker", regex.compile(
        r"""(?m)^[ \t]*(?:[-•*·▪–][ \t]+)?
        (?:[0-9]{1,3}(?:\.[0-9]{1,2})*
           (?:[.):](?=[ \t]|$)                         # "1." "2)" "3:"
             |[ \t]+[-–—][ \t]                         # "3 - What will ..."
             |[ \t]*$                                  # a number alone on a line
             |(?=[ \t]+["“‘']?[A-Z])                   # "1 Why localism ...", "13 Jaimie ..."
           )
        )""", regex.VERBOSE)),
    # Matches start at the digits (runs of dots or spaces would make a leading
    # "[ ]{2,}" quadratic); the separator is checked looking back.
    ("contents_page", regex.compile(r"(?m)(?<=(?:\t|[ ]{2}|\.{3})[ \t]*)(?<![0-9])[0-9]{1,4}[ \t]*+$")),
    ("label", regex.compile(  # led by the digits, the label looked for behind them
        # only the first digit of a run is tried, with a short look-behind: linear on any digit run
        rf"[0-9](?<![0-9][0-9])(?<=(?<![\w]){_LABELS}\s?[0-9])[0-9]*+(?:[a-z])?"
        rf"(?:\s?(?:-|–|to|and|&)\s?[0-9]++)*+(?![\w])")),
    ("slash", regex.compile(r"(?<![0-9/])[0-9]{1,2}/[0-9]{1,2}(?![0-9/])")),
    ("footnote", regex.compile(r"(?<=[a-z][.,;:)”\"’]|[a-z]{3})[0-9]{1,2}(?=\s|$)")),
    ("ordinal", regex.compile(r"(?<![0-9])[0-9]+(?:st|nd|rd|th)(?![\w])")),
    # "COVID-19", "Covid-19", "H5N1": a number that is part of a name.
    ("name_number", regex.compile(r"[0-9](?<=[A-Za-z]-[0-9]|[A-Z][0-9])[0-9]*+")),
    # "11-13 Cavendish Square", "80 London Road": a street address.
    ("address", regex.compile(
        r"[0-9](?<![0-9][0-9])[0-9]*+[a-z]?(?:[-–][0-9]++)?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
        r"(?:Street|St|Road|Rd|Square|Lane|Avenue|Place|Way|Row|Close|Court|Drive|Terrace|Gardens|Crescent|Hill|Walk|"
        r"Park|Embankment|Wharf)\b")),
]


def blocked_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of `text` that hold numbers which are not figures, with the rule's name."""
    spans = []
    for name, pattern in RULES:
        group = "start" if "start" in pattern.groupindex else 0  # "(0207) …": the bracket found looking back
        spans.extend((m.start(group), m.end(), name) for m in finditer(pattern, text))
    return sorted(spans)


def blocked_mask(text: str) -> bytearray:
    """One byte per character: 1 where a blocked span covers it."""
    mask = bytearray(len(text))
    for start, end, _ in blocked_spans(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask

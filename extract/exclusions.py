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

Each rule is tried only where it can match (`starts_by_rule`): one look at
each run of digits (`anchors.digit_runs`) gives, for every rule led by
digits, the few runs its pattern can start at, so the text is read once
instead of once per rule. Two rules find their places by a literal ("+44")
or a word (a street's name); "24/7" is scanned, led by the "/" the engine
finds fast. tests/test_fast_paths.py checks the result equals a full scan.

>>> text = "Call 0207 340 2660, 24/7, at 12:00 pm."
>>> [text[s:e] for s, e, _ in blocked_spans(text)]
['0207 340 2660', '24/7', '12:00 pm']
"""

from __future__ import annotations

import bisect
import string

import regex

from extract import anchors, vocab
from extract.guard import finditer
from extract.tries import suffix_trie

# Words that label the number after them. Matched in a look-behind, so they are
# kept as a trie on their last letters (`tries.suffix_trie`): four times faster
# than trying each word in turn at every number.
LABEL_WORDS = vocab.load("exclusions")["label_words"]
_LABELS = suffix_trie(LABEL_WORDS)

STREETS = vocab.load("exclusions")["streets"]

# (name, pattern, where): `where` names the list of `starts_by_rule` that holds
# every place the pattern can match; None for a rule scanned whole.
RULES: list[tuple[str, regex.Pattern[str], str | None]] = [
    # Phones in two patterns, each led by one character the engine finds fast:
    # "+44 ..." and "0207 ..." (an opening "(" is found looking back: `start`).
    ("phone", regex.compile(
        r"(?<![\w£$€])\+44\s?\(?0?\)?\s?[0-9]{2,4}\)?[\s-]?[0-9]{3,4}[\s-]?[0-9]{3,4}(?![0-9])"), "plus44"),
    ("phone", regex.compile(
        r"0(?<=(?<![\w£$€])(?P<start>\(?)0)[0-9]{2,4}\)?[\s-]?[0-9]{3,4}[\s-]?[0-9]{3,4}(?![0-9])"), "zero"),
    ("time", regex.compile(
        r"[0-9](?<![0-9.,:][0-9])[0-9]?(?:[:.][0-9]{2}\s?(?i:[ap]\.m\.|[ap]m)(?![\w])|\s?(?i:[ap]\.m\.|[ap]m)(?![\w])"
        r"|:[0-9]{2}(?::[0-9]{2})?(?![0-9]))"), "time"),
    ("list_marker", regex.compile(
        r"""(?m)^[ \t]*(?:[-•*·▪–][ \t]+)?
        (?:[0-9]{1,3}(?:\.[0-9]{1,2})*
           (?:[.):](?=[ \t]|$)                         # "1." "2)" "3:"
             |[ \t]+[-–—][ \t]                         # "3 - What will ..."
             |[ \t]*$                                  # a number alone on a line
             |(?=[ \t]+["“‘']?[A-Z])                   # "1 Why localism ...", "13 Jaimie ..."
           )
        )""", regex.VERBOSE), "line_start"),
    # Matches start at the digits (runs of dots or spaces would make a leading
    # "[ ]{2,}" quadratic); the separator is checked looking back.
    ("contents_page", regex.compile(r"(?m)(?<=(?:\t|[ ]{2}|\.{3})[ \t]*)(?<![0-9])[0-9]{1,4}[ \t]*+$"),
     "contents_page"),
    ("label", regex.compile(  # led by the digits, the label looked for behind them
        # only the first digit of a run is tried, with a short look-behind: linear on any digit run
        rf"[0-9](?<![0-9][0-9])(?<=(?<![\w]){_LABELS}\s?[0-9])[0-9]*+(?:[a-z])?"
        rf"(?:\s?(?:-|–|to|and|&)\s?[0-9]++)*+(?![\w])"), "label"),
    ("slash", regex.compile(r"(?<![0-9/])[0-9]{1,2}/[0-9]{1,2}(?![0-9/])"), None),
    # "costs.4 In", "staff6was" (three letters), "(FTE)3 staff" (a bracketed acronym)
    ("footnote", regex.compile(r"(?<=[a-z][.,;:)”\"’]|[a-z]{3}|[A-Za-z]\))[0-9]{1,2}(?=\s|$)"), "footnote"),
    ("ordinal", regex.compile(r"(?<![0-9])[0-9]+(?:st|nd|rd|th)(?![\w])"), "ordinal"),
    # "2.5 beds per 1,000 people": the denominator of a rate is not a figure.
    ("per_denominator", regex.compile(r"(?<=(?<![\w-])(?i:per)[ ])[0-9](?<![0-9][0-9])(?:[0-9]|,(?=[0-9]{3}))*+"),
     "per"),
    # "COVID-19", "Covid-19", "H5N1": a number that is part of a name; not a
    # time prefix's year ("mid-2020", "pre-2010").
    ("name_number", regex.compile(
        r"[0-9](?<=[A-Za-z]-[0-9]|[A-Z][0-9])(?<!(?<![A-Za-z])(?i:mid|pre|post|early|late|end)-[0-9])[0-9]*+"),
     "name_number"),
    # "11-13 Cavendish Square", "80 London Road": a street address.
    ("address", regex.compile(
        r"[0-9](?<![0-9][0-9])[0-9]*+[a-z]?(?:[-–][0-9]++)?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
        rf"(?:{'|'.join(STREETS)})\b"), "address"),
]


anchors.register_words("street", [street.lower() for street in STREETS])

# The last word of each label, as `anchors.word_bytes` writes it ("Key Stage" -> "stage").
_LABEL_LAST = frozenset(label.split()[-1].rstrip(".").lower().encode() for label in LABEL_WORDS)
_LONGEST_LABEL = max(len(word) for word in _LABEL_LAST)
_LABEL_FINAL_BYTES = frozenset(word[-1] for word in _LABEL_LAST)
_UPPER = frozenset(string.ascii_uppercase)
_LOWER = frozenset(string.ascii_lowercase)
_LETTERS = _UPPER | _LOWER
_DIGITS = frozenset("0123456789")
_AM_PM = frozenset("aApP")
_M_OR_DOT = frozenset("mM.")
_NOT_BEFORE_TIME = frozenset(".,:")
_FOOTNOTE_MARKS = frozenset(".,;:)”\"’")
_CONTENTS_BEFORE = frozenset(" \t.")
_CONTENTS_AFTER = frozenset(" \t\n")
_BLANKS = frozenset(" \t")
_BULLETS = frozenset("-•*·▪–")
_LINE_LEAD = _BLANKS | _BULLETS | {"\n", ""}  # what may stand just before a list marker's number
_ORDINALS = frozenset(("st", "nd", "rd", "th"))


def starts_by_rule(text: str) -> dict[str, list[int]]:
    """For each rule led by digits, every offset at which its pattern can match.

    Read off each run of digits and the characters around it: what the
    pattern's first digits, look-behind and next characters require. Each
    test is a necessary condition, so a rule tried only there finds what a
    full scan finds.
    """
    found: dict[str, list[int]] = {key: [] for key in (
        "zero", "time", "line_start", "contents_page", "label", "footnote", "ordinal", "name_number", "per")}
    zero, time, line_start, contents, label, footnote, ordinal, name_number, per = found.values()
    words = anchors.word_bytes(text)
    size = len(text)
    for start, end in anchors.digit_runs(text):
        before = text[start - 1] if start else ""
        after = text[end] if end < size else ""
        length = end - start
        if text[start] == "0" and length >= 3 and (length > 5 or _digit_follows(text, end)):
            zero.append(start)  # "0207 340 2660": a "0", two to four digits, then more digits
        if length <= 2 and before not in _NOT_BEFORE_TIME and (
                (after == ":" and text[end + 1:end + 2] in _DIGITS)  # "12:00"
                or (after == "." and text[end + 1:end + 3].isdigit() and _am_pm_at(text, end + 3))  # "6.30 pm"
                or _am_pm_at(text, end)):  # "8am", "8 a.m."
            time.append(start)
        if after in _LOWER and text[end:end + 2] in _ORDINALS:
            ordinal.append(start)  # "21st"
        if before == " " and words[start - 4:start - 1] == b"per" and words[start - 5:start - 4] in (b" ", b""):
            per.append(start)  # "per 1,000 people"
        if before in _UPPER or (before == "-" and start > 1 and text[start - 2] in _LETTERS):
            name_number.append(start)  # "H5N1", "COVID-19"
        if length <= 2 and (before in _LOWER
                            or (before in _FOOTNOTE_MARKS and start > 1 and text[start - 2] in _LOWER)
                            or (before == ")" and start > 1 and text[start - 2] in _LETTERS)):
            footnote.append(start)  # "costs.4 In"
        if length <= 4 and before in _CONTENTS_BEFORE and (after in _CONTENTS_AFTER or not after) and (
                before != " " or text[start - 2:start - 1] in _CONTENTS_BEFORE):  # a tab, two spaces or "..."
            i = end
            while i < size and text[i] in _BLANKS:
                i += 1
            if i == size or text[i] == "\n":
                contents.append(start)  # "Localis\t4", "Introduction .... 12"
        # A list marker: only blanks, and at most one bullet, between the line's start and the number.
        if before in _LINE_LEAD:
            i = start
            while i and text[i - 1] in _BLANKS:
                i -= 1
            if i and text[i - 1] in _BULLETS and i < start:
                i -= 1
                while i and text[i - 1] in _BLANKS:
                    i -= 1
            if not i or text[i - 1] == "\n":
                line_start.append(i)
        # A label: the word just before the number ("Band 5", "Fig. 3", "Q3") is a label's last word.
        end_of_label = start - 1 if before.isspace() else start
        if end_of_label and text[end_of_label - 1] == ".":
            end_of_label -= 1
        if end_of_label and words[end_of_label - 1] in _LABEL_FINAL_BYTES:
            lo = max(0, end_of_label - _LONGEST_LABEL - 1)
            space = words.rfind(b" ", lo, end_of_label)
            if (space != -1 or not lo) and words[space + 1:end_of_label] in _LABEL_LAST:
                label.append(start)
    found["plus44"] = anchors.starts(text, ("+44",))
    found["address"] = _address_starts(text)
    return found


def _digit_follows(text: str, i: int) -> bool:
    """A digit at `i`, or after a ")", a space or a "-" there, or after both (a phone's next group)."""
    if text[i:i + 1] == ")":
        i += 1
    if text[i:i + 1].isspace() or text[i:i + 1] == "-":
        i += 1
    return text[i:i + 1] in _DIGITS


def _am_pm_at(text: str, i: int) -> bool:
    """An "am", "pm", "a.m." or "p.m." may start at `i`, or after one space there."""
    if text[i:i + 1].isspace():
        i += 1
    return text[i:i + 1] in _AM_PM and text[i + 1:i + 2] in _M_OR_DOT


def _address_starts(text: str) -> list[int]:
    """The last two runs of digits before each street name ("11-13 Cavendish Square")."""
    streets = [street for street in anchors.word_starts(text, "street") if text[street] in _UPPER]
    if not streets:
        return []  # most texts name no street: no list of runs to build
    runs = [start for start, _ in anchors.digit_runs(text)]
    found: set[int] = set()
    for street in streets:
        i = bisect.bisect_left(runs, street)
        found.update(runs[max(0, i - 2):i])
    return sorted(found)


def blocked_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of `text` that hold numbers which are not figures, with the rule's name."""
    where = starts_by_rule(text)
    spans = []
    for name, pattern, key in RULES:
        group = "start" if "start" in pattern.groupindex else 0  # "(0207) …": the bracket found looking back
        found = finditer(pattern, text) if key is None else anchors.matches(pattern, text, where[key])
        spans.extend((m.start(group), m.end(), name) for m in found)
    return sorted(spans)


def blocked_mask(text: str) -> bytearray:
    """One byte per character: 1 where a blocked span covers it."""
    mask = bytearray(len(text))
    for start, end, _ in blocked_spans(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask

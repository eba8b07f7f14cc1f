"""Dates: days, months, years, UK financial years, quarters and ranges of them.

Rules (the `rule` column):

- ``date.full``: "11th November 2014", "1 April 2016", "November 11, 2014",
  "11/11/2014", "2014-11-11".
- ``date.month_year``: "April 2014", "Sept 2015".
- ``date.day_month`` / ``date.month``: "11th November", "in April": the year
  comes from the sentence, else from the article (see `resolve_years`).
- ``date.fy``: UK financial years "2015-16", "2015/16", "FY2015/16",
  "2015/2016", "15/16" -> 1 April to 31 March.
- ``date.year_range``: "2011-2020" (two years that are not consecutive).
- ``date.quarter``: "Q1 2015" (January-March), "Q1 2015/16" (April-June),
  "the third quarter of 2014".
- ``date.year``: a bare year used as a year ("in 2015", "since 1948"), not
  one inside a name ("Health and Social Care Act 2012", "the 2015
  Challenge", "Spending Round 2013").
- ``date.range``: two dates joined by "to", "-" or "between … and"
  ("between April and July 2014", "2009/10 to 2013/14", "from 2011 to 2020"
  -> the span "2011 to 2020").

>>> [(m.text, str(m.date_start), str(m.date_end)) for m in find("spend in 15/16 and 2014/15")]
[('15/16', '2015-04-01', '2016-03-31'), ('2014/15', '2014-04-01', '2015-03-31')]
>>> [(m.text, m.rule) for m in find("repeal the Health and Social Care Act 2012 by 2020")]
[('2012', 'date.name'), ('2020', 'date.year')]
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from functools import lru_cache

import regex

from extract import anchors, vocab
from extract.casefold import fold
from extract.guard import finditer
from extract.mention import Mention
from extract.numbers import BETWEEN_BEFORE

_V = vocab.load("dates")
MONTHS = {name: i + 1 for i, name in enumerate(_V["months"])}
ABBREVIATIONS = {name: MONTHS[next(m for m in MONTHS if m.startswith(name[:3]))]
                 for name in _V["month_abbreviations"]}
_TEMPORAL = {w.lower() for w in _V["temporal_before"]}
_CAPITALISED_OK = set(_V["capitalised_ok"]) | set(MONTHS) | set(ABBREVIATIONS)
_LAW_WORDS = set(_V["law_words"])
_AMBIGUOUS = set(_V["ambiguous_months"])

MONTH = rf"(?:{'|'.join(MONTHS)})"
MONTH_ABBR = rf"(?:{'|'.join(sorted(ABBREVIATIONS, key=len, reverse=True))})\.?"
# 1800-2099. Written to start with the range [0-9], which the regex engine
# skips to quickly; "(?:18|19|20)" or "[12]" first makes it try every position
# (four times slower on a whole text).
YEAR = r"[0-9](?<=[12])[0-9](?<=18|19|20)[0-9]{2}"
ORD = r"(?:st|nd|rd|th)?"
# Where a year must not continue: more digits, a decimal, a percent, "2015s".
_YEAR_END = r"(?![0-9]|\.[0-9]|,[0-9]|%|['’]?s\b)"

# Led by a day and tried only just before a month name (`_days_before_months`).
DAY_MONTH_YEAR = regex.compile(
    rf"(?<![0-9])(?P<d>[0-9]{{1,2}}){ORD}\s(?:of\s)?(?P<m>{MONTH}|{MONTH_ABBR}),?\s(?P<y>{YEAR}){_YEAR_END}")
DAY_MONTH = regex.compile(rf"(?<![0-9])(?P<d>[0-9]{{1,2}}){ORD}\s(?:of\s)?(?P<m>{MONTH})(?![\w])")
# Everything led by a month name, in one scan: "November 11, 2014" (date.full),
# "April 2014" (date.month_year), "April" alone (date.month, full names only).
MONTH_LED = regex.compile(
    rf"""(?<![\w])(?P<m>{MONTH}|{MONTH_ABBR})
    (?:\s(?P<d>[0-9]{{1,2}}){ORD},?\s(?P<y>{YEAR}){_YEAR_END}
      |,?\s(?P<my>{YEAR}){_YEAR_END}(?![/–-][0-9])
    )?(?![\w])""", regex.VERBOSE)

PATTERNS: list[tuple[str, regex.Pattern[str]]] = [
    ("date.full", DAY_MONTH_YEAR),
    ("date.full", regex.compile(
        rf"(?<![0-9/])(?P<d>[0-9]{{1,2}})/(?P<mn>[0-9]{{1,2}})/(?P<y>{YEAR})(?![0-9/])")),
    ("date.full", ISO_DATE := regex.compile(
        rf"(?<![0-9-])(?P<y>{YEAR})-(?P<mn>[0-9]{{2}})-(?P<d>[0-9]{{2}})(?![0-9])")),
    ("date.day_month", DAY_MONTH),
    ("date.month_led", MONTH_LED),
    # Led by the year's digits; an "FY" before it is found looking back (an
    # optional "FY" in front would make the engine try every position), and
    # the span then starts at the "FY" (see `_make`).
    ("date.fy", YEAR_RANGE := regex.compile(
        rf"""(?P<y1>{YEAR})
        (?<=(?:(?<![0-9/.,£$€-])(?P<fy>FY\s?)|(?<![0-9/.,£$€-]))[0-9]{{4}})
        \s?(?P<sep>[-/–])\s?(?P<y2>{YEAR}|[0-9]{{2}})
        (?![0-9]|/[0-9]|\.[0-9]|%)""", regex.VERBOSE)),
    ("date.fy", regex.compile(
        r"(?<![0-9/.,£$€-])(?P<fy>FY\s?)?(?P<a>[0-9]{2})/(?P<b>[0-9]{2})(?![0-9]|/[0-9]|\.[0-9]|%)")),
    # Quarters: three patterns, each led by something the engine finds fast
    # (a "Q", a year's digits, the word "quarter" looking back for its ordinal).
    ("date.quarter", regex.compile(
        rf"""Q(?<![\w]Q)(?P<q>[1-4])\s?(?P<fy>FY\s?)?(?P<y>{YEAR})(?:\s?[-/]\s?(?P<y2>[0-9]{{2,4}}))?{_YEAR_END}""",
        regex.VERBOSE)),
    ("date.quarter", YEAR_QUARTER := regex.compile(rf"(?P<y_b>{YEAR})\s?Q(?P<q_b>[1-4])(?![\w])")),
    ("date.quarter", QUARTER_OF := regex.compile(  # tried only at the word "quarter"
        rf"""(?<=(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))\s)(?i:quarter\sof\s(?:the\s)?)
            (?P<fy_c>(?i:financial\syear\s))?(?P<y_c>{YEAR})(?:\s?[-/]\s?(?P<y2_c>[0-9]{{2,4}}))?{_YEAR_END}""",
        regex.VERBOSE)),
    # A year alone; after a hyphen only when a word leads it ("mid-2020", "pre-2010").
    ("date.year", YEAR_ALONE := regex.compile(
        rf"(?<![0-9.,£$€/:])(?<!(?<![A-Za-z])-)(?P<y>{YEAR}){_YEAR_END}(?![/:][0-9])")),
]

# Month names are whole words in every match (a space, "of", a day or nothing
# before; a space, ",", "." or nothing after), so the one scan of the text's
# words finds where they can be (`anchors.word_starts`, any case); the
# patterns are case-sensitive and names are capitalised.
anchors.register_words("month", [name.lower() for name in (*MONTHS, *ABBREVIATIONS)])
# "the third quarter of 2014" starts at the word "quarter" (its ordinal is found looking back).
anchors.register_words("quarter", ["quarter"])


def month_starts(text: str) -> list[int]:
    """Offsets where a month name can begin: its word, capitalised."""
    return [i for i in anchors.word_starts(text, "month") if text[i].isupper()]


_NOT_DIGITS = bytes(b for b in range(256) if not 48 <= b <= 57)


def _days_before_months(text: str, months: list[int]) -> list[int]:
    """Where a day that a month follows can start: a digit 2 to 8 characters before a month.

    "11th of November": up to two digits, "st"/"nd"/"rd"/"th", a space and
    "of " lie between the day's first digit and the month.
    """
    words = anchors.word_bytes(text)  # ASCII digits kept, one byte per character
    found = set()
    for p in months:
        lo = max(0, p - 8)
        if not words[lo:p - 1].translate(None, _NOT_DIGITS):
            continue  # most months have no digit before them
        found.update(i for i in range(lo, p - 1) if 48 <= words[i] <= 57 and not (i and 48 <= words[i - 1] <= 57))
    return sorted(found)


_CENTURIES = frozenset(("18", "19", "20"))
_RANGE_MARKS = frozenset("-/–")
_NOT_BEFORE_YEAR = frozenset("0123456789.,£$€/:")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_RANGE = frozenset("0123456789/.,£$€-")
_NOT_BEFORE_ISO = frozenset("0123456789-")


@lru_cache(maxsize=4)
def year_starts(text: str) -> dict[str, list[int]]:
    """Where each rule led by a year's digits can match, from one look at each run of digits.

    A year is four digits from 1800 to 2099 that end a run of digits (every
    such rule wants a non-digit next); "year" (a year alone), "range"
    ("2015-16", "2015/16", "FY2015 - 16") and "iso" ("2015-04-01") also want
    the run to be just those four digits, with nothing their look-behind
    refuses before it; "quarter" ("2015 Q1") only the "Q" after it.
    """
    found: dict[str, list[int]] = {"year": [], "range": [], "iso": [], "quarter": []}
    size = len(text)
    for start, end in anchors.digit_runs(text):
        if end - start < 4 or text[end - 4:end - 2] not in _CENTURIES:
            continue
        after = text[end] if end < size else ""
        mark = text[end + 1:end + 2] if after.isspace() else after
        if mark == "Q":
            found["quarter"].append(end - 4)
        if end - start > 4:
            continue
        before = text[start - 1] if start else ""
        if before not in _NOT_BEFORE_YEAR and (before != "-" or text[start - 2:start - 1] in _LETTERS):
            found["year"].append(start)
        if mark in _RANGE_MARKS and before not in _NOT_BEFORE_RANGE:
            found["range"].append(start)
        if after == "-" and before not in _NOT_BEFORE_ISO:
            found["iso"].append(start)
    return found


# Where a pattern is tried, given the starts of month names; patterns not listed are scanned.
_WHERE: dict[regex.Pattern[str], Callable[[str, list[int]], list[int]]] = {
    MONTH_LED: lambda text, months: months,
    QUARTER_OF: lambda text, months: list(anchors.word_starts(text, "quarter")),
    DAY_MONTH_YEAR: _days_before_months,
    DAY_MONTH: _days_before_months,
    ISO_DATE: lambda text, months: year_starts(text)["iso"],
    YEAR_RANGE: lambda text, months: year_starts(text)["range"],
    YEAR_QUARTER: lambda text, months: year_starts(text)["quarter"],
    YEAR_ALONE: lambda text, months: year_starts(text)["year"],
}

# Rules whose years may belong to a name ("Act 2012", "Workforce Plan 2015/16").
_NAMEABLE = {"date.year", "date.fy", "date.year_range"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# What stands between two dates of a range, matched with `.fullmatch(text, end, start)` on the
# text between them (no copy of what may be a long stretch; a final "\n" is allowed as `$` allowed it).
_RANGE_GAP = regex.compile(r"\s?(?:-|–|—|\s(?:to|until|till|through)\s)\s?\n?")
_AND_GAP = regex.compile(r"\s(?:and|&)\s\n?")
# Matched right to left (REVERSE): it must end at the figure, so only that end is tried.
_PREV_WORD = regex.compile(r"([\w.’'()–-]+)[ \t\u00a0]+$", regex.REVERSE)
_NEXT_WORD = regex.compile(r"^[ \t\u00a0]+([\w’'-]+)")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;][\"”’')]*\s+|\n\s*|[\"“‘(]\s*)$")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or ABBREVIATIONS[name]


def _century(y1: int, y2: str) -> int:
    if len(y2) == 4:
        return int(y2)
    full = y1 // 100 * 100 + int(y2)
    return full + 100 if full < y1 else full


def financial_year(start_year: int) -> tuple[dt.date, dt.date]:
    """A UK financial year: 1 April to 31 March."""
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def _prev_word(text: str, pos: int) -> tuple[str | None, int]:
    """The word before `pos` on the same line and where it starts."""
    m = _PREV_WORD.match(text, max(0, pos - 40), pos)
    return (m.group(1), m.start(1)) if m else (None, pos)


def _next_word(text: str, pos: int) -> str | None:
    m = _NEXT_WORD.match(text[pos:pos + 40])
    return m.group(1) if m else None


def _at_sentence_start(text: str, pos: int) -> bool:
    return _SENTENCE_START.search(text[max(0, pos - 6):pos]) is not None


def _year_is_name(text: str, start: int, end: int, last_name_end: int) -> bool:
    """A year inside the name of a law, document or programme is not a date."""
    prev, prev_start = _prev_word(text, start)
    nxt = _next_word(text, end)
    if prev is not None:
        bare = prev.strip("()")
        # "Acts 1999 and 2000": a year listed after a year that is a name.
        if prev.lower() in ("and", "&", "or") and last_name_end >= 0 and prev_start - last_name_end <= 3:
            return True
        if prev.lower() in _TEMPORAL or bare.lower() in _TEMPORAL:
            return False
        if (bare[:1].isupper() and bare not in _CAPITALISED_OK
                and not _at_sentence_start(text, prev_start)) or bare in _LAW_WORDS:
            return True  # "Act 2012", "Spending Round 2013", "Vision 2020"
        if nxt is not None and nxt[:1].isupper() and nxt not in _CAPITALISED_OK:
            return True  # "the 2015 Challenge", "our own 2015 Challenge manifesto"
    elif nxt is not None and nxt[:1].isupper() and nxt not in _CAPITALISED_OK and text[start - 1:start] not in "(":
        # A line starting "2015 Challenge ..." is a title.
        return _at_sentence_start(text, start) and text[max(0, start - 1):start] in ("", "\n")
    return False


def _ambiguous_month_ok(text: str, start: int, end: int) -> bool:
    """ "May" and "March" alone are dates only after a temporal word ("in May")."""
    prev, _ = _prev_word(text, start)
    return prev is not None and prev.lower().strip("(") in _TEMPORAL


def _candidates(text: str) -> Iterator[Mention]:
    last_name_end = -10
    months = month_starts(text)
    for rule, pattern in PATTERNS:
        where = _WHERE.get(pattern)
        found = finditer(pattern, text) if where is None else anchors.matches(pattern, text, where(text, months))
        for m in found:
            made = _make(rule, m, text)
            if made is None:
                continue
            if rule in _NAMEABLE and _year_is_name(text, made.start, made.end, last_name_end):
                last_name_end = made.end
                yield Mention("date", made.start, made.end, made.text, "date.name")
                continue
            yield made


def _make(rule: str, m: regex.Match[str], text: str) -> Mention | None:
    g = m.groupdict()
    s, e, t = m.start(), m.end(), m.group()
    if g.get("fy") and m.start("fy") < s:  # "FY2015/16": the "FY" was found looking back
        s = m.start("fy")
        t = text[s:e]
    if rule == "date.month_led":
        if g.get("d"):
            rule = "date.full"
        elif g.get("my"):
            rule, g = "date.month_year", {**g, "y": g["my"]}
        elif g["m"] in MONTHS:
            rule = "date.month"
        else:
            return None  # an abbreviation alone ("Mar", "Jan") is not a date
    try:
        if rule == "date.full":
            month = int(g["mn"]) if g.get("mn") else _month_number(g["m"])
            day = dt.date(int(g["y"]), month, int(g["d"]))
            return Mention("date", s, e, t, rule, date_start=day, date_end=day)
        if rule == "date.month_year":
            y, mo = int(g["y"]), _month_number(g["m"])
            return Mention("date", s, e, t, rule, date_start=dt.date(y, mo, 1), date_end=month_end(y, mo))
        if rule == "date.day_month":
            mo, d = _month_number(g["m"]), int(g["d"])
            if not 1 <= d <= 31:
                return None
            return Mention("date", s, e, t, rule, pending=(mo, d))
        if rule == "date.month":
            if g["m"] in _AMBIGUOUS and not _ambiguous_month_ok(text, s, e):
                return None
            nxt = _next_word(text, e)
            if nxt and nxt[:1].isupper() and not _ambiguous_month_ok(text, s, e):
                return None  # "April Jones": a person's name
            return Mention("date", s, e, t, rule, pending=(_month_number(g["m"]),))
        if rule == "date.fy":
            if g.get("a") is not None:
                a, b = int(g["a"]), int(g["b"])
                if b != (a + 1) % 100:
                    return None
                start_year = (2000 if a < 70 else 1900) + a
                d0, d1 = financial_year(start_year)
                return Mention("date", s, e, t, rule, date_start=d0, date_end=d1)
            y1 = int(g["y1"])
            y2 = _century(y1, g["y2"])
            if y2 == y1 + 1:
                d0, d1 = financial_year(y1)
                return Mention("date", s, e, t, rule, date_start=d0, date_end=d1)
            if y2 > y1 and g["sep"] != "/" and not g["fy"]:
                return Mention("date", s, e, t, "date.year_range",
                               date_start=dt.date(y1, 1, 1), date_end=dt.date(y2, 12, 31))
            return None
        if rule == "date.quarter":
            if g.get("ord"):  # the span starts at the ordinal, found looking back
                s = m.start("ord")
                t = text[s:e]
            q = int(g.get("q") or g.get("q_b") or _ORDINALS[fold(g["ord"])])
            y = int(g.get("y") or g.get("y_b") or g.get("y_c"))
            y2 = g.get("y2") or g.get("y2_c")
            fiscal = bool(g.get("fy") or g.get("fy_c")) or (y2 is not None and _century(y, y2) == y + 1)
            if fiscal:
                first_month = 4 + 3 * (q - 1)
                year = y + (first_month - 1) // 12
                first_month = (first_month - 1) % 12 + 1
            else:
                first_month, year = 1 + 3 * (q - 1), y
            return Mention("date", s, e, t, rule, date_start=dt.date(year, first_month, 1),
                           date_end=month_end(year, first_month + 2))
        if rule == "date.year":
            if _looks_like_count(text, s, e):
                return None  # "about 2000 nurses", "2000 more beds": a count
            y = int(g["y"])
            return Mention("date", s, e, t, rule, date_start=dt.date(y, 1, 1), date_end=dt.date(y, 12, 31))
    except ValueError:
        return None
    raise AssertionError(rule)


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, preferring the longest (then the earliest)."""
    if not mentions:
        return []
    chosen: list[Mention] = []
    taken = bytearray(max(m.end for m in mentions))
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.find(1, m.start, m.end) != -1:
            continue
        chosen.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: m.start)


def _merge_ranges(text: str, dates: list[Mention]) -> list[Mention]:
    """Join "X to Y", "X-Y" and "between X and Y" into one range mention."""
    out: list[Mention] = []
    i = 0
    while i < len(dates):
        a = dates[i]
        b = dates[i + 1] if i + 1 < len(dates) else None
        if b is not None and a.rule != "date.name" and b.rule != "date.name" and b.pending is None:
            # "between X and Y": a "between" is looked for only when the gap is an "and".
            between = (BETWEEN_BEFORE.match(text, max(0, a.start - 10), a.start)
                       if _AND_GAP.fullmatch(text, a.end, b.start) else None)
            if between or _RANGE_GAP.fullmatch(text, a.end, b.start):
                start = a.start - len(between.group()) if between else a.start
                assert b.date_start is not None and b.date_end is not None
                if a.pending is not None:
                    year = b.date_start.year
                    a_start = dt.date(year, a.pending[0], a.pending[1] if len(a.pending) > 1 else 1)
                else:
                    a_start = a.date_start
                if a_start is not None and a_start <= b.date_end:
                    out.append(Mention("date", start, b.end, text[start:b.end], "date.range",
                                       date_start=a_start, date_end=b.date_end))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def find(text: str) -> list[Mention]:
    """Every date mention in `text`, ranges merged, names kept as `date.name`.

    Mentions with rule ``date.name`` are years inside names: the caller drops
    them as figures but keeps their spans out of other kinds (a year in a
    name is not a count either). Months without a year come back with
    `pending` set and no dates; `resolve_years` fills them in.
    """
    return _merge_ranges(text, _longest_first(list(_candidates(text))))


# Plural nouns a year qualifies rather than counts ("2014 levels", "2019 prices").
_YEAR_NOUNS = ("levels|prices|figures|terms|rates|values|numbers|standards|baselines|estimates|accounts|budgets|"
               "plans|reforms|elections|guidelines|targets|results|statistics|data|returns|allocations|contracts")
_COUNT_AFTER = regex.compile(rf"[ \t]+(?:(?:more|extra|additional|new|fewer)[ \t]+)?(?!(?:{_YEAR_NOUNS})\b)[a-z]+s\b")
_QUANTITY_BEFORE = regex.compile(r"(?i:about|around|some|nearly|almost|approximately|roughly|over|up\s+to|more\s+than|"
                                 r"fewer\s+than|less\s+than|at\s+least|another|an\s+extra|extra|recruit(?:ed|ing)?|"
                                 r"hire[ds]?|employ(?:s|ed)?|train(?:ed)?)\s+$", regex.REVERSE)


def _looks_like_count(text: str, start: int, end: int) -> bool:
    """A year-shaped number that counts things: a quantity word before it, or a plural noun after it."""
    prev, _ = _prev_word(text, start)
    if prev is not None and prev.lower() in _TEMPORAL and prev.lower() not in ("over", "around"):
        return False  # "in 2015 nurses …", "by 2020 GPs …": a year
    after = _COUNT_AFTER.match(text, end)
    if after is None:
        return False
    return _QUANTITY_BEFORE.match(text, max(0, start - 30), start) is not None or bool(
        _MORE_AFTER.match(text, end, end + 16))


_MORE_AFTER = regex.compile(r"[ \t]+(?:more|extra|additional|new|fewer)\b")
_CLAUSE_BREAK = regex.compile(r";|,\s+(?:and|but|while|whilst|whereas)\b")
# A sentence in the past tense (a word of `vocab/context.toml` [tense], or any
# word in "-ed") with nothing that looks ahead: a month in it later in the year
# than the date line is last year's month.
_TENSE = vocab.load("context")["tense"]
_PAST_TENSE = regex.compile(rf"(?<![\w-])(?:{'|'.join(_TENSE['past'])}|[a-z]{{2,}}ed)(?![\w-])", regex.IGNORECASE)
_LOOKS_AHEAD = regex.compile(rf"(?<![\w-])(?:{'|'.join(_TENSE['ahead'])})(?![\w-])", regex.IGNORECASE)


def _reports_the_past(text: str, start: int, end: int) -> bool:
    return _PAST_TENSE.search(text, start, end) is not None and _LOOKS_AHEAD.search(text, start, end) is None


_CALENDAR_CUES = regex.compile(
    r"(?<![\w-])(?:" + "|".join(regex.escape(c).replace(r"\ ", r"\s+")
                               for c in sorted(_V["calendar_cues"], key=len, reverse=True)) + r")(?![\w-])")
anchors.register_words("calendar_cue", {c.split()[0].lower().split("'")[0] for c in _V["calendar_cues"]})


def calendar_years(dates: list[Mention], sentence_of: callable, text: str) -> list[Mention]:
    """Two-year spans read as UK financial years become calendar years in a sentence about a body
    outside UK public finance ("the WHO's budget … in the biennium 1984–85"): rule ``+calendar``."""
    out = []
    cue_words = anchors.word_starts(text, "calendar_cue")
    for d in dates:
        if (d.date_start is not None and d.date_end is not None and (d.date_start.month, d.date_start.day) == (4, 1)
                and (d.date_end.month, d.date_end.day) == (3, 31) and d.date_end.year > d.date_start.year):
            s0, s1 = sentence_of(d.start)
            # Searched only where the one scan of the text's words saw a cue's first word.
            i = bisect.bisect_left(cue_words, s0)
            if i < len(cue_words) and cue_words[i] < s1 and _CALENDAR_CUES.search(text, s0, s1):
                d = d.with_(date_start=dt.date(d.date_start.year, 1, 1), date_end=dt.date(d.date_end.year, 12, 31),
                            rule=f"{d.rule}+calendar")
        out.append(d)
    return out


_AFTER_NEXT = frozenset(_V["month_after_next"])  # "next March"
_BEFORE_LAST = frozenset(_V["month_before_last"])  # "last June"
_RELATIVE_MONTH_WORDS = _AFTER_NEXT | _BEFORE_LAST


def resolve_years(dates: list[Mention], sentence_of: callable, published_at: callable,
                  text: str = "") -> list[Mention]:
    """Give months written without a year ("in April") their year.

    As the guidelines say: the year of a date in the same clause of the
    sentence, else the year of the article's date line (the section's
    published date), else of a date elsewhere in the sentence, else of the
    nearest date before it in the document; left null if none.

    `sentence_of(pos)` gives the (start, end) of the sentence around `pos`;
    `published_at(pos)` gives the published date of the section there, or None.
    """
    dated = sorted((d for d in dates if d.date_start is not None and d.rule != "date.name"), key=lambda d: d.start)
    starts = [d.start for d in dated]
    out: list[Mention] = []
    for d in dates:
        if d.pending is None:
            out.append(d)
            continue
        s0, s1 = sentence_of(d.start)
        same = dated[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]
        # A year in another clause of the sentence ("… by 2020/21, and … from April") is weaker
        # evidence than the article's date line.
        near = [x for x in same if not _CLAUSE_BREAK.search(text, min(x.end, d.end), max(x.start, d.start))]
        published = published_at(d.start)
        year: int | None = None
        rule = d.rule
        # "next March", "last June": relative to the date of writing, whatever other year is near
        relative = (_prev_word(text, d.start)[0] or "").lower() if published is not None else ""
        if (near or (same and published is None)) and relative not in _RELATIVE_MONTH_WORDS:
            nearest = min(near or same, key=lambda x: abs(x.start - d.start))
            year = nearest.date_start.year  # type: ignore[union-attr]
            rule += "+sentence_year"
        elif published is not None:
            year = published.year
            rule += "+published_year"
            when = (d.pending[0], d.pending[1] if len(d.pending) > 1 else 1)
            if relative in _AFTER_NEXT and when < (published.month, published.day):
                year += 1  # "next March", written in December: the March after it
                rule += "+1"
            elif relative in _BEFORE_LAST and when >= (published.month, published.day):
                year -= 1  # "last June", written in May
                rule += "-1"
            elif when > (published.month, published.day) and _reports_the_past(text, s0, s1):
                year -= 1  # "waited more than 12 hours in December", written on 5 January: last December
                rule += "-1"
        else:
            i = bisect.bisect_left(starts, d.start)
            if i:
                year = dated[i - 1].date_start.year  # type: ignore[union-attr]
                rule += "+preceding_year"
        if year is None:
            out.append(d.with_(rule=rule + "+no_year"))
            continue
        month = d.pending[0]
        if len(d.pending) > 1:
            try:
                day = dt.date(year, month, d.pending[1])
            except ValueError:
                out.append(d.with_(rule=rule + "+no_year"))
                continue
            out.append(d.with_(date_start=day, date_end=day, rule=rule))
        else:
            out.append(d.with_(date_start=dt.date(year, month, 1), date_end=month_end(year, month), rule=rule))
    return out

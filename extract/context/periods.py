"""Period: the date or financial year a money, percent or count figure refers to.

Rules (named in the `rule` column after the extraction rule):

- ``period.after``: the nearest date after the figure in its sentence
  ("£5.3 billion … in 2015-16", "£30bn funding gap by 2020").
- ``period.before``: else the nearest date before it, unless a clause
  boundary ("that", "which", ";") separates them ("In 2017-18, 1.5 million
  adults were supported"; but not "concluded in May that … £55 million").
- ``+relative``: the date is relative ("this year", "last year", "next
  April") and was resolved against the section's published date.

A date is never a period when it is a baseline ("over 2014 levels",
"compared to 2008", "on the previous year", "its lowest since 1983"), when
it dates another event ("the £3.8bn fund, announced in June 2013") or a
cited source ("the LGA (2023)"), when the figure is tied to the present
("currently"), or when a relative period with no calendar unit follows the
figure ("in the last year").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from extract import vocab
from extract.casefold import fold
from extract.context.cues import FROM_BEFORE, V, from_the_end, pattern
from extract.kinds.dates import MONTHS, financial_year, month_end
from extract.mention import Mention

PERIOD_KINDS = ("money", "percent", "count")
_P = V["period"]
# A baseline cue may be followed by a preposition: "5% less than in 2010/11".
_BASELINE_BEFORE = from_the_end(pattern(*(f"{c}(?:\\s+(?:in|at|during|for|the))?" for c in _P["baseline_before"]),
                                        anchor="end"))
_BASELINE_AFTER = pattern(*_P["baseline_after"], anchor="start")
# ", announced in June 2013": a participle clause dating another event.
_EVENT = regex.compile(rf"(?:,|\b(?:which|that)\s+(?:was|were))\s*(?:{'|'.join(_P['event_verbs'])})"
                       rf"(?:\s+\w+){{0,2}}\s+(?:in|on|at|from|during)\s*$", regex.IGNORECASE)
_PRESENT = pattern(*_P["present"])
_CONCESSION = regex.compile(rf"(?<![\w-])(?:{'|'.join(_P['concession'])})\b[^,;.]*$", regex.IGNORECASE)
# "the 2008 earthquake", "the 2004 GP contract": a year naming an event, not a period.
_ATTRIBUTIVE_YEAR = regex.compile(r"[ \t]+(?!levels?\b|baseline\b|figures?\b|prices\b|to\b|and\b|or\b|onwards\b)"
                                  r"[A-Za-z][a-z]+")
_DEADLINE_AFTER = regex.compile(r"(?<![\w-])by\s+(?:the\s+end\s+of\s+)?[0-9]", regex.IGNORECASE)
# "29 March 2017: The number of …": a date line that opens a paragraph dates the release, not the figure.
_DATELINE_AFTER = regex.compile(r"[ \t]*:")
_DETERMINER_BEFORE = regex.compile(r"(?<![\w-])(?:the|a|an|its|their|this|that|his|her|our)\s+$", regex.IGNORECASE)
_FUNCTION_WORDS = set(vocab.load("counts")["stop_words"]) | {"it", "they", "there"}
_UNRESOLVABLE = pattern(*_P["unresolvable"])
# Coordination (", and", ", but") does not stop a period: "A fall of 15% … last
# year, and 451 training places unfilled" gives both figures last year.
_BOUNDARY = pattern(*(b for b in V["clauses"]["boundaries"] if not b.startswith(",")), "how", "why")
RELATIVE = regex.compile(
    r"""(?<![\w-])(?P<rel>this|last|next|the\scoming)\s
        (?P<unit>financial\syear|year|month|week|(?P<month>January|February|March|April|May|June|July|August|
                                                 September|October|November|December))(?![\w-])""",
    regex.VERBOSE | regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    text: str
    rule: str
    preposition: str | None = None


_WORD_BEFORE = regex.compile(r"(\w+)\s+$", regex.REVERSE)
_MORE_THAN_AFTER = regex.compile(r"\s+more\s+than\s+([^,.;()–—]{3,80})")

def relative_dates(text: str, s0: int, s1: int, published: dt.date | None) -> list[Mention]:
    """Relative dates in text[s0:s1] resolved against `published` ("last year" -> 2013)."""
    if published is None:
        return []
    out = []
    for m in RELATIVE.finditer(text, s0, s1):
        if text[max(0, m.start() - 4):m.start()].lower().endswith("the "):
            continue  # "the last year" is the past twelve months, not a calendar year
        rel = fold(m["rel"])
        step = {"this": 0, "last": -1, "next": 1, "the coming": 1}[rel]
        unit = fold(m["unit"])
        if m["month"]:
            month = MONTHS[m["month"].capitalize()]
            year = published.year + (step if rel != "this" else 0)
            if rel == "next" and month > published.month:
                year = published.year
            if rel == "last" and month < published.month:
                year = published.year
            start, end = dt.date(year, month, 1), month_end(year, month)
        elif unit == "year":
            year = published.year + step
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif unit == "financial year":
            first = published.year if published.month >= 4 else published.year - 1
            start, end = financial_year(first + step)
        elif unit == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 + step, 12)
            start, end = dt.date(y, mo + 1, 1), month_end(y, mo + 1)
        else:  # week, Monday to Sunday
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
            start, end = monday, monday + dt.timedelta(days=6)
        out.append(Mention("date", m.start(), m.end(), m.group(), "date.relative", date_start=start, date_end=end))
    return out


def _is_baseline(text: str, d: Mention) -> bool:
    before = text[max(0, d.start - 25):d.start]
    # "over" is a baseline only as "over 2014 levels"; "over 2015-16" is a period.
    after_is_baseline = _BASELINE_AFTER.match(text, d.end, min(len(text), d.end + 20)) is not None
    m = _BASELINE_BEFORE.search(before)
    if m is None:
        return after_is_baseline
    word = m.group().strip().lower().split()[0]
    if word == "on" and d.rule in ("date.year", "date.fy", "date.year_range"):
        return True  # "an increase of 2.3 per cent on 2015": on a year, a baseline; "on 8 March" is a day
    return after_is_baseline if word in ("over", "above", "below", "on") else True


def _dates_another_event(text: str, d: Mention) -> bool:
    line_start = text.rfind("\n", 0, d.start) + 1
    if not text[line_start:d.start].strip() and _DATELINE_AFTER.match(text, d.end):
        return True  # a date line: "29 March 2017: The number of staff …"
    if text[d.end:d.end + 2] in ("’s", "'s"):
        return True  # "August’s £850 million": the month of an announcement
    before = text[max(0, d.start - 60):d.start]
    if _EVENT.search(before) or _CONCESSION.search(before):
        return True
    if d.rule != "date.year":
        return False
    m = _ATTRIBUTIVE_YEAR.match(text, d.end)
    # "the 2004 GP contract" names an event; "in 2018 was £214bn", "by 2021 include" do not
    return (m is not None and fold(m.group().strip()) not in _FUNCTION_WORDS
            and _DETERMINER_BEFORE.search(text, max(0, d.start - 12), d.start) is not None)


# "according to the LGA (2023)", "(King's Fund, 2018)", "Smith et al. (2019)": a year that cites
# a source dates the source, not the figure.
_CITED_BEFORE = regex.compile(r"(?:[A-Z][\w&’'.-]*[ \t]*\(|\([A-Z][^()\n]{0,60}?,?[ \t])$")
_CITED_AFTER = regex.compile(r"[a-z]?\)")


def _is_citation(text: str, figure: Mention, d: Mention) -> bool:
    """A year in brackets after a name: the date of a cited source.

    Not when it comes right after the figure: "£6 billion (2014)" is the
    figure's year, however the text is cased ("£6 BILLION (2014)").
    """
    if d.rule != "date.year" or _CITED_AFTER.match(text, d.end) is None:
        return False
    if figure.end <= d.start and _ATTACHED.match(text[figure.end:d.start]):
        return False
    return _CITED_BEFORE.search(text, max(0, d.start - 70), d.start) is not None


def _separated(text: str, a: int, b: int) -> bool:
    """A clause boundary lies between positions a < b."""
    return text.find(";", a, b) != -1 or _BOUNDARY.search(text, a, b) is not None


# "£822 million in 2014-15": a date right after a figure belongs to that figure.
_ATTACHED = regex.compile(r"^[ \t\u00a0]*(?:\(|,?\s*(?:in|for|during|by|at|over|as at)\s+(?:the\s+)?)?$",
                          regex.IGNORECASE)
# "4.4 million patients, and the target was missed in January": a date in a
# later coordinated clause is that clause's (an earlier one frames what follows).
_COORDINATED = regex.compile(r",\s+(?:and|but)\s+")
# ", aiming to save £1 billion": a participle clause starts after the comma.
# Nouns in -ing ("In 2018, spending on health care totalled …") open no participle clause.
_ING_NOUNS = ("spending|funding|financing|housing|training|nursing|building|borrowing|lending|staffing|prescribing|"
              "commissioning|planning|budgeting|pricing|screening|testing|prescribing|fundraising|marketing")
_PARTICIPLE = regex.compile(r",\s+(?!including\b|excluding\b|according\b|rising\b|falling\b|accounting\b|"
                         rf"equating\b|representing\b|amounting\b|totalling\b|making\b|(?:{_ING_NOUNS})\b)"
                         r"[a-z]+ing\b")


def _claimed_by_other(text: str, figure: Mention, d: Mention, others: list[tuple[int, int]]) -> bool:
    """An earlier figure between `figure` and date `d` has `d` right after it."""
    return any(figure.end <= s and e <= d.start and _ATTACHED.match(text[e:d.start]) for s, e in others)


# "£1 billion will be invested by 2021 and a million more people will get support": the year is
# the first figure's, and the second figure's clause, joined by "and", has none of its own.
_NEW_CLAUSE = regex.compile(rf"(?:,\s*|\s+)(?:{vocab.alternation(_P['new_clause'])})\s+", regex.IGNORECASE)


def _owned_in_another_clause(text: str, figure: Mention, d: Mention, others: list[tuple[int, int]],
                             s0: int) -> bool:
    """Date `d`, before `figure`, is the period of an earlier figure of the sentence (the nearest
    figure before it, in its clause), and a new clause starts between `d` and `figure`."""
    if d.rule == "date.relative" or _NEW_CLAUSE.search(text, d.end, figure.start) is None:
        return False  # "this year", "last year" frame the whole sentence: the speaker's time
    earlier = [(s, e) for s, e in others if s0 <= s and e <= d.start]
    if not earlier:
        return False
    _, e = max(earlier, key=lambda span: span[1])
    return not _separated(text, e, d.start) and _NEW_CLAUSE.search(text, e, d.start) is None


# "compared to 1.17 million at the same point in 2015": the other level's day, in that year.
_SAME_POINT = regex.compile(rf"\s+(?:{'|'.join(_P['same_point'])})\s+", regex.IGNORECASE)


def _same_point(text: str, figure: Mention, dates: list[Mention]) -> Period | None:
    """A level "at the same point in 2015": the day of the sentence's dated level, in 2015."""
    for d in dates:
        if d.start >= figure.end and d.start - figure.end <= 40 and _SAME_POINT.fullmatch(text, figure.end, d.start):
            year = d.date_start.year  # type: ignore[union-attr]
            day = next((x for x in dates if x is not d and x.date_start == x.date_end), None)
            if day is None:
                return Period(d.date_start, d.date_end, d.text, "period.same_point")  # type: ignore[arg-type]
            try:
                same = day.date_start.replace(year=year)
            except ValueError:  # 29 February
                same = day.date_start.replace(year=year, day=28)
            return Period(same, same, text[figure.end:d.end].strip(), "period.same_point")
    return None


def find_period(text: str, figure: Mention, sentence: tuple[int, int], clause: tuple[int, int],
                dates: list[Mention], others: list[tuple[int, int]] | None = None,
                earlier: list[tuple[int, int]] | None = None) -> Period | None:
    """The period of `figure` from the dates of its sentence (already resolved), or None."""
    if figure.kind not in PERIOD_KINDS:
        return None
    s0, s1 = sentence
    c0, c1 = clause
    if _PRESENT.search(text, c0, c1) is not None and not _DEADLINE_AFTER.search(text, figure.end, c1):
        return None  # "currently £6bn", but "are now planned for completion by 2030" has a deadline
    if _UNRESOLVABLE.search(text, figure.end, c1) is not None:
        return None
    if FROM_BEFORE.match(text[max(c0, figure.start - 20):figure.start]):
        dates = [d for d in dates if d.start >= figure.end]  # "up from £822m": the start of a change
    dated = [d for d in dates if d.date_start is not None and d.date_end is not None and s0 <= d.start < s1]
    # Before the baseline filter: "compared to X at the same point in 2015" is the other level's own period.
    same = _same_point(text, figure, dated)
    if same is not None:
        return same
    usable = [d for d in dated if not (d.start < figure.end and figure.start < d.end)
              and not _is_baseline(text, d) and not _dates_another_event(text, d) and not _is_citation(text, figure, d)]
    after = [d for d in usable if d.start >= figure.end and not _separated(text, figure.end, d.start)
             and not _COORDINATED.search(text, figure.end, d.start)
             and not _claimed_by_other(text, figure, d, others or [])]
    before = [d for d in usable if d.end <= figure.start and not _separated(text, d.end, figure.start)
              and not _PARTICIPLE.search(text, d.end, figure.start)
              and not _owned_in_another_clause(text, figure, d, earlier or [], s0)]
    if after:
        d, rule = min(after, key=lambda d: d.start), "period.after"
    elif before:
        d, rule = max(before, key=lambda d: d.end), "period.before"
    else:
        return None
    if d.rule == "date.relative":
        rule += "+relative"
    prep = _WORD_BEFORE.match(text[max(0, d.start - 12):d.start])
    assert d.date_start is not None and d.date_end is not None
    return Period(d.date_start, d.date_end, d.text, rule,
                  prep.group(1).lower() if prep else None)


def lead_in_period(text: str, dates: list[Mention]) -> Period | None:
    """The period a list's lead-in gives its items ("… to be delivered by 2021 include:"), else None."""
    usable = [d for d in dates if d.date_start is not None and d.date_end is not None
              and not _is_baseline(text, d) and not _dates_another_event(text, d)]
    if not usable:
        return None
    d = usable[-1]
    prep = _WORD_BEFORE.match(text[max(0, d.start - 12):d.start])
    assert d.date_start is not None and d.date_end is not None
    return Period(d.date_start, d.date_end, d.text, "period.list_lead_in", prep.group(1).lower() if prep else None)


def baseline_text(text: str, figure: Mention, clause: tuple[int, int], dates: list[Mention]) -> str | None:
    """What a figure is measured against: "2014 levels", "2008", "projections based on …"."""
    _, c1 = clause
    for d in dates:
        if figure.end <= d.start < c1 and _is_baseline(text, d):
            m = _BASELINE_AFTER.match(text, d.end, min(len(text), d.end + 20))
            return text[d.start:m.end()].strip() if m else d.text
    m = _MORE_THAN_AFTER.match(text[figure.end:c1])
    if m:
        return m.group(1).strip()
    return None

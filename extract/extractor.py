"""Text in, figure mentions out: runs every kind and settles their overlaps.

Order of work for one text:

1. spans that hold numbers which are not figures (`exclusions`);
2. candidates of every kind: money, percent, durations, dates;
3. overlaps settled: the longest span wins, then the kind's priority
   (money > percent > duration > date), so "£5.3bn in 2015-16" keeps both
   figures and "8000 hours" is a duration, not a year;
4. bare amounts that continue a money phrase take its currency;
5. bare numbers that repeat a duration's frame ("83 for women"), then
   counts among the numbers nobody has claimed;
6. months without a year get one (`dates.resolve_years`);
7. a sign written against a figure ("-1.2%", "−£3.5m") makes it negative
   (`signs`);
8. qualifier, rate and denominator read from the words around each figure.

>>> [(m.kind, m.text) for m in extract("Ed Miliband will inject £2.5bn to pay for 20,000 more nurses by 2020.")]
[('money', '£2.5bn'), ('count', '20,000'), ('date', '2020')]
"""

from __future__ import annotations

import regex

from extract import exclusions
from extract.kinds import counts, dates, durations, money, percent
from extract.mention import Mention
from extract.qualifiers import per_after, per_from_noun, qualifier_after, qualifier_before
from extract.rates import denominator_after
from extract.segment import Segments, title_lines
from extract.signs import signed

_OF_PHRASE = regex.compile(r"\s+of\s+(?:[\w’'&-]+\s+){0,3}[\w’'&-]+(?=\s+(?:a|per|every|each)\s)")
PRIORITY = {"money": 0, "percent": 1, "duration": 2, "date": 3, "count": 4}
# Rules whose matches are dropped when they start inside an excluded span.
_MASKED_RULES = {"date.year", "duration.single", "percent.ratio"}


def _settle(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest first, then by kind priority, then leftmost."""
    if not candidates:
        return []
    chosen: list[Mention] = []
    taken = bytearray(max(m.end for m in candidates))
    order = sorted(candidates, key=lambda m: (-(m.end - m.start), PRIORITY[m.kind], m.start))
    for m in order:
        if taken.find(1, m.start, m.end) != -1:
            continue
        chosen.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def _mark(mask: bytearray, mentions: list[Mention]) -> None:
    for m in mentions:
        mask[m.start:m.end] = b"\x01" * (m.end - m.start)


def _with_context(m: Mention, text: str, segments: Segments) -> Mention:
    if m.kind == "date":
        return m
    qualifier = m.qualifier or qualifier_before(text, m.start, m.kind, m.end)
    if qualifier == "exact":
        qualifier = qualifier_after(text, m.end) or qualifier  # "aged 85 and over"
    per = m.per  # a count's rate after its noun is set by the count rule
    if m.kind in ("money", "count", "percent") and per is None:  # "1.4 per cent a year" is a rate too
        per = per_after(text, m.end)
        if per is None:
            # "£10bn of NHS spending each year": the rate follows the figure's "of" phrase.
            of_phrase = (_OF_PHRASE.match(text, m.end, min(len(text), m.end + 80))
                         if text[m.end:m.end + 6].lstrip()[:2].lower() == "of" else None)
            if of_phrase is not None:
                per = per_after(text, of_phrase.end())
    if m.kind in ("money", "count") and per is None:  # "a £10.50 minimum hourly rate"
        per = per_from_noun(text, m.start, m.end, segments.sentence_at)
    denominator, denominator_unit = m.denominator, m.denominator_unit
    if m.kind == "money" and denominator is None:  # "£164 per patient per year", "£2,000 per head"
        rate = denominator_after(text, m.end)
        if rate is not None:
            denominator, denominator_unit = rate
    if (qualifier, per, denominator, denominator_unit) == (m.qualifier, m.per, m.denominator, m.denominator_unit):
        return m  # nothing to add: no copy
    return m.with_(qualifier=qualifier, per=per, denominator=denominator, denominator_unit=denominator_unit)


# "around 11,735 doctors, 68,013 nurses and 5,637 midwifery staff": the items of a list after
# the first, separated by their nouns and a comma or "and", share its "around".
_LIST_GAP = regex.compile(r"[^,;:.()0-9£$€%\n]{0,50}?(?:,\s*(?:and\s+)?|\s+and\s+)")


def _share_approx_in_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    out = list(mentions)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if (a.kind == b.kind and a.kind in ("money", "count", "percent") and a.qualifier == "approx"
                and b.qualifier == "exact" and _LIST_GAP.fullmatch(text, a.end, b.start)):
            out[i] = b.with_(qualifier="approx")
    return out


# "by 2021", "in 2019": a date a title is about; otherwise a date in a document's own title
# names or scopes it ("UK Health Accounts: 2018", "2024/25 priorities and operational planning
# guidance"): not a figure (GUIDELINES.md, settled cases).
_TEMPORAL_BEFORE = regex.compile(r"(?<![\w-])(?:in|by|for|from|since|during|until|over|before|after)\s+(?:the\s+)?$",
                                 regex.IGNORECASE)


def _without_title_dates(text: str, mentions: list[Mention]) -> list[Mention]:
    titles = title_lines(text[:4000])
    if not titles:
        return mentions
    last = titles[-1][1]

    def in_title(m: Mention) -> bool:
        return (m.kind == "date" and m.start < last and any(s <= m.start < e for s, e in titles)
                and not _TEMPORAL_BEFORE.search(text, max(0, m.start - 12), m.start))

    return [m for m in mentions if not in_title(m)]


def extract(text: str, segments: Segments | None = None) -> list[Mention]:
    """Every figure in `text`, in document order."""
    segments = segments or Segments(text)
    blocked = exclusions.blocked_mask(text)

    date_found = dates.find(text)
    names = [d for d in date_found if d.rule == "date.name"]
    candidates = [*money.find(text), *percent.find(text), *durations.find(text),
                  *(d for d in date_found if d.rule != "date.name")]
    candidates = [m for m in candidates if not (m.rule in _MASKED_RULES and blocked[m.start])]
    chosen = _settle(candidates)

    chosen = durations.compounds(text, chosen)  # "36 minutes and 20 seconds", "15 months to 5 years"
    chosen = money.compounds(text, chosen)  # "3 dollars 50 cents"
    taken = bytearray(blocked)
    _mark(taken, chosen)
    _mark(taken, names)
    inherited = money.inherit_currency(text, chosen, taken)
    if inherited:
        chosen = _settle([*chosen, *inherited])
        _mark(taken, inherited)
    parallel = durations.elliptical(text, chosen, taken, segments.sentence_at)
    _mark(taken, parallel)
    chosen = [*chosen, *parallel, *counts.find(text, taken)]

    chosen = _without_title_dates(text, chosen)
    found_dates = [m for m in chosen if m.kind == "date"]
    resolved = dates.resolve_years(found_dates, segments.sentence_at, segments.published_at, text)
    resolved = dates.calendar_years(resolved, segments.sentence_at, text)
    others = [_with_context(signed(text, m), text, segments)
              for m in sorted(chosen, key=lambda m: m.start) if m.kind != "date"]
    others = _share_approx_in_lists(text, others)
    return sorted([*others, *resolved], key=lambda m: (m.start, m.end))

"""Measure: what kind of money a figure is (funding, savings, gap …).

The figure's own grammar decides first (`extract/context/grammar.py`): the
noun it measures ("a £2bn shortfall" -> gap, "capital funding of £18.5bn" ->
investment, "expenditure … was £214bn" -> spending; rule
``measure.noun_after``, ``noun_of_after``, ``noun_of_before``,
``noun_subject``), else the verb it belongs to ("spent £X" -> spending,
"will receive £X" -> funding; ``measure.verb``), else money handed over for
a purpose ("£147.6m to address drug deaths" -> funding;
``measure.allocation``). Capital money is investment whatever hands it over
(``measure.capital``). Only then does the nearest cue word in the figure's
clause decide ("inject £2.5bn" ->
investment, "£30bn funding shortfall" -> gap, "£314 million of savings" ->
savings); at equal distance the longer cue, then the order of the table in
`vocab/context.toml`, wins. An amount in parentheses at the end of a bullet
("(£1.4 billion)") takes the measure of the line that introduces the list
("… the revenue each would raise is as follows:"). No cue: ``other``.
"""

from __future__ import annotations

from extract.context.clauses import SentenceCache, in_parentheses, list_lead_in
from extract.context.cues import V, grouped
from extract.context.grammar import Attachment
from extract.mention import Mention

_ORDER = list(V["measure"])
_ALL = grouped(tuple((name, tuple(V["measure"][name])) for name in _ORDER))


def _cues(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Every measure cue in text[start:end], overlapping ones included ("funding" in "funding gap")."""
    return [(m.start(), m.end(), m.lastgroup) for m in _ALL.finditer(text, start, end, overlapped=True)]


def _span_cues(text: str, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    return _cues(text, *span)


# The figures of one clause or sentence share its cues: found once for all of them.
_clause_cues = SentenceCache(_span_cues)
_sentence_cues = SentenceCache(_span_cues)


def _nearest(found: list[tuple[int, int, str]], start: int, end: int) -> tuple[str, str] | None:
    best = None
    for s, e, name in found:
        if s < end and start < e:
            continue
        distance = start - e if e <= start else s - end
        key = (distance, -(e - s), _ORDER.index(name))
        if best is None or key < best[0]:
            best = (key, name)
    return (best[1], "nearest") if best else None


def find_measure(text: str, figure: Mention, sentence: tuple[int, int], clause: tuple[int, int],
                 att: Attachment | None = None) -> tuple[str, str]:
    """(measure, rule) for a money figure: its own grammar first, then the nearest cue word."""
    if in_parentheses(text, sentence, figure.start, figure.end):
        lead = list_lead_in(text, figure.start)
        if lead:
            found = _cues(lead, 0, len(lead))
            if found:
                name = max(found, key=lambda f: (f[1], -_ORDER.index(f[2])))[2]
                return name, "measure.list_lead_in"
    if att is not None:
        # Capital money is investment whatever verb hands it over (GUIDELINES.md).
        if "investment" in (att.noun_measure, att.purpose_measure):
            own = att.noun_measure == "investment"
            return "investment", f"measure.noun_{att.noun_rule}" if own else "measure.capital"
        if att.noun_measure is not None:
            return att.noun_measure, f"measure.noun_{att.noun_rule}"
        if att.verb_measure is not None:
            return att.verb_measure, "measure.verb"
        if att.allocation:
            return "funding", "measure.allocation"  # "£147.6 million to address drug deaths"
    hit = _nearest(_clause_cues(text, clause), figure.start, figure.end)
    if hit is None:
        hit = _nearest(_sentence_cues(text, sentence), figure.start, figure.end)
    if hit is None:
        return "other", "measure.default"
    return hit[0], f"measure.{hit[1]}"

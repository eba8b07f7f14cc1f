"""Context of each figure: sentence, period, measure, direction, target, subject.

`contextualise` runs one small rule module per attribute over the figure's
sentence and clause; every decision is named in the returned `rules`, which
the pipeline appends to the figure's `rule` column so that each value can be
traced back to the rule that set it.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace

import regex

from extract.context.clauses import clause, list_lead_in_span
from extract.context.direction import find_direction, propagate_in_lists
from extract.context.grammar import attach
from extract.context.measures import find_measure
from extract.context.periods import PERIOD_KINDS, Period, baseline_text, find_period, lead_in_period, relative_dates
from extract.context.subject import find_actor, find_subject
from extract.context.targets import TARGET_KINDS, find_target
from extract.mention import Mention
from extract.segment import Segments

DIRECTION_KINDS = ("money", "percent", "count")


@dataclass(frozen=True, slots=True)
class Context:
    sentence: tuple[int, int]
    period: Period | None = None
    measure: str | None = None
    direction: str | None = None
    is_target: bool | None = None
    target_type: str | None = None
    subject: str | None = None
    actor: str | None = None
    baseline: str | None = None
    rules: tuple[str, ...] = ()


def contextualise(text: str, mentions: list[Mention], segments: Segments) -> list[Context]:
    """One Context per mention, in the same order."""
    dates = sorted((m for m in mentions if m.kind == "date" and m.date_start is not None), key=lambda m: m.start)
    date_starts = [d.start for d in dates]
    relatives: dict[tuple[int, int], list[Mention]] = {}
    # Figures that can own the date right after them ("£822 million in 2014-15");
    # a duration does not ("seen within 18 weeks in September 2016").
    owners = [(m.start, m.end) for m in mentions if m.kind not in ("date", "duration")]
    owner_starts = [s for s, _ in owners]
    numeric = [(m.start, m.end) for m in mentions if m.kind != "date"]
    numeric_starts = [start for start, _ in numeric]
    out: list[Context] = []
    for m in mentions:
        sentence = segments.sentence_at(m.start)
        if m.kind == "date":
            out.append(Context(sentence))
            continue
        if sentence not in relatives:
            relatives[sentence] = relative_dates(text, *sentence, segments.published_at(m.start))
        cl = clause(text, sentence, m.start, m.end)
        att = attach(text, m.start, m.end, cl, sentence)
        rules: list[str] = []
        in_sentence = dates[bisect.bisect_left(date_starts, sentence[0]):bisect.bisect_left(date_starts, sentence[1])]
        sentence_dates = [*in_sentence, *relatives[sentence]]
        i = bisect.bisect_right(numeric_starts, m.start)
        j = bisect.bisect_right(owner_starts, m.start)
        # The figures right after this one (a date may be theirs) and right before it (its period may be theirs).
        earlier = owners[max(0, j - 9):max(0, j - 1)]
        period = find_period(text, m, sentence, cl, sentence_dates, owners[j:j + 8], earlier)
        if period is None and m.kind in PERIOD_KINDS:
            lead = list_lead_in_span(text, m.start)  # "The recommendations to be delivered by 2021 include:"
            if lead is not None:
                lead_dates = dates[bisect.bisect_left(date_starts, lead[0]):bisect.bisect_left(date_starts, lead[1])]
                period = lead_in_period(text, lead_dates)
        if period is not None:
            rules.append(period.rule)
        measure = None
        if m.kind == "money":
            measure, rule = find_measure(text, m, sentence, cl, att)
            rules.append(rule)
        direction = None
        if m.kind in DIRECTION_KINDS:
            direction, rule = find_direction(text, m, cl, measure)
            if direction:
                rules.append(rule)
        is_target, target_type = None, None
        if m.kind in TARGET_KINDS:
            is_target, target_type, rule = find_target(text, m, cl, period.start if period else None,
                                                       segments.published_at(m.start),
                                                       period.preposition if period else None, sentence[0],
                                                       tuple(numeric[i:i + 8]), att)
            rules.append(rule)
        out.append(Context(
            sentence=sentence, period=period, measure=measure, direction=direction, is_target=is_target,
            target_type=target_type, subject=find_subject(text, m, sentence, cl),
            actor=find_actor(text, sentence) if is_target else None,
            baseline=baseline_text(text, m, cl, sentence_dates) if is_target else None,
            rules=tuple(rules),
        ))
    _propagate_directions(text, mentions, out)
    _propagate_restatements(text, mentions, out)
    _propagate_parts(text, mentions, out)
    return out


# "940,549 dollars of which 376,259 dollars related to 1953", "£4bn, including £500m": a part of an amount
# is the same kind of money as the whole, unless its own words say otherwise.
_PART_OF = regex.compile(r"(?:,\s*)?(?:of\s+which|of\s+this|including|includes|of\s+that)\s+(?:[a-z]+\s+){0,2}$",
                         regex.IGNORECASE)


def _propagate_parts(text: str, mentions: list[Mention], contexts: list[Context]) -> None:
    money = [i for i, m in enumerate(mentions) if m.kind == "money"]
    for a, b in itertools.pairwise(money):
        whole, part = contexts[a], contexts[b]
        if (whole.sentence == part.sentence and whole.measure not in (None, "other") and part.measure == "other"
                and _PART_OF.search(text, mentions[a].end, mentions[b].start)):
            contexts[b] = replace(part, measure=whole.measure, rules=(*part.rules, "measure.part_of"))


# "an increase of 2.2 per cent (26,000) since 2015", "rose by 61.1 per cent …, or £10,977 million": the second
# figure states the same change in another unit, so it shares the first one's direction, period and target.
_RESTATED_OPEN = regex.compile(r"\s*\(\s*")
# ", or £X": a restatement when nothing but words (no figure, no semicolon) stands between, within 80 characters
_RESTATED_OR = regex.compile(r"[^;:()0-9£$€%]{0,60}?,\s+or\s+(?:about|around|some|nearly|roughly|almost)?\s*")


def _propagate_restatements(text: str, mentions: list[Mention], contexts: list[Context]) -> None:
    numeric = [i for i, m in enumerate(mentions) if m.kind in DIRECTION_KINDS]
    for a, b in itertools.pairwise(numeric):
        first, second = mentions[a], mentions[b]
        bracketed = _RESTATED_OPEN.fullmatch(text, first.end, second.start) and text[second.end:second.end + 1] == ")"
        if not (bracketed or _RESTATED_OR.fullmatch(text, first.end, second.start)):
            continue
        ca, cb = contexts[a], contexts[b]
        if contexts[a].sentence != contexts[b].sentence:
            continue
        changes: dict[str, object] = {}
        if cb.direction is None and ca.direction is not None:
            changes["direction"] = ca.direction
        if cb.period is None and ca.period is not None:
            changes["period"] = ca.period
        if not cb.is_target and ca.is_target and second.kind in TARGET_KINDS:
            changes.update(is_target=True, target_type=ca.target_type)
        if changes:
            contexts[b] = replace(cb, **changes, rules=(*cb.rules, "context.restated"))


def _propagate_directions(text: str, mentions: list[Mention], contexts: list[Context]) -> None:
    idx = [i for i, m in enumerate(mentions) if m.kind in DIRECTION_KINDS]
    listed = [mentions[i] for i in idx]
    directions = [contexts[i].direction for i in idx]
    rules = [list(contexts[i].rules) for i in idx]
    propagate_in_lists(text, listed, directions, rules)
    for k, i in enumerate(idx):
        if directions[k] != contexts[i].direction:
            contexts[i] = replace(contexts[i], direction=directions[k], rules=tuple(rules[k]))

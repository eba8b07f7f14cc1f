"""Direction: does the figure state a change up, a change down, or a level?

Cues right before the figure ("a fall of 15%", "up by 40 million", "an
extra £2bn") or right after it ("a 3.5% reduction", "20,000 more nurses",
"a 1% pay rise"); qualifiers ("up to", "at least") are looked through first.
"rise to £14 billion" and "from 19 million … to 29 million" are levels
reached, not changes. Every savings amount is a decrease (GUIDELINES.md).
A negative figure that is a change ("growth of -0.3%", "a change of −£3.5m")
is a decrease.
"""

from __future__ import annotations

import regex

from extract.context.cues import V, from_the_end, pattern
from extract.mention import Mention
from extract.qualifiers import strip_qualifier

_D = V["direction"]
_LEVEL = pattern(*_D["level_before"], anchor="end")
_INC_BEFORE = from_the_end(pattern(*_D["increase_before"], anchor="end"))
_DEC_BEFORE = from_the_end(pattern(*_D["decrease_before"], "savings of", anchor="end"))
_INC_AFTER = pattern(*_D["increase_after"], anchor="start")
_DEC_AFTER = pattern(*_D["decrease_after"], anchor="start")
_MODIFIED_CHANGE = regex.compile(
    r"\s+(?:(?!of\b|in\b|on\b|the\b|a\b|an\b|and\b|or\b|to\b|for\b|by\b|from\b|than\b)[a-z-]+\s+){1,2}"
    r"(?:(?P<inc>increase|rise|growth|uplift|boost|hike)|(?P<dec>cut|reduction|fall|decline|decrease|drop))s?\b")
# A comparative and "than", and what follows it: a time makes a change ("12% more than February 2023",
# "higher than last year"); anything else a difference between two levels ("56p higher than the NLW").
_DIFFERENCE = regex.compile(r"\s+(?:higher|lower|more|less|fewer|greater|bigger|smaller|above|below)\s+than\s+",
                            regex.IGNORECASE)
_TIME_AFTER_THAN = regex.compile(
    r"(?:(?:in|at|during|on|for)\s+)?(?:the\s+)?(?:(?:same|previous|last|prior|preceding|year|month|quarter|"
    r"week|decade|period|time|point|financial)\b|[0-9]{4}|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|(?:a|one|two|three|five|ten)\s+(?:year|month|decade)s?\s+ago|"
    r"before\b|expected\b|planned\b|forecast\b|budgeted\b|projected\b)", regex.IGNORECASE)
_ABBREVIATION = regex.compile(r"[ \t]*\([A-Za-z.]{1,6}\)")
_CHANGE_NOUN = pattern(*_D["change_nouns"])
_ARTICLE = regex.compile(r"(?:\b(?:a|an|the|of|its|their)\s+)+$", regex.IGNORECASE)


def find_direction(text: str, figure: Mention, clause: tuple[int, int], measure: str | None) -> tuple[str | None, str]:
    """(direction, rule)."""
    direction, rule = _direction(text, figure, clause, measure)
    if figure.value_high is not None and figure.value_high < 0 and direction != "decrease":
        # A negative change is a decrease: "growth of -0.3%", "a change of −£3.5m" (not "fell to -£1m").
        c0, c1 = clause
        if direction == "increase" or (rule != "direction.level" and _CHANGE_NOUN.search(text, c0, c1)):
            return "decrease", "direction.negative"
    return direction, rule


def _direction(text: str, figure: Mention, clause: tuple[int, int], measure: str | None) -> tuple[str | None, str]:
    if measure == "savings":
        return "decrease", "direction.savings"
    c0, c1 = clause
    before = text[max(c0, figure.start - 90):figure.start]
    before = strip_qualifier(before)
    if figure.text.startswith("+"):
        return "increase", "direction.plus"  # "+3.09 pp"
    after = text[figure.end:min(c1, figure.end + 40)]
    abbreviation = _ABBREVIATION.match(after)  # "1.84 percentage point (pp) increase"
    if abbreviation is not None:
        after = after[abbreviation.end():]
    difference = _DIFFERENCE.match(after)
    if difference is not None and not _TIME_AFTER_THAN.match(after, difference.end()):
        # "56p higher than the NLW": two levels at one time differ; no change (GUIDELINES.md)
        return None, "direction.difference"
    if _INC_AFTER.match(after):
        return "increase", "direction.after"
    if _DEC_AFTER.match(after):
        return "decrease", "direction.after"
    m = _MODIFIED_CHANGE.match(after)  # "a 3.4% annual budget increase"
    if m is not None:
        return ("decrease" if m["dec"] else "increase"), "direction.after"
    if _LEVEL.search(before):
        return None, "direction.level"
    stripped = _ARTICLE.sub("", before)
    for text_before in (before, stripped):
        if _INC_BEFORE.search(text_before):
            return "increase", "direction.before"
        if _DEC_BEFORE.search(text_before):
            return "decrease", "direction.before"
    return None, "direction.none"


# "20,000 more nurses, 8,000 more GPs … and 3,000 midwives": the last item of a
# list shares the direction of the items before it.
_LIST_GAP = regex.compile(r"^[^.;:()]{0,40}?(?:,|\band\b)\s*$")


def propagate_in_lists(text: str, mentions: list[Mention], directions: list[str | None],
                       rules: list[list[str]]) -> None:
    """Give a figure with no direction the direction of the same-kind figure listed just before it."""
    for i in range(1, len(mentions)):
        a, b = mentions[i - 1], mentions[i]
        if directions[i] is not None or directions[i - 1] is None or a.kind != b.kind:
            continue
        if _LIST_GAP.match(text[a.end:b.start]):
            directions[i] = directions[i - 1]
            rules[i].append("direction.list")

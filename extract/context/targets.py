"""Targets: is the figure aimed for, promised, planned, required or forecast?

Decided in this order (the `rule` column names the step):

1. ``target.threshold``: a threshold that defines a group ("those earning
   more than £42,000") is not a target.
2. ``target.fact``: words right before it make it a present fact ("the
   current charge of £8.05", "the standard rate of 12 per cent").
3. ``target.change_from`` / ``target.comparison``: the first value of a
   change ("from 19 million in 2008 to …") or a value compared with
   ("compared with 4% in 2015-16") is a known level. Cues after a figure
   speak for it only up to the next figure ("90.3% … against a target of
   92%": the target is 92%).
4. ``target.attributive``: "the £3.8bn Better Care Fund", "the 1.3m NHS
   staff": the size of something that exists, unless a target word follows
   ("the £1 billion financial savings assumption").
5. ``target.cue``: a target cue in the figure's clause (`vocab/context.toml`:
   "will", "would", "aim for", "pledged", "need", "recommends", "forecast",
   "assumption"…); its list gives the `target_type`.
6. ``target.list_lead_in``: a bullet item takes the cue of the line that
   introduces its list ("the report recommends:").
7. ``target.future_period``: its period starts after the section's publication.
8. ``target.by_deadline``: its period is a deadline ("£3.5bn by 2025") in a
   clause with no past tense.
"""

from __future__ import annotations

import datetime as dt

import regex

from extract import vocab
from extract.casefold import fold
from extract.context.clauses import list_lead_in
from extract.context.cues import FROM_BEFORE, V, grouped, pattern
from extract.context.grammar import Attachment, announces
from extract.mention import Mention
from extract.qualifiers import strip_qualifier

_T = V["target"]
TYPES = ("assumption", "pledge", "aim", "requirement", "forecast", "plan")  # most specific first
_ALL_CUES = grouped(tuple((t, tuple(_T[t])) for t in TYPES))
_FACT = pattern(*_T["fact_before"])
_THRESHOLD = pattern(*_T["threshold_before"], anchor="end")
_TARGET_NOUNS = pattern(*_T["target_nouns"])
_MODAL = pattern("will", "would", "could", "should", "shall", "must", "is to", "are to", "to be")
_DEFINITE = regex.compile(r"(?<![\w-])(?:the|its|their|our|his|her|this)\s+$", regex.IGNORECASE)
_MEASURE_NOUNS = regex.compile(r"\s*(?:mark|level|figure|threshold|sum|amount|total|region|ceiling|limit)\b",
                               regex.IGNORECASE)
_WORD = regex.compile(r"[\w’'-]+")
_NUMBER = regex.compile(r"[0-9£$€]")
_OWNED_NOUNS = ("target|aim|goal|ambition|pledge|commitment|standard|forecast|projection|ceiling|cap|limit|"
                "maximum|minimum|control total")
# "a target of", "a recommended maximum of": the phrase (and its cue words) belongs to the figure after it.
_OWNED_CUE = regex.compile(rf"(?<![\w-])(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+)?(?:{_OWNED_NOUNS})s?\s+of\s+"
                           rf"(?:[\w-]+\s+){{0,2}}$", regex.IGNORECASE)
# A target noun right after a figure, or one word after ("the 92% target", "a £2bn savings goal").
_OWNED_AFTER = regex.compile(rf"\s+(?:[\w&’'-]+\s+)?(?:{_OWNED_NOUNS})s?(?![\w-])", regex.IGNORECASE)
_COMPARED = regex.compile(r"(?<![\w-])(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+$", regex.IGNORECASE)
# How far past the clause a cue's lookahead may read ("need 400 more …").
_LOOKAHEAD = 60
_BARE_MODAL = regex.compile(r"will|would|could|may|might|shall|'ll|’ll", regex.IGNORECASE)
# "met the target", "missed its goal": the aim-list noun names a result's yardstick, not an aim.
_PERFORMANCE = pattern(*(f"{verb}(?:\\s+(?:the|its|their|this|that|a|an|our|his|her|government['’]s))?"
                         for verb in _T["performance_before"]), anchor="end")
_YARDSTICK = regex.compile(r"(?:target|goal|ambition|aim)s?", regex.IGNORECASE)
# A cue word capitalised after a lower-case word is a name or a month, not a
# cue ("in May" is no "may"); in Title Case text, where every word is
# capitalised, and at a sentence's start, capitals say nothing.
_LOWER_WORD_BEFORE = regex.compile(r"(?<![\w’'-])[a-z][\w’'-]*[ \t]+$")
# Past-tense auxiliaries: "by 2010 spending had risen to £X" is a fact.
_PAST = pattern(*V["tense"]["past"])
TARGET_KINDS = ("money", "percent", "count", "duration")


# "people have to look after their conditions for 8000 hours": an obligation on
# an action says nothing about whether its length is a target.
_WEAK_FOR_DURATIONS = regex.compile(r"^(?:ha(?:ve|s) to|need(?:s|ed)?|must|should)$", regex.IGNORECASE)



def _cue_match(text: str, start: int, end: int, kind: str = "", near: int | None = None) -> tuple[str, str] | None:
    """(target type, cue as written) of the most specific cue starting in text[start:end].

    Of that type's cues, the one nearest `near` (the figure) is returned.
    Lookaheads may see a little past `end`, so "need 400 more" is seen whole.
    """
    hits: dict[str, list[regex.Match[str]]] = {}
    for m in _ALL_CUES.finditer(text, start, min(len(text), end + _LOOKAHEAD)):
        if m.start() >= end:
            break
        if kind == "duration" and _WEAK_FOR_DURATIONS.match(m.group()):
            continue
        if m.group()[:1].isupper() and _LOWER_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # a name or a month: "the national Targeted Investment Fund", "attendances in May"
        if (near is not None and m.start() > near and m.lastgroup == "aim" and _YARDSTICK.fullmatch(m.group())
                and _PERFORMANCE.search(text, max(0, m.start() - 40), m.start())):
            continue  # "35% of calls met the target" (but "against a target of 92%" is 92%'s target)
        hits.setdefault(m.lastgroup, []).append(m)
    for name in TYPES:
        if name in hits:
            found = hits[name]
            best = min(found, key=lambda m: abs(m.start() - near)) if near is not None else found[0]
            return name, best.group()
    return None


def _cue(text: str, start: int, end: int, kind: str = "") -> str | None:
    hit = _cue_match(text, start, end, kind)
    return hit[0] if hit else None


# What a modal or auxiliary makes of the verb it governs.
_AUX_TYPES = {"will": "plan", "shall": "plan", "'ll": "plan", "’ll": "plan", "would": "forecast", "could": "forecast",
              "may": "forecast", "might": "forecast", "should": "requirement", "must": "requirement"}
_HEADLINE_MAX = 120
_CONCESSION_BEFORE = regex.compile(r"(?<![\w-])(?:despite|in spite of|notwithstanding)\s", regex.IGNORECASE)


def _from_grammar(text: str, figure: Mention, clause: tuple[int, int],
                  att: Attachment | None) -> tuple[bool, str | None, str] | None:
    """A decision from the verb the figure belongs to, when it settles the question; else None.

    - the verb is future or modal ("the £1bn that will be provided", "will
      receive £2.7bn"): a target, typed by its auxiliary (``target.verb``);
    - a present-tense verb of handing over in a clause that names a Budget,
      a Spending Review, a government ("The Spending Review allows for over
      £4bn", "Scotland's Budget is providing …, including £12.9bn"): money
      announced for a coming period, a plan (``target.announced``);
    - money for a purpose with no verb in a headline ("Record £18 billion for
      health and social care") or in a bullet whose lead-in announces it ("The
      Budget also provides:"): a plan (``target.announced``).
    """
    if att is None:
        return None
    if figure.kind == "duration" and att.tense in ("past", "perfect"):
        return False, None, "target.past"  # "For 25 years successive ministers have argued …"
    if att.verb is not None and att.tense in ("future", "modal") and figure.kind != "duration":
        c0, _ = clause
        aux = _BARE_MODAL.search(text, c0, figure.start) if att.verb_position == "before" else None
        kind = _AUX_TYPES.get(fold(aux.group()) if aux else "", "plan")
        if att.tense == "modal" and aux is None:
            return None  # "needs to", "is expected to": the cue lists type these
        return True, kind, "target.verb"
    if att.subject_start is not None and att.tense in ("present", "past") \
            and att.verb is None and _cue(text, att.subject_start, figure.start) is None:
        # "the cost of mental ill health … is £105 billion a year": a value given to something that exists
        return False, None, "target.copula_fact"
    if att.announced and figure.kind == "money":
        return True, "plan", "target.announced"
    if att.allocation and att.verb is None and figure.kind == "money":
        line_start = text.rfind("\n", 0, figure.start) + 1
        line_end = text.find("\n", figure.end)
        line = text[line_start:line_end if line_end != -1 else len(text)].strip()
        lead = list_lead_in(text, figure.start)
        if lead is not None:
            if announces(lead):
                return True, "plan", "target.announced"
        elif len(line) <= _HEADLINE_MAX and not line.endswith((".", "?", "!", ":")) and not _PAST.search(line):
            return True, "plan", "target.announced"  # a headline: "Record £18 billion for health and social care"
    return None


def _cue_type(text: str, figure: Mention, clause: tuple[int, int], sentence_start: int | None) -> str | None:
    """The target type of the most specific cue in the clause, or None."""
    c0, c1 = clause
    hit = _cue_match(text, c0, c1, figure.kind, near=figure.start)
    if not hit:
        return None
    kind, written = hit
    # A bare modal leaves the kind open; the governing clause may settle it:
    # "the planning assumption was that the Fund would save £1 billion".
    if _BARE_MODAL.fullmatch(written) and sentence_start is not None and sentence_start < c0:
        governing = _cue(text, sentence_start, c0)
        if governing is not None and TYPES.index(governing) < TYPES.index(kind):
            kind = governing
    return kind


_STANDARD_WITHIN = pattern(*_T["standard_within"], anchor="end")
# Up to three words between ("the 18-week referral to treatment standard"), none that makes the
# duration a plan's length ("a 10-year plan for … targets").
_STANDARD_NOUN = regex.compile(rf"(?:[ \t]+(?!(?:{vocab.alternation(_T['standard_not_between'])})\b)[\w&]+){{0,3}}?"
                               rf"[ \t]+(?:{vocab.alternation(_T['standard_nouns'])})(?![\w-])", regex.IGNORECASE)
# A share of patients: a percentage in any spelling of vocab/percent.toml.
_SHARE = regex.compile(rf"%|(?<![\w-])(?:{vocab.alternation(vocab.load('percent')['percent'])})(?![\w-])",
                       regex.IGNORECASE)
_ALLOWANCE_BEFORE = pattern(*_T["allowance_before"], anchor="end")
_TO_VERB = regex.compile(r"[ \t]+to[ \t]+[a-z]+")


def _standard(text: str, figure: Mention, c0: int, c1: int) -> str | None:
    """The rule that makes a duration a service standard's allowance or a time allowed, else None."""
    if "-" in figure.text and _STANDARD_NOUN.match(text, figure.end, c1):
        return "target.standard"  # "the 4-hour A&E standard", "18-week performance"
    before = text[max(c0, figure.start - 20):figure.start]
    if _STANDARD_WITHIN.search(before) and _SHARE.search(text, c0, figure.start):
        return "target.standard"  # "70.9% of patients … discharged within 4 hours"
    if _ALLOWANCE_BEFORE.search(before) and _TO_VERB.match(text, figure.end, c1):
        return "target.allowance"  # "The Government has two months to respond"
    return None


def find_target(text: str, figure: Mention, clause: tuple[int, int], period_start: dt.date | None,
                published: dt.date | None, period_preposition: str | None = None,
                sentence_start: int | None = None,
                next_figures: tuple[tuple[int, int], ...] = (),
                att: Attachment | None = None) -> tuple[bool, str | None, str]:
    """(is_target, target_type, rule). `next_figures`: (start, end) of the figures after this one."""
    c0, c1 = clause
    for later, later_end in next_figures:
        # "90.3% … against a target of 92%", "74% … below the 92% target": a target
        # noun that introduces or follows a later figure is that figure's.
        if figure.end <= later < c1:
            owned = _OWNED_CUE.search(text, figure.end, later)
            if owned is not None:
                c1 = owned.start()
                break
            if _OWNED_AFTER.match(text, later_end, c1):
                c1 = later
                break
    before = text[max(c0, figure.start - 50):figure.start]
    unqualified = strip_qualifier(before)
    if _THRESHOLD.search(unqualified) or _THRESHOLD.search(before):
        return False, None, "target.threshold"
    if _COMPARED.search(unqualified):
        return False, None, "target.comparison"  # "compared with 4% in 2015-16"
    facts = list(_FACT.finditer(text, c0, figure.start))
    fact = facts[-1] if facts else None
    # The fact word governs the first figure after it: in "the current charge of
    # £8.05 per item to perhaps £2.50" it speaks for £8.05 only.
    if (fact is not None and _cue(text, fact.end(), figure.start) is None
            and not _NUMBER.search(text, fact.end(), figure.start)):
        return False, None, "target.fact"  # "the current charge of £8.05", "current spending … stands at £6bn"
    if FROM_BEFORE.match(unqualified):
        return False, None, "target.change_from"
    if figure.kind == "duration":
        standard = _standard(text, figure, c0, c1)
        if standard is not None:
            return True, "requirement", standard
    decided = _from_grammar(text, figure, clause, att)
    if decided is not None:
        is_target, kind, rule = decided
        if is_target:  # the cue words of the clause type it more precisely than an auxiliary
            kind = _cue_type(text, figure, (c0, c1), sentence_start) or kind
        return is_target, kind, rule
    if _DEFINITE.search(before) and not _MEASURE_NOUNS.match(text, figure.end):
        following = " ".join(_WORD.findall(text[figure.end:c1])[:8])
        # "our ten year plan": the length of a plan is not a target (GUIDELINES.md).
        nouns = figure.kind != "duration" and _TARGET_NOUNS.search(following)
        if nouns or _MODAL.search(following):
            return True, _cue(following, 0, len(following)) or "plan", "target.attributive_cue"
        return False, None, "target.attributive"
    concession = _CONCESSION_BEFORE.search(text, c0, figure.start)
    if concession is not None and _cue(text, concession.end(), figure.start) is None:
        return False, None, "target.concession"  # "despite the agency spending nearly £400 million …"
    kind = _cue_type(text, figure, (c0, c1), sentence_start)
    if kind is not None:
        return True, kind, "target.cue"
    lead = list_lead_in(text, figure.start)
    past_period = period_start is not None and published is not None and period_start < published
    if lead and not past_period:  # "giving the NHS a record £11.7 billion last year" is no recommendation
        kind = _cue(lead, 0, len(lead))
        if kind:
            return True, kind, "target.list_lead_in"
    if period_start is not None and published is not None and period_start > published and figure.kind != "duration":
        return True, "forecast", "target.future_period"
    if period_preposition == "by" and not _PAST.search(text, c0, c1):
        return True, "forecast", "target.by_deadline"  # "a funding gap of £3.5bn by 2025"
    return False, None, "target.none"

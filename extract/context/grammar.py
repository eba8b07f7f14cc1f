"""What a figure is attached to: the noun it quantifies, the verb it belongs to, and when.

Context is read from the figure's own grammar before any cue word near it:

- the noun it quantifies: right after it ("a £2bn shortfall", "the £3.8bn
  Better Care Fund"), in its of-phrase ("£30bn of savings"), before "of"
  ("capital funding of £18.5bn", "a deficit of £930m"), or the subject a
  verb of being gives it as a value ("Total healthcare expenditure in 2018
  was £214.4bn", "expenditure … amounted to $690,000");
- the verb whose object or subject it is: before it ("spent £X", "will
  receive £X", "take away £200m", "allows for over £4bn") or after it ("£X
  was spent", "the £1bn that will be provided");
- when that verb happens: the auxiliaries before it ("will", "would",
  "has been", "was") or its own form ("allocated", "provides");
- whether it is money handed over for a purpose with no verb of its own
  ("£147.6 million to address drug deaths", "Record £18 billion for health").

The words are data (`extract/vocab/grammar.toml`); this module only finds
them. `extract/context/measures.py` and `targets.py` decide from the result
first and fall back to cue words after.

>>> t = "The Budget also provides £554 million to health infrastructure."
>>> a = attach(t, t.index("£"), t.index(" to"), (0, len(t)))
>>> a.verb, a.verb_measure, a.tense, a.announced, a.allocation
('provides', 'funding', 'present', True, True)
>>> t = "Total current healthcare expenditure in 2018 was £214.4 billion."
>>> a = attach(t, t.index("£"), len(t) - 1, (0, len(t)))
>>> a.noun, a.noun_measure, a.noun_rule, a.tense
('expenditure', 'spending', 'subject', 'past')
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract import vocab
from extract.casefold import fold

_WHITE = regex.compile(r"\s+")


def _key(words: str) -> str:
    """A phrase as the vocabulary writes it: case-folded, one space between words."""
    return _WHITE.sub(" ", fold(words))


_G = vocab.load("grammar")
MEASURE_ORDER = ("other", "gap", "savings", "investment", "price", "revenue", "cost", "spending", "funding")


def _phrases(words: list[str]) -> str:
    """An alternation of phrases, longest first, any white space between their words."""
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_NOUN_MEASURE = {fold(w): m for m in MEASURE_ORDER for w in _G["nouns"].get(m, [])}
_VERB_MEASURE = {fold(w): m for m, ws in _G["verbs"].items() if m not in ("copulas", "make_available") for w in ws}
_NOUNS = regex.compile(rf"(?<![\w-])(?:{_phrases(list(_NOUN_MEASURE))})(?![\w-])", regex.IGNORECASE)
_VERBS = regex.compile(rf"(?<![\w-])(?:{_phrases(list(_VERB_MEASURE))})(?![\w-])", regex.IGNORECASE)
# A verb of being right before the figure, a qualifier or two between ("amounted to some $690,000").
_COPULA_BEFORE = regex.compile(rf"(?<![\w-])(?:{_phrases(_G['verbs']['copulas'])})(?:\s+[a-z]+){{0,2}}?\s+$",
                               regex.IGNORECASE)
_DETERMINER_BEFORE = regex.compile(r"(?<![\w-])(?:the|this|that|these|those|a|an|its|their|our|his|her|each|every)"
                                   r"\s+$", regex.IGNORECASE)
_MAKE = regex.compile(rf"(?<![\w-])(?:{_phrases(_G['verbs']['make_available'])})(?:\s+[a-z]+){{0,2}}\s+$",
                      regex.IGNORECASE)
_AVAILABLE_AFTER = regex.compile(r"[ \t\u00a0]+available\b", regex.IGNORECASE)
_LIST_VERBS = {"including", "includes", "include"}
_ANNOUNCERS = regex.compile(rf"(?<![\w-])(?:{_phrases(_G['tense']['announcers'])})(?![\w-])", regex.IGNORECASE)
_ALLOCATION_AFTER = regex.compile(rf"[ \t\u00a0]+(?:{_phrases(_G['allocation']['after'])})\s+"
                                  r"(?!be\b|the\s+(?:year|end)\b)[a-z]", regex.IGNORECASE)

_CAPITAL_PURPOSE = regex.compile(rf"[ \t\u00a0]+(?:[a-z]+[ \t]+)?(?:{_phrases(_G['allocation']['capital_purposes'])})"
                                 r"(?![\w-])", regex.IGNORECASE)
_T = _G["tense"]
_AUX = {**{fold(w): "present" for w in _T["present"]}, **{fold(w): "perfect" for w in _T["perfect"]},
        **{fold(w): "past" for w in _T["past"]},
        **{fold(w): "modal" for w in _T["modal"]}, **{fold(w): "future" for w in _T["future"]}}
_ANY_AUX = regex.compile(rf"(?<![\w-])(?P<aux>{_phrases(list(_AUX))})(?![\w-])", regex.IGNORECASE)
# The nearest auxiliary before a verb, with at most two words (adverbs, "be", "also") between.
_AUX_BEFORE = regex.compile(rf"(?<![\w-])(?P<aux>{_phrases(list(_AUX))})(?:\s+[a-z-]+){{0,2}}?\s+$",
                            regex.IGNORECASE)
_IRREGULAR_PAST = {"spent", "gave", "given", "took", "taken", "paid", "got", "put", "made", "brought", "raised",
                   "cut", "withdrawn", "owed"}
# Words that may stand between a verb and its object figure: determiners, adjectives, qualifiers.
_BETWEEN_VERB_AND_FIGURE = regex.compile(r"(?:\s+[a-z’'-]+){0,4}?\s*$", regex.IGNORECASE)
_NEXT_WORD = regex.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z’'-]*)")
_STOP_WORDS = set(vocab.load("counts")["stop_words"]) | {"for", "to", "towards", "into"}
# After the figure: "£X was spent", "£1bn that will be provided", "£X spent per person".
_VERB_AFTER = regex.compile(
    rf"""[ \t\u00a0]+(?:(?:that|which)\s+)?
         (?P<aux>(?:(?:will|would|shall|could|should|must|may|might|has|have|had|is|are|was|were|be|been|being|
                      also|now|already|then|currently)\s+){{0,4}})
         (?P<verb>{_phrases(list(_VERB_MEASURE))})(?![\w-])""",
    regex.VERBOSE | regex.IGNORECASE,
)
_PREPOSITION = regex.compile(r"(?<![\w-])(?:of|by|on|in|for|from|to|with|at|across|between|during|under)(?![\w-])",
                             regex.IGNORECASE)
_OF_AFTER = regex.compile(r"[ \t\u00a0]+of\s+(?P<np>(?:[\w’'&-]+\s+){0,6}?[\w’'&-]+)(?=\s*(?:[,.;:()–—]|$|\s+"
                          r"(?:in|for|to|by|from|on|over|at|each|every|a|an|per|which|that|was|were|is|are|will|"
                          r"would|has|have|had)\b))", regex.IGNORECASE)
_OF_WORD = regex.compile(r"\sof\s", regex.IGNORECASE)  # what _OF_BEFORE needs: checked first, it is cheap
_OF_BEFORE = regex.compile(r"(?P<np>(?:[\w’'&-]+\s+){1,5})of\s+(?:[a-z’'-]+\s+){0,3}$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attachment:
    noun: str | None = None
    noun_measure: str | None = None
    noun_rule: str | None = None  # after, of_after, of_before, subject
    subject_start: int | None = None  # for a subject given a value by a verb of being: where its phrase starts
    verb: str | None = None
    verb_measure: str | None = None
    verb_position: str | None = None  # before, after
    tense: str | None = None  # future, modal, present, past, perfect
    allocation: bool = False
    purpose_measure: str | None = None  # the measure noun of what the money is for ("to health infrastructure")
    announced: bool = False


def noun_phrase_measure(phrase: str) -> tuple[str, str] | None:
    """(head noun, measure) of a noun phrase such as a table's row label or caption.

    >>> noun_phrase_measure("Capital budgets")
    ('capital', 'investment')
    """
    return _last_noun(phrase, 0, len(phrase))


def _last_noun(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The rightmost measure noun in text[start:end] (the head of an English noun phrase is last).

    A capital word anywhere in the phrase makes it investment ("infrastructure spending of £1.2bn").
    """
    found = None
    capital = None
    for m in _NOUNS.finditer(text, start, end, overlapped=True):
        if found is None or m.end() > found.end() or (m.end() == found.end() and m.start() < found.start()):
            found = m
        if _NOUN_MEASURE[_key(m.group())] == "investment":
            capital = m
    if found is None:
        return None
    word = _key(found.group())
    if capital is not None and _NOUN_MEASURE[word] not in ("other", "investment"):
        return _key(capital.group()), "investment"
    return word, _NOUN_MEASURE[word]


def _noun_after(text: str, end: int, limit: int) -> tuple[str, str] | None:
    """The noun right after the figure: up to four words, up to a function word or punctuation."""
    pos = stop = end
    for _ in range(4):
        m = _NEXT_WORD.match(text, pos, limit)
        if m is None or fold(m.group(1)) in _STOP_WORDS:
            break
        stop = pos = m.end()
    return _last_noun(text, end, stop) if stop > end else None


def _head_of_subject(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The measure noun heading the subject in text[start:end]: before its first preposition."""
    seg_start = start
    comma = text.rfind(",", start, end)
    candidates = [comma + 1, start] if comma != -1 else [start]
    for seg_start in candidates:
        prep = _PREPOSITION.search(text, seg_start, end)
        # "In 2018, spending …": a leading prepositional phrase is not the subject
        while prep is not None and not text[seg_start:prep.start()].strip():
            nxt = text.find(",", prep.end(), end)
            if nxt == -1:
                break
            seg_start = nxt + 1
            prep = _PREPOSITION.search(text, seg_start, end)
        head_end = prep.start() if prep is not None else end
        found = _last_noun(text, seg_start, head_end)
        if found is not None:
            return found
    return None


def _tense_before(text: str, lo: int, verb_start: int, verb: str) -> str | None:
    m = _AUX_BEFORE.search(text, max(lo, verb_start - 40), verb_start)
    if m is not None:
        return _AUX[_key(m["aux"])]
    word = fold(verb.split()[0])
    if word.endswith("ed") or word in _IRREGULAR_PAST:
        return "past"
    if word.endswith("ing"):
        return None  # a gerund or participle: its clause says when
    return "present"


def _tense_of_aux(aux: str, verb: str) -> str | None:
    words = [fold(w) for w in aux.split()]
    for w in words:
        if w in ("will", "shall"):
            return "future"
        if w in ("would", "could", "should", "must", "may", "might"):
            return "modal"
    if any(w in ("has", "have", "had") for w in words):
        return "perfect"
    if any(w in ("was", "were") for w in words):
        return "past"
    if any(w in ("is", "are") for w in words):
        return "present"
    return None  # a participle alone ("£18 billion allocated to"): its clause says when


def _last_and(text: str, start: int, end: int) -> int:
    """Where the last " and " in text[start:end] ends, else -1 (a coordinated clause's subject starts there)."""
    found = text.rfind(" and ", start, end)
    return found + 4 if found != -1 else -1


def attach(text: str, start: int, end: int, clause: tuple[int, int],
           sentence: tuple[int, int] | None = None) -> Attachment:
    """What the figure text[start:end] is attached to, within its clause (a relative clause after it may
    reach to the end of its sentence: "the £1 billion that will be provided")."""
    c0, c1 = clause
    s1 = sentence[1] if sentence else c1
    noun = noun_rule = None
    hit = _noun_after(text, end, c1)
    if hit is not None:
        noun, noun_rule = hit, "after"
    if noun is None:
        m = _OF_AFTER.match(text, end, c1)
        if m is not None:
            hit = _last_noun(text, m.start("np"), m.end("np"))
            if hit is not None:
                noun, noun_rule = hit, "of_after"
    if noun is None and _OF_WORD.search(text, max(c0, start - 80), start) is not None:
        m = _OF_BEFORE.search(text, max(c0, start - 80), start)
        if m is not None:
            hit = _last_noun(text, m.start("np"), m.end("np"))
            if hit is not None:
                noun, noun_rule = hit, "of_before"
    copula = _COPULA_BEFORE.search(text, max(c0, start - 30), start)
    subject_start = None
    if copula is not None and fold(copula.group().strip()) != "of":
        cut = _last_and(text, c0, copula.start())  # "… will experience a problem and the cost of it is £105bn"
        subject_start = cut if cut != -1 else c0
    if noun is None and copula is not None and fold(copula.group().strip()) != "of":
        hit = _head_of_subject(text, c0, copula.start())
        if hit is None:  # "…, equating to £3,227 per person": the sentence's subject
            hit = _head_of_subject(text, c0, text.find(",", c0, copula.start()) if "," in text[c0:copula.start()]
                                   else copula.start())
        if hit is not None:
            noun, noun_rule = hit, "subject"

    verb = verb_measure = position = tense = None
    before = None
    for m in _VERBS.finditer(text, max(c0, start - 60), start):
        before = m
    if before is not None and _DETERMINER_BEFORE.search(text, max(c0, before.start() - 8), before.start()):
        before = None  # "This grant is worth £12m": a noun, not the verb "grant"
    if before is not None and _BETWEEN_VERB_AND_FIGURE.fullmatch(text, before.end(), start):
        verb, position = before.group(), "before"
        verb_measure = _VERB_MEASURE[_key(verb)]
        tense = _tense_before(text, c0, before.start(), verb)
        if fold(verb) in _LIST_VERBS:  # "is providing record funding …, including £12.9bn": the main verb's
            main = None
            for m in _VERBS.finditer(text, c0, before.start()):
                main = m
            if main is not None and fold(main.group()) not in _LIST_VERBS:
                verb, verb_measure = main.group(), _VERB_MEASURE[_key(main.group())]
                tense = _tense_before(text, c0, main.start(), main.group())
    elif _AVAILABLE_AFTER.match(text, end, c1) and _MAKE.search(text, max(c0, start - 30), start):
        make = _MAKE.search(text, max(c0, start - 30), start)
        verb, verb_measure, position = make.group().strip(), "funding", "before"  # "making £15 million available"
        tense = _tense_before(text, c0, make.start(), verb)
    else:
        m = _VERB_AFTER.match(text, end, s1)
        if m is not None:
            verb, position = m["verb"], "after"
            verb_measure = _VERB_MEASURE[_key(verb)]
            tense = _tense_of_aux(m["aux"], verb)
    if tense is None:  # the clause's own auxiliary: "This will be part of a total £18 billion allocated"
        auxes = list(_ANY_AUX.finditer(text, c0, start))
        aux = auxes[-1] if auxes else _ANY_AUX.search(text, end, c1)  # "For 25 years ministers have argued"
        if aux is not None:
            tense = _AUX[_key(aux["aux"])]

    purpose = _ALLOCATION_AFTER.match(text, end, c1)
    purpose_measure = None
    if purpose is not None:
        hit = _noun_after(text, purpose.end() - 2, c1)  # the words of what it is for
        purpose_measure = hit[1] if hit else None
    if _CAPITAL_PURPOSE.match(text, end, s1):
        purpose_measure = "investment"  # "spending nearly £400 million developing a site"
    announced = (tense == "present" and verb_measure in ("funding", "investment")
                 and _ANNOUNCERS.search(text, c0, c1) is not None)
    return Attachment(noun[0] if noun else None, noun[1] if noun else None, noun_rule, subject_start, verb,
                      verb_measure, position, tense, purpose is not None, purpose_measure, announced)


_ANNOUNCED_LIST = regex.compile(r"(?<![\w-])(?:announc|unveil|confirm|set out)\w*\b.*\b"
                                r"(?:investment|funding|allocations?|spending|money|package|grants?)\b",
                                regex.IGNORECASE)


def announces(line: str) -> bool:
    """Whether a line announces money: a verb of handing over, future, or present in a clause naming a Budget.

    Used for the lead-in of a list of allocations ("The Budget also provides:").

    >>> announces("The Budget also provides:"), announces("In particular, we have:")
    (True, False)
    """
    if _ANNOUNCED_LIST.search(line):
        return True  # "the Finance Secretary announced the following investment:"
    for m in _VERBS.finditer(line):
        measure = _VERB_MEASURE[_key(m.group())]
        if measure not in ("funding", "investment", "spending"):
            continue
        tense = _tense_before(line, 0, m.start(), m.group())
        if tense == "future" or (tense == "present" and _ANNOUNCERS.search(line) is not None):
            return True
    return False

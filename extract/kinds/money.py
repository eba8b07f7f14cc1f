"""Money: "£5.3 billion", "£5.3bn", "$ 75 million", "30 billion pounds", "50p", "£7-10bn".

Rules (the `rule` column names which one fired):

- ``money.sign``: a currency sign or ISO code before the number, with an
  optional scale ("£5.3bn", "GBP 5m", "US$ 4bn", "£ 8.10 million").
- ``money.range``: the same with a second bound ("£7-10 billion",
  "£1.5bn-£2bn", "between £2bn and £3bn", "£2 to 3 million").
- ``money.word``: a currency word after the number ("30 billion pounds",
  "5bn pounds", "five million pounds", "50 pence", "20 cents").
- ``money.pence``: pence written as a suffix ("50p", "8.5p").
- ``money.compound``: whole units and their minor unit, one amount ("3
  dollars 50 cents" -> 3.5 USD).
- ``money.inherited``: a bare scaled number that continues a money phrase
  ("£5bn in 2015 and 6bn in 2016", "between £2m and 2.5m"): it takes the
  currency of the money figure just before it in the same clause.

Values are normalised through the pint registry in `extract.units`.

>>> [(m.text, m.value_low, m.unit) for m in find("It will pool £5.3\\u00a0billion in 2015-16.")]
[('£5.3\\xa0billion', 5300000000.0, 'GBP')]
>>> [(m.text, m.value_low, m.value_high) for m in find("a deficit of £7-10 billion by 2020")]
[('£7-10 billion', 7000000000.0, 10000000000.0)]
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extract import anchors, vocab
from extract.casefold import fold
from extract.mention import Mention
from extract.numbers import (
    BETWEEN,
    DIGITS,
    NO_BETWEEN,
    NUMBER,
    NUMBER_PHRASE_WORDS,
    RANGE_SEP,
    SCALE,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    WORDS,
    between_of,
    is_range,
    number_led,
    parse_scaled,
    range_values,
    widen_to_between,
    word_anchors,
)
from extract.units import normalise

_CUR = vocab.load("currencies")
_BEFORE = {k.lower(): v for k, v in _CUR["before"].items()}
# One-letter minor units written against the digits ("50p"); the other words follow a space.
_SUFFIXES = {k: v for k, v in _CUR["after"].items() if len(k) == 1 and k.isalpha()}
_AFTER = {k.lower(): v for k, v in _CUR["after"].items() if k not in _SUFFIXES}

# A currency sign or code (`[before]` in vocab/currencies.toml), longest first.
# Codes need a number right after them ("GBP 5m"), so that "EUR" in a name is not money.
_SIGNS = sorted((k for k in _CUR["before"] if not k.isalpha()), key=len, reverse=True)
_CODES = tuple(sorted(k for k in _CUR["before"] if k.isalpha()))
# A sign led by letters ("HK$", "C$") is not the end of a word ("ABC$"); a code is a word.
CURRENCY = rf"""
    (?:{"|".join((r"(?<![A-Za-z])" if s[0].isalpha() else "") + regex.escape(s) for s in _SIGNS)}
      |(?<![\w])(?:{"|".join(_CODES)})(?=\s?[0-9])
    )
"""

def _sign_pattern(between: bool) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        {BETWEEN if between else NO_BETWEEN}  # "between £2bn and £3bn"
        (?P<cur>{CURRENCY})\s?                        # £, $, €, GBP ... ("$ 75 million")
        (?P<lo>{NUMBER})(?P<lo_scale>{SCALE})?        # 5.3 billion, 5.3bn, five million
        (?:
            (?P<sep>{RANGE_SEP})                      # -, –, to, and
            (?P<cur2>{CURRENCY})?\s?                  # "£1.5bn-£2bn"
            (?P<hi>{NUMBER})(?P<hi_scale>{SCALE})?    # "£7-10 billion"
            (?!p(?![\w'’]))                         # "between £3 and 50p" is no range of pounds
        )?
        """,
        regex.VERBOSE,
    )


SIGN_PATTERN = _sign_pattern(between=False)  # tried where a sign or code is (`anchors`)
SIGN_PATTERN_BETWEEN = _sign_pattern(between=True)


def _word_pattern(lead: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        (?P<num>{lead})(?P<scale>{SCALE})?            # 30 billion, 5bn, five million
        \s                                            # "30 billion pounds"
        (?P<word>(?i:{vocab.alternation(list(_AFTER))}))
        (?![\w])
        """,
        regex.VERBOSE,
    )


WORD_PATTERN = _word_pattern(DIGITS)  # tried only before a currency word (`_word_matches`)
WORD_PATTERN_WORDS = _word_pattern(rf"(?i:{WORDS})")
# The currency names end in a currency word ("dollars" of "New Zealand dollars"): those words
# are found by the one scan of the text's words (`anchors.word_starts`), rarer than a name's
# first word ("new", "us"), and each name is read back from its end.
anchors.register_words("currency", {name.split()[-1] for name in _AFTER})
_NAME_BEFORE = regex.compile(rf"(?<![\w])(?i:{vocab.alternation(list(_AFTER))})$", regex.REVERSE)


def name_starts(text: str) -> list[int]:
    """Where a currency name after a number can start: one white space after a letter or
    digit (the pattern puts one there), as many words back as the name has."""
    found = set()
    for w in anchors.word_starts(text, "currency"):
        end = w
        while end < len(text) and text[end].isalnum():
            end += 1
        m = _NAME_BEFORE.match(text, max(0, w - 40), end)
        if m is not None:
            s = m.start()
            if s >= 2 and text[s - 1].isspace() and text[s - 2].isalnum():
                found.add(s)
    return sorted(found)

# tried only before one of the suffixes ("p")
PENCE_PATTERN = regex.compile(rf"(?P<num>{DIGITS})(?P<suffix>{'|'.join(map(regex.escape, _SUFFIXES))})(?![\w'’])",
                              regex.VERBOSE)

# A bare scaled number that may continue a money phrase ("... and 6bn").
BARE_SCALED = regex.compile(
    rf"(?P<num>{DIGITS})(?P<scale>\s?(?i:bn|billion|m|mn|million|k|tn|trillion))(?![\w])",
    regex.VERBOSE,
)
# What may follow an inherited amount: punctuation, or a word that is not the
# counted noun of a count ("6bn in 2016", but not "1.3m NHS staff").
_INHERIT_FOLLOW = regex.compile(
    r"\s*(?:$|[.,;:)–—-]|(?:in|by|and|or|to|for|of|a|an|per|each|from|over|on|this|next|last)\b)",
    regex.IGNORECASE,
)
# How far back, within one clause, a currency carries over.
_INHERIT_WINDOW = 60
_CLAUSE_END = regex.compile(r"[.;:!?\n]")
_SPACES = regex.compile(r"\s+")


def _unit_of_sign(sign: str) -> str:
    return _BEFORE[sign.lower()]


def _money(start: int, end: int, text: str, rule: str, low: float, high: float, unit: str) -> Mention:
    low_n, published = normalise(low, unit)
    high_n, _ = normalise(high, unit)
    return Mention("money", start, end, text[start:end], rule, low_n, high_n, published)


anchors.register_words("currency_code", {code.lower() for code in _CODES})


def sign_starts(text: str) -> list[int]:
    """Where SIGN_PATTERN can match: each currency sign where `str.find` sees it; each code
    (a whole word in capitals, "GBP 5m") where the one scan of the text's words saw it, or
    glued to the number after it ("GBP5m")."""
    codes = [w for w in anchors.word_starts(text, "currency_code") if text.startswith(_CODES, w)]
    return sorted({*anchors.starts(text, _SIGNS), *codes, *anchors.glued_before_digits(text, _CODES)})


def _sign_matches(text: str) -> Iterator[Mention]:
    for m in anchors.matches(SIGN_PATTERN, text, sign_starts(text)):
        m = widen_to_between(text, m, SIGN_PATTERN_BETWEEN)
        if m["hi"] is None:
            yield _first_amount(m, text)
            continue
        low, high = range_values(m["lo"], m["lo_scale"], m["hi"], m["hi_scale"])
        if is_range(text, m, m.start("cur"), low, high):
            start = m.start("between") if between_of(m) else m.start("cur")
            yield _money(start, m.end(), text, "money.range", low, high, _unit_of_sign(m["cur"]))
            continue
        # Not a range: the first amount alone; the second is found on its own.
        yield _first_amount(m, text)
        second = m.start("cur2") if m["cur2"] else m.start("hi")
        yield from _sign_matches_at(text, second, _unit_of_sign(m["cur"]))


def _first_amount(m: regex.Match[str], text: str) -> Mention:
    """The sign, first number and its scale of a sign match ("£1.5bn" of "£1.5bn-£2bn")."""
    value = parse_scaled(m["lo"], m["lo_scale"])
    end = m.end("lo_scale") if m["lo_scale"] else m.end("lo")
    return _money(m.start("cur"), end, text, "money.sign", value, value, _unit_of_sign(m["cur"]))


def _sign_matches_at(text: str, pos: int, unit: str) -> Iterator[Mention]:
    """The amount at `pos` after a broken range; a bare number inherits `unit`."""
    m = SIGN_PATTERN.match(text, pos)
    if m is not None:
        yield _first_amount(m, text)
        return
    b = BARE_SCALED.match(text, pos)
    if b is not None:
        value = parse_scaled(b["num"], b["scale"])
        yield _money(b.start(), b.end(), text, "money.inherited", value, value, unit)


# The words that may stand between a spelled number and its currency word:
# number words and scales ("five million pounds", "ten bn euros", "two millions").
_BEFORE_WORD = NUMBER_PHRASE_WORDS | {w.encode() + b"s" for w in SCALE_WORDS} | {w.encode() for w in SCALE_SUFFIXES}


def _word_matches(text: str) -> Iterator[Mention]:
    # A match holds one number and ends in a currency word: it can only start
    # at the last number before one (most texts have none), or at a number
    # word with only number words and scales up to one.
    words = name_starts(text)
    at = anchors.numbers_before(text, words, 1)
    word_at = anchors.phrase_leads(text, word_anchors(text), words, _BEFORE_WORD)
    for m in number_led(text, WORD_PATTERN, WORD_PATTERN_WORDS, at=at, word_at=word_at):
        unit = _AFTER[_SPACES.sub(" ", fold(m["word"]))]
        value = parse_scaled(m["num"], m["scale"])
        yield _money(m.start(), m.end(), text, "money.word", value, value, unit)
    # Pence: one number and a suffix right after its last digit.
    at = anchors.numbers_before(text, anchors.letters_after_digits(text, "".join(_SUFFIXES)), 1)
    for m in anchors.matches(PENCE_PATTERN, text, at):
        value = parse_scaled(m["num"], None)
        yield _money(m.start(), m.end(), text, "money.pence", value, value, _SUFFIXES[m["suffix"]])


def inherit_currency(text: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Bare scaled amounts that continue a money phrase take its currency.

    `taken` marks characters already inside a figure; only free numbers are
    considered, and only within one clause after a money figure.
    """
    extra: list[Mention] = []
    for money in found:
        if money.kind != "money":
            continue
        window_end = min(len(text), money.end + _INHERIT_WINDOW)
        clause = _CLAUSE_END.search(text, money.end, window_end)
        if clause is not None:
            window_end = clause.start()
        for b in BARE_SCALED.finditer(text, money.end, window_end):
            if taken[b.start()] or not _INHERIT_FOLLOW.match(text, b.end()):
                continue
            value = parse_scaled(b["num"], b["scale"])
            unit = money.unit or "GBP"
            extra.append(_money(b.start(), b.end(), text, "money.inherited", value, value, unit))
    return extra


_COMPOUND_GAP = regex.compile(r"[ \t\u00a0]+(?:and[ \t\u00a0]+)?")


def compounds(text: str, found: list[Mention]) -> list[Mention]:
    """Whole units and their minor unit are one amount (GUIDELINES.md, compound amounts).

    "3 dollars 50 cents" -> 3.5 USD, "2 pounds 40 pence" -> 2.4 GBP (``money.compound``).
    """
    out: list[Mention] = []
    for m in sorted(found, key=lambda m: m.start):
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == m.kind == "money" and prev.unit == m.unit
                and prev.value_low == prev.value_high and m.value_low == m.value_high
                and prev.value_low is not None and m.value_low is not None
                and float(prev.value_low).is_integer() and 0 < m.value_low < 1
                and m.rule in ("money.word", "money.pence") and _COMPOUND_GAP.fullmatch(text, prev.end, m.start)):
            value = prev.value_low + m.value_low
            out[-1] = prev.with_(end=m.end, text=text[prev.start:m.end], rule="money.compound",
                                 value_low=value, value_high=value)
            continue
        out.append(m)
    return out


def find(text: str) -> list[Mention]:
    """Every money mention in `text` (overlaps are resolved by the caller)."""
    return [*_sign_matches(text), *_word_matches(text)]

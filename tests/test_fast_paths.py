"""The speed-ups give the answers of the plain forms they replace.

Each fast path (rules tried only at literal anchors, at the numbers before
their unit word or at the numbers still free, tries instead of word
alternations, look-backs matched right to left, words found in one scan of a
byte copy) is checked against the straightforward form on generated text:
the full scan, the left-to-right search, the plain definition.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import anchors, exclusions, numbers, qualifiers, vocab
from extract.guard import ExtractionTimeout
from extract.kinds import counts, dates, durations, money, percent
from extract.tries import suffix_trie

MONEY_PIECES = st.sampled_from([*"£$€0123456789.,- \n", "US$", "GBP ", "USD", "EUR", "EURO", "bn", " billion",
                                " to ", " and ", "between ", "m", "k", "five", " million", "US", "G", "HK$", "C$",
                                "CA$", "NZ", "CHF", "A", "S$", "x"])
MONTH_PIECES = st.sampled_from([*"0123456789,. -/", "January", "Jan", "Janet", "May", "March", "Mar", "Sept",
                                "Sep", "December", "Dec.", "2014", "11th ", "of ", "in ", "aJune", "JUNE", "éJune", "June_",
                                "Mayor", "\u00a0", "1st", "’", "(", "-", "third ", "quarter of ", "Quarter of the ",
                                "financial year ", "QUARTER ", "quarters "])
WORD_PIECES = st.sampled_from([*"abc -_’é1İ\n", "one", "One", "ONE", "twenty", "Twenty-one", "twenty-one",
                               "someone", "money", "eleven", "hundred", "often", "ten", "nine", "ninety",
                               "fourteen", "seven", "-", "_", "ſeven", "ſix", "K"])


def spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def tried_at(pattern: regex.Pattern[str], text: str, at) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans a rule finds tried only at `at`, and the spans its full scan finds."""
    return spans(anchors.matches(pattern, text, at)), spans(pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(MONEY_PIECES, max_size=40).map("".join))
def test_currency_rule_at_anchors_equals_a_full_scan(text: str) -> None:
    anchored, scanned = tried_at(money.SIGN_PATTERN, text, money.sign_starts(text))
    assert anchored == scanned


@settings(max_examples=400, deadline=None)
@given(st.lists(MONTH_PIECES, max_size=30).map("".join))
def test_month_rules_at_anchors_equal_a_full_scan(text: str) -> None:
    months = dates.month_starts(text)
    assert dates._WHERE  # month-led, and day-led tried only just before a month
    for pattern, where in dates._WHERE.items():
        anchored, scanned = tried_at(pattern, text, where(text, months))
        assert anchored == scanned


CURRENCY_WORD_PIECES = st.sampled_from([*"0123456789.,- p’'", "£", "bn", " billion", " million", "m", " pounds",
                                        " Pounds", " POUND", " pence", " sterling", " euros", " cents", " centre",
                                        " poundſ", " ſterling", "five", " and ", "x", "Twenty-one", " hundred",
                                        " millions", " k", " the ", "ten ", " New Zealand dollars", " new",
                                        " US", " us", " dollars", " Hong Kong", " Swiss francs", "\n", "  "])


# Spelled amounts: a number, maybe a scale, maybe a currency word, as words.
SPELLED_AMOUNTS = st.lists(st.one_of(
    st.sampled_from(["five", "Twenty-one", "one hundred and ten", "ten", "5", "2.5"]),
    st.sampled_from(["million", "millions", "billion", "bn", "m", "k", "mln", "thousand"]),
    st.sampled_from(["pounds", "Pounds", "euros", "sterling", "pence", "dollars", "of", "the", "x", "-", "\n",
                     "US dollars", "New Zealand dollars", "new", "US", "Hong Kong dollars", "Kong"]),
), max_size=10).map(" ".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.lists(CURRENCY_WORD_PIECES, max_size=25).map("".join), SPELLED_AMOUNTS))
def test_currency_words_and_pence_tried_before_their_word_equal_a_full_scan(text: str) -> None:
    found = [(m.kind, m.start, m.end, m.value_low) for m in money._word_matches(text)]
    plain = [m.span() for m in numbers.number_led(text, money.WORD_PATTERN, money.WORD_PATTERN_WORDS)]
    plain += [m.span() for m in money.PENCE_PATTERN.finditer(text)]
    assert [(s, e) for _, s, e, _ in found] == plain


WORDS = st.lists(st.text(alphabet="abc. ", min_size=1, max_size=5), min_size=1, max_size=8, unique=True)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.lists(st.text(alphabet="abc. ", max_size=6), max_size=20))
def test_tries_match_exactly_their_words(words: list[str], probes: list[str]) -> None:
    suffix = regex.compile(suffix_trie(words))
    for probe in [*words, *probes]:
        assert (suffix.fullmatch(probe) is not None) == (probe in words)


SCAN_PIECES = st.sampled_from([*"abc -_’é1İ\n.,£%ſK", "one", "ONE", "years", "Year", "per cent", "percent",
                               "pounds", "April", "may", "Street", "aged", "quarter", "someone", "week-long",
                               "hours", "million", "st", "rd", "pp", "_per", "per_", "5years", "ﬁve"])


@settings(max_examples=300, deadline=None)
@given(st.lists(SCAN_PIECES, max_size=40).map("".join))
def test_word_scan_finds_each_registered_whole_word(text: str) -> None:
    """One automaton pass gives, per family, where a whole-word search for each of its words matches."""
    words = anchors.word_bytes(text)
    for family, members in anchors._FAMILIES.items():
        expected = sorted({m.start() for w in members
                           for m in regex.finditer(rb"(?<![a-z0-9_])" + regex.escape(w.encode()) + rb"(?![a-z0-9_])",
                                                   words)})
        assert list(anchors.word_starts(text, family)) == expected, family


def _anchors_reference(text: str) -> tuple[int, ...]:
    """Number words as the docstring of `word_anchors` defines them, by the slow plain route."""
    words = "|".join(sorted(numbers._LOWER_WORDS, key=len, reverse=True))
    found = []
    for m in regex.finditer(rf"(?i:{words})", text):
        i, j = m.span()
        written = m.group()
        whole = not (i and (text[i - 1].isalnum() or text[i - 1] in "_-")) and not (
            j < len(text) and (text[j].isalnum() or text[j] == "_"))
        cased = written.islower() or (written[0].isupper() and written[1:].islower())
        tens_unit = i and text[i - 1] == "-" and numbers._NUMBER_WORD.match(text, numbers._word_start(text, i - 1))
        if whole and cased and not tens_unit:
            found.append(i)
    return tuple(found)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORD_PIECES, max_size=30).map("".join))
def test_number_word_anchors_equal_the_plain_definition(text: str) -> None:
    assert numbers.word_anchors.__wrapped__(text) == _anchors_reference(text)


NUMBER_PIECES = st.sampled_from([*"0123456789.,-/% \n", "£", "bn", " million", "fold", "-fold", "twenty", "One",
                                 " nurses", "1,000", "2015", "x", "é", "٣"])


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBER_PIECES, max_size=30).map("".join))
def test_number_starts_are_where_digits_can_start(text: str) -> None:
    digits = regex.compile(numbers.DIGITS, regex.VERBOSE)
    starts = anchors.number_starts.__wrapped__(text)
    assert starts == tuple(i for i, ch in enumerate(text)
                           if ch in "0123456789" and not (i and text[i - 1] in "0123456789.,"))
    assert {i for i in range(len(text)) if digits.match(text, i)} <= set(starts)


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBER_PIECES, max_size=30).map("".join), st.randoms(use_true_random=False))
def test_counts_tried_at_free_numbers_equal_a_filtered_scan(text: str, rnd) -> None:
    taken = bytearray(rnd.choice((0, 0, 1)) for _ in text)
    scanned = [m.span() for m in numbers.number_led(text, counts.CANDIDATE, counts.CANDIDATE_WORDS)
               if not taken[m.start()]]
    assert [m.span() for m in counts._candidates(text, taken) if not taken[m.start()]] == scanned


UNIT_PIECES = st.sampled_from([*"0123456789.,-–% \n", "pp", "p", "P", " per cent", " Percent", " percentage points",
                               " pct", " ppt", " years", " Year", "-year", " months", " weeks", " to ", " and ",
                               "between ", " million", "ten", "twenty-one", " of", " the", " yearſ", "x"])


@settings(max_examples=500, deadline=None)
@given(st.lists(UNIT_PIECES, max_size=25).map("".join))
def test_percent_rule_before_its_units_equals_a_full_scan(text: str) -> None:
    anchored, scanned = tried_at(percent.PATTERN, text, percent.digit_starts(text))
    assert anchored == scanned


LOOKBACK_PIECES = st.sampled_from([*"ab (-–\n\t\u00a0", "more than", "no more than", "at least", " a ", "the ",
                                   "up to a cap of", "over", "just over", "in", "Act", "2015", "(", ")"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LOOKBACK_PIECES, max_size=15).map("".join))
def test_lookbacks_matched_right_to_left_find_what_left_to_right_finds(window: str) -> None:
    plain = qualifiers._qualifier_before(vocab.alternation(list(qualifiers._CUES)))  # longest first, no trie
    forward = plain.search(window)
    backward = qualifiers._QUALIFIER_BEFORE_RTL.match(window)
    assert (forward and (forward.span(), forward["cue"])) == (backward and (backward.span(), backward["cue"]))
    # `.match` in REVERSE mode ends at the window's end: the word right before the
    # figure on its line, so "$" (which also matches before a final newline) is "\Z".
    prev_forward = regex.compile(dates._PREV_WORD.pattern.replace("$", r"\Z")).search(window)
    prev_backward = dates._PREV_WORD.match(window)
    assert (prev_forward and prev_forward.span(1)) == (prev_backward and prev_backward.span(1))


def test_phone_spans_start_at_an_opening_bracket() -> None:
    text = "Call (0207) 340 2660, +44 (0)20 7340 2660 or x(0207 340 2660; pay £0207 340 2660."
    found = [(text[s:e], name) for s, e, name in exclusions.blocked_spans(text) if name == "phone"]
    assert found == [("(0207) 340 2660", "phone"), ("+44 (0)20 7340 2660", "phone"), ("0207 340 2660", "phone")]


def test_an_anchored_try_runs_under_the_guard() -> None:
    with pytest.raises(ExtractionTimeout, match="catastrophic backtracking"):
        list(anchors.matches(regex.compile(r"(a|aa)+$"), "a" * 40 + "b", [0], seconds=0.05))


AGE_PIECES = st.sampled_from([*"0123456789 ,.s\n", "aged", "AGED ", "managed ", "age of ", "ages of", " the ", "over ",
                              "Under ", "above ", " below", "wages", "the age of", "x", "é", "ſ", "75s", "-"])


@settings(max_examples=500, deadline=None)
@given(st.lists(AGE_PIECES, max_size=25).map("".join))
def test_ages_tried_after_their_cue_words_equal_a_full_scan(text: str) -> None:
    anchored, scanned = tried_at(durations.AGE, text, durations._age_starts(text))
    assert anchored == scanned


FOLD_PIECES = st.sampled_from([*"0123456789 -,.\n", "fold", "FOLD", "Fold", "two", "Three", "TEN", "hundred", "ſix",
                               "folder", "_", "é", "x", "K"])


@settings(max_examples=400, deadline=None)
@given(st.lists(FOLD_PIECES, max_size=25).map("".join))
def test_fold_words_tried_at_each_fold_equal_a_full_scan(text: str) -> None:
    at = anchors.folded_finds(text, "fold")
    anchored, scanned = tried_at(counts._FOLD_WORDS, text, at)
    assert anchored == scanned


EXCLUSION_PIECES = st.sampled_from([*"0123456789 \t\n\r.,:;)”\"’/-–•*", "\u2028", "\u00a0", "00", "0207 ", "(0", "+44 ",
                                    "12", "123", "2015", "am", " pm", "a.m.", "P", "st", "nd", "th", "TH", "Band",
                                    "Bands ", "Fig.", "No. ", "Key Stage ", "Q", "NHS", "COVID-", "Covid", "H", "N",
                                    "year", "Year ", "Chapter", "to", " and ", "&", "Street", "St", "Road", "London ",
                                    "Cavendish ", "costs", "abc", "...", "  ", "x", "é", "ſ", "K", "_", "Fig",
                                    "per ", "PER ", "super ", "1,000", ",", "mid-", "type ", "Category "])


def _blocked_by_full_scans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for name, pattern, _ in exclusions.RULES:
        group = "start" if "start" in pattern.groupindex else 0
        spans.extend((m.start(group), m.end(), name) for m in pattern.finditer(text))
    return sorted(spans)


@settings(max_examples=1500, deadline=None)
@given(st.lists(EXCLUSION_PIECES, max_size=30).map("".join))
def test_exclusions_tried_where_they_can_start_equal_full_scans(text: str) -> None:
    assert exclusions.blocked_spans(text) == _blocked_by_full_scans(text)


DURATION_PIECES = st.one_of(UNIT_PIECES, st.sampled_from([" decades", " Centuries", " century", "-hour", " DAYS",
                                                           " fortnight", " minutes", " olds", "—", " billion", "é",
                                                           " consecutive", " More", " working", " seconds"]))


@settings(max_examples=800, deadline=None)
@given(st.lists(DURATION_PIECES, max_size=25).map("".join))
def test_duration_rule_before_its_units_equals_a_full_scan(text: str) -> None:
    at = durations.digit_starts(text)
    anchored, scanned = tried_at(durations.PATTERN, text, at)
    assert anchored == scanned


# Chunks joined by spaces, so that spelled numbers, ranges and units meet often.
_NUMBER_WORD = st.sampled_from(["five", "Five", "FIVE", "ten", "twenty-one", "ninety-nine", "one", "eleven",
                                "one hundred", "two hundred and five", "5", "2.5"])
_CHUNK = st.one_of(
    _NUMBER_WORD,
    st.tuples(st.sampled_from(["", "between "]), _NUMBER_WORD, st.sampled_from([" to ", " and ", "-", " or ", " – "]),
              _NUMBER_WORD).map("".join),
    st.sampled_from(["per cent", "percent", "%", "pp", "percentage points", "years", "year-olds", "Decades", "weeks",
                     "consecutive", "more", "Full",
                     "day", "million", "billion", "point", "of", "a", "the", "x", "é", "\n", "-", "to", "and"]),
)
SPELLED_WORDS = st.lists(_CHUNK, max_size=10).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(SPELLED_WORDS, st.lists(DURATION_PIECES, max_size=25).map("".join)))
def test_spelled_rules_tried_only_before_their_units_equal_trying_every_number_word(text: str) -> None:
    """Percent and duration rules led by a number word ("twenty per cent", "five years")."""
    for kind in (percent, durations):
        every = numbers.number_led(text, kind.PATTERN, kind.PATTERN_WORDS, between=kind.PATTERN_BETWEEN,
                                   at=kind.digit_starts(text))
        some = numbers.number_led(text, kind.PATTERN, kind.PATTERN_WORDS, between=kind.PATTERN_BETWEEN,
                                  at=kind.digit_starts(text), word_at=kind.word_starts(text))
        assert spans(some) == spans(every), kind.__name__


RATIO_PIECES = st.sampled_from([*"0123456789.,- \n\t%", "\u00a0", " in ", " IN ", "In", " out of ", " Out Of ", "in",
                                "1,000", "10", "100", "a hundred", " two", "three", " years", " days", "x", "é", "İn"])


@settings(max_examples=800, deadline=None)
@given(st.lists(RATIO_PIECES, max_size=25).map("".join))
def test_ratios_tried_before_in_or_out_equal_a_full_scan(text: str) -> None:
    at = percent.ratio_starts(text)
    anchored, scanned = tried_at(percent.RATIO, text, at)
    assert anchored == scanned


YEAR_PIECES = st.sampled_from([*"0123456789 -–—/.,:£$€%Q\n\t", "2015", "1999", "1800", "2100", "2099", "1799", "20",
                               "16", "Q1", "Q4", "FY", "FY ", "'s", "’s", "s", "-04-01", "x", "é", "\u00a0"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(YEAR_PIECES, max_size=25).map("".join))
def test_year_led_rules_at_their_years_equal_a_full_scan(text: str) -> None:
    for pattern in (dates.ISO_DATE, dates.YEAR_RANGE, dates.YEAR_QUARTER, dates.YEAR_ALONE):
        at = dates._WHERE[pattern](text, [])
        anchored, scanned = tried_at(pattern, text, at)
        assert anchored == scanned


CUE_PIECES = st.sampled_from([" ", "  ", "\n", "a", "the", "rise", "rise of", "increase", "increased by", "fall", "fell",
                              "cut", "cut of", "savings of", "compared with", "compared to", "over", "since", "on",
                              "in", "the", "levels", "up", "down", "by", "more", "less", "-", ",", "(", "£", "5",
                              "an extra", "additional", "at", "of", "to", "from"])


@settings(max_examples=400, deadline=None)
@given(st.lists(CUE_PIECES, max_size=14).map(" ".join))
def test_cue_patterns_read_from_the_end_find_what_the_left_to_right_search_finds(text: str) -> None:
    from extract.context import direction, periods

    # Direction reads only whether a cue ends there; a baseline also reads which cue it is.
    for fast, same_cue in ((direction._INC_BEFORE, False), (direction._DEC_BEFORE, False),
                           (periods._BASELINE_BEFORE, True)):
        plain = regex.compile(fast.pattern, fast.flags & ~regex.REVERSE)
        a, b = plain.search(text), fast.search(text)
        assert (a is None) == (b is None), (fast.pattern[:40], text)
        if a is not None and same_cue:
            assert a.group() == b.group(), (a.group(), b.group(), text)


AFTER_PIECES = st.sampled_from([" ", "  ", "-", "\u00a0", "\n", "a", "A", "an", "per", "Per", "p.a.", "/", "yr",
                                "year", "annum", "week", "annually", "Hourly", "each", "every", "day", "and",
                                "or", "over", "more", "under", "less", "+", "-plus", "minimum", "Maximum", "for",
                                "patient", "1,000", "100,000", "live", "births", "head", "in", "of", "the", "x"])


@settings(max_examples=500, deadline=None)
@given(st.lists(AFTER_PIECES, max_size=10).map(" ".join))
def test_one_character_checks_before_the_after_patterns_lose_nothing(text: str) -> None:
    # Each check looks at the first character a pattern can match; without it, the pattern decides.
    from extract import qualifiers, rates

    text = "5" + text
    m = qualifiers.PER_AFTER.match(text[1:41])
    assert (qualifiers.per_after(text, 1) is None) == (m is None), text
    q = qualifiers.QUALIFIER_AFTER.match(text[1:25]) or qualifiers._LIMIT_AFTER.match(text, 1, 13)
    assert (qualifiers.qualifier_after(text, 1) is None) == (q is None), text
    if rates._PER.match(text, 1, min(len(text), 121)) is None:
        assert rates.denominator_after(text, 1) is None, text


SIGN_PIECES = st.sampled_from([" ", "-", "−", "–", "+", "(", "minus", "Minus", "\u00a0", "a", "2015", "£", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(SIGN_PIECES, max_size=6).map("".join))
def test_the_sign_check_before_the_sign_patterns_loses_nothing(prefix: str) -> None:
    from extract import signs
    from extract.mention import Mention

    text = prefix + "5%"
    m = Mention("percent", len(prefix), len(text), "5%", "percent.single", 5.0, 5.0, "percent")
    plain = (signs._PLUS_BEFORE.match(text, max(0, m.start - 2), m.start)
             or signs._SIGN_BEFORE.match(text, max(0, m.start - 8), m.start)) if m.start else None
    assert (signs.signed(text, m) is m) == (plain is None), text

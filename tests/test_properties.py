"""Properties that must hold for any input, checked with hypothesis."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.extractor import extract
from extract.kinds import money

# Text made of the characters figures are built from, so that near-figures are common.
FIGURE_ALPHABET = st.sampled_from([*list("0123456789,.-–/%£$€ \xa0\nbnmkpBMKQFY"), " billion", " million", " per cent", " percent", " years", " months", "between ", " and ", " to ", "April ", "May ", "2015", "15/16", " nurses", "Act ", "the ", "at least ", "a year", "fold", "Bands "])
figure_text = st.lists(FIGURE_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), figure_text))
def test_extraction_never_raises(text: str) -> None:
    extract(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), figure_text))
def test_every_figure_text_is_the_document_at_its_offsets(text: str) -> None:
    for m in extract(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), figure_text))
def test_figures_do_not_overlap_and_values_are_ordered(text: str) -> None:
    found = extract(text)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for m in found:
        if m.kind != "date":
            assert m.value_low is not None and m.value_high is not None
            assert m.value_low <= m.value_high
        elif m.date_start is not None:
            assert m.date_end is not None and m.date_start <= m.date_end


AMOUNTS = st.tuples(
    st.sampled_from(["£", "$", "€", "GBP ", "USD "]),
    st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "bn", "m", "k", " billion", " million", " thousand"]),
)
SPACES = st.sampled_from(["", " ", "  ", "\u00a0", "\n", " (", ": ", "\t"])


@settings(max_examples=300, deadline=None)
@given(AMOUNTS, SPACES, SPACES)
def test_money_value_does_not_depend_on_surrounding_spaces(amount: tuple, before: str, after: str) -> None:
    sign, number, scale = amount
    written = f"{sign}{number}{scale}"
    alone = money.find(written)
    padded = money.find(f"The fund{before or ' '}{written}{after or ' '}is large")
    assert len(alone) == 1 and len(padded) == 1
    assert alone[0].text == padded[0].text == written
    assert math.isclose(alone[0].value_low, padded[0].value_low)
    assert alone[0].unit == padded[0].unit

"""Normalisation through the one pint registry."""

from __future__ import annotations

import math

import pytest

from extract.extractor import extract
from extract.units import normalise, quantity, registry


@pytest.mark.parametrize("written", ["£5.3bn", "£5,300m", "5.3 billion pounds", "£5.3 billion", "GBP 5.3bn",
                                     "£5300 million", "£5,300,000,000"])
def test_equivalent_amounts_normalise_alike(written: str) -> None:
    (m,) = extract(f"The fund is {written} this year.")
    assert m.kind == "money" and m.unit == "GBP"
    assert math.isclose(m.value_low, 5.3e9)


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (50, "penny", (0.5, "GBP")), (20, "us_cent", (0.2, "USD")), (7, "decade_of_years", (70.0, "year")),
    (2, "fortnight", (4.0, "week")), (10, "week", (10.0, "week")), (3.5, "percent", (3.5, "percent")),
])
def test_normalise(value: float, unit: str, expected: tuple[float, str]) -> None:
    got = normalise(value, unit)
    assert math.isclose(got[0], expected[0]) and got[1] == expected[1]


def test_currencies_never_convert_into_each_other() -> None:
    import pint

    with pytest.raises(pint.DimensionalityError):
        quantity(1, "GBP").to("USD")


def test_durations_carry_a_pint_time_unit() -> None:
    (m,) = extract("a programme lasting 10 weeks")
    assert quantity(m.value_low, m.unit).to("day").magnitude == pytest.approx(70)
    assert registry.Quantity(1, m.unit).dimensionality == registry.Quantity(1, "day").dimensionality

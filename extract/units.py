"""The project's one pint unit registry: currencies, percent and time.

Every figure's value passes through here, so "£5.3bn", "£5,300m" and
"5.3 billion pounds" all normalise to 5.3e9 GBP, "50p" to 0.5 GBP and
"seven decades" to 70 years. Conversion factors are computed by pint once per
unit and cached, so normalising a figure costs a dictionary look-up, not a
pint Quantity.

>>> normalise(50, "penny")
(0.5, 'GBP')
>>> normalise(7, "decade_of_years")
(70.0, 'year')
>>> normalise(3.5, "percent")
(3.5, 'percent')
"""

from __future__ import annotations

from functools import cache

import pint

from extract import vocab
from schemas.vocab import TIME_UNITS  # one list of time units: the schema's

registry = pint.UnitRegistry(cache_folder=None)


def _define_currencies() -> dict[str, str]:
    """Each currency its own dimension (pint must never convert GBP to USD); minor units as fractions."""
    published = {}
    for code in vocab.currency_codes():
        registry.define(f"{code} = [currency_{code}]")
        published[code] = code
    for name, minor in vocab.load("currencies").get("minor", {}).items():
        registry.define(f"{name} = {minor['factor']} * {minor['of']}")
        published[name] = minor["of"]
    return published


# The unit each currency or minor unit is published in (the SPEC's `unit` column).
CURRENCY_UNITS = _define_currencies()
# A percentage point is a difference of two percentages, not a percentage:
# it gets its own dimension so the two are never added up by mistake.
registry.define("percentage_point = [percentage_point]")
# pint's own `decade` is logarithmic (a factor of ten); ours is ten years.
registry.define("decade_of_years = 10 * year")

# Time units that are published as a multiple of another ("decade" -> year).
TIME_TARGET = {"decade_of_years": "year", "fortnight": "week", "century": "year"}


@cache
def _factor(unit: str, target: str) -> float:
    return float(registry.Quantity(1, unit).to(target).magnitude)


@cache
def target_unit(unit: str) -> str:
    """The unit a value in `unit` is published in."""
    if unit in CURRENCY_UNITS:
        return CURRENCY_UNITS[unit]
    if unit in TIME_TARGET:
        return TIME_TARGET[unit]
    if unit in TIME_UNITS or unit in ("percent", "percentage_point"):
        return unit
    raise KeyError(f"unknown unit {unit!r}")


def normalise(value: float, unit: str) -> tuple[float, str]:
    """`value` in `unit` as (magnitude, published unit), converted by pint."""
    target = target_unit(unit)
    if target == unit:
        return float(value), unit
    return round(value * _factor(unit, target), 10), target


def normalise_time(value: float, unit: str, target: str) -> float:
    """`value` of time unit `unit` in time unit `target` ("20 second" in minutes: 0.333…), by pint."""
    return value if unit == target else round(value * _factor(unit, target), 10)


def quantity(value: float, unit: str) -> pint.Quantity:
    """A pint Quantity for a published value, for users who want to compute with units."""
    return registry.Quantity(value, unit)

"""Closed vocabularies of the published tables (SPEC.md, GUIDELINES.md).

The currencies come from the extractors' own vocabulary, so a currency added
there is one the schema accepts and the data dictionary lists.
"""

from extract.vocab import currency_codes

KINDS = ("money", "percent", "date", "count", "duration")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
MEASURES = ("funding", "spending", "savings", "gap", "cost", "investment", "revenue", "price", "other")
DIRECTIONS = ("increase", "decrease")
TARGET_TYPES = ("aim", "pledge", "plan", "requirement", "forecast", "assumption")
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
PERCENT_UNITS = ("percent", "percentage_point")
# ISO 4217 codes, from the currency vocabulary the extractors read (extract/vocab/currencies.toml).
CURRENCIES = currency_codes()
STATUSES = ("ok", "failed", "skipped")
# Calendar bounds a date in health-policy text can plausibly take.
EARLIEST_DATE = "1800-01-01"
LATEST_DATE = "2100-12-31"

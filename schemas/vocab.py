"""Closed vocabularies of the published tables (SPEC.md, GUIDELINES.md)."""

KINDS = ("money", "percent", "date", "count", "duration")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
MEASURES = ("funding", "spending", "savings", "gap", "cost", "investment", "revenue", "price", "other")
DIRECTIONS = ("increase", "decrease")
TARGET_TYPES = ("aim", "pledge", "plan", "requirement", "forecast", "assumption")
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
PERCENT_UNITS = ("percent", "percentage_point")
CURRENCY_PATTERN = r"^[A-Z]{3}$"
STATUSES = ("ok", "failed", "skipped")
# Calendar bounds a date in health-policy text can plausibly take.
EARLIEST_DATE = "1800-01-01"
LATEST_DATE = "2100-12-31"

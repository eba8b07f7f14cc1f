"""The `figures` table: one row per figure mention (SPEC.md)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Table
from schemas.vocab import (
    CURRENCIES,
    DIRECTIONS,
    EARLIEST_DATE,
    KINDS,
    LATEST_DATE,
    MEASURES,
    PERCENT_UNITS,
    QUALIFIERS,
    TIME_UNITS,
)

_DATE_RANGE = {"ge": pd.Timestamp(EARLIEST_DATE), "le": pd.Timestamp(LATEST_DATE)}


class Figures(Table):
    """One row per figure mention: its span, value, unit and context."""

    figure_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$",
                                      description="Stable id from the document id, span and kind.")
    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{16}$",
                                   description="Id of the document, from its content (a renamed file keeps it).")
    source: Series[str] = pa.Field(description="The document's path relative to the corpus folder.")
    section_id: Series[str] = pa.Field(nullable=True, description="Id of the article, chapter or post holding the figure.")
    section_title: Series[str] = pa.Field(nullable=True, description="Heading of that section.")
    published_date: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE,
                                                   description="Publication date of the section, where the text gives one.")
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="Page of the figure in a PDF (from 1); null for other formats.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the figure's first character in the document's text "
                                                    "(the text kept in OUTPUT/text/<doc_id>.txt).")
    end: Series[int] = pa.Field(ge=1, description="Offset just past the figure's last character.")
    text: Series[str] = pa.Field(str_length={"min_value": 1},
                                 description="The figure as written: document_text[start:end].")
    kind: Series[str] = pa.Field(isin=KINDS, description="money, percent, date, count or duration.")
    value_low: Series[float] = pa.Field(nullable=True,
                                        description="The value (a range's lower bound). Money in whole currency units, "
                                                    "percent as written, duration in `unit`s; negative where the text "
                                                    "gives a sign ('-1.2%', '−£3.5m', accounting '(12.4)' in a table "
                                                    "of money). Null for dates.")
    value_high: Series[float] = pa.Field(nullable=True,
                                         description="The range's upper bound; equals value_low for a single value.")
    unit: Series[str] = pa.Field(nullable=True,
                                 description="ISO 4217 code for money (" + ", ".join(CURRENCIES) + "); percent or "
                                             "percentage_point; the time unit "
                                             "of a duration; the counted noun (singular, lower case) of a count.")
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS,
                                      description="exact, approx, at_least, more_than, at_most or less_than.")
    per: Series[str] = pa.Field(nullable=True, isin=TIME_UNITS,
                                description="Time unit of a rate ('£12,000 a year' -> year), else null.")
    denominator: Series[float] = pa.Field(nullable=True, gt=0,
                                          description="What a rate is counted per, other than time: 100000 for "
                                                      "'14.5 deaths per 100,000 population', 1 for '£164 per patient'; "
                                                      "null where the figure is not such a rate.")
    denominator_unit: Series[str] = pa.Field(nullable=True,
                                             description="The noun of that denominator, singular, lower case: "
                                                         "population, live birth, patient, head, bed; null "
                                                         "where the text names none ('5.2 per 1,000').")
    date_start: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE,
                                               description="For dates: first day of the interval the mention denotes "
                                                           "(UK financial years run 1 April - 31 March).")
    date_end: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE,
                                             description="For dates: last day of that interval.")
    period_start: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE,
                                                 description="For numeric figures: first day of the period the figure "
                                                             "refers to, where its sentence states one.")
    period_end: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE,
                                               description="Last day of that period.")
    period_text: Series[str] = pa.Field(nullable=True, description="That period as written in the sentence.")
    measure: Series[str] = pa.Field(nullable=True, isin=MEASURES,
                                    description="Money only: funding, spending, savings, gap, cost, investment, "
                                                "revenue, price or other.")
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS,
                                      description="increase or decrease for a change; null for a level.")
    is_target: Series[pd.BooleanDtype] = pa.Field(nullable=True,
                                                  description="The figure is aimed for, required, promised, planned, "
                                                              "expected or forecast.")
    subject: Series[str] = pa.Field(nullable=True, description="What the figure is about, a short noun phrase.")
    sentence: Series[str] = pa.Field(nullable=True, description="The sentence that holds the figure (for a table cell: "
                                                                "the caption, row and column labels and the cell).")
    table_id: Series[str] = pa.Field(nullable=True, description="For a figure in a table: which table of the document "
                                                                "('t1', 't2'… in document order); null outside tables.")
    row_label: Series[str] = pa.Field(nullable=True, description="For a figure in a table: the label of its row (the "
                                                                 "row's first cell); null outside tables.")
    column_label: Series[str] = pa.Field(nullable=True, description="For a figure in a table: the label of its column "
                                                                    "(its header cells); null outside tables.")
    rule: Series[str] = pa.Field(description="Which extraction rule produced the row (and which context rules fired).")
    duplicate_of: Series[str] = pa.Field(nullable=True,
                                         description="For a repeat of the same figure in the same sentence elsewhere in the corpus "
                                                     "(a post copied on several pages): the figure_id of its first occurrence. "
                                                     "Null on first occurrences; count rows with a null duplicate_of to count each statement once.")


    @pa.dataframe_check(error="value_low <= value_high")
    def low_not_above_high(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value_low"].isna() | df["value_high"].isna() | (df["value_low"] <= df["value_high"])

    @pa.dataframe_check(error="a denominator_unit needs a denominator")
    def denominator_unit_has_value(cls, df: pd.DataFrame) -> Series[bool]:
        return df["denominator_unit"].isna() | df["denominator"].notna()

    @pa.dataframe_check(error="start < end")
    def span_not_empty(cls, df: pd.DataFrame) -> Series[bool]:
        return df["start"] < df["end"]

    @pa.dataframe_check(error="len(text) == end - start")
    def text_fits_span(cls, df: pd.DataFrame) -> Series[bool]:
        return df["text"].str.len() == df["end"] - df["start"]

    @pa.dataframe_check(error="date_start <= date_end")
    def date_interval_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["date_start"].isna() | df["date_end"].isna() | (df["date_start"] <= df["date_end"])

    @pa.dataframe_check(error="period_start <= period_end")
    def period_interval_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["period_start"].isna() | df["period_end"].isna() | (df["period_start"] <= df["period_end"])

    @pa.dataframe_check(error="numeric kinds have a value, dates have none")
    def value_matches_kind(cls, df: pd.DataFrame) -> Series[bool]:
        is_date = df["kind"] == "date"
        return (is_date & df["value_low"].isna()) | (~is_date & df["value_low"].notna())

    @pa.dataframe_check(error="unit is in the kind's vocabulary")
    def unit_matches_kind(cls, df: pd.DataFrame) -> Series[bool]:
        unit = df["unit"].fillna("")
        kind = df["kind"]
        ok = pd.Series(True, index=df.index)
        ok &= ~(kind == "money") | unit.isin(CURRENCIES)
        ok &= ~(kind == "percent") | unit.isin(PERCENT_UNITS)
        ok &= ~(kind == "duration") | unit.isin(TIME_UNITS)
        ok &= ~(kind == "date") | (unit == "")
        return ok

    @pa.dataframe_check(error="measure only on money")
    def measure_only_money(cls, df: pd.DataFrame) -> Series[bool]:
        return df["measure"].isna() | (df["kind"] == "money")

"""The `facts` table: one row per distinct figure-in-context, with all its occurrences."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Table
from schemas.vocab import DIRECTIONS, KINDS, MEASURES, QUALIFIERS, TIME_UNITS


class Facts(Table):
    """One row per distinct statement of a figure: the same figure in the same sentence, counted once."""

    fact_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", description="Stable id of the fact.")
    figure_id: Series[str] = pa.Field(unique=True, description="The first occurrence of the figure (in `figures`), in corpus order.")
    kind: Series[str] = pa.Field(isin=KINDS, description="money, percent, date, count or duration.")
    text: Series[str] = pa.Field(description="The figure as written.")
    value_low: Series[float] = pa.Field(nullable=True, description="The value (lower bound), as in `figures`.")
    value_high: Series[float] = pa.Field(nullable=True, description="The upper bound, as in `figures`.")
    unit: Series[str] = pa.Field(nullable=True, description="The unit, as in `figures`.")
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS, description="The qualifier, as in `figures`.")
    per: Series[str] = pa.Field(nullable=True, isin=TIME_UNITS, description="Time unit of a rate, as in `figures`.")
    denominator: Series[float] = pa.Field(nullable=True, description="What a rate is counted per, as in `figures`.")
    denominator_unit: Series[str] = pa.Field(nullable=True, description="The noun of that denominator, as in `figures`.")
    date_start: Series[pa.DateTime] = pa.Field(nullable=True, description="For dates: start of the interval.")
    date_end: Series[pa.DateTime] = pa.Field(nullable=True, description="For dates: end of the interval.")
    period_start: Series[pa.DateTime] = pa.Field(nullable=True, description="Start of the period the figure refers to.")
    period_end: Series[pa.DateTime] = pa.Field(nullable=True, description="End of that period.")
    measure: Series[str] = pa.Field(nullable=True, isin=MEASURES, description="Money only: what kind of money it is.")
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS, description="increase, decrease or null.")
    is_target: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="The figure is a target, pledge, plan or forecast.")
    subject: Series[str] = pa.Field(nullable=True, description="What the figure is about.")
    sentence: Series[str] = pa.Field(nullable=True, description="The sentence that holds the figure.")
    n_occurrences: Series[int] = pa.Field(ge=1, description="How many times the figure occurs in the corpus in this sentence.")
    n_documents: Series[int] = pa.Field(ge=1, description="In how many documents it occurs.")
    occurrences: Series[object] = pa.Field(description="The `figure_id` of every occurrence (a list in Parquet; ids joined by ';' in CSV).")
    sources: Series[object] = pa.Field(description="The documents it occurs in (a list in Parquet; paths joined by ';' in CSV).")


    @pa.dataframe_check(error="n_occurrences == len(occurrences)")
    def counts_match(cls, df: pd.DataFrame) -> Series[bool]:
        return df["n_occurrences"] == df["occurrences"].map(len)

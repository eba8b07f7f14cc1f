"""The `targets` table: one row per figure with `is_target` true (SPEC.md)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Table
from schemas.vocab import DIRECTIONS, EARLIEST_DATE, KINDS, LATEST_DATE, QUALIFIERS, TARGET_TYPES

_DATE_RANGE = {"ge": pd.Timestamp(EARLIEST_DATE), "le": pd.Timestamp(LATEST_DATE)}


class Targets(Table):
    """One row per figure that states a target, pledge, plan, requirement, forecast or assumption."""

    target_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", description="Stable id of the target.")
    figure_id: Series[str] = pa.Field(unique=True, description="The figure (in `figures`) that states the target.")
    doc_id: Series[str] = pa.Field(description="Id of the document.")
    source: Series[str] = pa.Field(description="The document's path relative to the corpus folder.")
    text: Series[str] = pa.Field(description="The figure as written.")
    kind: Series[str] = pa.Field(isin=[k for k in KINDS if k != "date"], description="Kind of the figure.")
    value_low: Series[float] = pa.Field(nullable=True, description="The figure's value (lower bound).")
    value_high: Series[float] = pa.Field(nullable=True, description="The figure's upper bound.")
    unit: Series[str] = pa.Field(nullable=True, description="The figure's unit.")
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS, description="The figure's qualifier.")
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS, description="increase, decrease or null.")
    metric: Series[str] = pa.Field(nullable=True, description="What is targeted, e.g. 'emergency admissions'.")
    deadline_start: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE,
                                                   description="Start of the date or period by which, or in which, the target is to be met.")
    deadline_end: Series[pa.DateTime] = pa.Field(nullable=True, **_DATE_RANGE, description="End of that period.")
    baseline_text: Series[str] = pa.Field(nullable=True, description="What the target is measured against, e.g. '2014 levels'.")
    actor: Series[str] = pa.Field(nullable=True, description="Who is to meet it, e.g. 'local areas'.")
    target_type: Series[str] = pa.Field(isin=TARGET_TYPES, description="aim, pledge, plan, requirement, forecast or assumption.")
    sentence: Series[str] = pa.Field(nullable=True, description="The sentence that states the target.")


    @pa.dataframe_check(error="deadline_start <= deadline_end")
    def deadline_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["deadline_start"].isna() | df["deadline_end"].isna() | (df["deadline_start"] <= df["deadline_end"])

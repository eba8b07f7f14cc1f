"""The `sections` table: one row per article, chapter or post (SPEC.md)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Table
from schemas.vocab import EARLIEST_DATE, LATEST_DATE


class Sections(Table):
    """One row per article, chapter, essay or post of a document."""

    section_id: Series[str] = pa.Field(unique=True, description="Stable id from the document id and the section's start.")
    doc_id: Series[str] = pa.Field(description="Id of the document holding the section.")
    title: Series[str] = pa.Field(nullable=True, description="The section's heading.")
    byline: Series[str] = pa.Field(nullable=True, description="Author or source named on its date line.")
    published_date: Series[pa.DateTime] = pa.Field(nullable=True, ge=pd.Timestamp(EARLIEST_DATE),
                                                   le=pd.Timestamp(LATEST_DATE),
                                                   description="Publication date from its date line.")
    start: Series[int] = pa.Field(ge=0, description="Offset where the section starts in the document's text.")
    end: Series[int] = pa.Field(ge=0, description="Offset where it ends.")
    rule: Series[str] = pa.Field(description="How the section was recognised: dateline, numbered_heading, "
                                             "named_heading or document.")


    @pa.dataframe_check(error="start < end")
    def span_not_empty(cls, df: pd.DataFrame) -> Series[bool]:
        return df["start"] < df["end"]

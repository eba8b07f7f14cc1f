"""The `documents` table: one row per input document (SPEC.md)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import Table
from schemas.vocab import EARLIEST_DATE, LATEST_DATE, STATUSES


class Documents(Table):
    """One row per input document, read or failed."""

    doc_id: Series[str] = pa.Field(unique=True, description="Id from the document's content (sha256, 16 hex digits); "
                                                           "for an unreadable file, from its path.")
    source: Series[str] = pa.Field(unique=True, description="Path relative to the corpus folder.")
    format: Series[str] = pa.Field(description="File format: txt, html, pdf, docx ...")
    sha256: Series[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$",
                                   description="SHA-256 of the file's bytes.")
    n_chars: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0,
                                              description="Length of the document's text in characters.")
    title: Series[str] = pa.Field(nullable=True, description="The document's title: its metadata's, else its first "
                                                             "heading or line (at most 200 characters).")
    url: Series[str] = pa.Field(nullable=True, description="The canonical address the document states (an HTML "
                                                           "canonical link or og:url), else null.")
    published_date: Series[pa.DateTime] = pa.Field(nullable=True, ge=pd.Timestamp(EARLIEST_DATE),
                                                   le=pd.Timestamp(LATEST_DATE),
                                                   description="Publication date from the document's metadata, "
                                                               "else from its first date line.")
    n_figures: Series[int] = pa.Field(ge=0, description="Number of figures extracted from it.")
    n_pages: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="Number of pages of a PDF; null for other formats.")
    status: Series[str] = pa.Field(isin=STATUSES, description="ok; failed when it could not be read or a stage "
                                                             "failed on it; skipped for a file of a format the tool "
                                                             "does not read (.xlsx, .doc, an image ...).")
    error: Series[str] = pa.Field(nullable=True, description="Why the document failed (the stage and the reason) "
                                                             "or was skipped.")
    encoding: Series[str] = pa.Field(nullable=True, description="How the text was read: utf-8, utf-8-sig, cp1252 (a Windows-1252 fallback), "
                                                              "pdf-text or docx.")
    tool_version: Series[str] = pa.Field(description="Version of the extractor that produced the row: the package "
                                                     "version and a hash of its rule files.")


    @pa.dataframe_check(error="failed and skipped documents have an error, ok ones none")
    def error_iff_not_ok(cls, df: pd.DataFrame) -> Series[bool]:
        ok = df["status"] == "ok"
        return (~ok & df["error"].notna()) | (ok & df["error"].isna())

"""What every published table's schema shares."""

from __future__ import annotations

import pandera.pandas as pa


class Table(pa.DataFrameModel):
    """A published table: exactly its columns, in order, coerced to their types."""

    class Config:
        strict = True
        coerce = True
        ordered = True

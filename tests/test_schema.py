"""The pandera schemas reject bad rows by name and check, and never drop one silently."""

from __future__ import annotations

import pathlib

import pandas as pd
import pytest

from extract import frames
from extract.pipeline import Assembler, DocumentResult
from schemas.validate import SchemaFailure, validate

TEXT = "The fund will pool £5.3bn in 2015-16."


def _figure(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "figure_id": "0" * 16, "doc_id": "a" * 16, "source": "doc.txt", "section_id": "s", "section_title": None,
        "published_date": None, "page": None, "start": 19, "end": 25, "text": "£5.3bn", "kind": "money", "value_low": 5.3e9,
        "value_high": 5.3e9, "unit": "GBP", "qualifier": "exact", "per": None, "denominator": None,
        "denominator_unit": None, "date_start": None, "date_end": None, "period_start": None, "period_end": None, "period_text": None, "measure": None,
        "direction": None, "is_target": None, "subject": None, "sentence": TEXT, "rule": "money.sign",
        "duplicate_of": None,
    }
    row.update(changes)
    return row


def _document() -> dict[str, object]:
    return {"doc_id": "a" * 16, "source": "doc.txt", "format": "txt", "sha256": "b" * 64, "n_chars": len(TEXT),
            "title": TEXT, "url": None, "published_date": None, "n_figures": 1, "n_pages": None, "status": "ok", "error": None, "encoding": "utf-8",
            "tool_version": "0"}


BAD_ROWS = [
    ("kind", {"kind": "amount"}, "isin"),
    ("value order", {"value_low": 6e9}, "value_low <= value_high"),
    ("unit vocabulary", {"unit": "pounds"}, "unit is in the kind's vocabulary"),
    ("offsets", {"start": 18, "end": 24, "text": "£5.3bn"}, "text == document_text[start:end]"),
    ("date order", {"kind": "date", "value_low": None, "value_high": None, "unit": None, "qualifier": None,
                    "text": "2015-16", "start": 29, "end": 36, "date_start": "2016-03-31",
                    "date_end": "2015-04-01"}, "date_start <= date_end"),
    ("date range", {"kind": "date", "value_low": None, "value_high": None, "unit": None, "qualifier": None,
                    "text": "2015-16", "start": 29, "end": 36, "date_start": "1750-01-01",
                    "date_end": "2016-03-31"}, "greater_than_or_equal_to"),
    ("qualifier", {"qualifier": "roughly"}, "isin"),
]


def _assemble(tmp_path: pathlib.Path, rows: list[dict[str, object]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The published figures and the rejects of one document with these rows, through the real assembler."""
    figures = frames.compact(frames.typed("figures", pd.DataFrame(rows)))
    figures["statement_key"] = [f"{i:016x}" for i in range(len(rows))]
    stage = tmp_path / "stage"
    stage.mkdir()
    assembler = Assembler(stage)
    assembler.add(DocumentResult(_document(), figures, [], TEXT))
    tables = assembler.finish()
    return pd.read_parquet(tables["figures"]), assembler.reject_frame()


@pytest.mark.parametrize(("label", "changes", "check"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_row_is_rejected_with_its_id_and_check(label: str, changes: dict, check: str,
                                                   tmp_path: pathlib.Path) -> None:
    good = _figure()
    bad = _figure(figure_id="1" * 16, **changes)
    valid, rejects = _assemble(tmp_path, [good, bad])
    assert list(valid["figure_id"]) == ["0" * 16]
    assert len(rejects) >= 1
    assert set(rejects["row_id"]) == {"1" * 16}
    assert rejects["check"].str.contains(check, regex=False).any(), rejects.to_dict("records")
    assert (rejects["table"] == "figures").all()


def test_duplicate_ids_are_both_rejected(tmp_path: pathlib.Path) -> None:
    valid, rejects = _assemble(tmp_path, [_figure(), _figure()])
    assert len(valid) == 0
    assert "unique" in " ".join(rejects["check"])


def test_table_wide_failure_names_the_check() -> None:
    df = pd.DataFrame([_figure()]).drop(columns=["kind"])
    with pytest.raises(SchemaFailure, match="kind"):
        validate("figures", df)

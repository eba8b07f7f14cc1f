"""Hostile input: extraction stays linear, and the regex guard stops what would not."""

from __future__ import annotations

import pathlib

import pandas as pd
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import guard
from extract.extractor import extract
from extract.guard import ExtractionTimeout, finditer
from extract.pipeline import run

# Pieces whose long repetitions break naive patterns: runs of digits, signs,
# separators, stops and spaces, and figure words.
PIECES = ["1", "£", "£1 ", "1-", "1,", "1.", ".", " ", "\n", "-", "–", "/", "%", "1% ", "between ", "and ", "to ",
          "April ", "2015 ", "2015-16 ", "five-year ", "per cent ", "billion ", "bn", "at least ", "Act ", "( ", ")"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 100_000 // 3)), min_size=1, max_size=3))
def test_long_repetitions_never_trip_the_guard(parts: list[tuple[str, int]]) -> None:
    """Up to 100k characters of repeated pieces: every scan finishes within its (generous) limit."""
    text = "".join(piece * (count // len(piece) + 1) for piece, count in parts)[:100_000]
    for m in extract(text):
        assert text[m.start:m.end] == m.text


def test_the_guard_stops_a_runaway_pattern() -> None:
    runaway = regex.compile(r"(a|aa)+$")
    try:
        list(finditer(runaway, "a" * 60 + "b", seconds=0.05))
    except ExtractionTimeout as exc:
        assert "(a|aa)+$" in str(exc)
    else:
        raise AssertionError("the guard did not stop the runaway pattern")


def test_a_runaway_document_fails_alone(tmp_path: pathlib.Path, monkeypatch) -> None:
    """If a scan ever ran away, that document fails with the reason; the others are published."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "fine.txt").write_text("The fund is £5bn in 2015-16.", encoding="utf-8")
    (corpus / "hostile.txt").write_text("aaaa " * 10 + "£5bn", encoding="utf-8")
    real = guard.finditer

    def slow_on_hostile(pattern, text, pos=0, endpos=None, seconds=None):
        if text.startswith("aaaa"):
            return real(regex.compile(r"(a|aa)+$"), "a" * 60 + "b", seconds=0.05)
        return real(pattern, text, pos, endpos, seconds)

    import extract.kinds.dates as dates

    monkeypatch.setattr(dates, "finditer", slow_on_hostile)
    run(corpus, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source")
    assert docs.loc["hostile.txt", "status"] == "failed"
    assert "catastrophic backtracking" in docs.loc["hostile.txt", "error"]
    assert docs.loc["fine.txt", "status"] == "ok"

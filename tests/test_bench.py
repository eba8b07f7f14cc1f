"""`make bench` runs end to end on a small corpus and prints every measure it promises.

Only the report's shape is checked: timings depend on the machine and are
never asserted (README, "Speed").
"""

from __future__ import annotations

import pathlib
import re

import pytest

from extract import bench


# quantulum3 warns that its optional classifier is not installed; the bench does not use it.
@pytest.mark.filterwarnings("ignore:Classifier dependencies not installed")
def test_bench_prints_every_stage_the_pipeline_and_memory(capsys) -> None:
    assert bench.main(["--mb", "0.3", "--stage-mb", "0.1", "--peer-kb", "2", "--jobs", "1", "--repeat", "2",
                       "--dense-mb", "0.02"]) == 0
    out = capsys.readouterr().out
    for stage in (*bench.STAGES, "all four"):
        assert re.search(rf"^  {stage} +[0-9.]+ MB/s$", out, re.MULTILINE), stage
    assert "fastest of 2 passes" in out
    assert re.search(r"^ +0\.3 MB +[0-9.]+ s +[0-9.]+ MB/s +\(\d+ documents, \d+ figures\)$", out, re.MULTILINE)
    assert re.search(r"^  scaling: [0-9.]+x the text took [0-9.]+x the time$", out, re.MULTILINE)
    assert re.search(r"^  5,000 figures in [0-9.]+ s, peak memory \d+ MB$", out, re.MULTILINE)
    assert re.search(r"^peak memory: \d+ MB", out, re.MULTILINE)
    assert re.search(r"^extraction stage: [0-9.]+ MB/s per core$", out, re.MULTILINE)


def test_bench_corpus_copies_differ_so_the_cache_never_hits(tmp_path: pathlib.Path) -> None:
    source = pathlib.Path(__file__).resolve().parent.parent / "corpus"
    mb = bench.build_corpus(tmp_path, 0.2, source)
    files = sorted(tmp_path.glob("*.txt"))
    assert mb >= 0.2 and len(files) > len(list(source.glob("*.txt")))
    assert len({f.read_bytes() for f in files}) == len(files)

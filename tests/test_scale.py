"""Parallel, incremental and distributed builds give the same dataset as a plain one."""

from __future__ import annotations

import hashlib
import pathlib
import shutil

import pandas as pd
import pytest

from extract import pipeline
from extract.pipeline import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _digests(folder: pathlib.Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "partitioned" not in p.parts}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("plain")
    run(CORPUS, out, jobs=1)
    return out


def test_parallel_build_is_byte_identical(plain: pathlib.Path, tmp_path: pathlib.Path) -> None:
    run(CORPUS, tmp_path / "parallel", jobs=2)
    assert _digests(tmp_path / "parallel") == _digests(plain)


def test_cache_re_extracts_only_the_new_document(plain: pathlib.Path, tmp_path: pathlib.Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "cache"
    run(corpus, tmp_path / "first", cache_dir=cache)
    assert _digests(tmp_path / "first") == _digests(plain)

    extracted: list[str] = []
    real = pipeline._extract_document

    def counting(read, source):
        extracted.append(source)
        return real(read, source)

    monkeypatch.setattr(pipeline, "_extract_document", counting)
    (corpus / "new.txt").write_text("The trust forecasts a deficit of £12.4m in 2019/20.", encoding="utf-8")
    run(corpus, tmp_path / "second", cache_dir=cache)
    assert extracted == ["new.txt"]
    figures = pd.read_parquet(tmp_path / "second" / "figures.parquet")
    assert (figures["source"] == "new.txt").sum() == 2

    extracted.clear()
    (corpus / "new.txt").rename(corpus / "renamed.txt")  # a moved file is still a cache hit
    run(corpus, tmp_path / "third", cache_dir=cache)
    assert extracted == []
    assert set(pd.read_parquet(tmp_path / "third" / "figures.parquet")["source"]) >= {"renamed.txt"}


def test_cache_is_keyed_by_the_extractor_version(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract import cache as cache_module

    run(CORPUS, tmp_path / "a", cache_dir=tmp_path / "cache")
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "a-changed-rule")
    extracted: list[str] = []
    real = pipeline._extract_document
    monkeypatch.setattr(pipeline, "_extract_document", lambda r, s: extracted.append(s) or real(r, s))
    run(CORPUS, tmp_path / "b", cache_dir=tmp_path / "cache")
    assert len(extracted) == 5


def test_dask_engine_on_a_local_cluster(plain: pathlib.Path, tmp_path: pathlib.Path) -> None:
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    run(CORPUS, out, engine="dask")
    assert _digests(out) == _digests(plain)
    parts = sorted((out / "partitioned" / "figures").glob("part.*.parquet"))
    assert parts
    partitioned = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    assert len(partitioned) == len(pd.read_parquet(plain / "figures.parquet"))

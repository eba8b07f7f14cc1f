"""Beyond one machine: the same per-document function on a Dask cluster.

`process_document` is pure (a file in, rows out), so a `dask.bag` over the
files runs it on any Dask cluster (`ENGINE=dask`; `DASK_SCHEDULER=host:port`
to use an existing one, else a local cluster is started). The figures of
every document are also written as partitioned Parquet
(`OUTPUT/partitioned/figures/`, one part per partition of the bag) straight
from the workers, for corpora whose figures are too many to gather. The
corpus-wide stages (duplicates, validation, the published tables) then run
on the gathered rows as with the local engine.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator

import pandas as pd


def _partitions(n: int) -> int:
    return max(1, min(n, 4 * (os.cpu_count() or 1)))


def map_dask(paths: list[pathlib.Path], corpus: pathlib.Path, output: pathlib.Path,
             cache_dir: pathlib.Path | None) -> Iterator:
    """Per-document results in path order, computed on a Dask cluster."""
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from extract.pipeline import process_document

    scheduler = os.environ.get("DASK_SCHEDULER")
    cluster = None if scheduler else LocalCluster(n_workers=min(2, os.cpu_count() or 1), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        bag = db.from_sequence([str(p) for p in paths], npartitions=_partitions(len(paths)))
        results = bag.map(lambda p: process_document(pathlib.Path(p), corpus, cache_dir))
        results = results.persist()
        _write_partitioned_figures(results, output)
        gathered = results.compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    yield from gathered


def _write_partitioned_figures(results, output: pathlib.Path) -> None:
    """figures of every document as partitioned Parquet, written by the workers."""
    import shutil

    folder = output / "partitioned" / "figures"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)

    def write(partition: list, index: int) -> int:
        rows = [f for r in partition for f in r.figures]
        frame = pd.DataFrame(rows).drop(columns=["sentence_start"], errors="ignore")
        for col in ("published_date", "date_start", "date_end", "period_start", "period_end"):
            if col in frame:
                frame[col] = pd.to_datetime(frame[col])
        frame.to_parquet(folder / f"part.{index:05d}.parquet", index=False)
        return len(rows)

    import dask

    counts = [dask.delayed(write)(part, i) for i, part in enumerate(results.to_delayed())]
    dask.compute(*counts)

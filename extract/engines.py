"""Beyond one machine: the same per-document function on a Dask cluster.

`process_document` is pure (a file in, rows out), so a `dask.bag` over the
files runs it on any Dask cluster (`ENGINE=dask`; `DASK_SCHEDULER=host:port`
to use an existing one, else a local cluster is started). The corpus-wide
stages (duplicates, validation, the published tables) then run on the
results in corpus order as with the local engine, and the published
`figures` table is also written as partitioned Parquet
(`OUTPUT/partitioned/figures/`) by Dask from the release's own Parquet file,
so its rows, `duplicate_of` included, are those of `figures.parquet`.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator


def _partitions(n: int) -> int:
    return max(1, min(n, 4 * (os.cpu_count() or 1)))


def map_dask(paths: list[pathlib.Path], corpus: pathlib.Path, cache_dir: pathlib.Path | None) -> Iterator:
    """Per-document results in path order, computed on a Dask cluster, one partition gathered at a time."""
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from extract.pipeline import process_document

    if not paths:
        return
    scheduler = os.environ.get("DASK_SCHEDULER")
    cluster = None if scheduler else LocalCluster(n_workers=min(2, os.cpu_count() or 1), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        bag = db.from_sequence([str(p) for p in paths], npartitions=_partitions(len(paths)))
        results = bag.map(lambda p: process_document(pathlib.Path(p), corpus, cache_dir))
        futures = client.compute(results.to_delayed())
        for future in futures:
            yield from future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_partitioned(figures_parquet: pathlib.Path, folder: pathlib.Path, rows_per_part: int = 100_000) -> None:
    """The published figures as partitioned Parquet (`part.00000.parquet` …), written with Dask."""
    import dask
    import dask.dataframe as dd
    import pyarrow.parquet as pq

    n = pq.ParquetFile(figures_parquet).metadata.num_rows
    frame = dd.read_parquet(str(figures_parquet))
    frame = frame.repartition(npartitions=max(1, -(-n // rows_per_part)))
    folder.mkdir(parents=True, exist_ok=True)
    with dask.config.set(scheduler="synchronous"):
        frame.to_parquet(str(folder), write_index=False, name_function=lambda i: f"part.{i:05d}.parquet")

"""Command line: `python -m extract.cli build|eval ...` (the Makefile calls these).

Exit codes of `build`: 0 when every document was read; 3 when some documents
failed (the others are published, and the summary lists the failures); 1
with --strict when anything failed (nothing is published); 2 when the run
refuses to start (no corpus, no readable document, OUTPUT inside the corpus,
OUTPUT read-only or locked by another run) or for bad usage; 4 when the
release could not be written (disk full...); 130 when interrupted (Ctrl-C).
In every case but 0 and 3 the previous release is left as it was.
"""

from __future__ import annotations

import argparse
import logging
import os
import pathlib
import signal
import sys
import time


def _build(args: argparse.Namespace) -> int:
    from extract.pipeline import StrictFailure, run
    from extract.release import RefusedRun

    t0 = time.perf_counter()
    cache = None if args.no_cache else pathlib.Path(args.cache)
    output = pathlib.Path(args.output)
    try:
        summary = run(pathlib.Path(args.corpus), output, jobs=args.jobs, cache_dir=cache,
                      strict=args.strict, engine=args.engine)
    except RefusedRun as exc:
        print(f"healthfigures: refused: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StrictFailure as exc:
        for source, error in exc.failures:
            print(f"  failed: {source}: {error}", file=sys.stderr)
        print(f"strict: {len(exc.failures)} failure(s); nothing was published, {output} is unchanged",
              file=sys.stderr)
        return EXIT_STRICT
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"healthfigures: could not write the release{where}: {exc.strerror or exc}; "
              f"nothing was published, {output} is unchanged", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    elapsed = time.perf_counter() - t0
    ok = summary.documents - summary.failed - len(summary.skipped)
    print(f"{summary.documents} documents ({ok} ok, {summary.failed} failed, {len(summary.skipped)} skipped), "
          f"{summary.figures} figures, {summary.rejects} rejected rows -> {args.output} in {elapsed:.1f}s")
    for source, error in summary.failures:
        print(f"  failed: {source}: {error}", file=sys.stderr)
    for source, reason in summary.skipped:
        print(f"  skipped: {source}: {reason}", file=sys.stderr)
    for note in summary.notes:
        print(f"  note: {note}", file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else 0


def _eval(args: argparse.Namespace) -> int:
    from extract.evaluate import evaluate, format_report, load_gold, load_predictions

    result = evaluate(load_gold(pathlib.Path(args.gold)), load_predictions(pathlib.Path(args.figures)))
    print(format_report(result, misses=args.misses))
    return 0


EXIT_STRICT = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_CANNOT_WRITE = 4
EXIT_INTERRUPTED = 130


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthfigures", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="extract a corpus folder and publish the dataset")
    b.add_argument("--corpus", default="corpus", help="folder of documents (searched recursively)")
    b.add_argument("--output", default="output", help="folder to write the tables into")
    b.add_argument("--strict", action="store_true", help="any failed document or row is fatal: publish nothing, exit 1")
    b.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes to use (default: all cores)")
    b.add_argument("--cache", default=".cache/healthfigures", help="per-document cache folder")
    b.add_argument("--no-cache", action="store_true", help="re-extract every document")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or a Dask cluster (DASK_SCHEDULER=host:port, else a local one)")
    b.set_defaults(func=_build)
    e = sub.add_parser("eval", help="score a figures table against gold annotations (JSON lines)")
    e.add_argument("--gold", required=True, help="folder of *.jsonl gold files")
    e.add_argument("--figures", required=True, help="figures table: .parquet, .csv or .jsonl")
    e.add_argument("--misses", type=int, default=0, help="list up to N misses and false positives")
    e.set_defaults(func=_eval)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("healthfigures: interrupted; nothing was published, the previous release is unchanged",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())

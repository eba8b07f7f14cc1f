"""Command line: `python -m extract.cli build|eval ...` (the Makefile calls these)."""

from __future__ import annotations

import argparse
import logging
import pathlib
import sys
import time


def _build(args: argparse.Namespace) -> int:
    from extract.pipeline import run

    t0 = time.perf_counter()
    summary = run(pathlib.Path(args.corpus), pathlib.Path(args.output))
    elapsed = time.perf_counter() - t0
    print(f"{summary.documents} documents ({summary.failed} failed), {summary.figures} figures, "
          f"{summary.rejects} rejected rows -> {args.output} in {elapsed:.1f}s")
    for source, error in summary.failures:
        print(f"  failed: {source}: {error}", file=sys.stderr)
    if args.strict and (summary.failed or summary.rejects):
        print("strict: failing because some documents or rows failed", file=sys.stderr)
        return 1
    return 0


def _eval(args: argparse.Namespace) -> int:
    from extract.evaluate import evaluate, format_report, load_gold, load_predictions

    result = evaluate(load_gold(pathlib.Path(args.gold)), load_predictions(pathlib.Path(args.figures)))
    print(format_report(result, misses=args.misses))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthfigures", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="extract a corpus folder and publish the dataset")
    b.add_argument("--corpus", default="corpus", help="folder of documents (searched recursively)")
    b.add_argument("--output", default="output", help="folder to write the tables into")
    b.add_argument("--strict", action="store_true", help="exit 1 if any document or row failed")
    b.set_defaults(func=_build)
    e = sub.add_parser("eval", help="score a figures table against gold annotations (JSON lines)")
    e.add_argument("--gold", required=True, help="folder of *.jsonl gold files")
    e.add_argument("--figures", required=True, help="figures table: .parquet, .csv or .jsonl")
    e.add_argument("--misses", type=int, default=0, help="list up to N misses and false positives")
    e.set_defaults(func=_eval)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())

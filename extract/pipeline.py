"""The pipeline: a folder of documents in, validated tables out.

Stages, each a function with one job:

- `process_document` (pure, per document): read -> segment -> extract ->
  rows for the figures, sections and documents tables. It never raises for a
  bad file; an unreadable one becomes a `failed` documents row.
- `build_tables` (corpus-wide): rows -> DataFrames with stable ids, sorted.
- `validate_tables`: each table against its pandera schema; failing rows go
  to `rejects`.
- `run`: the whole thing, writing into the output folder atomically.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import logging
import multiprocessing
import pathlib
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

from extract import __version__, dedupe
from extract.cache import DocumentCache
from extract.context import Context, contextualise
from extract.extractor import extract
from extract.guard import ExtractionTimeout
from extract.mention import Mention
from extract.publish import csv_text, write_bytes, write_table, write_text, write_workbook
from extract.read import ReadResult, read_document, supported
from extract.segment import Segments
from schemas import TABLES
from schemas.describe import datapackage, dictionary
from schemas.validate import REJECT_COLUMNS, text_matches_document, validate

log = logging.getLogger("healthfigures")


def short_hash(*parts: object) -> str:
    """16 hex digits of SHA-256 over the parts: the project's stable ids."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def section_id(doc_id: str, start: int) -> str:
    return short_hash(doc_id, "section", start)


def figure_id(doc_id: str, start: int, end: int, kind: str) -> str:
    return short_hash(doc_id, start, end, kind)


def target_id(figure: str) -> str:
    return short_hash(figure, "target")


@dataclass
class DocumentResult:
    """Everything one document contributes to the tables."""

    document: dict[str, object]
    figures: list[dict[str, object]] = field(default_factory=list)
    sections: list[dict[str, object]] = field(default_factory=list)
    text: str | None = None
    targets: list[dict[str, object]] = field(default_factory=list)
    text_file: pathlib.Path | None = None


def figure_row(m: Mention, ctx: Context, doc_id: str, source: str, segments: Segments,
               section_ids: dict[int, str], pages: tuple[int, ...] | None = None) -> dict[str, object]:
    """One `figures` row for mention `m` in its context."""
    section = segments.section_at(m.start)
    s0, s1 = ctx.sentence
    period = ctx.period
    return {
        "figure_id": figure_id(doc_id, m.start, m.end, m.kind),
        "doc_id": doc_id,
        "source": source,
        "section_id": section_ids[section.start],
        "section_title": section.title,
        "published_date": section.published,
        "page": bisect.bisect_right(pages, m.start) if pages else None,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "kind": m.kind,
        "value_low": m.value_low,
        "value_high": m.value_high,
        "unit": m.unit,
        "qualifier": m.qualifier,
        "per": m.per,
        "date_start": m.date_start,
        "date_end": m.date_end,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "period_text": period.text if period else None,
        "measure": ctx.measure,
        "direction": ctx.direction,
        "is_target": ctx.is_target,
        "subject": ctx.subject,
        "sentence": segments.text[s0:s1] if s0 <= m.start < s1 else None,
        "rule": "|".join((m.rule, *ctx.rules)),
        "duplicate_of": None,
        "sentence_start": m.start - s0,  # internal: for duplicate detection, not published
    }


def target_row(figure: dict[str, object], ctx: Context) -> dict[str, object]:
    """One `targets` row for a figure with is_target true."""
    return {
        "target_id": target_id(figure["figure_id"]),
        "figure_id": figure["figure_id"],
        **{k: figure[k] for k in ("doc_id", "source", "text", "kind", "value_low", "value_high", "unit",
                                  "qualifier", "direction")},
        "metric": ctx.subject,
        "deadline_start": figure["period_start"],
        "deadline_end": figure["period_end"],
        "baseline_text": ctx.baseline,
        "actor": ctx.actor,
        "target_type": ctx.target_type,
        "sentence": figure["sentence"],
    }


def process_document(path: pathlib.Path, root: pathlib.Path, cache_dir: pathlib.Path | None = None) -> DocumentResult:
    """Read, segment and extract one document (pure: depends on the file only).

    With `cache_dir`, a document whose bytes and extractor version were seen
    before is loaded from the cache instead of being extracted again.
    """
    source = path.relative_to(root).as_posix()
    read = read_document(path)
    if not read.ok or read.text is None:
        return DocumentResult(_document_row(read, source, short_hash("failed", source), 0))
    cache = DocumentCache(cache_dir) if cache_dir is not None else None
    if cache is not None and read.sha256:
        hit = cache.get(read.sha256)
        if isinstance(hit, DocumentResult):
            return _with_source(hit, source)
    try:
        result = _extract_document(read, source)
    except ExtractionTimeout as exc:
        failed = ReadResult(read.path, read.format, None, read.sha256, read.encoding, f"extraction stopped: {exc}")
        return DocumentResult(_document_row(failed, source, short_hash("failed", source), 0))
    if cache is not None and read.sha256:
        cache.put(read.sha256, result)
    return result


def _with_source(result: DocumentResult, source: str) -> DocumentResult:
    """A cached result for a file that may have moved: its rows get the current path."""
    result.document["source"] = source
    for rows in (result.figures, result.targets):
        for row in rows:
            row["source"] = source
    return result


def _extract_document(read: ReadResult, source: str) -> DocumentResult:
    text = read.text
    assert text is not None
    doc_id = read.sha256[:16] if read.sha256 else short_hash(source)
    segments = Segments(text)
    section_ids = {s.start: section_id(doc_id, s.start) for s in segments.sections}
    sections = [{"section_id": section_ids[s.start], "doc_id": doc_id, "title": s.title, "byline": s.byline,
                 "published_date": s.published, "start": s.start, "end": s.end, "rule": s.rule}
                for s in segments.sections]
    mentions = extract(text, segments)
    contexts = contextualise(text, mentions, segments)
    figures, targets = [], []
    for m, ctx in zip(mentions, contexts, strict=True):
        row = figure_row(m, ctx, doc_id, source, segments, section_ids, read.pages)
        figures.append(row)
        if ctx.is_target:
            targets.append(target_row(row, ctx))
    return DocumentResult(_document_row(read, source, doc_id, len(figures)), figures, sections, text, targets)


def _document_row(read: ReadResult, source: str, doc_id: str, n_figures: int) -> dict[str, object]:
    title = None
    if read.text:
        title = next((line.strip() for line in read.text.splitlines() if line.strip()), None)
    return {"doc_id": doc_id, "source": source, "format": read.format, "sha256": read.sha256,
            "n_chars": len(read.text) if read.text is not None else None, "title": title,
            "n_figures": n_figures, "n_pages": len(read.pages) if read.pages else None,
            "status": "ok" if read.ok else "failed", "error": read.error,
            "encoding": read.encoding, "tool_version": __version__}


def find_documents(corpus: pathlib.Path) -> list[pathlib.Path]:
    """Every supported file under `corpus`, recursively, in a stable order."""
    return sorted((p for p in corpus.rglob("*") if p.is_file() and supported(p) and not p.name.startswith(".")),
                  key=lambda p: p.relative_to(corpus).as_posix())


def _unique_doc_ids(results: list[DocumentResult]) -> None:
    """Identical copies of one document at two paths get distinct ids (path added), and so do their rows."""
    seen: set[str] = set()
    for r in results:
        doc_id = str(r.document["doc_id"])
        if doc_id not in seen:
            seen.add(doc_id)
            continue
        new_id = short_hash(doc_id, r.document["source"])
        r.document["doc_id"] = new_id
        sections, figures = {}, {}
        for row in r.sections:
            row["doc_id"] = new_id
            old = row["section_id"]
            row["section_id"] = sections[old] = section_id(new_id, row["start"])
        for row in r.figures:
            row["doc_id"] = new_id
            row["section_id"] = sections.get(row["section_id"])
            old = row["figure_id"]
            row["figure_id"] = figures[old] = figure_id(new_id, row["start"], row["end"], row["kind"])
        for row in r.targets:
            row["doc_id"] = new_id
            row["figure_id"] = figures[row["figure_id"]]
            row["target_id"] = target_id(row["figure_id"])
        seen.add(new_id)


def _frame(name: str, rows: Iterable[dict[str, object]], sort: list[str]) -> pd.DataFrame:
    schema = TABLES[name].to_schema()
    df = pd.DataFrame(list(rows), columns=list(schema.columns))
    if df.empty:
        return df
    for col, spec in schema.columns.items():
        dtype = str(spec.dtype)
        if dtype.startswith("datetime"):
            df[col] = pd.to_datetime(df[col])
        elif dtype == "boolean":
            df[col] = df[col].astype("boolean")
        elif dtype in ("float64",):
            df[col] = df[col].astype("float64")
        elif dtype == "Int64":
            df[col] = df[col].astype("Int64")
        elif dtype == "str" or dtype == "object" or dtype.startswith("string"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df.sort_values(sort, kind="mergesort").reset_index(drop=True) if sort else df


def build_tables(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    """DataFrames for every table from per-document results, sorted for determinism."""
    _unique_doc_ids(results)
    rows = [f for r in results for f in r.figures]
    if rows:
        raw = pd.DataFrame(rows)
        for row, dup in zip(rows, dedupe.duplicate_of(raw), strict=True):
            row["duplicate_of"] = dup
    figures = _frame("figures", rows, ["source", "start", "end", "kind"])
    tables = {
        "figures": figures,
        "targets": _frame("targets", (t for r in results for t in r.targets), ["source", "figure_id"]),
        "sections": _frame("sections", (s for r in results for s in r.sections), ["doc_id", "start"]),
        "documents": _frame("documents", (r.document for r in results), ["source"]),
    }
    return {name: tables[name] for name in TABLES if name in tables}


def validate_tables(tables: dict[str, pd.DataFrame], texts: Callable[[str], str]) -> tuple[dict[str, pd.DataFrame],
                                                                                              pd.DataFrame]:
    """Validated tables (with `facts`, derived from the valid figures) and the rows rejected from them.

    Figures are validated first; targets of rejected figures go with them, and
    facts are built from the figures that passed, so no table points to a
    rejected row.
    """
    out: dict[str, pd.DataFrame] = {}
    rejects = []

    def check(name: str, df: pd.DataFrame, extra: list | None = None) -> None:
        good, bad = validate(name, df, extra)
        out[name] = good.reset_index(drop=True)
        if len(bad):
            rejects.append(bad)

    check("figures", tables["figures"], [text_matches_document(texts)])
    valid_ids = set(out["figures"]["figure_id"])
    figures = out["figures"]
    orphan = figures["duplicate_of"].notna() & ~figures["duplicate_of"].isin(valid_ids)
    figures.loc[orphan, "duplicate_of"] = None  # its first occurrence was rejected: it is now the first
    check("facts", _frame("facts", dedupe.facts(out["figures"]).to_dict("records"), []))
    for name, df in tables.items():
        if name == "figures":
            continue
        if name == "targets":
            dropped = df[~df["figure_id"].isin(valid_ids)]
            if len(dropped):
                rejects.append(pd.DataFrame({"table": name, "row_id": dropped["target_id"], "row": dropped.index,
                                             "column": "figure_id", "check": "its figure was rejected",
                                             "failure_case": dropped["figure_id"]}))
            df = df[df["figure_id"].isin(valid_ids)]
        check(name, df)
    all_rejects = pd.concat(rejects, ignore_index=True) if rejects else pd.DataFrame(columns=REJECT_COLUMNS)
    return {name: out[name] for name in TABLES}, all_rejects


@dataclass
class Summary:
    documents: int
    failed: int
    figures: int
    rejects: int
    failures: list[tuple[str, str]]


def _map_local(paths: list[pathlib.Path], corpus: pathlib.Path, jobs: int,
               cache_dir: pathlib.Path | None) -> Iterator[DocumentResult]:
    """Per-document results in path order, on `jobs` processes."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield process_document(path, corpus, cache_dir)
        return
    work = functools.partial(process_document, root=corpus, cache_dir=cache_dir)
    chunk = max(1, min(16, len(paths) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(work, paths, chunksize=chunk)


def _progress(results: Iterator[DocumentResult], total: int) -> Iterator[DocumentResult]:
    """A progress bar on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(results, total=total, unit="doc", desc="extracting")
        return
    step = max(1, total // 10)
    for i, result in enumerate(results, 1):
        if i % step == 0 or i == total:
            log.info("extracted %d/%d documents", i, total)
        yield result


def text_path(output: pathlib.Path, doc_id: str) -> pathlib.Path:
    """Where the text a document's offsets refer to is kept."""
    return output / "text" / f"{doc_id}.txt"


def run(corpus: pathlib.Path, output: pathlib.Path, jobs: int = 1, cache_dir: pathlib.Path | None = None,
        strict: bool = False, engine: str = "local") -> Summary:
    """Process every document under `corpus` and publish the tables into `output`.

    Documents are processed one by one (or on `jobs` processes, or on Dask),
    and each one's text is written to `output/text/<doc_id>.txt` as soon as it
    is done, so memory holds the rows of the corpus but only one text at a time.
    With `strict`, a failed document stops the run before anything is written.
    """
    paths = find_documents(corpus)
    if engine == "dask":
        from extract.engines import map_dask

        mapped: Iterator[DocumentResult] = map_dask(paths, corpus, output, cache_dir)
    else:
        mapped = _map_local(paths, corpus, jobs, cache_dir)
    results: list[DocumentResult] = []
    failures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix=".texts-", dir=_ensure(output)) as tmp:
        for result in _progress(mapped, len(paths)):
            if result.document["status"] == "failed":
                failures.append((str(result.document["source"]), str(result.document["error"])))
                log.warning("failed: %s: %s", result.document["source"], result.document["error"])
                if strict:
                    raise StrictFailure(failures)
            if result.text is not None:
                staged_path = pathlib.Path(tmp) / f"{len(results)}.txt"
                staged_path.write_text(result.text, encoding="utf-8", newline="")
                result.text_file = staged_path
                result.text = None
            results.append(result)
        tables = build_tables(results)
        by_doc = {str(r.document["doc_id"]): r.text_file for r in results if r.text_file is not None}
        tables, rejects = validate_tables(tables, lambda doc_id: by_doc[doc_id].read_text(encoding="utf-8"))
        if strict and len(rejects):
            raise StrictFailure([("rejects.csv", f"{len(rejects)} rows failed a schema check")])
        text_dir = output / "text"
        text_dir.mkdir(parents=True, exist_ok=True)
        keep = set()
        for doc_id, staged_path in sorted(by_doc.items()):
            target = text_path(output, doc_id)
            write_bytes(target, staged_path.read_bytes())
            keep.add(target.name)
        for old in text_dir.glob("*.txt"):
            if old.name not in keep:
                old.unlink()
    for name, df in tables.items():
        write_table(df, name, output)
    write_bytes(output / "rejects.csv", b"\xef\xbb\xbf" + csv_text(rejects).encode("utf-8"))
    write_workbook(tables, output / "figures.xlsx")
    write_text(output / "datapackage.json", json.dumps(datapackage(__version__), indent=2, ensure_ascii=False) + "\n")
    write_text(output / "README.md", dictionary(__version__))
    return Summary(len(results), len(failures), len(tables["figures"]), len(rejects), failures)


class StrictFailure(RuntimeError):
    """--strict: a document or a row failed, so nothing was published."""

    def __init__(self, failures: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{s}: {e}" for s, e in failures))
        self.failures = failures


def _ensure(folder: pathlib.Path) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder

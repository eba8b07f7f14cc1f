"""The pipeline: a folder of documents in, a validated release out.

Stages, each a function with one job:

- `find_documents`: every file of the corpus, recursively, in a stable order
  (hidden files and folders left out); files of a format the tool does not
  read become `skipped` rows.
- `process_document` (pure, per document, on any process): read -> segment
  -> extract -> context -> rows. It never raises: a failure in any stage
  becomes a `failed` documents row naming the stage and the error, and the
  rest of the corpus goes on.
- `Assembler` (corpus-wide, streaming, in corpus order): unique ids, each
  document's text into the release, rows validated against their schemas in
  chunks (failing rows go to `rejects`), duplicates marked, chunks appended
  to Parquet; then facts, sections and documents.
- `run`: the whole thing, into a staging folder that `extract/release.py`
  swaps in whole at the end.

Memory holds one document's text and its rows, plus a constant per figure
(its duplicate key and id): the rows of the corpus stream to Parquet as they
arrive, and CSV and the workbook are written from Parquet in batches.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import logging
import multiprocessing
import pathlib
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from extract import __version__, dedupe, frames, release
from extract.cache import DocumentCache, extractor_version
from extract.guard import ExtractionTimeout
from extract.publish import ParquetTable, batches, csv_text, write_csv, write_workbook
from extract.read import ReadResult, read_document, supported
from schemas import TABLES
from schemas.describe import datapackage, dictionary
from schemas.validate import REJECT_COLUMNS, text_matches_document, validate

if TYPE_CHECKING:
    from extract.tables import Placement

log = logging.getLogger("healthfigures")

# Rows validated and written at a time: bounds the memory a chunk takes, whatever the corpus.
CHUNK = 10_000
# Documents at least this large (characters) report each stage as it starts and ends.
BIG_DOCUMENT = 500_000
TITLE_MAX = 200


def short_hash(*parts: object) -> str:
    """16 hex digits of SHA-256 over the parts: the project's stable ids."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def section_id(doc_id: str, start: int) -> str:
    return short_hash(doc_id, "section", start)


def figure_id(doc_id: str, start: int, end: int, kind: str) -> str:
    return short_hash(doc_id, start, end, kind)


def target_id(figure: str) -> str:
    return short_hash(figure, "target")


def short_title(line: str | None, limit: int = TITLE_MAX) -> str | None:
    """A title of at most `limit` characters, cut at a space with '…' (a text with no line break is no title).

    >>> short_title("NHS funding: the facts")
    'NHS funding: the facts'
    >>> short_title("£1, " * 100)[-7:]
    '£1, £1…'
    """
    if line is None:
        return None
    line = line.strip()
    if len(line) <= limit:
        return line or None
    cut = line.rfind(" ", limit // 2, limit)
    return line[:cut if cut > 0 else limit - 1].rstrip(" ,;:") + "…"


@dataclass
class DocumentResult:
    """Everything one document contributes to the tables."""

    document: dict[str, object]
    figures: pd.DataFrame | None = None  # typed, compact (see extract.frames), with the internal `statement_key`
    sections: list[dict[str, object]] = field(default_factory=list)
    text: str | None = None
    targets: pd.DataFrame | None = None


# -- per document ---------------------------------------------------------------------------------------------


class StageFailure(Exception):
    """A stage failed on one document: the document becomes a `failed` row naming the stage."""

    def __init__(self, stage: str, exc: BaseException) -> None:
        detail = str(exc) if isinstance(exc, ExtractionTimeout) else f"{type(exc).__name__}: {exc}"
        super().__init__(f"{stage} stage failed: {detail}"[:1000])
        self.stage = stage


def _stage(name: str, source: str, size: int, fn: Callable[[], object]) -> object:
    """Run one stage; a big document logs its start and end, any exception becomes a StageFailure."""
    t0 = time.perf_counter()
    if size >= BIG_DOCUMENT:
        log.info("%s: %s (%.1f MB of text)…", source, name, size / 1e6)
    try:
        out = fn()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a bug in one rule, MemoryError on one document: that document fails alone
        raise StageFailure(name, exc) from exc
    if size >= BIG_DOCUMENT:
        log.info("%s: %s done in %.1f s", source, name, time.perf_counter() - t0)
    return out


def process_document(path: pathlib.Path, root: pathlib.Path, cache_dir: pathlib.Path | None = None) -> DocumentResult:
    """Read, segment and extract one document (pure: depends on the file only); never raises.

    With `cache_dir`, a document whose bytes and extractor version were seen
    before is loaded from the cache instead of being extracted again.
    """
    source = path.relative_to(root).as_posix()
    if not supported(path):
        return DocumentResult(_skipped_row(path, source))
    try:
        read = _stage("read", source, path.stat().st_size if path.exists() else 0, lambda: read_document(path))
    except StageFailure as exc:
        failed = ReadResult(path, "unknown", None, None, error=str(exc))
        return DocumentResult(_document_row(failed, source, short_hash("failed", source), 0))
    assert isinstance(read, ReadResult)
    if not read.ok or read.text is None:
        return DocumentResult(_document_row(read, source, short_hash("failed", source), 0))
    cache = DocumentCache(cache_dir) if cache_dir is not None else None
    if cache is not None and read.sha256:
        hit = cache.get(read.sha256)
        if isinstance(hit, DocumentResult):
            return _with_source(hit, source)
    try:
        result = _extract_document(read, source)
    except StageFailure as exc:
        failed = ReadResult(read.path, read.format, None, read.sha256, read.encoding, str(exc))
        return DocumentResult(_document_row(failed, source, short_hash("failed", source), 0))
    if cache is not None and read.sha256:
        cache.put(read.sha256, result)
    return result


def _with_source(result: DocumentResult, source: str) -> DocumentResult:
    """A cached result for a file that may have moved: its rows get the current path."""
    result.document["source"] = source
    for df in (result.figures, result.targets):
        if df is not None and len(df):
            df["source"] = pd.Categorical([source] * len(df))
    return result


def _extract_document(read: ReadResult, source: str) -> DocumentResult:
    from extract import tables
    from extract.context import contextualise
    from extract.extractor import extract
    from extract.segment import Segments

    text = read.text
    assert text is not None
    size = len(text)
    doc_id = read.sha256[:16] if read.sha256 else short_hash(source)
    segments = _stage("segment", source, size, lambda: Segments(text, read.metadata.published))
    assert isinstance(segments, Segments)
    section_ids = {s.start: section_id(doc_id, s.start) for s in segments.sections}
    sections = [{"section_id": section_ids[s.start], "doc_id": doc_id, "title": short_title(s.title),
                 "byline": s.byline, "published_date": s.published, "start": s.start, "end": s.end, "rule": s.rule}
                for s in segments.sections]
    mentions = _stage("extract", source, size, lambda: extract(text, segments))
    contexts = _stage("context", source, size, lambda: contextualise(text, mentions, segments))
    mentions, contexts, placements = _stage("tables", source, size, lambda: tables.apply(
        text, read.tables, mentions, contexts))
    figures, targets = _stage("rows", source, size, lambda: figure_frames(
        mentions, contexts, doc_id, source, segments, section_ids, read.pages, placements))
    document = _document_row(read, source, doc_id, len(figures))
    if document["published_date"] is None:
        document["published_date"] = next((s.published for s in segments.sections if s.published), None)
    return DocumentResult(document, figures, sections, text, targets)


_FIGURE_FIELDS = [c for c in frames.columns("figures") if c != "duplicate_of"]
_TARGET_FIELDS = frames.columns("targets")


def figure_frames(mentions: list, contexts: list, doc_id: str, source: str, segments: object,
                  section_ids: dict[int, str], pages: tuple[int, ...] | None = None,
                  placements: dict[int, Placement] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The document's `figures` and `targets` rows, built column by column.

    A sentence, a section's title and a rule are one Python string however
    many figures share them, and become Categoricals: no row copies them.
    """
    cols: dict[str, list[object]] = {c: [] for c in (*_FIGURE_FIELDS, "statement_key")}
    tcols: dict[str, list[object]] = {c: [] for c in _TARGET_FIELDS}
    sentences: dict[tuple[int, int], tuple[str, dedupe.NormalisedSentence]] = {}
    titles: dict[int, str | None] = {}
    text = segments.text
    for m, ctx in zip(mentions, contexts, strict=True):
        section = segments.section_at(m.start)
        s0, s1 = ctx.sentence
        inside = s0 <= m.start < s1
        if inside and ctx.sentence not in sentences:
            raw = text[s0:s1]
            sentences[ctx.sentence] = (raw, dedupe.NormalisedSentence(raw))
        sentence, normalised = sentences[ctx.sentence] if inside else (None, None)
        placed = placements.get(m.start) if placements else None
        if placed is not None:  # a table cell: its sentence is the caption, its labels and the cell
            sentence, normalised = placed.sentence, dedupe.NormalisedSentence(placed.sentence)
        if section.start not in titles:
            titles[section.start] = short_title(section.title)
        period = ctx.period
        fid = figure_id(doc_id, m.start, m.end, m.kind)
        row = {
            "figure_id": fid, "doc_id": doc_id, "source": source, "section_id": section_ids[section.start],
            "section_title": titles[section.start], "published_date": section.published,
            "page": bisect.bisect_right(pages, m.start) if pages else None,
            "start": m.start, "end": m.end, "text": m.text, "kind": m.kind,
            "value_low": m.value_low, "value_high": m.value_high, "unit": m.unit, "qualifier": m.qualifier,
            "per": m.per, "denominator": m.denominator, "denominator_unit": m.denominator_unit,
            "date_start": m.date_start, "date_end": m.date_end,
            "period_start": period.start if period else None, "period_end": period.end if period else None,
            "period_text": period.text if period else None,
            "measure": ctx.measure, "direction": ctx.direction, "is_target": ctx.is_target, "subject": ctx.subject,
            "sentence": sentence, "rule": "|".join((m.rule, *ctx.rules)),
            "table_id": placed.table_id if placed else None, "row_label": placed.row_label if placed else None,
            "column_label": placed.column_label if placed else None,
            "statement_key": dedupe.statement_key(sentence, m.start - s0, m.text, m.kind, normalised),
        }
        for c, values in cols.items():
            values.append(row[c])
        if ctx.is_target:
            trow = {
                "target_id": target_id(fid), "figure_id": fid, "metric": ctx.subject,
                "deadline_start": row["period_start"], "deadline_end": row["period_end"],
                "baseline_text": ctx.baseline, "actor": ctx.actor, "target_type": ctx.target_type,
            }
            for c, values in tcols.items():
                values.append(trow[c] if c in trow else row[c])
    figures = frames.typed("figures", frames.compact_columns(cols))
    figures["statement_key"] = cols["statement_key"]
    targets = frames.typed("targets", frames.compact_columns(tcols))
    return figures, targets


def _document_row(read: ReadResult, source: str, doc_id: str, n_figures: int) -> dict[str, object]:
    title = short_title(read.metadata.title) if read.metadata.title else None
    if title is None and read.text:
        title = short_title(next((line for line in read.text.splitlines() if line.strip()), None))
    return {"doc_id": doc_id, "source": source, "format": read.format, "sha256": read.sha256,
            "n_chars": len(read.text) if read.text is not None else None, "title": title, "url": read.metadata.url,
            "published_date": read.metadata.published, "n_figures": n_figures,
            "n_pages": len(read.pages) if read.pages else None,
            "status": "ok" if read.ok else "failed", "error": read.error,
            "encoding": read.encoding, "tool_version": extractor_version()}


def _skipped_row(path: pathlib.Path, source: str) -> dict[str, object]:
    from extract.read import format_of

    suffix = path.suffix.lower() or "(no extension)"
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.stat().st_size <= 100_000_000 else None
    except OSError:
        digest = None
    return {"doc_id": short_hash("skipped", source), "source": source, "format": format_of(path),
            "sha256": digest, "n_chars": None, "title": None, "url": None, "published_date": None, "n_figures": 0,
            "n_pages": None, "status": "skipped", "error": f"format not read: {suffix}", "encoding": None,
            "tool_version": extractor_version()}


# -- the corpus -----------------------------------------------------------------------------------------------


def _hidden(path: pathlib.Path, corpus: pathlib.Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(corpus).parts)


def find_documents(corpus: pathlib.Path) -> list[pathlib.Path]:
    """Every file under `corpus`, recursively, in a stable order; hidden files and folders left out."""
    return sorted((p for p in corpus.rglob("*") if p.is_file() and not _hidden(p, corpus)),
                  key=lambda p: p.relative_to(corpus).as_posix())


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process (which stops them) and log like it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")


def _map_local(paths: list[pathlib.Path], corpus: pathlib.Path, jobs: int,
               cache_dir: pathlib.Path | None) -> Iterator[DocumentResult]:
    """Per-document results in path order, on `jobs` processes."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield process_document(path, corpus, cache_dir)
        return
    work = functools.partial(process_document, root=corpus, cache_dir=cache_dir)
    chunk = max(1, min(16, len(paths) // (jobs * 4)))
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init)
    try:
        yield from pool.map(work, paths, chunksize=chunk)
    except BaseException:  # interrupted, or the run failed: stop the workers now, not after their documents
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown(wait=True)


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


@dataclass
class Summary:
    documents: int
    failed: int
    figures: int
    rejects: int
    failures: list[tuple[str, str]]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Assembler:
    """Corpus-wide tables from per-document results fed in corpus order, streamed into a staging folder."""

    def __init__(self, stage: pathlib.Path) -> None:
        self.stage = stage
        (stage / "text").mkdir()
        self.figures = ParquetTable("figures", stage)
        self.targets = ParquetTable("targets", stage)
        self.duplicates = dedupe.Duplicates()
        self.documents: list[dict[str, object]] = []
        self.sections: list[dict[str, object]] = []
        self.rejects: list[pd.DataFrame] = []
        self.failures: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self._doc_ids: set[str] = set()
        self._pending: list[DocumentResult] = []
        self._pending_rows = 0

    def add(self, result: DocumentResult) -> None:
        status = result.document["status"]
        if status == "failed":
            self.failures.append((str(result.document["source"]), str(result.document["error"])))
            log.warning("failed: %s: %s", result.document["source"], result.document["error"])
        elif status == "skipped":
            self.skipped.append((str(result.document["source"]), str(result.document["error"])))
        self._unique_doc_id(result)
        if result.text is not None:
            target = text_path(self.stage, str(result.document["doc_id"]))
            target.write_text(result.text, encoding="utf-8", newline="")
            result.text = None
        self.documents.append(result.document)
        self.sections.extend(result.sections)
        if result.figures is not None and len(result.figures):
            self._pending.append(result)
            self._pending_rows += len(result.figures)
            if self._pending_rows >= CHUNK:
                self._flush()

    def _unique_doc_id(self, r: DocumentResult) -> None:
        """Identical copies of one document at two paths get distinct ids (path added), and so do their rows."""
        doc_id = str(r.document["doc_id"])
        if doc_id not in self._doc_ids:
            self._doc_ids.add(doc_id)
            return
        new_id = short_hash(doc_id, r.document["source"])
        r.document["doc_id"] = new_id
        self._doc_ids.add(new_id)
        sections = {}
        for row in r.sections:
            row["doc_id"] = new_id
            old = row["section_id"]
            row["section_id"] = sections[old] = section_id(new_id, row["start"])
        if r.figures is not None and len(r.figures):
            f = frames.expand(r.figures.drop(columns="statement_key"))
            keys = r.figures["statement_key"].tolist()
            ids = {old: figure_id(new_id, s, e, k) for old, s, e, k in
                   zip(f["figure_id"], f["start"], f["end"], f["kind"], strict=True)}
            f["doc_id"] = new_id
            f["section_id"] = f["section_id"].map(sections)
            f["figure_id"] = f["figure_id"].map(ids)
            r.figures = frames.compact(f)
            r.figures["statement_key"] = keys
            if r.targets is not None and len(r.targets):
                t = frames.expand(r.targets)
                t["doc_id"] = new_id
                t["figure_id"] = t["figure_id"].map(ids)
                t["target_id"] = t["figure_id"].map(target_id)
                r.targets = frames.compact(t)

    def _flush(self) -> None:
        """Validate the waiting documents' rows in chunks, mark duplicates, append them to Parquet.

        Rows of many small documents are validated together (one schema check
        per chunk, not per document); a large document is cut into chunks.
        """
        pending, self._pending, self._pending_rows = self._pending, [], 0
        pieces: list[list[pd.DataFrame]] = [[]]
        size = 0
        for r in pending:
            assert r.figures is not None
            for lo in range(0, len(r.figures), CHUNK):
                piece = r.figures.iloc[lo:lo + CHUNK]
                if size and size + len(piece) > CHUNK:
                    pieces.append([])
                    size = 0
                pieces[-1].append(piece)
                size += len(piece)
        valid_ids: set[str] = set()
        for group in pieces:
            if group:
                valid_ids.update(self._write_figures(group))
        targets = [frames.expand(r.targets) for r in pending if r.targets is not None and len(r.targets)]
        for r in pending:
            r.figures = r.targets = None
        if targets:
            t = frames.typed("targets", pd.concat(targets, ignore_index=True))
            t = t.sort_values(["source", "figure_id"], kind="mergesort").reset_index(drop=True)
            dropped = t[~t["figure_id"].isin(valid_ids)]
            if len(dropped):
                self.rejects.append(pd.DataFrame({
                    "table": "targets", "row_id": dropped["target_id"], "row": dropped.index,
                    "column": "figure_id", "check": "its figure was rejected", "failure_case": dropped["figure_id"]}))
            good, bad = validate("targets", t[t["figure_id"].isin(valid_ids)])
            if len(bad):
                self.rejects.append(bad)
            self.targets.append(good)

    def _write_figures(self, group: list[pd.DataFrame]) -> list[str]:
        """One chunk of figures rows: validated (text checked against each document's staged text), appended."""
        keys = [k for piece in group for k in piece["statement_key"].tolist()]
        plain = frames.typed("figures", pd.concat([frames.expand(p.drop(columns="statement_key")) for p in group],
                                                  ignore_index=True))
        good, bad = validate("figures", plain, [text_matches_document(self._text)])
        if len(bad):
            self.rejects.append(bad)
        good = good.copy()
        good["duplicate_of"] = self.duplicates.assign(good["figure_id"].tolist(), good["source"].tolist(),
                                                      [keys[i] for i in good.index])
        self.figures.append(good)
        return good["figure_id"].tolist()

    def _text(self, doc_id: str) -> str:
        return text_path(self.stage, doc_id).read_text(encoding="utf-8")

    def finish(self) -> dict[str, pathlib.Path]:
        """Close the streamed tables, then write facts, documents and sections; returns each table's Parquet."""
        self._flush()
        paths = {"figures": self.figures.close(), "targets": self.targets.close()}
        facts = ParquetTable("facts", self.stage)
        for chunk in batches(paths["figures"], "figures"):
            firsts = chunk[chunk["duplicate_of"].isna()]
            good, bad = validate("facts", frames.typed("facts", dedupe.facts(firsts, self.duplicates)))
            if len(bad):
                self.rejects.append(bad)
            facts.append(good)
        paths["facts"] = facts.close()
        for name, rows, order in (("documents", self.documents, ["source"]),
                                  ("sections", self.sections, ["doc_id", "start"])):
            df = frames.typed(name, rows)
            df = df.sort_values(order, kind="mergesort").reset_index(drop=True) if len(df) else df
            good, bad = validate(name, df)
            if len(bad):
                self.rejects.append(bad)
            table = ParquetTable(name, self.stage)
            table.append(good)
            paths[name] = table.close()
        return {name: paths[name] for name in TABLES}

    def reject_frame(self) -> pd.DataFrame:
        return pd.concat(self.rejects, ignore_index=True) if self.rejects else pd.DataFrame(columns=REJECT_COLUMNS)


def run(corpus: pathlib.Path, output: pathlib.Path, jobs: int = 1, cache_dir: pathlib.Path | None = None,
        strict: bool = False, engine: str = "local") -> Summary:
    """Process every document under `corpus` and publish the release into `output`, whole or not at all.

    Raises `release.RefusedRun` (nothing touched) when the corpus or OUTPUT
    is unusable or another run holds OUTPUT, and `StrictFailure` (nothing
    published) with `strict` when a document or a row failed.
    """
    paths = find_documents(corpus) if corpus.is_dir() else []
    release.check_paths(corpus, output, any(supported(p) for p in paths))
    with release.locked(output):
        release.recover(output)
        with release.staging(output) as stage:
            summary = _build(paths, corpus, stage, jobs, cache_dir, strict, engine)
            log.info("publishing: swapping the new release into %s", output)
            release.swap_in(stage, output)
    return summary


def _build(paths: list[pathlib.Path], corpus: pathlib.Path, stage: pathlib.Path, jobs: int,
           cache_dir: pathlib.Path | None, strict: bool, engine: str) -> Summary:
    if engine == "dask":
        from extract.engines import map_dask

        mapped: Iterator[DocumentResult] = map_dask(paths, corpus, cache_dir)
    else:
        mapped = _map_local(paths, corpus, jobs, cache_dir)
    assembler = Assembler(stage)
    for result in _progress(mapped, len(paths)):
        assembler.add(result)
        if strict and assembler.failures:
            raise StrictFailure(assembler.failures)
    log.info("publishing: validating and writing the tables")
    tables = assembler.finish()
    rejects = assembler.reject_frame()
    if strict and len(rejects):
        raise StrictFailure([("rejects.csv", f"{len(rejects)} rows failed a schema check")])
    for name, parquet in tables.items():
        log.info("publishing: %s.csv", name)
        write_csv(parquet, name, stage / f"{name}.csv")
    (stage / "rejects.csv").write_bytes(b"\xef\xbb\xbf" + csv_text(rejects).encode("utf-8"))
    log.info("publishing: figures.xlsx")
    notes = write_workbook(tables, stage / "figures.xlsx")
    (stage / "datapackage.json").write_text(json.dumps(datapackage(__version__), indent=2, ensure_ascii=False)
                                            + "\n", encoding="utf-8")
    (stage / "README.md").write_text(dictionary(__version__), encoding="utf-8")
    if engine == "dask":
        from extract.engines import write_partitioned

        log.info("publishing: partitioned/figures")
        write_partitioned(tables["figures"], stage / "partitioned" / "figures")
    return Summary(len(assembler.documents), len(assembler.failures), assembler.figures.rows, len(rejects),
                   assembler.failures, assembler.skipped, notes)


class StrictFailure(RuntimeError):
    """--strict: a document or a row failed, so nothing was published."""

    def __init__(self, failures: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{s}: {e}" for s, e in failures))
        self.failures = failures

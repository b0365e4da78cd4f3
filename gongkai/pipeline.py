"""Wiring: files or archived captures → parsers → database. The CLI calls these functions."""

from __future__ import annotations

import hashlib
import multiprocessing.util
import os
import sqlite3
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from db.schema import connect
from db.store import PARSER_VERSION, BatchWriter, DocumentRow
from parsers import ParseError, Report, parse_bytes
from parsers.formats import read_document  # noqa: F401 - loaded before workers fork: they inherit it

REPORT_SUFFIXES = {".html", ".htm", ".shtml", ".txt", ".docx", ".pdf", ".doc", ".wps"}


@dataclass
class ParseSummary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def line(self) -> str:
        return (f"reports: {self.new} new, {self.changed} changed, {self.unchanged} unchanged; "
                f"{len(self.errors)} failed")


def iter_report_files(paths: list[Path]) -> Iterator[Path]:
    """Files given, and report files found under folders given (sorted, so runs are repeatable)."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES:
                    yield f
        else:
            yield p


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    prog = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    TextColumn("{task.fields[name]}"), transient=True)
    prog.start()
    prog.add_task("parse", total=total, name="")
    return prog


@dataclass
class _Job:
    """One report to parse and store: where its bytes are, and what to tell the parser."""

    name: str
    path: Path
    doc: DocumentRow | None = None  # the stored document row, when re-parsing
    filename: str | None = None
    region_hint: str | None = None


def _parse_job(job: _Job) -> tuple[tuple[str, int] | None, Report | None, str | None]:
    """Read and parse one job: ((sha256, size), report, None) or (…, None, error)."""
    digest = None
    try:
        data = job.path.read_bytes()
        digest = hashlib.sha256(data).hexdigest(), len(data)
        report = parse_bytes(data, filename=job.filename or job.path.name, region_hint=job.region_hint,
                             content_type=job.doc.content_type if job.doc else None)
    except ParseError as e:
        return digest, None, str(e)
    except OSError as e:
        return digest, None, f"cannot read: {e.strerror or e}"
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
        return digest, None, f"internal error: {type(e).__name__}: {e}"
    return digest, report, None


# Below this many files, worker processes cost more to start than they save.
PARALLEL_FROM = 16


def _chunk_size(n_jobs: int, workers: int) -> int:
    """Files a worker parses before it writes them all in one transaction: the write lock is
    held only for the writes, never while parsing. Larger chunks write the full-text index in
    fewer, larger segments (a commit of 12 reports costs 20% more per report than one of 48);
    smaller ones keep the workers evenly busy to the end of a run (about six chunks each)."""
    return max(8, min(48, n_jobs // (workers * 6)))


def _document_row(job: _Job, digest: tuple[str, int]) -> DocumentRow:
    if job.doc:
        doc = job.doc
    else:
        path = job.path.resolve()
        doc = DocumentRow(url=path.as_uri(), final_url=path.as_uri(), archive_path=str(path),
                          content_type=_content_type(job.path.suffix), sha256="")
    doc.sha256, doc.size = digest
    return doc


def _store(writer: BatchWriter, job: _Job, parsed: tuple) -> tuple[str | None, str | None]:
    """Store one parsed job: (outcome, None), or (None, error) naming what went wrong."""
    digest, report, error = parsed
    if error is not None or report is None or digest is None:
        return None, error or "no report"
    try:
        _, outcome = writer.store(report, _document_row(job, digest))
    except (sqlite3.Error, ValueError, TypeError) as e:  # this report only: the batch keeps the rest
        return None, f"cannot store: {type(e).__name__}: {e}"
    return outcome, None


_WORKER_DB: sqlite_utils.Database | None = None


def _worker_init(db_path: str) -> None:
    """Each worker process keeps one connection for all its chunks, closed when it exits."""
    global _WORKER_DB
    _WORKER_DB = connect(db_path)
    multiprocessing.util.Finalize(None, _WORKER_DB.conn.close, exitpriority=10)


def _worker_chunk(jobs: list[_Job]) -> list[tuple[str | None, str | None]]:
    """Parse a chunk of files, then write their reports in one transaction (in the worker, so
    that writing runs in parallel too and no report crosses between processes)."""
    assert _WORKER_DB is not None
    parsed = [_parse_job(job) for job in jobs]
    with BatchWriter(_WORKER_DB, max_reports=len(jobs) + 1) as writer:
        return [_store(writer, job, p) for job, p in zip(jobs, parsed, strict=True)]


def _results(db_path: str | Path, jobs: list[_Job], workers: int) -> Iterator[tuple[list[_Job], list]]:
    """(jobs, their (outcome, error) pairs), in order, a few jobs at a time.

    One process for a few files: each parsed and stored in turn, commits batched by time. With
    more, worker processes parse and store chunks of files (parsing is CPU-bound; SQLite lets
    one writer in at a time, and each holds the lock only for its chunk's writes). A bounded
    window of chunks is in flight, so that memory stays flat however many files there are."""
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        db = connect(db_path)
        try:
            with BatchWriter(db) as writer:
                for job in jobs:
                    yield [job], [_store(writer, job, _parse_job(job))]
        finally:
            db.close()
        return
    size = _chunk_size(len(jobs), workers)
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(str(db_path),)) as pool:
        pending: deque = deque()
        todo = iter(chunks)
        for chunk in todo:
            pending.append((chunk, pool.submit(_worker_chunk, chunk)))
            if len(pending) >= workers * 2:
                break
        while pending:
            chunk, fut = pending.popleft()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_worker_chunk, nxt)))
            yield chunk, fut.result()


def _parse_and_store(db_path: str | Path, jobs: list[_Job], summary: ParseSummary, progress: bool,
                     workers: int = 1) -> None:
    """Parse each job's file and store its report (each whole or not at all, commits batched: see
    `db.store.BatchWriter`); a job that fails is recorded in `summary.errors` by name and
    skipped, the rest goes on."""
    connect(db_path).close()  # create and migrate once, before any worker opens it
    bar = _progress(len(jobs), progress)
    try:
        for chunk, results in _results(db_path, jobs, workers):
            for job, (outcome, error) in zip(chunk, results, strict=True):
                if error is not None or outcome is None:
                    summary.errors.append((job.name, error or "no report"))
                else:
                    summary.count(outcome)
            if bar:
                bar.update(bar.task_ids[0], name=chunk[-1].path.name)
                bar.advance(bar.task_ids[0], len(chunk))
    finally:
        if bar:
            bar.stop()


def _skip_unchanged(db_path: str | Path, jobs: list[_Job], summary: ParseSummary) -> list[_Job]:
    """Files whose bytes and parser are those already stored need no work: counted unchanged."""
    db = connect(db_path)
    try:
        stored = {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT d.url, d.sha256, r.parser_version FROM documents d JOIN reports r ON r.document_id = d.id "
            "WHERE d.url LIKE 'file:%'").fetchall()}
    finally:
        db.close()
    todo = []
    for job in jobs:
        known = stored.get(job.path.resolve().as_uri())
        if known and known[1] == PARSER_VERSION:
            try:
                if hashlib.sha256(job.path.read_bytes()).hexdigest() == known[0]:
                    summary.count("unchanged")
                    continue
            except OSError:
                pass  # reported when the job runs
        todo.append(job)
    return todo


def parse_paths(paths: list[Path], db_path: str | Path, summary: ParseSummary, *,
                region_hint: str | None = None, progress: bool = False, workers: int | None = None) -> ParseSummary:
    """Parse every report file under `paths` into the database at `db_path` (`workers` parser
    processes; default one per CPU)."""
    jobs = [_Job(str(f), f, region_hint=region_hint) for f in iter_report_files(paths)]
    jobs = _skip_unchanged(db_path, jobs, summary)
    _parse_and_store(db_path, jobs, summary, progress, workers or os.cpu_count() or 1)
    return summary


def _content_type(suffix: str) -> str:
    return {
        ".html": "text/html", ".htm": "text/html", ".shtml": "text/html", ".txt": "text/plain",
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(suffix.lower(), "application/octet-stream")


def reparse_archived(db_path: str | Path, summary: ParseSummary, *, progress: bool = False) -> ParseSummary:
    """Rebuild every report parsed from a local file (`gongkai parse PATH`) from that file, after
    a parser change. Crawled reports are rebuilt from their WARC records by
    `scraper.crawl.reparse_all`, which knows each one's list-page title and region hint."""
    db = connect(db_path)
    rows = list(db.query(
        "SELECT d.* FROM documents d JOIN reports r ON r.document_id = d.id "
        "WHERE d.url LIKE 'file:%' AND d.archive_path IS NOT NULL"))
    db.close()
    jobs = [_Job(r["url"], Path(r["archive_path"]),
                 doc=DocumentRow(**{k: r[k] for k in DocumentRow.__dataclass_fields__}))
            for r in rows]
    _parse_and_store(db_path, jobs, summary, progress, os.cpu_count() or 1)
    return summary


def render_text_summary(report: Report) -> str:
    """A readable summary of one report for `extract --format text`."""
    r = report.region
    place = " / ".join(x for x in (r.province, r.city, r.county) if x) or "?"
    out = [
        f"{report.title or '(untitled)'}",
        f"  place: {r.name or '?'} ({r.code or 'unknown code'}; {place})",
        f"  publisher: {report.publisher or '?'} [{report.publisher_kind}]",
        f"  year: {report.year or '?'}   published: {report.published_date or '?'}   template: {report.template}",
        "  sections: " + ", ".join(f"{s.key}" for s in report.sections),
        f"  figures ({len(report.figures)}):",
    ]
    for f in report.figures:
        b = "" if f.breakdown == "total" else f"[{f.breakdown}]"
        approx = "≈" if f.approx else ""
        out.append(f"    {f.metric}{b} = {approx}{f.value} {f.unit}  ({f.source}: {f.quote[:50]})")
    failed = [c for c in report.checks if c.status == "fail"]
    na = [c for c in report.checks if c.status == "not_assessable"]
    out.append(f"  checks: {len(report.checks) - len(failed) - len(na)} pass, {len(failed)} fail, "
               f"{len(na)} not assessable")
    for c in failed:
        out.append(f"    FAIL {c.name}: {c.detail}")
    for w in report.warnings:
        out.append(f"  warning: {w}")
    return "\n".join(out)

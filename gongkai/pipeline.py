"""Wiring: files or archived captures → parsers → database. The CLI calls these functions."""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from db.schema import connect
from db.store import PARSER_VERSION, BatchWriter, DocumentRow
from parsers import ParseError, Report, parse_bytes

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
    """Read and parse one job: ((sha256, size), report, None) or (…, None, error). The digest,
    not the bytes, goes back to the storing process: less to copy between processes."""
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


def _parsed(jobs: list[_Job], workers: int) -> Iterator[tuple[_Job, tuple]]:
    """Jobs with their parse results, in order. Parsing is CPU-bound: with several files it runs
    in worker processes while this one stores. A bounded window of files is in flight, so that
    memory stays flat however many files there are."""
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield job, _parse_job(job)
        return
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        todo = iter(jobs)
        for job in todo:
            pending.append((job, pool.submit(_parse_job, job)))
            if len(pending) >= window:
                break
        while pending:
            job, fut = pending.popleft()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_parse_job, nxt)))
            yield job, fut.result()


def _parse_and_store(db_path: str | Path, jobs: list[_Job], summary: ParseSummary, progress: bool,
                     workers: int = 1) -> None:
    """Parse each job's file and store its report (each whole or not at all, commits batched: see
    `db.store.BatchWriter`); a job that fails is
    recorded in `summary.errors` by name and skipped, the rest goes on."""
    db = connect(db_path)
    bar = _progress(len(jobs), progress)
    try:
        with BatchWriter(db) as writer:
            for job, (digest, report, error) in _parsed(jobs, workers):
                if bar:
                    bar.update(bar.task_ids[0], name=job.path.name)
                    bar.advance(bar.task_ids[0])
                if error is not None or report is None or digest is None:
                    summary.errors.append((job.name, error or "no report"))
                    continue
                url = job.path.resolve().as_uri()
                doc = job.doc or DocumentRow(url=url, final_url=url, archive_path=str(job.path.resolve()),
                                             content_type=_content_type(job.path.suffix), sha256="")
                doc.sha256, doc.size = digest
                _, outcome = writer.store(report, doc)
                summary.count(outcome)
    finally:
        if bar:
            bar.stop()
        db.close()


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

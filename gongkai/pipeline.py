"""Wiring: files or archived captures → parsers → database. The CLI calls these functions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db.schema import connect
from db.store import DocumentRow, store_report
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


def parse_paths(paths: list[Path], db_path: str | Path, summary: ParseSummary, *,
                region_hint: str | None = None, progress: bool = False) -> ParseSummary:
    """Parse every report file under `paths` into the database at `db_path`. A file that fails
    is recorded in `summary.errors` by name and skipped; the rest goes on."""
    db = connect(db_path)
    files = list(iter_report_files(paths))
    bar = _progress(len(files), progress)
    try:
        for f in files:
            if bar:
                bar.update(bar.task_ids[0], name=f.name)
            try:
                data = f.read_bytes()
                report = parse_bytes(data, filename=f.name, region_hint=region_hint)
            except ParseError as e:
                summary.errors.append((str(f), str(e)))
            except OSError as e:
                summary.errors.append((str(f), f"cannot read: {e.strerror or e}"))
            except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
                summary.errors.append((str(f), f"internal error: {type(e).__name__}: {e}"))
            else:
                url = f.resolve().as_uri()
                doc = DocumentRow(url=url, final_url=url, sha256=hashlib.sha256(data).hexdigest(),
                                  size=len(data), archive_path=str(f.resolve()),
                                  content_type=_content_type(f.suffix))
                _, outcome = store_report(db, report, doc)
                summary.count(outcome)
            if bar:
                bar.advance(bar.task_ids[0])
    finally:
        if bar:
            bar.stop()
        db.close()
    return summary


def _content_type(suffix: str) -> str:
    return {
        ".html": "text/html", ".htm": "text/html", ".shtml": "text/html", ".txt": "text/plain",
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(suffix.lower(), "application/octet-stream")


def read_archived(archive_path: str, offset: int | None) -> tuple[bytes, str | None]:
    """The raw bytes of a stored capture: a WARC record at `offset`, or a local file."""
    if offset is None:
        return Path(archive_path).read_bytes(), None
    from warcio.archiveiterator import ArchiveIterator

    with open(archive_path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
            return record.content_stream().read(), ctype
    raise ParseError(f"{archive_path}@{offset}: no WARC record there")


def reparse_archived(db_path: str | Path, summary: ParseSummary, *, progress: bool = False) -> ParseSummary:
    """Rebuild every report parsed from a local file (`gongkai parse PATH`) from the bytes the
    database points to, after a parser change. Crawled reports are rebuilt from their WARC
    records by `scraper.crawl.reparse_all`, which knows each one's list-page title and hint."""
    db = connect(db_path)
    rows = list(db.query(
        "SELECT d.* FROM documents d JOIN reports r ON r.document_id = d.id "
        "WHERE d.url LIKE 'file:%' AND d.archive_path IS NOT NULL"))
    bar = _progress(len(rows), progress)
    try:
        for row in rows:
            try:
                data, ctype = read_archived(row["archive_path"], row["archive_offset"])
                report = parse_bytes(data, filename=row["final_url"] or row["url"],
                                     content_type=ctype or row["content_type"], url=row["url"])
            except (ParseError, OSError) as e:
                summary.errors.append((row["url"], str(e)))
            else:
                doc = DocumentRow(**{k: row[k] for k in DocumentRow.__dataclass_fields__})
                _, outcome = store_report(db, report, doc)
                summary.count(outcome)
            if bar:
                bar.advance(bar.task_ids[0])
    finally:
        if bar:
            bar.stop()
        db.close()
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

"""Idempotent writes: one document and its report, all in one transaction.

Re-storing the same URL replaces its report's rows (sections, figures, checks) instead of
adding to them, so running anything twice leaves the same rows. A crash mid-write leaves the
previous state, never half a report.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

import parsers
from parsers.model import Report


def _parser_version() -> str:
    """A fingerprint of the parser's code: a report stored by other code is re-parsed even
    when its bytes have not changed, and one stored by this code need not be."""
    root = Path(parsers.__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


PARSER_VERSION = _parser_version()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class DocumentRow:
    """What we know of where a report's bytes came from (see the `documents` table)."""

    url: str
    sha256: str
    final_url: str | None = None
    status: int | None = None
    fetched_at: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None
    archive_path: str | None = None
    archive_offset: int | None = None
    error: str | None = None


def begin_immediate(db: sqlite_utils.Database, timeout: float = 30.0) -> None:
    """BEGIN IMMEDIATE, waiting up to `timeout` seconds for another writer to finish.

    Polls every millisecond instead of using SQLite's busy handler, whose back-off sleeps grow
    to 25-100 ms: parse workers take turns writing chunks that last ~20 ms, and oversleeping
    each turn left a core idle for a tenth of a run."""
    conn = db.conn
    deadline = time.monotonic() + timeout
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                    raise
            time.sleep(0.001)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE: no lock upgrade to deadlock on)."""
    with db.conn:
        begin_immediate(db)
        yield


def insert_row(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    """A plain INSERT: sqlite-utils' `insert` introspects the table on every call, which costs
    more than the write itself on the hot paths (a parse run, the crawl loop)."""
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
    return cur.lastrowid


def update_row(db: sqlite_utils.Database, table: str, row_id: int, row: dict[str, Any]) -> None:
    sets = ", ".join(f"{c} = ?" for c in row)
    db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*row.values(), row_id])


def upsert_document(db: sqlite_utils.Database, doc: DocumentRow) -> int:
    """Insert or update the `documents` row for `doc.url`; returns its id. Call inside a transaction."""
    row = dict(doc.__dict__)
    row["fetched_at"] = row["fetched_at"] or now_iso()
    existing = db.execute("SELECT id FROM documents WHERE url = ?", [doc.url]).fetchone()
    if existing:
        update_row(db, "documents", existing[0], row)
        return existing[0]
    return insert_row(db, "documents", row)


def store_report(
    db: sqlite_utils.Database,
    report: Report,
    doc: DocumentRow,
    *,
    publisher_kind: str | None = None,
) -> tuple[int, str]:
    """Write `doc` and its parsed `report` in one transaction.

    Returns (report_id, outcome) where outcome is `new`, `changed` (the bytes differ from what was
    stored: the earlier version is kept in `report_versions`) or `unchanged` (same bytes: the
    rows are rewritten identically, which keeps re-parsing after a parser change simple).
    """
    with transaction(db):
        return _write_report(db, report, doc, publisher_kind)


def _write_report(
    db: sqlite_utils.Database, report: Report, doc: DocumentRow, publisher_kind: str | None
) -> tuple[int, str]:
    doc_id = upsert_document(db, doc)
    prev = db.execute("SELECT id, sha256 FROM reports WHERE url = ?", [doc.url]).fetchone()
    row: dict[str, Any] = {
        "document_id": doc_id,
        "url": doc.url,
        "title": report.title,
        "publisher": report.publisher,
        "publisher_kind": publisher_kind or report.publisher_kind,
        "region_code": report.region.code,
        "region_name": report.region.name,
        "province": report.region.province,
        "city": report.region.city,
        "county": report.region.county,
        "year": report.year,
        "published_date": report.published_date,
        "template": report.template,
        "sha256": doc.sha256,
        "parser_version": PARSER_VERSION,
        "parsed_at": now_iso(),
    }
    if prev:
        report_id, old_sha = prev
        outcome = "unchanged" if old_sha == doc.sha256 else "changed"
        if outcome == "changed":
            insert_row(
                db,
                "report_versions",
                {
                    "report_id": report_id,
                    "sha256": old_sha,
                    "replaced_at": now_iso(),
                    "report_json": json.dumps(load_report(db, report_id), ensure_ascii=False),
                }
            )
        # the index entries first: an external-content FTS5 'delete' needs the indexed text
        db.conn.executemany(
            "INSERT INTO sections_fts(sections_fts, rowid, heading, text) VALUES ('delete', ?, ?, ?)",
            db.execute("SELECT id, heading, text FROM sections WHERE report_id = ?", [report_id]).fetchall(),
        )
        for table in ("sections", "figures", "checks"):
            db.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
        update_row(db, "reports", report_id, row)
    else:
        outcome = "new"
        report_id = insert_row(db, "reports", row)
    # Plain executemany for the child rows: they are the bulk of every write, and
    # sqlite-utils' per-value JSON checks cost more than SQLite itself here.
    db.conn.executemany(
        "INSERT INTO sections (report_id, ord, key, heading, text) VALUES (?, ?, ?, ?, ?)",
        [(report_id, i, s.key, s.heading, s.text) for i, s in enumerate(report.sections)],
    )
    # Full-text index rows, one single-row statement each (see schema._v5 for why not triggers).
    db.conn.executemany(
        "INSERT INTO sections_fts(rowid, heading, text) VALUES (?, ?, ?)",
        db.execute("SELECT id, heading, text FROM sections WHERE report_id = ? ORDER BY id", [report_id]).fetchall(),
    )
    db.conn.executemany(
        "INSERT INTO figures (report_id, ord, metric, breakdown, value, unit, raw, approx, source, quote,"
        " section) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(report_id, i, f.metric, f.breakdown, f.value, f.unit, f.raw, int(f.approx), f.source, f.quote,
          f.section) for i, f in enumerate(report.figures)],
    )
    db.conn.executemany(
        "INSERT INTO checks (report_id, name, status, detail) VALUES (?, ?, ?, ?)",
        [(report_id, c.name, c.status, c.detail) for c in report.checks],
    )
    return report_id, outcome


def load_report(db: sqlite_utils.Database, report_id: int) -> dict[str, Any]:
    """A stored report back as a dict shaped like the `extract` JSON (plus its id and url)."""
    r = next(db.query("SELECT * FROM reports WHERE id = ?", [report_id]))
    return {
        "id": r["id"],
        "url": r["url"],
        "title": r["title"],
        "publisher": r["publisher"],
        "region": {
            "code": r["region_code"],
            "name": r["region_name"],
            "province": r["province"],
            "city": r["city"],
            "county": r["county"],
        },
        "year": r["year"],
        "published_date": r["published_date"],
        "template": r["template"],
        "sections": [
            {k: s[k] for k in ("key", "heading", "text")}
            for s in db.query("SELECT * FROM sections WHERE report_id = ? ORDER BY ord", [report_id])
        ],
        "figures": [
            {k: (bool(f[k]) if k == "approx" else f[k]) for k in
             ("metric", "breakdown", "value", "unit", "raw", "approx", "source", "quote", "section")}
            for f in db.query("SELECT * FROM figures WHERE report_id = ? ORDER BY ord", [report_id])
        ],
        "checks": [
            {k: c[k] for k in ("name", "status", "detail")}
            for c in db.query("SELECT * FROM checks WHERE report_id = ? ORDER BY id", [report_id])
        ],
    }


class BatchWriter:
    """Stores many reports with one commit per batch instead of one per report.

    Why batch: the full-text index writes a new segment at every commit (and at every
    savepoint), and a segment per report made the trigram index most of a parse run's time
    (3.7 ms of a 5 ms write; 0.8 ms when 20 reports share a commit). A batch holds whole
    reports only: if one report fails to write, the batch is rolled back and its other reports
    are written again one transaction each before the error is raised, so no half report is ever
    committed and none of the others is lost. A crash loses at most the uncommitted batch, which
    a re-run redoes. A batch also ends after `max_seconds`, so a slow run commits often.
    """

    def __init__(self, db: sqlite_utils.Database, max_reports: int = 50, max_seconds: float = 2.0) -> None:
        self.db = db
        self.max_reports = max_reports
        self.max_seconds = max_seconds
        self._pending: list[tuple[Report, DocumentRow, str | None]] = []
        self._started = 0.0

    def store(self, report: Report, doc: DocumentRow, *, publisher_kind: str | None = None) -> tuple[int, str]:
        """Like `store_report`; the write is committed by the end of the batch."""
        if not self._pending:
            begin_immediate(self.db)
            self._started = time.monotonic()
        try:
            result = _write_report(self.db, report, doc, publisher_kind)
        except BaseException:
            self.db.execute("ROLLBACK")
            pending, self._pending = self._pending, []
            for r, d, kind in pending:
                store_report(self.db, r, d, publisher_kind=kind)
            raise
        self._pending.append((report, doc, publisher_kind))
        if len(self._pending) >= self.max_reports or time.monotonic() - self._started >= self.max_seconds:
            self.commit()
        return result

    def commit(self) -> None:
        if self._pending:
            self.db.execute("COMMIT")
            self._pending = []

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        # Only whole reports are in the batch: keep them even when the run stops on an error.
        self.commit()

"""Idempotent writes: one document and its report, all in one transaction.

Re-storing the same URL replaces its report's rows (sections, figures, checks) instead of
adding to them, so running anything twice leaves the same rows. A crash mid-write leaves the
previous state, never half a report.
"""

from __future__ import annotations

import hashlib
import json
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


def upsert_document(db: sqlite_utils.Database, doc: DocumentRow) -> int:
    """Insert or update the `documents` row for `doc.url`; returns its id. Call inside a transaction."""
    row = {k: v for k, v in doc.__dict__.items()}
    row["fetched_at"] = row["fetched_at"] or now_iso()
    existing = db.execute("SELECT id FROM documents WHERE url = ?", [doc.url]).fetchone()
    if existing:
        db["documents"].update(existing[0], row)
        return existing[0]
    return db["documents"].insert(row).last_pk


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
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
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
                db["report_versions"].insert(
                    {
                        "report_id": report_id,
                        "sha256": old_sha,
                        "replaced_at": now_iso(),
                        "report_json": json.dumps(load_report(db, report_id), ensure_ascii=False),
                    }
                )
            for table in ("sections", "figures", "checks"):
                db.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
            db["reports"].update(report_id, row)
        else:
            outcome = "new"
            report_id = db["reports"].insert(row).last_pk
        # Plain executemany for the child rows: they are the bulk of every write, and
        # sqlite-utils' per-value JSON checks cost more than SQLite itself here.
        db.conn.executemany(
            "INSERT INTO sections (report_id, ord, key, heading, text) VALUES (?, ?, ?, ?, ?)",
            [(report_id, i, s.key, s.heading, s.text) for i, s in enumerate(report.sections)],
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

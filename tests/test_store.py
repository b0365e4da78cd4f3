"""The database: schema, idempotent upserts, kept versions, atomic writes, Chinese full-text search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.schema import SCHEMA_VERSION, connect, schema_version
from db.store import DocumentRow, load_report, store_report
from parsers import parse_path

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "reports", "sections", "figures", "checks", "report_versions")}


def test_schema(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    cols = {c.name for c in db["reports"].columns}
    assert {"id", "url", "title", "publisher", "region_code", "region_name", "province", "city", "county",
            "year", "published_date", "template"} <= cols
    db.close()
    # reopening an up-to-date database runs no migration and keeps the data
    db = connect(tmp_path / "g.db")
    assert schema_version(db) == SCHEMA_VERSION


def test_newer_schema_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "n.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer than this gongkai"):
        connect(tmp_path / "n.db")


def test_store_is_idempotent_and_keeps_versions(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    report = parse_path(CORPUS / "001.html")
    doc = DocumentRow(url="https://www.shanghai.gov.cn/x.html", sha256="a" * 64)
    rid, outcome = store_report(db, report, doc)
    assert outcome == "new"
    first = counts(db)
    rid2, outcome = store_report(db, report, doc)
    assert (rid2, outcome) == (rid, "unchanged")
    assert counts(db) == first
    changed = DocumentRow(url=doc.url, sha256="b" * 64)
    _, outcome = store_report(db, report, changed)
    assert outcome == "changed"
    after = counts(db)
    assert after["report_versions"] == 1
    assert {k: v for k, v in after.items() if k != "report_versions"} == \
        {k: v for k, v in first.items() if k != "report_versions"}
    loaded = load_report(db, rid)
    assert loaded["region"]["code"] == "310000"
    assert len(loaded["figures"]) == len(report.figures)


def test_write_is_atomic(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    report = parse_path(CORPUS / "kecheng-2019.txt")
    report.figures[-1].value = object()  # cannot be stored: the write fails half-way
    with pytest.raises(sqlite3.ProgrammingError):
        store_report(db, report, DocumentRow(url="file:///k.txt", sha256="c" * 64))
    assert counts(db)["reports"] == 0 and counts(db)["figures"] == 0 and counts(db)["documents"] == 0


def test_full_text_search_in_chinese(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    store_report(db, parse_path(CORPUS / "kecheng-2019.txt"), DocumentRow(url="file:///k.txt", sha256="d" * 64))
    rows = db.execute(
        "SELECT s.key FROM sections_fts f JOIN sections s ON s.id = f.rowid WHERE sections_fts MATCH ?",
        ["政务新媒体"]).fetchall()
    assert ("overview",) in rows

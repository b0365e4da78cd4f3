"""The database: schema, idempotent upserts, kept versions, atomic writes, Chinese full-text search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.schema import SCHEMA_VERSION, connect, schema_version
from db.store import BatchWriter, DocumentRow, load_report, store_report
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


def fts_hits(db, phrase: str) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT s.key FROM sections_fts f JOIN sections s ON s.id = f.rowid WHERE sections_fts MATCH ?",
        [f'"{phrase}"']).fetchall()]


def fts_consistent(db) -> bool:
    try:
        db.execute("INSERT INTO sections_fts(sections_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def test_full_text_index_follows_a_changed_report(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    doc = DocumentRow(url="file:///k.txt", sha256="d" * 64)
    store_report(db, parse_path(CORPUS / "kecheng-2019.txt"), doc)
    assert fts_hits(db, "柯城区")
    # the same URL now holds another report: the old text leaves the index, the new one enters
    store_report(db, parse_path(CORPUS / "001.html"), DocumentRow(url=doc.url, sha256="e" * 64))
    assert not fts_hits(db, "柯城区")
    assert fts_hits(db, "上海市人民政府")
    assert db.execute("SELECT count(*) FROM sections_fts").fetchone()[0] == \
        db.execute("SELECT count(*) FROM sections").fetchone()[0]
    assert fts_consistent(db)


def test_batch_writer_commits_whole_reports(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    good = parse_path(CORPUS / "kecheng-2019.txt")
    with BatchWriter(db, max_reports=3) as w:
        for i in range(4):
            w.store(good, DocumentRow(url=f"file:///{i}.txt", sha256=str(i)))
        # the first three were committed as a batch; the fourth is still pending
        other = sqlite3.connect(tmp_path / "g.db")
        assert other.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
        other.close()
    assert counts(db)["reports"] == 4
    assert fts_consistent(db)


def test_batch_writer_failure_loses_no_other_report(tmp_path: Path) -> None:
    db = connect(tmp_path / "g.db")
    good = parse_path(CORPUS / "kecheng-2019.txt")
    bad = parse_path(CORPUS / "kecheng-2019.txt")
    bad.figures[-1].value = object()  # cannot be stored: the write fails half-way
    w = BatchWriter(db, max_reports=50)
    w.store(good, DocumentRow(url="file:///a.txt", sha256="a"))
    w.store(good, DocumentRow(url="file:///b.txt", sha256="b"))
    with pytest.raises(sqlite3.ProgrammingError):
        w.store(bad, DocumentRow(url="file:///bad.txt", sha256="c"))
    # the batch was rolled back and its good reports written again; nothing of the bad one
    assert not db.conn.in_transaction
    assert [r[0] for r in db.execute("SELECT url FROM reports ORDER BY url")] == ["file:///a.txt", "file:///b.txt"]
    assert counts(db)["figures"] == 2 * len(good.figures)
    w.store(good, DocumentRow(url="file:///c.txt", sha256="c"))
    w.commit()
    assert counts(db)["reports"] == 3
    assert fts_consistent(db)


def test_migration_from_trigger_indexed_schema(tmp_path: Path) -> None:
    """A database made before v5 (index kept by triggers) upgrades and stays searchable."""
    import sqlite_utils

    from db import schema

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    old = sqlite_utils.Database(conn)
    for version, step in enumerate(schema.MIGRATIONS[:4], start=1):
        step(old)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    db = connect(tmp_path / "old.db")
    assert schema_version(db) == SCHEMA_VERSION
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert "sections_ai" not in triggers and "sections_ad" not in triggers
    store_report(db, parse_path(CORPUS / "kecheng-2019.txt"), DocumentRow(url="file:///k.txt", sha256="d"))
    store_report(db, parse_path(CORPUS / "kecheng-2019.txt"), DocumentRow(url="file:///k.txt", sha256="e"))
    assert fts_hits(db, "政务新媒体") == ["overview"]
    assert fts_consistent(db)


def test_opening_an_up_to_date_database_writes_nothing(tmp_path: Path) -> None:
    """Parse workers and readers open the database while another process writes: opening must
    not need the write lock (views are rebuilt only when views.sql changed)."""
    import time

    connect(tmp_path / "g.db").close()
    writer = sqlite3.connect(tmp_path / "g.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    t = time.monotonic()
    db = connect(tmp_path / "g.db")
    assert time.monotonic() - t < 5  # (waiting for the lock would take the 30 s busy timeout)
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    writer.execute("ROLLBACK")
    # a changed view definition is noticed and rebuilt
    writer.execute("DROP VIEW best_figures")
    db.close()
    db = connect(tmp_path / "g.db")
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'best_figures'").fetchone()[0] == 1

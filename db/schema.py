"""The SQLite schema: tables of `../shared/spec/metrics.md` plus our own, and its migrations.

The schema version lives in `PRAGMA user_version`; each migration is a function that moves the
database one version up, run in order inside a transaction. Never edit a released migration:
add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 5


def _v1(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {
            "id": int,
            "url": str,  # where the report was found: a URL, or file:// path for local files
            "final_url": str,
            "status": int,
            "fetched_at": str,
            "content_type": str,
            "sha256": str,
            "etag": str,
            "last_modified": str,
            "size": int,
            "archive_path": str,  # WARC file (or local file) holding the raw bytes
            "archive_offset": int,
            "error": str,
        },
        pk="id",
        not_null={"url"},
    )
    db["documents"].create_index(["url"], unique=True)
    db["documents"].create_index(["sha256"])

    db["reports"].create(
        {
            "id": int,
            "document_id": int,
            "url": str,
            "title": str,
            "publisher": str,
            "publisher_kind": str,  # government | department | township | unknown
            "region_code": str,
            "region_name": str,
            "province": str,
            "city": str,
            "county": str,
            "year": int,
            "published_date": str,
            "template": str,
            "sha256": str,
            "parser_version": str,
            "parsed_at": str,
        },
        pk="id",
        not_null={"url"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["reports"].create_index(["url"], unique=True)
    db["reports"].create_index(["region_code", "year"])
    db["reports"].create_index(["year"])

    db["sections"].create(
        {"id": int, "report_id": int, "ord": int, "key": str, "heading": str, "text": str},
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["sections"].create_index(["report_id", "ord"])

    db["figures"].create(
        {
            "id": int,
            "report_id": int,
            "ord": int,
            "metric": str,
            "breakdown": str,
            "value": float,
            "unit": str,
            "raw": str,
            "approx": int,
            "source": str,
            "quote": str,
            "section": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["figures"].create_index(["report_id"])
    db["figures"].create_index(["metric", "breakdown"])

    db["checks"].create(
        {"id": int, "report_id": int, "name": str, "status": str, "detail": str},
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["checks"].create_index(["report_id"])
    db["checks"].create_index(["status"])

    # Earlier versions of a report whose page changed (a recrawl keeps what was published before).
    db["report_versions"].create(
        {"id": int, "report_id": int, "sha256": str, "replaced_at": str, "report_json": str},
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["report_versions"].create_index(["report_id"])


def _v2(db: sqlite_utils.Database) -> None:
    # Full-text search over section text. The trigram tokenizer matches any substring of three
    # or more characters, which is what Chinese needs (there are no spaces between words).
    db.execute(
        "CREATE VIRTUAL TABLE sections_fts USING fts5("
        "heading, text, content='sections', content_rowid='id', tokenize='trigram')"
    )
    db.executescript(
        """
        CREATE TRIGGER sections_ai AFTER INSERT ON sections BEGIN
          INSERT INTO sections_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
        END;
        CREATE TRIGGER sections_ad AFTER DELETE ON sections BEGIN
          INSERT INTO sections_fts(sections_fts, rowid, heading, text)
          VALUES ('delete', old.id, old.heading, old.text);
        END;
        CREATE TRIGGER sections_au AFTER UPDATE ON sections BEGIN
          INSERT INTO sections_fts(sections_fts, rowid, heading, text)
          VALUES ('delete', old.id, old.heading, old.text);
          INSERT INTO sections_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
        END;
        """
    )


def _v3(db: sqlite_utils.Database) -> None:
    # The crawler's state (scraper/): runs, the frontier of URLs to visit, and every fetch's
    # outcome, so that a killed crawl resumes where it stopped and a recrawl is incremental.
    db["crawl_runs"].create(
        {"id": int, "started_at": str, "finished_at": str, "status": str, "portals": str,
         "pid": int, "summary_json": str},
        pk="id",
    )
    db["crawl_frontier"].create(
        {
            "id": int,
            "portal": str,
            "url": str,
            "kind": str,  # list | page | attachment
            "method": str,  # GET, or POST for Hanweb dataproxy pages
            "form": str,  # JSON form body for POST
            "title": str,  # link text / title attribute on the list page
            "referrer": str,
            "depth": int,
            "run_id": int,  # the run that last queued this URL
            "state": str,  # pending | fetched | done | failed | skipped
            "outcome": str,  # new | changed | unchanged | duplicate | not_report | error kind
            "attempts": int,
            "document_id": int,
            "region_hint": str,
            "content_key": str,  # sha256 of the report body text: the same report under two URLs
            "updated_at": str,
        },
        pk="id",
        not_null={"portal", "url"},
    )
    db["crawl_frontier"].create_index(["portal", "url", "method", "form"], unique=True)
    db["crawl_frontier"].create_index(["run_id", "state"])
    db["crawl_fetches"].create(
        {
            "id": int,
            "run_id": int,
            "portal": str,
            "url": str,
            "final_url": str,
            "status": int,
            "fetched_at": str,
            "elapsed_ms": int,
            "attempts": int,
            "size": int,
            "sha256": str,
            "error": str,
            "detail": str,
            "document_id": int,
        },
        pk="id",
    )
    db["crawl_fetches"].create_index(["run_id"])
    db["crawl_fetches"].create_index(["url"])


def _v4(db: sqlite_utils.Database) -> None:
    # The crawler's hot lookups: the next URLs of a portal in a run, and "is this report body
    # already stored under another URL?"
    db["crawl_frontier"].create_index(["run_id", "portal", "state"])
    db["crawl_frontier"].create_index(["content_key"])
    # every fetched version stays findable in the archive, not only the latest one
    db["crawl_fetches"].add_column("archive_path", str)
    db["crawl_fetches"].add_column("archive_offset", int)


def _v5(db: sqlite_utils.Database) -> None:
    # The full-text index is written by db.store itself, one single-row statement per section,
    # instead of by triggers on `sections`. A trigger runs inside a statement savepoint, and
    # FTS5 writes out a new index segment at every savepoint: a segment per section row made
    # indexing 3 ms of every report's 3.7 ms write, and batching commits could not help.
    # Code that inserts or deletes `sections` rows must keep `sections_fts` in step (see
    # db.store); the update trigger stays, for hand edits.
    db.execute("DROP TRIGGER IF EXISTS sections_ai")
    db.execute("DROP TRIGGER IF EXISTS sections_ad")
    # Merge index segments in larger groups (default 4): each parse chunk commits a segment, and
    # merging them four at a time cost a third of the index's write time on a growing database.
    db.execute("INSERT INTO sections_fts(sections_fts, rank) VALUES ('automerge', 8)")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5]


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a gongkai database, migrated to the current schema, in WAL mode."""
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    db = sqlite_utils.Database(conn)
    if str(path) != ":memory:":
        db.enable_wal()
        # WAL with synchronous=NORMAL: a crash (even kill -9) still leaves whole transactions
        # only; what it gives up is the last commits' durability on power loss, which a re-run
        # repairs. It makes each report's commit several times cheaper.
        conn.execute("PRAGMA synchronous = NORMAL")
    migrate(db)
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> None:
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this gongkai ({SCHEMA_VERSION}); upgrade gongkai"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
    _ensure_views(db)


def _ensure_views(db: sqlite_utils.Database) -> None:
    """(Re)create the views from db/views.sql when they differ from what the database holds:
    views hold no data, so they are simply replaced whenever the code that defines them changes.
    Up-to-date views are left alone, so that opening a database writes nothing (parse workers and
    readers open it concurrently); a rebuild runs in one write transaction."""
    sql_path = Path(__file__).with_name("views.sql")
    if not sql_path.exists():
        return
    script = sql_path.read_text(encoding="utf-8")
    have = {r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'view'")}
    statements = _statements(script)
    if all(v in have for v in _view_definitions(statements)):
        return
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for statement in statements:  # (sqlite-utils' executescript splits a script by
            db.conn.execute(statement)  # characters inside a transaction: 0.1 s for this one)


def _statements(script: str) -> list[str]:
    """The SQL statements of a script, split at line ends where a statement is complete."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf)
            buf = ""
    return out


def _view_definitions(statements: list[str]) -> list[str]:
    """Each CREATE VIEW statement as SQLite keeps it in sqlite_master.sql."""
    out = []
    for statement in statements:
        at = statement.find("CREATE VIEW")
        if at >= 0:
            out.append(statement[at:].rstrip().rstrip(";").rstrip())
    return out

"""The crawl's state in the database: runs, the frontier of URLs and their outcomes, a lock.

A URL's row moves pending → fetched (its bytes are archived and its `documents` row committed)
→ done (its report stored, or its links queued) or failed. Whatever is committed survives a
`kill -9`; the next run with the same portals resumes the unfinished run instead of starting
over, so nothing stored is fetched twice.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from db.store import insert_row as insert
from db.store import now_iso, transaction


class LockedError(RuntimeError):
    pass


@contextmanager
def crawl_lock(db_path: str | Path, *, wait: float = 0.0) -> Iterator[Path]:
    """An exclusive lock beside the database, held for a whole crawl. The kernel drops a flock
    when its process dies, so a killed crawl never leaves a stale lock behind."""
    lock_path = Path(f"{db_path}.crawl.lock")
    fh = open(lock_path, "a+")  # noqa: SIM115 - held open for the lock's lifetime
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise LockedError(
                        f"another gongkai crawl ({holder}) is running on {db_path}; "
                        "not starting a second one (use --wait SECONDS to queue behind it)"
                    ) from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {now_iso()}")
        fh.flush()
        yield lock_path
    finally:
        fh.close()


class Frontier:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- runs -------------------------------------------------------------------------------

    def begin_run(self, portals: list[str]) -> tuple[int, bool]:
        """(run_id, resumed): the unfinished run over the same portals, or a new one. We hold
        the crawl lock, so a run still marked `running` belongs to a process that died."""
        key = json.dumps(sorted(portals), ensure_ascii=False)
        with transaction(self.db):
            row = self.db.execute(
                "SELECT id FROM crawl_runs WHERE status = 'running' AND portals = ? ORDER BY id DESC LIMIT 1",
                [key],
            ).fetchone()
            if row:
                self.db.execute("UPDATE crawl_runs SET pid = ? WHERE id = ?", [os.getpid(), row[0]])
                return row[0], True
            # an unfinished run over another set of portals that shares some of ours: this run
            # takes their URLs over, so that one can no longer be resumed
            for rid, names in self.db.execute("SELECT id, portals FROM crawl_runs WHERE status = 'running'").fetchall():
                if set(json.loads(names)) & set(portals):
                    self.db.execute("UPDATE crawl_runs SET status = 'abandoned', finished_at = ? WHERE id = ?",
                                    [now_iso(), rid])
            run_id = self.db["crawl_runs"].insert(
                {"started_at": now_iso(), "status": "running", "portals": key, "pid": os.getpid()}
            ).last_pk
            return run_id, False

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        with transaction(self.db):
            self.db["crawl_runs"].update(
                run_id,
                {"finished_at": now_iso(), "status": status,
                 "summary_json": json.dumps(summary, ensure_ascii=False)},
            )

    # --- URLs -------------------------------------------------------------------------------

    def add(
        self,
        run_id: int,
        portal: str,
        url: str,
        kind: str,
        *,
        title: str | None = None,
        referrer: str | None = None,
        depth: int = 0,
        method: str = "GET",
        form: str = "",
        region_hint: str | None = None,
    ) -> bool:
        """Queue `url` for this run unless it already is; True when queued. Call inside a transaction."""
        row = self.db.execute(
            "SELECT id, run_id FROM crawl_frontier WHERE portal = ? AND url = ? AND method = ? AND form = ?",
            [portal, url, method, form],
        ).fetchone()
        if row and row[1] == run_id:
            return False
        if row:  # known from an earlier run: fetch it again (conditionally) in this one
            self.db.execute(
                "UPDATE crawl_frontier SET run_id = ?, state = 'pending', kind = ?, "
                "title = COALESCE(?, title), referrer = ?, depth = ?, attempts = 0, region_hint = ?, "
                "updated_at = ? WHERE id = ?",
                [run_id, kind, title, referrer, depth, region_hint, now_iso(), row[0]],
            )
            return True
        insert(self.db, "crawl_frontier",
               {"portal": portal, "url": url, "kind": kind, "method": method, "form": form, "title": title,
                "referrer": referrer, "depth": depth, "run_id": run_id, "state": "pending", "attempts": 0,
                "region_hint": region_hint, "updated_at": now_iso()})
        return True

    def next_rows(self, run_id: int, portal: str, state: str, limit: int, exclude: set[int]) -> list[dict[str, Any]]:
        ex = ",".join(str(int(i)) for i in exclude) or "-1"
        return list(self.db.query(
            f"SELECT * FROM crawl_frontier WHERE run_id = ? AND portal = ? AND state = ? AND id NOT IN ({ex}) "
            "ORDER BY kind = 'list' DESC, id LIMIT ?",
            [run_id, portal, state, limit],
        ))

    def mark(self, row_id: int, state: str, outcome: str | None = None, **extra: Any) -> None:
        """Set a row's state; call inside a transaction (or alone: then it is its own)."""
        fields = {"state": state, "updated_at": now_iso(), **extra}
        if outcome is not None:
            fields["outcome"] = outcome
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.db.execute(f"UPDATE crawl_frontier SET {sets} WHERE id = ?", [*fields.values(), row_id])

    def count(self, run_id: int, portal: str, kind: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM crawl_frontier WHERE run_id = ? AND portal = ?"
        args: list[Any] = [run_id, portal]
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        return self.db.execute(sql, args).fetchone()[0]

    def fetch_count(self, run_id: int, portal: str) -> int:
        return self.db.execute(
            "SELECT COUNT(*) FROM crawl_fetches WHERE run_id = ? AND portal = ?", [run_id, portal]
        ).fetchone()[0]

"""The crawl: frontier → fetch → archive → discover or parse → store, per portal, in parallel.

`crawl(db_path, config)` is the library call behind `gongkai crawl`. All state lives in the
database (scraper/frontier.py) and the WARC archive (scraper/archive.py); see docs/crawl.md.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import hashlib
import json
import logging
import multiprocessing
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlite_utils

import parsers
from db.schema import connect
from db.store import DocumentRow, store_report, transaction, upsert_document
from db.store import insert_row as insert
from parsers.places import lookup
from scraper import rules
from scraper.archive import Archive, archive_dir_for, read_record
from scraper.config import Config, Portal
from scraper.discover import discover
from scraper.fetch import Fetcher, FetchResult
from scraper.frontier import Frontier, crawl_lock
from scraper.page import Page, canonical_url, filename_from_headers

log = logging.getLogger("gongkai.crawl")

REPORT_OUTCOMES = ("new", "changed", "unchanged")
PARSE_BACKLOG = 256 * 1024 * 1024  # bytes of fetched documents waiting for the parser, at most
Event = Callable[[str, str, dict[str, Any]], None]  # (portal, event, details)


@dataclass
class PortalSummary:
    name: str
    lists: int = 0
    pages: int = 0
    attachments: int = 0
    requests: int = 0
    not_modified: int = 0
    reports: Counter = field(default_factory=Counter)  # new / changed / unchanged / duplicate
    errors: Counter = field(default_factory=Counter)  # by kind
    pending: int = 0

    @property
    def reports_found(self) -> int:
        return sum(self.reports[k] for k in REPORT_OUTCOMES)

    @property
    def failed(self) -> bool:
        # reports that turned out to be mirrors of another portal's still count as found
        return self.reports_found + self.reports["duplicate"] == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "lists": self.lists, "pages": self.pages, "attachments": self.attachments,
            "requests": self.requests, "not_modified": self.not_modified, "reports": dict(self.reports),
            "errors": dict(self.errors), "pending": self.pending, "failed": self.failed,
        }


@dataclass
class CrawlResult:
    run_id: int | None
    resumed: bool
    portals: dict[str, PortalSummary]
    dry_run: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        return [n for n, s in self.portals.items() if s.failed]

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "resumed": self.resumed,
                "portals": {n: s.to_dict() for n, s in self.portals.items()}, "failed": self.failed}


def summarize(db: sqlite_utils.Database, run_id: int, portal: str) -> PortalSummary:
    """The run's outcome for one portal, from the database (so a resumed run counts it all)."""
    s = PortalSummary(portal)
    for kind, state, outcome, n in db.execute(
        "SELECT kind, state, outcome, COUNT(*) FROM crawl_frontier WHERE run_id = ? AND portal = ? "
        "GROUP BY kind, state, outcome", [run_id, portal],
    ).fetchall():
        if state == "pending" or state == "fetched":
            s.pending += n
            continue
        if kind == "list":
            s.lists += n
        elif kind == "page":
            s.pages += n
        else:
            s.attachments += n
        if state == "failed":
            s.errors[outcome or "error"] += n
        elif kind != "list" and outcome in (*REPORT_OUTCOMES, "duplicate"):
            s.reports[outcome] += n
    for status, error, n in db.execute(
        "SELECT status, error, COUNT(*) FROM crawl_fetches WHERE run_id = ? AND portal = ? GROUP BY status, error",
        [run_id, portal],
    ).fetchall():
        s.requests += n if error != "parse" else 0
        if status == 304:
            s.not_modified += n
        if error == "parse":
            s.errors["parse"] += n
    return s


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _region(hint: str | None) -> parsers.Region:
    """The portal's region hint as a place (code, name and parents), as the parser resolves it."""
    if not hint:
        return parsers.Region()
    found = lookup(hint)
    if found:
        return found
    return parsers.Region(code=hint) if re.fullmatch(r"\d{6}", hint) else parsers.Region(name=hint)


class Crawler:
    def __init__(
        self,
        db: sqlite_utils.Database,
        archive: Archive,
        fetcher: Fetcher,
        run_id: int,
        *,
        since: int | None = None,
        on_event: Event | None = None,
        pool: concurrent.futures.Executor | None = None,
    ) -> None:
        self.pool = pool
        # documents waiting for the parser, per portal; their bytes are bounded so that fetching
        # cannot run arbitrarily far ahead of parsing (their rows are `fetched`: a crash loses nothing)
        self.parsing: dict[str, set[asyncio.Task]] = {}
        self.parse_room = asyncio.Condition()
        self.parse_bytes = 0
        self.archive_lock = asyncio.Lock()
        self.fetched: dict[str, int] = {}  # fetches this run, per portal (the max_pages budget)
        self.claimed: dict[str, str] = {}  # content key -> the URL whose report it is, this run
        self.db = db
        self.archive = archive
        self.fetcher = fetcher
        self.frontier = Frontier(db)
        self.run_id = run_id
        self.since = since
        self.on_event = on_event or (lambda *a: None)

    # --- scheduling -------------------------------------------------------------------------

    def seed(self, portal: Portal) -> None:
        with transaction(self.db):
            for u in portal.start_urls:
                self.frontier.add(self.run_id, portal.name, canonical_url(u), "list", region_hint=portal.region)

    async def run_portal(self, portal: Portal) -> None:
        s = portal.settings
        self.fetched[portal.name] = self.frontier.fetch_count(self.run_id, portal.name)
        width = s.concurrency * 2 + 2  # tasks ready to go; the host gate decides when they start
        busy: dict[asyncio.Task, int] = {}
        # rows whose bytes were stored before a crash: finish them from the archive, no refetch
        for row in self.frontier.next_rows(self.run_id, portal.name, "fetched", 10**6, set()):
            await self._guard(portal, row, self._finish_from_archive(portal, row))
        await self._drain(portal)
        while True:
            room = width - len(busy)
            if room > 0 and self.fetched.get(portal.name, 0) < s.max_pages:
                for row in self.frontier.next_rows(self.run_id, portal.name, "pending", room, set(busy.values())):
                    t = asyncio.create_task(self._guard(portal, row, self.process(portal, row)))
                    busy[t] = row["id"]
            parsing = self.parsing.get(portal.name, set())
            if not busy and not parsing:
                break
            done, _ = await asyncio.wait([*busy, *parsing], return_when=asyncio.FIRST_COMPLETED)
            for t in done:
                if t in busy:
                    busy.pop(t)
                else:
                    parsing.discard(t)
                t.result()

    async def _drain(self, portal: Portal) -> None:
        tasks = self.parsing.get(portal.name, set())
        while tasks:
            done, _ = await asyncio.wait(tasks)
            for t in done:
                tasks.discard(t)
                t.result()

    async def _queue_parse(self, portal: Portal, row: dict[str, Any], *args: Any) -> None:
        """Hand a fetched document to the parser without holding up the portal's fetch slots."""
        size = len(args[1])
        async with self.parse_room:
            # wait while the backlog is full (but always let one document through)
            await self.parse_room.wait_for(lambda: self.parse_bytes == 0 or self.parse_bytes + size <= PARSE_BACKLOG)
            self.parse_bytes += size

        async def job() -> None:
            try:
                await self._guard(portal, row, self._handle_document(portal, row, *args))
            finally:
                async with self.parse_room:
                    self.parse_bytes -= size
                    self.parse_room.notify_all()

        self.parsing.setdefault(portal.name, set()).add(asyncio.create_task(job()))

    async def _guard(self, portal: Portal, row: dict[str, Any], coro: Any) -> None:
        """A bug or surprise on one URL fails that URL, never the crawl."""
        try:
            await coro
        except (asyncio.CancelledError, KeyboardInterrupt):
            raise
        except Exception as e:  # noqa: BLE001 - recorded against the URL and summarised
            log.exception("%s: %s failed", portal.name, row["url"])
            with transaction(self.db):
                self.frontier.mark(row["id"], "failed", "internal", attempts=(row["attempts"] or 0) + 1)
            self.on_event(portal.name, "error", {"url": row["url"], "error": f"internal: {e}"})

    # --- one URL ----------------------------------------------------------------------------

    def _previous(self, url: str) -> dict[str, Any] | None:
        rows = list(self.db.query(
            "SELECT id, sha256, etag, last_modified, archive_path, archive_offset FROM documents WHERE url = ?",
            [url]))
        return rows[0] if rows else None

    def _record_fetch(self, portal: Portal, res: FetchResult, *, size: int | None = None,
                      sha: str | None = None, document_id: int | None = None, error: str | None = None,
                      stored: Any = None) -> None:
        insert(self.db, "crawl_fetches", {
            "run_id": self.run_id, "portal": portal.name, "url": res.url, "final_url": res.final_url,
            "status": res.status, "fetched_at": res.fetched_at, "elapsed_ms": int(res.elapsed * 1000),
            "attempts": res.attempts, "size": size, "sha256": sha, "error": error or res.error,
            "detail": res.detail, "document_id": document_id,
            "archive_path": stored.path if stored else None, "archive_offset": stored.offset if stored else None,
        })

    async def process(self, portal: Portal, row: dict[str, Any]) -> None:
        url = row["url"]
        prev = self._previous(url) if row["method"] == "GET" else None
        headers = {}
        if prev and prev["archive_path"]:
            if prev["etag"]:
                headers["If-None-Match"] = prev["etag"]
            if prev["last_modified"]:
                headers["If-Modified-Since"] = prev["last_modified"]
        form = json.loads(row["form"]) if row["form"] else None
        res = await self.fetcher.fetch(url, portal, headers=headers, method=row["method"], data=form)
        self.fetched[portal.name] = self.fetched.get(portal.name, 0) + 1
        self.on_event(portal.name, "fetch", {"url": url, "status": res.status, "error": res.error, "kind": row["kind"]})

        if res.not_modified and prev:
            with transaction(self.db):
                self._record_fetch(portal, res, document_id=prev["id"])
            if row["kind"] == "list":
                rec = read_record(prev["archive_path"], prev["archive_offset"])
                await self._list(portal, row, rec.content, rec.header("content-type"), rec.url)
            elif self._is_attachment_page(row, prev["id"]):
                await self._revisit(portal, row, prev["id"])
            else:
                outcome = row["outcome"] if row["outcome"] in ("not_report", "duplicate") else "unchanged"
                with transaction(self.db):
                    self.frontier.mark(row["id"], "done", outcome, document_id=prev["id"])
                self.on_event(portal.name, "report", {"url": url, "outcome": outcome})
            return

        if not res.ok:
            with transaction(self.db):
                self._record_fetch(portal, res)
                self.frontier.mark(row["id"], "failed", res.error or f"http_{res.status}",
                                   attempts=(row["attempts"] or 0) + 1)
            self.on_event(portal.name, "error", {"url": url, "error": res.error, "detail": res.detail})
            return

        # keep the bytes first (fsynced), then commit the pointer: the database never points at
        # a record that is not fully on disk
        sha = _sha(res.content)
        async with self.archive_lock:  # one writer; the fsync runs off the event loop
            stored = await asyncio.to_thread(
                self.archive.write, res.final_url, res.status or 200, res.headers, res.content,
                http_version=res.http_version, fetched_at=res.fetched_at, request_method=row["method"])
        doc_url = url if row["method"] == "GET" else f"{url}#{_sha(row['form'].encode())[:16]}"
        doc = DocumentRow(
            url=doc_url, sha256=sha, final_url=res.final_url, status=res.status, fetched_at=res.fetched_at,
            content_type=res.header("content-type"), etag=res.header("etag"),
            last_modified=res.header("last-modified"), size=len(res.content),
            archive_path=stored.path, archive_offset=stored.offset,
        )
        with transaction(self.db):
            doc_id = upsert_document(self.db, doc)
            self._record_fetch(portal, res, size=len(res.content), sha=sha, document_id=doc_id, stored=stored)
            self.frontier.mark(row["id"], "fetched", document_id=doc_id)

        if row["kind"] == "list":
            await self._list(portal, row, res.content, res.header("content-type"), res.final_url)
            return
        unchanged = prev is not None and prev["sha256"] == sha and row["outcome"] is not None
        if unchanged and self._is_attachment_page(row, prev["id"]):
            await self._revisit(portal, row, prev["id"])
            return
        if unchanged:  # same bytes as last time (a server without validators): no parsing
            outcome = row["outcome"] if row["outcome"] in ("not_report", "duplicate") else "unchanged"
            with transaction(self.db):
                self.frontier.mark(row["id"], "done", outcome)
            self.on_event(portal.name, "report", {"url": url, "outcome": outcome})
            return
        await self._queue_parse(portal, row, doc, res.content, res.header("content-disposition"))

    def _is_attachment_page(self, row: dict[str, Any], document_id: int) -> bool:
        """An article page that holds no report of its own (its report is an attachment)."""
        return row["kind"] == "page" and not self.db.execute(
            "SELECT 1 FROM reports WHERE document_id = ?", [document_id]).fetchone()

    async def _revisit(self, portal: Portal, row: dict[str, Any], document_id: int) -> None:
        """An unchanged page whose report is its attachment: read it again from the archive so
        that its attachments are queued, and revalidated (conditionally) like any held page."""
        with transaction(self.db):
            self.frontier.mark(row["id"], "fetched", document_id=document_id)
        await self._finish_from_archive(portal, {**row, "document_id": document_id})

    async def _finish_from_archive(self, portal: Portal, row: dict[str, Any]) -> None:
        docs = list(self.db.query("SELECT * FROM documents WHERE id = ?", [row["document_id"]]))
        if not docs or not docs[0]["archive_path"]:
            with transaction(self.db):
                self.frontier.mark(row["id"], "pending")
            return
        d = docs[0]
        rec = read_record(d["archive_path"], d["archive_offset"])
        if row["kind"] == "list":
            await self._list(portal, row, rec.content, rec.header("content-type"), d["final_url"] or row["url"])
            return
        doc = DocumentRow(**{k: d[k] for k in DocumentRow.__dataclass_fields__})
        await self._queue_parse(portal, row, doc, rec.content, rec.header("content-disposition"))

    async def _list(self, portal: Portal, row: dict[str, Any], content: bytes, ctype: str | None, url: str) -> None:
        page = Page(canonical_url(url), content, ctype)
        d = discover(page, portal, since=self.since)
        added = 0
        with transaction(self.db):
            n_lists = self.frontier.count(self.run_id, portal.name, "list")
            for req in d.lists:
                if n_lists >= portal.settings.max_list_pages:
                    break
                if self.frontier.add(self.run_id, portal.name, req.url, "list", referrer=row["url"],
                                     depth=row["depth"] + 1, method=req.method, form=req.form_json,
                                     region_hint=portal.region):
                    n_lists += 1
            for kind, links in (("page", d.reports), ("page", d.maybes), ("attachment", d.attachments)):
                for link in links:
                    if self.frontier.add(self.run_id, portal.name, link.url, kind, title=link.text,
                                         referrer=row["url"], depth=row["depth"] + 1, region_hint=portal.region):
                        added += 1
            self.frontier.mark(row["id"], "done", "listed")
        self.on_event(portal.name, "list", {"url": row["url"], "families": d.families, "found": added,
                                            "lists": len(d.lists)})

    async def _handle_document(self, portal: Portal, row: dict[str, Any], doc: DocumentRow, content: bytes,
                               disposition: str | None) -> None:
        """A page or attachment held in the archive: store its report, or queue its attachments."""
        title = row["title"] or ""
        filename = filename_from_headers(disposition, doc.final_url or doc.url)
        ctype = (doc.content_type or "").lower()
        is_html = row["kind"] == "page" and ("html" in ctype or not rules.attachment_ext(doc.final_url or doc.url))
        content_key = _sha(content)
        if is_html:
            page = Page(doc.final_url or doc.url, content, doc.content_type)
            if rules.classify_title(title) != "report":
                found = next((t for t in page.title_candidates() if rules.classify_title(t) == "report"), None)
                if found is None:
                    with transaction(self.db):
                        self.frontier.mark(row["id"], "done", "not_report")
                    return
                title = found
            if self.since and (y := rules.title_year(title)) and y < self.since:
                with transaction(self.db):
                    self.frontier.mark(row["id"], "done", "skipped_year")
                return
            body = page.body_text
            atts = [a for a in page.attachments() if portal.allows_host(urlsplit(a.url).netloc)]
            atts = atts[: portal.settings.max_attachments]
            if atts and (rules.refers_to_attachment(body) or len(body) < rules.min_body_chars()):
                with transaction(self.db):
                    for a in atts:
                        self.frontier.add(self.run_id, portal.name, a.url, "attachment", title=title,
                                          referrer=row["url"], depth=row["depth"] + 1, region_hint=portal.region)
                    self.frontier.mark(row["id"], "done", "attachments")
                return
            content_key = _sha(re.sub(r"\s+", "", body).encode("utf-8"))
        dup = self.db.execute(
            "SELECT url FROM crawl_frontier WHERE content_key = ? AND url != ? AND outcome IN ('new','changed','unchanged') "
            "AND kind != 'list' LIMIT 1", [content_key, row["url"]],
        ).fetchone()
        claimed = self.claimed.setdefault(content_key, row["url"])  # the same bytes being parsed right now
        if not dup and claimed != row["url"]:
            dup = (claimed,)
        if dup:
            with transaction(self.db):
                self.frontier.mark(row["id"], "done", "duplicate", content_key=content_key)
            self.on_event(portal.name, "report", {"url": row["url"], "outcome": "duplicate", "of": dup[0]})
            return
        report, error = await parse_document(content, filename=filename, content_type=doc.content_type,
                                             url=doc.final_url or doc.url, region_hint=row["region_hint"],
                                             title=title, pool=self.pool)
        if error:
            with transaction(self.db):
                insert(self.db, "crawl_fetches", {"run_id": self.run_id, "portal": portal.name, "url": row["url"],
                                                  "error": "parse", "detail": error[:500]})
        _, outcome = store_report(self.db, report, doc, publisher_kind=None)
        with transaction(self.db):
            self.frontier.mark(row["id"], "done", outcome, content_key=content_key)
        self.on_event(portal.name, "report", {"url": row["url"], "outcome": outcome, "title": report.title})


_POOL: concurrent.futures.ProcessPoolExecutor | None = None
_POOL_SIZE = 0
_POOL_BROKEN = False


def _worker_init(parent: int) -> None:
    # parsing yields the CPU to the crawl's event loop: the polite request schedule comes first
    try:
        os.nice(10)
    except OSError:
        pass
    # a worker outlives a crawl killed with -9; it must notice and go (no PR_SET_PDEATHSIG in
    # the standard library, and this works beyond Linux). `parent` comes from the parent itself:
    # it may already be gone by the time this runs.

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def parse_pool(workers: int) -> concurrent.futures.Executor | None:
    """A process pool for the parser (CPU-bound Python: threads would stall the event loop on the
    GIL), shared by all crawls of this process. `spawn`, never `fork`: the caller may run threads."""
    global _POOL, _POOL_SIZE
    if workers < 0:
        workers = os.cpu_count() or 1
    if workers == 0:
        return None
    if _POOL is None or _POOL_SIZE != workers:
        if _POOL is not None:
            _POOL.shutdown(wait=False, cancel_futures=True)
        _POOL = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init, initargs=(os.getpid(),))
        _POOL_SIZE = workers
    return _POOL


@atexit.register
def _close_pool() -> None:
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)


def _parse(content: bytes, filename: str | None, content_type: str | None, url: str,
           region_hint: str | None) -> parsers.Report:
    return parsers.parse_bytes(content, filename=filename, content_type=content_type, url=url,
                               region_hint=region_hint)


async def parse_document(content: bytes, *, filename: str | None, content_type: str | None, url: str,
                         region_hint: str | None, title: str | None,
                         pool: concurrent.futures.Executor | None = None) -> tuple[parsers.Report, str | None]:
    """Parse off the event loop. A report the parser cannot read yet is still recorded (title,
    year from its title, the portal's region) with a failed `parse` check, so that nothing found
    is lost and `gongkai parse --reparse` can fill it in later."""
    global _POOL_BROKEN
    try:
        loop = asyncio.get_running_loop()
        if _POOL_BROKEN:
            pool = None
        try:
            report = await loop.run_in_executor(pool, _parse, content, filename, content_type, url, region_hint)
        except concurrent.futures.process.BrokenProcessPool:
            # e.g. a calling script without `if __name__ == "__main__":` (spawn re-runs it)
            if not _POOL_BROKEN:
                log.warning("parser processes failed to start; parsing in a thread instead")
            _POOL_BROKEN = True
            report = await loop.run_in_executor(None, _parse, content, filename, content_type, url, region_hint)
        error = None
    except Exception as e:  # noqa: BLE001 - ParseError, or a parser bug: one report must not stop a crawl
        msg = str(e) or type(e).__name__
        report = parsers.Report(title=title or None, year=rules.title_year(title), region=_region(region_hint),
                                checks=[parsers.Check("parse", "fail", msg)], source=url)
        error = f"{type(e).__name__}: {msg}"
    if title and (not report.title or (rules.classify_title(report.title) != "report"
                                       and rules.classify_title(title) == "report")):
        report.title = title  # the parser found no better name than the portal's own title
    if report.year is None:
        report.year = rules.title_year(report.title)
    if report.region.code is None and report.region.name is None and region_hint:
        report.region = _region(region_hint)
    return report, error


async def crawl_async(
    db_path: str | Path,
    config: Config,
    *,
    portals: list[str] | None = None,
    since: int | None = None,
    on_event: Event | None = None,
    lock_wait: float = 0.0,
    transport: httpx.AsyncBaseTransport | None = None,
    archive_dir: str | Path | None = None,
) -> CrawlResult:
    selected = config.select(portals)
    with crawl_lock(db_path, wait=lock_wait):
        db = connect(db_path)  # WAL + synchronous=NORMAL: see db/schema.py
        frontier = Frontier(db)
        run_id, resumed = frontier.begin_run([p.name for p in selected])
        archive = Archive(archive_dir or archive_dir_for(db_path))
        status = "failed"
        try:
            async with Fetcher(selected, transport=transport) as fetcher:
                crawler = Crawler(db, archive, fetcher, run_id, since=since, on_event=on_event,
                                  pool=parse_pool(config.defaults.parse_workers))
                for p in selected:
                    crawler.seed(p)  # on a resumed run this only adds start URLs new to the config
                await asyncio.gather(*(crawler.run_portal(p) for p in selected))
            result = CrawlResult(run_id, resumed, {p.name: summarize(db, run_id, p.name) for p in selected})
            for p in selected:
                host_err = fetcher.robots_errors
                for h in p.hosts:
                    if h in host_err:
                        result.portals[p.name].errors["robots_unavailable"] += 1
            status = "failed" if result.failed else "done"
            frontier.finish_run(run_id, status, result.to_dict())
            return result
        finally:
            archive.close()
            db.conn.close()


def crawl(db_path: str | Path, config: Config, **kw: Any) -> CrawlResult:
    return asyncio.run(crawl_async(db_path, config, **kw))


def plan(db_path: str | Path, config: Config, *, portals: list[str] | None = None) -> list[dict[str, Any]]:
    """What a crawl would fetch first, without any network traffic (`--dry-run`): the start
    URLs, URLs left pending by an unfinished run, and pages held that would be revalidated."""
    selected = config.select(portals)
    out: list[dict[str, Any]] = []
    db = connect(db_path) if Path(db_path).exists() else None
    for p in selected:
        entry: dict[str, Any] = {"portal": p.name, "rate": p.settings.rate, "concurrency": p.settings.concurrency,
                                 "hosts": list(p.hosts), "start_urls": list(p.start_urls), "pending": [],
                                 "revalidate": 0}
        if db is not None:
            key = None
            for r in db.query("SELECT id, portals FROM crawl_runs WHERE status = 'running' ORDER BY id DESC"):
                if p.name in json.loads(r["portals"]):
                    key = r["id"]
                    break
            if key is not None:
                entry["pending"] = [r["url"] for r in db.query(
                    "SELECT url FROM crawl_frontier WHERE run_id = ? AND portal = ? AND state = 'pending' ORDER BY id",
                    [key, p.name])]
            entry["revalidate"] = db.execute(
                "SELECT COUNT(*) FROM crawl_frontier WHERE portal = ? AND kind != 'list' AND state = 'done'",
                [p.name]).fetchone()[0]
        out.append(entry)
    if db is not None:
        db.conn.close()
    return out


def reparse_all(db_path: str | Path, failures: list[tuple[str, str]] | None = None) -> Counter:
    """Rebuild every crawled report from the archive, offline (`gongkai parse --reparse`).
    Counts parsed/failed/missing; each failure's URL and error is added to `failures`."""
    db = connect(db_path)
    counts: Counter = Counter()
    try:
        rows = list(db.query(
            "SELECT f.url, f.title, f.region_hint, f.kind, d.* FROM crawl_frontier f JOIN documents d "
            "ON d.id = f.document_id JOIN reports r ON r.document_id = d.id "
            "WHERE f.kind != 'list' AND f.outcome IN ('new','changed','unchanged') "
            "GROUP BY d.id"))
        # only documents that hold a report: an article page whose report is its attachment
        # (outcome `attachments` when first fetched, `unchanged` on a 304 later) is not one
        for r in rows:
            try:
                rec = read_record(r["archive_path"], r["archive_offset"])
            except (OSError, LookupError) as e:
                log.warning("%s: archive unreadable: %s", r["url"], e)
                counts["missing"] += 1
                if failures is not None:
                    failures.append((r["url"], f"archive unreadable: {e}"))
                continue
            doc = DocumentRow(**{k: r[k] for k in DocumentRow.__dataclass_fields__})
            filename = filename_from_headers(rec.header("content-disposition"), doc.final_url or doc.url)
            report, error = asyncio.run(parse_document(
                rec.content, filename=filename, content_type=doc.content_type, url=doc.final_url or doc.url,
                region_hint=r["region_hint"], title=r["title"]))
            store_report(db, report, doc)
            counts["failed" if error else "parsed"] += 1
            if error and failures is not None:
                failures.append((r["url"], error))
    finally:
        db.conn.close()
    return counts

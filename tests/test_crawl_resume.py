"""Crash safety and operators' view: kill -9 then resume, the CLI's dry run and exit status, the demo."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from gongkai.cmd_crawl import crawl as crawl_cmd
from scraper.localserver import PortalServer, Resource
from scraper.sitegen import SiteReport, trs_site

ROOT = Path(__file__).resolve().parents[1]

RUNNER = """
import json, sys
sys.path.insert(0, {root!r})
from scraper.config import parse_config
from scraper.crawl import crawl
if __name__ == "__main__":
    crawl(sys.argv[1], parse_config(json.loads(sys.argv[2])))
"""


def _reports(n: int) -> list[SiteReport]:
    return [SiteReport(f"江山市{2000 + i}年政府信息公开工作年度报告",
                       "\n".join(f"江山市{2000 + i}年第{j}项：主动公开信息{i * 100 + j}条。" for j in range(20)),
                       date=f"{2001 + i}-02-03") for i in range(n)]


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_kill_9_then_resume(tmp_path: Path) -> None:
    site = trs_site(_reports(24), per_page=8, noise=False)
    srv = PortalServer(site.routes, latency=0.03).start()
    srv.routes["/robots.txt"] = Resource(b"User-agent: *\nDisallow:\n", "text/plain")
    try:
        cfg = json.dumps({"defaults": {"rate": 25.0, "concurrency": 2, "user_agent": "gongkai-test"},
                          "portal": [{"name": "js", "start_urls": [srv.base + site.start_path]}]})
        script = tmp_path / "run.py"
        script.write_text(RUNNER.format(root=str(ROOT)))
        db = tmp_path / "g.db"
        proc = subprocess.Popen([sys.executable, str(script), str(db), cfg])
        deadline = time.monotonic() + 60
        while sum(p in site.report_paths for p in srv.paths()) < 10:
            assert proc.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stored = {u for (u,) in _rows(db, "SELECT url FROM documents")}
        assert 0 < len(stored) and _rows(db, "SELECT status FROM crawl_runs") == [("running",)]
        first = list(srv.paths())
        srv.hits.clear()

        done = subprocess.run([sys.executable, str(script), str(db), cfg], timeout=120)
        assert done.returncode == 0
        second = [p for p in srv.paths() if p != "/robots.txt"]
        refetched = {srv.base + p for p in second} & stored
        assert not refetched, f"fetched twice although stored: {refetched}"
        assert set(site.report_paths) <= set(first) | set(second)
        assert _rows(db, "SELECT COUNT(*), COUNT(DISTINCT url), COUNT(DISTINCT title) FROM reports") == [(24, 24, 24)]
        assert _rows(db, "SELECT id, status FROM crawl_runs") == [(1, "done")]
    finally:
        srv.stop()


def _write_config(tmp_path: Path, start_url: str) -> Path:
    p = tmp_path / "portals.toml"
    p.write_text(f'[defaults]\nrate = 50.0\nconcurrency = 2\nuser_agent = "gongkai-test"\n\n'
                 f'[[portal]]\nname = "p"\nstart_urls = ["{start_url}"]\nregion = "330802"\n', encoding="utf-8")
    return p


def test_cli_dry_run_fetches_nothing(tmp_path: Path) -> None:
    site = trs_site(_reports(3), noise=False)
    with PortalServer(site.routes) as srv:
        cfg = _write_config(tmp_path, srv.base + site.start_path)
        res = CliRunner().invoke(crawl_cmd, ["--config", str(cfg), "--db", str(tmp_path / "g.db"), "--dry-run"])
        assert res.exit_code == 0, res.output
        assert f"GET {srv.base}{site.start_path}" in res.output
        assert srv.hits == []


def test_cli_exit_status_and_summary(tmp_path: Path) -> None:
    good = trs_site(_reports(2), noise=False)
    empty = trs_site([], noise=False)
    with PortalServer(good.routes) as srv:
        cfg = _write_config(tmp_path, srv.base + good.start_path)
        res = CliRunner().invoke(crawl_cmd, ["--config", str(cfg), "--db", str(tmp_path / "g.db")])
        assert res.exit_code == 0, res.output
        assert "p: ok" in res.output and "reports new 2," in res.output
    with PortalServer(empty.routes) as srv:
        cfg = _write_config(tmp_path, srv.base + empty.start_path)
        res = CliRunner().invoke(crawl_cmd, ["--config", str(cfg), "--db", str(tmp_path / "h.db")])
        assert res.exit_code == 1
        assert "FAILED" in res.output


def test_cli_bad_config(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text('[[portal]]\nname = "x"\nstart_urls = ["http://127.0.0.1:9/"]\nrates = 3\n')
    res = CliRunner().invoke(crawl_cmd, ["--config", str(p), "--db", str(tmp_path / "g.db")])
    assert res.exit_code != 0 and "unknown key" in res.output


def test_demo_end_to_end(tmp_path: Path) -> None:
    from gongkai.demo import run_demo

    db = tmp_path / "gongkai.db"
    assert run_demo(db) == 0
    rows = _rows(db, "SELECT region_name, year FROM reports")
    assert len(rows) == 10
    assert {y for _, y in rows} >= {2019, 2020, 2021, 2023, 2024}
    assert len({r for r, _ in rows if r}) >= 3
    # a second demo run revalidates instead of refetching
    assert run_demo(db) == 0
    assert _rows(db, "SELECT COUNT(*) FROM reports")[0][0] == 10
    # the report behind an unchanged article page (a .docx attachment) is revalidated too
    assert _rows(db, "SELECT outcome FROM crawl_frontier WHERE kind = 'attachment'") == [("unchanged",)]
    # `gongkai parse --reparse` rebuilds the crawled reports from the WARC archive, offline
    figures = _rows(db, "SELECT report_id, metric, breakdown, value FROM figures ORDER BY report_id, ord")
    from gongkai.cmd_parse import parse as parse_cmd

    res = CliRunner().invoke(parse_cmd, ["--reparse", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "10 unchanged" in res.output
    assert _rows(db, "SELECT report_id, metric, breakdown, value FROM figures ORDER BY report_id, ord") == figures


def test_unfinished_run_of_other_portals_is_abandoned(tmp_path: Path) -> None:
    from db.schema import connect
    from scraper.frontier import Frontier

    db = connect(tmp_path / "g.db")
    f = Frontier(db)
    first, resumed = f.begin_run(["a"])
    assert not resumed
    assert f.begin_run(["a"]) == (first, True)  # same portals: resumed
    second, resumed = f.begin_run(["a", "b"])  # overlapping set: a new run takes over
    assert not resumed and second != first
    assert dict(db.execute("SELECT id, status FROM crawl_runs").fetchall()) == {first: "abandoned", second: "running"}
    db.conn.close()

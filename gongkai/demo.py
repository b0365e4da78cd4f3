"""`gongkai demo`: crawl bundled real reports from two local fixture portals and compare them.

Everything stays on 127.0.0.1: the portals are served by scraper.localserver from
gongkai/demo_data/, in the TRS (GBK, createPageHTML paging) and Hanweb (datastore +
dataproxy.jsp, one report as a .docx attachment) styles of report-format.md §6.
"""

from __future__ import annotations

import asyncio
import time
import tomllib
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from db.schema import connect
from scraper.config import parse_config
from scraper.crawl import crawl_async
from scraper.localserver import PortalServer, Resource
from scraper.sitegen import BuiltSite, SiteReport, hanweb_site, trs_site

METRICS = (
    ("proactive.items", "主动公开"),
    ("proactive.consultations", "咨询"),
    ("requests.new", "新收申请"),
)
PORTS = {"trs": 28731, "hanweb": 28732}  # fixed where free, so a second demo run revalidates the same URLs


def demo_reports() -> dict[str, list[SiteReport]]:
    base = resources.files("gongkai").joinpath("demo_data")
    spec = tomllib.loads(base.joinpath("reports.toml").read_text(encoding="utf-8"))
    out: dict[str, list[SiteReport]] = {"trs": [], "hanweb": []}
    for r in spec["report"]:
        text = base.joinpath(r["file"]).read_text(encoding="utf-8")
        is_html = r["file"].endswith(".html")
        out[r["portal"]].append(SiteReport(
            title=r["title"], date=r["date"], text="" if is_html else text, html=text if is_html else None,
            attachment=bool(r.get("attachment")),
        ))
    return out


def _server(site: BuiltSite, port: int) -> PortalServer:
    try:
        srv = PortalServer(site.routes, handlers=site.handlers, port=port)
    except OSError:
        srv = PortalServer(site.routes, handlers=site.handlers)
    srv.routes["/robots.txt"] = Resource(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    return srv.start()


def comparison(db_path: Path) -> Table:
    db = connect(db_path)
    t = Table(title="政府信息公开年报: a few figures by region and year")
    t.add_column("region")
    t.add_column("year", justify="right")
    for _, label in METRICS:
        t.add_column(label, justify="right")
    t.add_column("title")
    rows = db.execute(
        "SELECT id, COALESCE(region_name, county, city, province, '?'), year, title FROM reports "
        "ORDER BY year, region_name"
    ).fetchall()
    seen = set()
    for rid, region, year, title in rows:
        key = (title, year)
        if key in seen:
            continue
        seen.add(key)
        vals = []
        for metric, _ in METRICS:
            v = db.execute("SELECT value FROM figures WHERE report_id = ? AND metric = ? AND breakdown = 'total' "
                           "LIMIT 1", [rid, metric]).fetchone()
            vals.append("-" if v is None or v[0] is None else f"{v[0]:g}")
        t.add_row(str(region), str(year or "?"), *vals, title or "")
    db.conn.close()
    return t


def run_demo(db_path: Path, *, console: Console | None = None, keep_serving: bool = False) -> int:
    console = console or Console()
    reports = demo_reports()
    sites = {"trs": trs_site(reports["trs"], per_page=4), "hanweb": hanweb_site(reports["hanweb"], inline=3)}
    servers = {name: _server(site, PORTS[name]) for name, site in sites.items()}
    try:
        config = parse_config({
            "defaults": {"rate": 20.0, "concurrency": 2, "user_agent": "gongkai-demo/0.1 (+local)",
                         "retries": 1, "backoff": 0.2},
            "portal": [
                {"name": "demo-trs", "start_urls": [servers["trs"].base + sites["trs"].start_path]},
                {"name": "demo-hanweb", "start_urls": [servers["hanweb"].base + sites["hanweb"].start_path]},
            ],
        })
        console.print(f"demo portals: {servers['trs'].base} (TRS, GBK) and {servers['hanweb'].base} (Hanweb)")
        t0 = time.monotonic()
        result = asyncio.run(crawl_async(db_path, config))
        from gongkai.cmd_crawl import print_summary

        print_summary(result, console)
        console.print(f"crawled in {time.monotonic() - t0:.1f}s into {db_path}")
        console.print(comparison(db_path))
        if keep_serving:
            console.print("serving; Ctrl-C to stop")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
        unparsed = sum(s.errors.get("parse", 0) for s in result.portals.values())
        if unparsed:
            # the demo is the first thing a new user runs: a parser failure must not look like data
            console.print(f"[red]{unparsed} demo report(s) could not be parsed; their failed `parse` "
                          f"checks say why (gongkai audit --db {db_path})[/red]")
        return 1 if result.failed or unparsed else 0
    finally:
        for s in servers.values():
            s.stop()

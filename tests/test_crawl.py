"""The crawler against real HTTP servers on 127.0.0.1 (scraper.localserver), one per portal.

Limits are asserted on the server-side view (arrival times, requests in flight) with a small
tolerance, never on wall-clock durations.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scraper import rules
from scraper.archive import read_record
from scraper.config import parse_config
from scraper.crawl import CrawlResult, crawl, reparse_all
from scraper.frontier import LockedError, crawl_lock
from scraper.localserver import PortalServer, Resource
from scraper.sitegen import NOISE, BuiltSite, SiteReport, generic_site, hanweb_site, trs_site

FAST = {"rate": 200.0, "concurrency": 4, "retries": 2, "backoff": 0.05, "user_agent": "gongkai-test/0.1"}


def reports(place: str, years: range, *, attachment_at: int | None = None) -> list[SiteReport]:
    out = []
    for k, y in enumerate(years):
        text = "\n".join(
            [f"{place}{y}年政府信息公开工作年度报告", "一、总体情况",
             f"{y}年，{place}人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。"]
            + [f"全年主动公开政府信息{1000 + y + i}条，其中第{i}类信息{i * 7}条。" for i in range(12)]
        )
        out.append(SiteReport(f"{place}{y}年政府信息公开工作年度报告", text, date=f"{y + 1}-01-{10 + k % 18:02d}",
                              attachment=(k == attachment_at)))
    return out


def serve(site: BuiltSite, *, robots: str | None = "User-agent: *\nDisallow:\n", latency: float = 0.0) -> PortalServer:
    srv = PortalServer(site.routes, handlers=site.handlers, latency=latency)
    if robots is not None:
        srv.routes["/robots.txt"] = Resource(robots.encode(), "text/plain")
    return srv.start()


def config(portals: list[dict[str, Any]], **defaults: Any) -> Any:
    return parse_config({"defaults": {**FAST, **defaults}, "portal": portals})


def portal(name: str, srv: PortalServer, site: BuiltSite, **kw: Any) -> dict[str, Any]:
    return {"name": name, "start_urls": [srv.base + site.start_path], **kw}


def db_rows(db: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def titles(db: Path) -> list[str]:
    return sorted(r[0] for r in db_rows(db, "SELECT title FROM reports"))


@pytest.fixture
def servers():
    started: list[PortalServer] = []
    yield started
    for s in started:
        s.stop()


def test_trs_gbk_lying_charset(tmp_path: Path, servers: list) -> None:
    reps = reports("柯城区", range(2014, 2024), attachment_at=3)
    site = trs_site(reps, per_page=4, header_charset="utf-8")  # GBK bytes, header claims UTF-8
    srv = serve(site)
    servers.append(srv)
    db = tmp_path / "g.db"
    result = crawl(db, config([portal("kecheng", srv, site, region="330802")]))
    s = result.portals["kecheng"]
    assert not result.failed and s.reports["new"] == 10 and not s.errors
    hit = set(srv.paths())
    assert set(site.report_paths) <= hit
    assert not set(site.noise_paths) & hit, "notices and interpretations are never fetched"
    assert {f"/xxgk/zfxxgknb/index_{i}.html" for i in range(1, 6)} <= hit
    assert titles(db) == sorted(r.title for r in reps)
    # the .docx attachment behind 详见附件 became the report of its page
    att = site.attachment_paths[0]
    assert db_rows(db, "SELECT COUNT(*) FROM reports WHERE url LIKE ?", (f"%{att}",))[0][0] == 1
    # every document's bytes are in the archive, as served
    for url, path, off, sha in db_rows(db, "SELECT url, archive_path, archive_offset, sha256 FROM documents"):
        rec = read_record(path, off)
        assert rec.status == 200 and hashlib.sha256(rec.content).hexdigest() == sha
        served = site.routes.get(url.split(str(srv.port), 1)[1])
        if served is not None:
            assert rec.content == served.body
    assert db_rows(db, "SELECT COUNT(DISTINCT url), COUNT(*) FROM reports")[0] == (10, 10)


def test_hanweb_datastore_and_dataproxy(tmp_path: Path, servers: list) -> None:
    reps = reports("龙游县", range(2008, 2024), attachment_at=5)
    # GBK bytes under a Content-Type that says UTF-8, datastore XML included
    site = hanweb_site(reps, inline=4, truncate=9, encoding="gb18030", header_charset="utf-8")
    srv = serve(site)
    servers.append(srv)
    db = tmp_path / "g.db"
    result = crawl(db, config([portal("longyou", srv, site)]))
    assert result.portals["longyou"].reports["new"] == 16
    posts = [h for h in srv.hits if h.method == "POST"]
    assert posts and all(h.path.startswith("/module/web/jpage/dataproxy.jsp?startrecord=") for h in posts)
    assert all(b"columnid=1229000001" in h.body and b"unitid=4467331" in h.body for h in posts)
    hit = set(srv.paths())
    assert set(site.report_paths) <= hit and not set(site.noise_paths) & hit
    assert titles(db) == sorted(r.title for r in reps)  # truncated list titles resolved
    # Content-Disposition named the downfile.jsp attachment
    assert db_rows(db, "SELECT COUNT(*) FROM reports WHERE url LIKE '%downfile.jsp%'")[0][0] == 1


def test_generic_next_page_links(tmp_path: Path, servers: list) -> None:
    reps = reports("大足区", range(2015, 2024))
    site = generic_site(reps, per_page=3, header_charset="iso-8859-1")  # UTF-8 bytes, a latin-1 header
    srv = serve(site)
    servers.append(srv)
    db = tmp_path / "g.db"
    result = crawl(db, config([portal("dazu", srv, site)]))
    assert result.portals["dazu"].reports["new"] == 9
    assert not set(site.noise_paths) & set(srv.paths())


def test_limits_hold_per_host_across_portals(tmp_path: Path, servers: list) -> None:
    """Portals sharing a host get the strictest of their limits for it; each host is limited on
    its own, whatever else is crawled at the same time."""
    a = trs_site(reports("甲县", range(2010, 2022)), column="/a/zfxxgknb/", per_page=6, noise=False)
    b = trs_site(reports("乙县", range(2010, 2022)), column="/b/zfxxgknb/", per_page=6, noise=False)
    rate_host = serve(BuiltSite(routes={**a.routes, **b.routes}), latency=0.02)
    c = hanweb_site(reports("丙县", range(2010, 2022)), inline=4, noise=False)
    d = generic_site(reports("丁县", range(2010, 2022)), per_page=5, noise=False)
    slow_host = serve(BuiltSite(routes={**c.routes, **d.routes}, handlers=c.handlers), latency=0.15)
    servers += [rate_host, slow_host]
    cfg = config([
        portal("a", rate_host, a, rate=8.0, concurrency=3),
        portal("b", rate_host, b, rate=4.0, concurrency=3),
        portal("c", slow_host, c, rate=50.0, concurrency=3),
        portal("d", slow_host, d, rate=50.0, concurrency=2),
    ])
    result = crawl(tmp_path / "g.db", cfg)
    assert all(result.portals[n].reports["new"] == 12 for n in "abcd")
    # rate: over any window of T seconds at most rate*T + 1 request starts, +1 for arrival jitter
    assert len(rate_host.hits) >= 25
    assert rate_host.max_in_window(2.0) <= 4 * 2 + 1 + 1
    assert rate_host.max_in_window(1.0) <= 4 + 1 + 1
    # concurrency: at 50/s and 150 ms a request, only the gate keeps it at 2 (and it is reached)
    assert slow_host.peak_in_flight == 2


def test_robots_rules_and_crawl_delay(tmp_path: Path, servers: list) -> None:
    reps = reports("衢江区", range(2016, 2022))
    site = trs_site(reps, per_page=10, noise=False)
    banned = site.report_paths[1]
    robots = (f"User-agent: *\nDisallow: /\n\nUser-agent: gongkai-test\nDisallow: {banned}\n"
              "Disallow: /private/\nCrawl-delay: 0.25\n")
    srv = serve(site, robots=robots)
    servers.append(srv)
    result = crawl(tmp_path / "g.db", config([portal("qj", srv, site)]))
    s = result.portals["qj"]
    assert banned not in srv.paths()
    assert s.errors["robots"] == 1 and s.reports["new"] == 5
    # Crawl-delay honoured: starts spaced 0.25 s (rate 200/s otherwise). Arrival jitter on a busy
    # machine can bring two arrivals closer, so judge the whole span and 1 s windows.
    starts = sorted(h.start for h in srv.hits)
    assert starts[-1] - starts[0] >= (len(starts) - 1) * 0.25 - 0.15
    assert srv.max_in_window(1.0) <= 4 + 1 + 1


def test_robots_unreachable_means_no_crawl(tmp_path: Path, servers: list) -> None:
    site = trs_site(reports("某县", range(2020, 2023)), noise=False)
    srv = serve(site, robots=None)
    srv.faults["/robots.txt"] = [(500, {})] * 10
    servers.append(srv)
    result = crawl(tmp_path / "g.db", config([portal("x", srv, site)], retries=1))
    assert srv.paths() == ["/robots.txt", "/robots.txt"]
    assert result.failed == ["x"]


def test_retries_503_429_then_success(tmp_path: Path, servers: list) -> None:
    reps = reports("龙岗区", range(2018, 2023))
    site = trs_site(reps, per_page=10, noise=False)
    srv = serve(site)
    servers.append(srv)
    flaky, flakier, dead = site.report_paths[0], site.report_paths[1], site.report_paths[2]
    srv.faults[flaky] = [(503, {"Retry-After": "1"}), (429, {"Retry-After": "0"})]
    srv.faults[flakier] = [(502, {}), (500, {})]
    srv.faults[dead] = [(503, {})] * 10
    srv.faults[site.start_path] = [(429, {})]
    result = crawl(tmp_path / "g.db", config([portal("lg", srv, site)], retries=2))
    s = result.portals["lg"]
    count = Counter(srv.paths())
    assert count[flaky] == 3 and count[flakier] == 3
    assert count[dead] == 3  # 1 + 2 retries, then given up
    assert s.reports["new"] == 4 and s.errors == {"http_5xx": 1}
    # Retry-After: 1 was honoured
    t503 = next(h.end for h in srv.hits if h.path == flaky and h.status == 503)
    retry = [h.start for h in srv.hits if h.path == flaky]
    assert retry[1] - t503 >= 0.9


def test_redirects_within_portal_and_duplicates(tmp_path: Path, servers: list) -> None:
    reps = reports("潜江市", range(2019, 2023))
    site = trs_site(reps, per_page=10, noise=False)
    other = serve(BuiltSite(routes={"/x.html": Resource(b"<html>elsewhere</html>")}))
    srv = serve(site)
    servers += [other, srv]
    moved = site.report_paths[0]
    new_home = moved.replace(".html", "_new.html")
    srv.routes[new_home] = site.routes[moved]
    srv.routes[moved] = Resource(b"", status=301, headers={"Location": new_home}, conditional=False)
    # an offsite redirect is not followed
    offsite = site.report_paths[1]
    srv.routes[offsite] = Resource(b"", status=302, headers={"Location": other.base + "/x.html"}, conditional=False)
    # a mirror path of another report, linked from the list too
    mirror = "/mirror" + site.report_paths[2]
    srv.routes[mirror] = site.routes[site.report_paths[2]]
    index = site.routes[site.start_path]
    srv.routes[site.start_path] = Resource(
        index.body.replace(b"</ul>", f'<li><a href="{mirror}">{reps[2].title}</a></li></ul>'.encode("gb18030")),
        index.content_type)
    db = tmp_path / "g.db"
    result = crawl(db, config([portal("qj", srv, site)]))
    s = result.portals["qj"]
    assert new_home in srv.paths() and other.paths() == []
    assert s.errors["offsite_redirect"] == 1
    assert s.reports["new"] == 3 and s.reports["duplicate"] == 1
    assert db_rows(db, "SELECT COUNT(*) FROM reports WHERE title = ?", (reps[2].title,))[0][0] == 1
    assert db_rows(db, "SELECT final_url FROM documents WHERE url LIKE ?", (f"%{moved}",))[0][0].endswith(new_home)


def test_size_cap(tmp_path: Path, servers: list) -> None:
    reps = reports("某区", range(2020, 2022))
    site = trs_site(reps, noise=False)
    srv = serve(site)
    servers.append(srv)
    srv.routes[site.report_paths[0]] = Resource(b"<html>" + b"x" * 300_000 + b"</html>")
    result = crawl(tmp_path / "g.db", config([portal("p", srv, site)], max_bytes=200_000))
    assert result.portals["p"].errors == {"too_large": 1}


def test_conditional_recrawl_and_changed_page(tmp_path: Path, servers: list) -> None:
    reps = reports("开化县", range(2016, 2024), attachment_at=2)
    site = trs_site(reps, per_page=5)
    srv = serve(site)
    servers.append(srv)
    db = tmp_path / "g.db"
    cfg = config([portal("kh", srv, site)])
    first = crawl(db, cfg)
    assert first.portals["kh"].reports["new"] == 8
    n_docs = db_rows(db, "SELECT COUNT(*) FROM documents")[0][0]
    srv.hits.clear()
    second = crawl(db, cfg)
    s = second.portals["kh"]
    assert s.reports["unchanged"] == 8 and s.reports["new"] == 0 and s.reports["changed"] == 0
    pages = [h for h in srv.hits if h.path != "/robots.txt"]
    assert all(h.status == 304 for h in pages), Counter(h.status for h in pages)
    assert all("if-none-match" in h.headers for h in pages)
    # the report behind an unchanged page is an attachment: revalidated too, with a 304
    att = [h for h in pages if h.path == site.attachment_paths[0]]
    assert len(att) == 1 and att[0].status == 304
    assert db_rows(db, "SELECT COUNT(*) FROM documents")[0][0] == n_docs
    assert s.requests == len(pages)
    # a page changes: its report is updated, the earlier version kept
    changed = site.report_paths[0]
    old = site.routes[changed]
    srv.routes[changed] = Resource(old.body.replace("一、总体情况".encode("gb18030"), "一、总体情况（修订）".encode("gb18030")),
                                   old.content_type)
    third = crawl(db, cfg)
    assert third.portals["kh"].reports["changed"] == 1 and third.portals["kh"].reports["unchanged"] == 7
    assert db_rows(db, "SELECT COUNT(*) FROM report_versions")[0][0] == 1
    # both versions of the page's bytes stay in the archive
    versions = db_rows(db, "SELECT archive_path, archive_offset FROM crawl_fetches WHERE url LIKE ? "
                           "AND archive_path IS NOT NULL ORDER BY id", (f"%{changed}",))
    bodies = [read_record(p, o).content for p, o in versions]
    assert len(bodies) == 2 and bodies[0] == old.body and bodies[1] == srv.routes[changed].body
    assert db_rows(db, "SELECT COUNT(*) FROM reports")[0][0] == 8


def test_reparse_rebuilds_offline(tmp_path: Path, servers: list) -> None:
    reps = reports("常山县", range(2019, 2023), attachment_at=1)
    site = hanweb_site(reps, inline=2)
    srv = serve(site)
    servers.append(srv)
    db = tmp_path / "g.db"
    crawl(db, config([portal("cs", srv, site)]))
    before = db_rows(db, "SELECT url, title, year FROM reports ORDER BY url")
    srv.stop()
    servers.remove(srv)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE reports SET title = 'x', year = NULL")
    conn.commit()
    conn.close()
    failures: list = []
    counts = reparse_all(db, failures)
    assert sum(counts.values()) == 4 and not counts["missing"] and failures == []
    assert db_rows(db, "SELECT url, title, year FROM reports ORDER BY url") == before
    # an archive that went missing is named by the URL of each report it held
    for (path,) in db_rows(db, "SELECT DISTINCT archive_path FROM documents WHERE archive_path IS NOT NULL"):
        Path(path).rename(path + ".moved")
    counts = reparse_all(db, failures)
    assert counts["missing"] == 4
    assert sorted(u for u, _ in failures) == sorted(u for u, _t, _y in before)
    assert all("archive unreadable" in e for _, e in failures)


def test_second_run_refuses_while_locked(tmp_path: Path, servers: list) -> None:
    site = trs_site(reports("某县", range(2020, 2022)), noise=False)
    srv = serve(site)
    servers.append(srv)
    db = tmp_path / "g.db"
    with crawl_lock(db), pytest.raises(LockedError, match="another gongkai crawl"):
        crawl(db, config([portal("p", srv, site)]))
    assert srv.hits == []


def test_since_and_portal_selection(tmp_path: Path, servers: list) -> None:
    reps = reports("某县", range(2015, 2024))
    site = trs_site(reps, per_page=20, noise=False)
    srv = serve(site)
    other = serve(trs_site(reports("他县", range(2015, 2017)), noise=False))
    servers += [srv, other]
    cfg = config([portal("p", srv, site), {"name": "q", "start_urls": [other.base + "/xxgk/zfxxgknb/index.html"]}])
    result: CrawlResult = crawl(tmp_path / "g.db", cfg, portals=["p"], since=2021)
    assert list(result.portals) == ["p"] and result.portals["p"].reports["new"] == 3
    assert other.hits == []
    assert not any("t2017" in p or "t2016" in p for p in srv.paths())


def test_truncated_titles_resolved_on_the_page(tmp_path: Path, servers: list) -> None:
    """List titles cut short with no title attribute: the page itself decides."""
    reps = reports("遂昌县", range(2019, 2023))
    site = hanweb_site(reps, inline=20, truncate=12)
    col = site.routes[site.start_path]
    srv = serve(site)
    servers.append(srv)
    srv.routes[site.start_path] = Resource(re.sub(rb' title="[^"]*"', b"", col.body), col.content_type)
    db = tmp_path / "g.db"
    result = crawl(db, config([portal("sc", srv, site)]))
    assert result.portals["sc"].reports["new"] == 4
    assert titles(db) == sorted(r.title for r in reps)
    hit = set(srv.paths())
    # "2019年政府信息公开工作..." (an interpretation, cut short) was worth a look and turned out
    # not a report; "2019年度法治政府建设年..." was not worth one
    noise_titles = [t.format(y=y) for y in (2019, 2020) for t in NOISE]
    looked = {p for p, t in zip(site.noise_paths, noise_titles, strict=True)
              if rules.classify_title(t[:12] + "...") == "maybe"}
    assert looked and hit & set(site.noise_paths) == looked
    n = db_rows(db, "SELECT COUNT(*) FROM crawl_frontier WHERE outcome = 'not_report'")[0][0]
    assert n == len(looked)


def test_timeouts_are_retried_then_given_up(tmp_path: Path, servers: list) -> None:
    reps = reports("松阳县", range(2019, 2022))
    site = trs_site(reps, per_page=10, noise=False)
    slow = site.report_paths[0]

    def hang(method: str, path: str, headers: dict, body: bytes) -> Resource | None:
        if path == slow:
            time.sleep(1.0)
        return None

    srv = PortalServer(site.routes, handlers=[hang])
    srv.routes["/robots.txt"] = Resource(b"User-agent: *\nDisallow:\n", "text/plain")
    servers.append(srv.start())
    result = crawl(tmp_path / "g.db", config([portal("sy", srv, site)], timeout=0.3, retries=1))
    s = result.portals["sy"]
    assert s.errors == {"timeout": 1} and s.reports["new"] == 2
    assert srv.paths().count(slow) == 2


def test_dead_host_fails_the_portal(tmp_path: Path, servers: list) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    cfg = config([{"name": "dead", "start_urls": [f"http://127.0.0.1:{port}/col/index.html"]}], retries=1)
    result = crawl(tmp_path / "g.db", cfg)
    assert result.failed == ["dead"]
    assert result.portals["dead"].errors["robots_unavailable"] == 1

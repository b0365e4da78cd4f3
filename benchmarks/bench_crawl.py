"""Benchmark: crawl N local portals of M reports each at a per-host rate limit and report the
achieved throughput against the limit's ceiling, requests per report and peak RSS.

    python benchmarks/bench_crawl.py [--portals 50] [--reports 20] [--rate 5]

The portals (TRS and Hanweb styles alternately) are served from a child process on 127.0.0.1,
one port per portal (a host is host:port to the limiter), so the servers do not share the
crawler's GIL. The ceiling is portals x rate requests per second; since every host's requests
are spaced 1/rate apart, a host with n requests cannot finish before (n-1)/rate seconds, which
gives the second, schedule-bound ceiling printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from scraper.localserver import PortalServer, Resource
from scraper.sitegen import SiteReport, hanweb_site, trs_site
n, m = {portals}, {reports}
out = []
servers = []
for i in range(n):
    reps = [SiteReport(f"第{{i}}县{{2000 + k}}年政府信息公开工作年度报告",
                       "\n".join(f"第{{i}}县{{2000 + k}}年：全年主动公开政府信息{{i * 1000 + k * 10 + j}}条。" for j in range(40)),
                       date=f"{{2001 + k}}-01-15") for k in range(m)]
    site = trs_site(reps, per_page=10, noise=True) if i % 2 == 0 else hanweb_site(reps, inline=10, noise=True)
    srv = PortalServer(site.routes, handlers=site.handlers, latency=0.02)
    srv.routes["/robots.txt"] = Resource(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    srv.start()
    servers.append(srv)
    out.append(srv.base + site.start_path)
print(json.dumps(out), flush=True)
sys.stdin.read()  # serve until the parent closes our stdin
stats = [(len(s.hits), s.peak_in_flight, s.max_in_window(1.0), min(h.start for h in s.hits),
          max(h.start for h in s.hits)) for s in servers]
print(json.dumps(stats), flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--portals", type=int, default=50)
    ap.add_argument("--reports", type=int, default=20)
    ap.add_argument("--rate", type=float, default=5.0)
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args()

    from scraper.config import parse_config
    from scraper.crawl import crawl

    child = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(root=str(ROOT), portals=args.portals, reports=args.reports)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout and child.stdin
    starts = json.loads(child.stdout.readline())
    cfg = parse_config({
        "defaults": {"rate": args.rate, "concurrency": args.concurrency, "user_agent": "gongkai-bench/0.1"},
        "portal": [{"name": f"p{i:02d}", "start_urls": [u]} for i, u in enumerate(starts)],
    })
    with tempfile.TemporaryDirectory() as d:
        t0 = time.monotonic()
        result = crawl(Path(d) / "bench.db", cfg)
        elapsed = time.monotonic() - t0
    child.stdin.close()
    stats = json.loads(child.stdout.readline())
    child.wait()

    requests = sum(st[0] for st in stats)
    span = max(st[4] for st in stats) - min(st[3] for st in stats)  # first to last request, server side
    reports = sum(s.reports_found for s in result.portals.values())
    ceiling = args.portals * args.rate
    per_host = max(st[0] for st in stats)
    schedule_bound = (per_host - 1) / args.rate
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"portals {args.portals} x reports {args.reports}, rate {args.rate}/s, concurrency {args.concurrency} per host")
    print(f"requests (server side) {requests}, reports stored {reports}, failed portals {len(result.failed)}")
    print(f"fetching: {span:.1f}s from first to last request (server side); throughput {requests / span:.1f} req/s "
          f"against a ceiling of {ceiling:.0f} req/s = {100 * requests / span / ceiling:.0f}%")
    print(f"  schedule bound: the busiest host needs >= {schedule_bound:.1f}s for its {per_host} requests "
          f"-> fetching took {100 * schedule_bound / span:.0f}% of the best possible time")
    print(f"end to end (start-up, fetching, parsing every report): {elapsed:.1f}s = {requests / elapsed:.1f} req/s "
          f"({100 * requests / elapsed / ceiling:.0f}% of the ceiling), {reports / elapsed:.0f} reports/s")
    print(f"requests per report {requests / max(reports, 1):.2f}")
    print(f"peak requests in flight per host {max(st[1] for st in stats)} (limit {args.concurrency}); "
          f"most starts in any 1 s per host {max(st[2] for st in stats)} (limit {args.rate:g}, +1 at window edges)")
    print(f"peak RSS {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()

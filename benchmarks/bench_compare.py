"""Benchmark: `gongkai compare` (and audit, views) over a database of 2,000 reports.

    python benchmarks/bench_compare.py [--reports 2000] [--db /tmp/bench.db] [--keep]

Builds the database with `db.store.store_report` (real county codes from the region
dictionary, years 2019–2024, full table 3 with seven applicant columns and table 4: about 190
figures a report), then times each query several times and prints the median. The target is
compare under a second. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import queries, regions, schema  # noqa: E402
from db.store import DocumentRow, store_report  # noqa: E402
from parsers.model import Check, Figure, Region, Report  # noqa: E402

APPLICANTS = ["natural_person", "business", "research", "social_org", "legal_service", "other_org", "total"]
T3_ROWS = [
    "requests.new", "requests.carried_over", "requests.granted", "requests.partly_granted",
    *[f"requests.withheld.{x}" for x in ("state_secret", "prohibited_by_law", "security_stability", "third_party",
                                          "internal_affairs", "process_info", "enforcement_files", "admin_query")],
    *[f"requests.unavailable.{x}" for x in ("not_held", "needs_creation", "unclear")],
    *[f"requests.not_handled.{x}" for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")],
    *[f"requests.other_handling.{x}" for x in ("overdue_correction", "unpaid_fee", "other")],
    "requests.processed", "requests.carried_forward",
]


def make(code: str, year: int, rnd: random.Random) -> Report:
    p = regions.places()[code]
    figs = []
    for metric in T3_ROWS:
        for bd in APPLICANTS:
            v = rnd.randint(0, 50)
            figs.append(Figure(metric, v, "件", str(v), "table", f"{metric}/{bd}", "requests", bd, False))
    for group in ("reviews", "lawsuits.direct", "lawsuits.after_review"):
        for part in ("upheld", "corrected", "other", "pending", "total"):
            v = rnd.randint(0, 5)
            figs.append(Figure(f"{group}.{part}", v, "件", str(v), "table", part, "reviews"))
    for m in ("rules.issued", "rules.repealed", "rules.in_force", "normative_docs.issued", "licensing.decisions"):
        v = rnd.randint(0, 100)
        figs.append(Figure(m, v, "件", str(v), "table", m, "proactive"))
    return Report(
        title=f"{p.name}{year}年政府信息公开工作年度报告", publisher=f"{p.name}人民政府办公室",
        region=Region(code, p.name), year=year, published_date=f"{year + 1}-0{rnd.choice([3, 3, 3, 4])}-{rnd.randint(1, 28):02d}",
        template="2021" if year >= 2021 else "2019", publisher_kind="government",
        figures=figs, checks=[Check("t3.balance.total", rnd.choice(["pass"] * 9 + ["fail"]), "a ≠ b")],
    )


def build(path: str, n: int) -> None:
    rnd = random.Random(1)
    counties = sorted(c for c, p in regions.places().items() if p.level == "county")
    years = list(range(2019, 2025))
    codes = counties[: (n + len(years) - 1) // len(years)]
    db = schema.connect(path)
    t = time.perf_counter()
    k = 0
    for code in codes:
        for year in years:
            if k >= n:
                break
            store_report(db, make(code, year, rnd), DocumentRow(url=f"https://bench.invalid/{code}/{year}",
                                                                sha256=f"{k:064x}"))
            k += 1
    db.execute("ANALYZE")
    print(f"built {k} reports, {db.execute('SELECT COUNT(*) FROM figures').fetchone()[0]} figures "
          f"in {time.perf_counter() - t:.1f}s")
    db.conn.close()


def timeit(label: str, fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"{label:<58} median {med * 1000:8.1f} ms   (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
    return med


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    path = args.db or os.path.join(tempfile.mkdtemp(), "bench.db")
    if not Path(path).exists():
        build(path, args.reports)
    regions.places()  # the dictionary load (~0.2 s) is paid once per process; timed separately below
    db = schema.connect(path)
    timeit("compare requests.new, all regions, all years", lambda: queries.compare(db, "requests.new"))
    timeit("compare requests.new --region 11 (a province prefix)",
           lambda: queries.compare(db, "requests.new", regions_=["11"]))
    timeit("compare requests.new --breakdown business --years 2019-2024",
           lambda: queries.compare(db, "requests.new", breakdown="business", years="2019-2024"))
    timeit("compare requests.new --level city", lambda: queries.compare(db, "requests.new", level="city"))
    timeit("compare requests.new --level province", lambda: queries.compare(db, "requests.new", level="province"))
    timeit("audit (all checks)", lambda: queries.audit(db), runs=3)
    timeit("SELECT * FROM region_year", lambda: db.execute("SELECT * FROM region_year").fetchall(), runs=3)
    timeit("SELECT * FROM report_metrics", lambda: db.execute("SELECT * FROM report_metrics").fetchall(), runs=3)
    for fmt in ("csv", "table"):
        timeit(f"`gongkai compare --format {fmt}` end to end (new process)",
               lambda fmt=fmt: subprocess.run(
                   [sys.executable, "-m", "gongkai.cli", "compare", "--db", path, "--metric", "requests.new",
                    "--format", fmt], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "COLUMNS": "120"}), runs=3)
    if not args.keep and not args.db:
        os.remove(path)


if __name__ == "__main__":
    main()

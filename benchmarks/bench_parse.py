"""Benchmark: `gongkai parse` over a folder of full-length HTML reports, against the floor of
merely parsing the same bytes with lxml.html. Prints figures; judges nothing (machines here are
shared and noisy: compare the ratio, measured in one run).

    python benchmarks/bench_parse.py [--reports 200] [--repeat 3]

On a shared machine the floor alone varies by half from one moment to the next, so each side
is measured `--repeat` times, interleaved (floor, parse, floor, parse, …, floor), and the ratio
is given of the fastest of each as well as the median of each parse over its neighbouring
floors: a slow moment then inflates neither side alone.

Target (issue 2): parse at most 5x the lxml floor; memory flat in the number of files (peak RSS
of a run over N files vs 4N files, each in a fresh process).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def make_reports(folder: Path, n: int) -> int:
    """n full-length report pages (the real 001.html body inside a TRS portal page), each with
    its own numbers so that no two are identical."""
    body = (CORPUS / "001.html").read_text(encoding="utf-8")
    rnd = random.Random(7)
    total = 0
    for i in range(n):
        b = body.replace("859", str(800 + rnd.randint(0, 99))).replace("14644", str(rnd.randint(1000, 20000)))
        page = (f"<html><head><meta charset='utf-8'><title>报告{i}</title></head><body>"
                f"<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></div>"
                f"<div class='TRS_Editor'>{b}</div><div class='footer'>版权所有 主办单位</div></body></html>")
        data = page.encode("utf-8")
        (folder / f"r{i:05d}.html").write_bytes(data)
        total += len(data)
    return total


def lxml_floor(folder: Path) -> float:
    import lxml.html

    files = sorted(folder.glob("*.html"))
    t = time.perf_counter()
    for f in files:
        lxml.html.fromstring(f.read_bytes())
    return time.perf_counter() - t


def run_parse(folder: Path, db: Path) -> dict:
    """`gongkai parse` in a fresh process; returns seconds and its peak RSS."""
    code = (
        "import resource, sys, time, json\n"
        "from pathlib import Path\n"
        "from gongkai.pipeline import ParseSummary, parse_paths\n"
        "t = time.perf_counter(); s = parse_paths([Path(sys.argv[1])], sys.argv[2], ParseSummary())\n"
        "dt = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': dt, 'new': s.new, 'errors': len(s.errors),"
        " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " 'worker_rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    p = subprocess.run([sys.executable, "-c", code, str(folder), str(db)], capture_output=True, text=True,
                       cwd=ROOT, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def stage_times(folder: Path, n: int = 40) -> tuple[float, float]:
    """Milliseconds per report for parsing alone and for storing alone, in this process."""
    from db.schema import connect
    from db.store import BatchWriter, DocumentRow
    from parsers import parse_bytes

    files = sorted(folder.glob("*.html"))[:n]
    datas = [f.read_bytes() for f in files]
    parse_bytes(datas[0], filename="x.html")
    t = time.perf_counter()
    reports = [parse_bytes(d, filename="x.html") for d in datas]
    parse_ms = (time.perf_counter() - t) / len(datas) * 1000
    db = connect(folder.parent / "stage.db")
    t = time.perf_counter()
    with BatchWriter(db) as w:  # as `gongkai parse` stores
        for i, r in enumerate(reports):
            w.store(r, DocumentRow(url=f"file:///{i}", sha256=str(i)))
    return parse_ms, (time.perf_counter() - t) / len(reports) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="interleaved runs of each side (default 3)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large = tmp / "small", tmp / "large"
        small.mkdir()
        large.mkdir()
        size = make_reports(large, a.reports)
        make_reports(small, max(1, a.reports // 4))
        run_parse(small, tmp / "warm.db")  # warm caches (place index, imports)
        floors, bigs, littles = [lxml_floor(large)], [], []
        for i in range(max(1, a.repeat)):  # each parse into a new database, as a first run is
            bigs.append(run_parse(large, tmp / f"large{i}.db"))
            littles.append(run_parse(small, tmp / f"small{i}.db"))
            floors.append(lxml_floor(large))
        big = min(bigs, key=lambda r: r["seconds"])
        little = min(littles, key=lambda r: r["seconds"])
        floor = min(floors)
        pairs = sorted(b["seconds"] / ((floors[i] + floors[i + 1]) / 2) for i, b in enumerate(bigs))
        print(f"reports: {a.reports} HTML pages, {size / a.reports / 1024:.1f} KB each; {len(bigs)} runs of each side")
        print(f"lxml.html floor: {floor:.3f} s fastest ({a.reports / floor:.0f} pages/s); "
              f"all: {', '.join(f'{f:.3f}' for f in floors)}")
        runs = ", ".join(f"{b['seconds']:.3f}" for b in bigs)
        print(f"gongkai parse:   {big['seconds']:.3f} s fastest ({a.reports / big['seconds']:.1f} reports/s), "
              f"{big['new']} stored, {big['errors']} failed; all: {runs}")
        print(f"ratio parse / lxml floor: {big['seconds'] / floor:.1f}x fastest to fastest, "
              f"{pairs[len(pairs) // 2]:.1f}x median of each run over its neighbouring floors (target <= 5x)")
        # What each further report costs, start-up (workers forking, caches loading) aside: the
        # difference between the two runs over the difference in files.
        n_small = max(1, a.reports // 4)
        if a.reports > n_small:
            per_report = (big["seconds"] - little["seconds"]) / (a.reports - n_small)
            print(f"  marginal: {per_report * 1000:.2f} ms per further report = "
                  f"{per_report / (floor / a.reports):.1f}x the floor's "
                  f"{floor / a.reports * 1000:.2f} ms; start-up ≈ {big['seconds'] - per_report * a.reports:.2f} s")
        print(f"peak RSS: {little['peak_rss_mb']:.0f} MB for {max(1, a.reports // 4)} files, "
              f"{big['peak_rss_mb']:.0f} MB for {a.reports} files "
              f"(ratio {big['peak_rss_mb'] / little['peak_rss_mb']:.2f}, flat if close to 1); "
              f"largest parser worker {little['worker_rss_mb']:.0f} MB / {big['worker_rss_mb']:.0f} MB")
        parse_ms, store_ms = stage_times(large)
        print(f"one process, per report: parse {parse_ms:.1f} ms, store {store_ms:.1f} ms "
              f"(lxml floor {floor / a.reports * 1000:.2f} ms)")


if __name__ == "__main__":
    main()

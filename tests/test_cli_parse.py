"""`gongkai extract` and `gongkai parse` as a user runs them: real processes, real files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
GONGKAI = [sys.executable, "-m", "gongkai.cli"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*GONGKAI, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})


def test_extract_json_and_text() -> None:
    p = run("extract", str(CORPUS / "kecheng-2019.txt"), "--format", "json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert set(d) >= {"title", "publisher", "region", "year", "published_date", "template", "sections",
                      "figures", "checks"}
    assert d["region"]["code"] == "330802"
    f = d["figures"][0]
    assert set(f) >= {"metric", "breakdown", "value", "unit", "raw", "approx", "source", "quote", "section"}
    p = run("extract", str(CORPUS / "kecheng-2019.txt"), "--format", "text")
    assert p.returncode == 0 and "柯城区" in p.stdout.decode() and "org.staff = 97 人" in p.stdout.decode()


def test_extract_stdin_and_region_hint() -> None:
    data = (CORPUS / "043.txt").read_bytes()
    p = run("extract", "-", "--region", "460000", stdin=data)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["region"]["name"] == "海南省"


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files = {
        "empty.txt": b"",
        "junk.html": bytes(range(256)) * 200,
        "truncated.html": (CORPUS / "001.html").read_bytes()[:9000],
        "notables.txt": "某县2020年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息12条。\n".encode(),
        "nosuch.txt": None,
    }
    out = {}
    for name, data in files.items():
        p = tmp / name
        if data is not None:
            p.write_bytes(data)
        out[name] = p
    return out


def test_bad_input_gives_one_line_errors(tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    for name in ("empty.txt", "junk.html", "nosuch.txt"):
        p = run("extract", str(bad[name]))
        err = p.stderr.decode()
        assert p.returncode == 2, (name, err)
        assert "Traceback" not in err and name in err and len(err.strip().splitlines()) == 1
    p = run("extract", str(bad["truncated.html"]))
    assert p.returncode == 0 and json.loads(p.stdout)["year"] == 2019
    p = run("extract", str(bad["notables.txt"]))
    d = json.loads(p.stdout)
    assert p.returncode == 0 and {c["status"] for c in d["checks"]} == {"not_assessable"}
    assert d["figures"][0]["metric"] == "proactive.items"


def test_big_page_does_not_hang(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    body = (CORPUS / "001.html").read_text(encoding="utf-8")
    filler = "<div class='nav'><a href='/x'>首页</a></div>" * 2000
    with open(page, "w", encoding="utf-8") as f:
        f.write("<html><body>")
        while f.tell() < 50 * 1024 * 1024:
            f.write(filler)
        f.write(f"<div class='TRS_Editor'>{body}</div></body></html>")
    p = run("extract", str(page))
    assert p.returncode in (0, 2) and b"Traceback" not in p.stderr


def test_parse_folder_idempotent_with_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("001.html", "kecheng-2019.txt", "029.txt"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "broken.txt").write_bytes(b"")
    db = tmp_path / "g.db"
    p = run("parse", str(folder), "--db", str(db))
    assert p.returncode == 1
    err = p.stderr.decode()
    assert "broken.txt" in err and "Traceback" not in err
    assert "3 new" in p.stdout.decode()
    conn = sqlite3.connect(db)
    before = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "figures", "sections")]
    p = run("parse", str(folder), "--db", str(db))
    assert "3 unchanged" in p.stdout.decode()
    after = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "figures", "sections")]
    assert before == after and before[0] == 3
    # reparse from what the database archived gives the same rows again
    p = run("parse", "--reparse", "--db", str(db))
    assert p.returncode == 0, p.stderr
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "figures")] == before[:2]


def test_parse_needs_input() -> None:
    p = run("parse")
    assert p.returncode == 2 and b"Traceback" not in p.stderr


@pytest.mark.parametrize("name", ["001.html", "kecheng-2019.txt"])
def test_extract_is_deterministic(name: str) -> None:
    a = run("extract", str(CORPUS / name)).stdout
    b = run("extract", str(CORPUS / name)).stdout
    assert a == b


def test_parallel_parse_gives_the_same_rows(tmp_path: Path) -> None:
    """A folder big enough for worker processes stores exactly what a sequential run stores."""
    from gongkai.pipeline import ParseSummary, parse_paths

    rows = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        s = parse_paths([CORPUS], db, ParseSummary(), workers=workers)
        assert s.new == 30 and not s.errors
        conn = sqlite3.connect(db)
        rows.append(conn.execute(
            "SELECT r.url, f.metric, f.breakdown, f.value, f.quote FROM figures f JOIN reports r "
            "ON r.id = f.report_id ORDER BY r.url, f.ord").fetchall())
    assert rows[0] == rows[1] and len(rows[0]) > 200


def test_parallel_parse_names_bad_files_and_keeps_the_rest(tmp_path: Path) -> None:
    """Worker processes parse and store chunks of files: a bad file in a chunk is named and
    skipped, its chunk's good reports are stored, and the search index covers every section."""
    from gongkai.pipeline import ParseSummary, parse_paths

    folder = tmp_path / "reports"
    shutil.copytree(CORPUS, folder)
    (folder / "0000-empty.txt").write_bytes(b"")
    (folder / "0005-junk.html").write_bytes(bytes(range(256)) * 40)
    (folder / "zzz-no-text.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    db = tmp_path / "g.db"
    s = parse_paths([folder], db, ParseSummary(), workers=2)
    assert s.new == 30
    assert sorted(Path(name).name for name, _ in s.errors) == ["0000-empty.txt", "0005-junk.html", "zzz-no-text.pdf"]
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO sections_fts(sections_fts, rank) VALUES ('integrity-check', 1)")
    n_sections = conn.execute("SELECT count(*) FROM sections").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM sections_fts").fetchone()[0] == n_sections > 50
    # a second run finds everything stored unchanged and the same three files still bad
    s = parse_paths([folder], db, ParseSummary(), workers=2)
    assert (s.new, s.unchanged, len(s.errors)) == (0, 30, 3)


def test_killed_parse_resumes_without_duplicates(tmp_path: Path) -> None:
    """kill -9 in the middle of a parallel run: what was committed is whole reports, and a second
    run stores the rest, each report once, with the search index in step."""
    import signal
    import time

    folder = tmp_path / "reports"
    folder.mkdir()
    body = (CORPUS / "001.html").read_text(encoding="utf-8")
    n = 400
    for i in range(n):  # distinct pages: their numbers differ
        (folder / f"r{i:04d}.html").write_text(body.replace("859", str(1000 + i)), encoding="utf-8")
    db = tmp_path / "g.db"
    proc = subprocess.Popen([*GONGKAI, "parse", str(folder), "--db", str(db), "-q"],
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
                            start_new_session=True)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:  # wait for a first commit
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                stored = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if stored:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-write or not
    proc.wait()
    conn = sqlite3.connect(db)
    partial = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    figures = conn.execute("SELECT count(DISTINCT report_id) FROM figures").fetchone()[0]
    assert 0 < partial < n and figures == partial  # killed mid-run; no report without its figures
    conn.close()
    p = run("parse", str(folder), "--db", str(db))
    assert p.returncode == 0, p.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM reports").fetchone() == (n, n)
    per_report = conn.execute("SELECT min(c), max(c) FROM (SELECT count(*) c FROM figures GROUP BY report_id)").fetchone()
    assert per_report[0] == per_report[1] > 50
    conn.execute("INSERT INTO sections_fts(sections_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT count(*) FROM sections_fts").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM sections").fetchone()[0]

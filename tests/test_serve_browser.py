"""`gongkai serve` in a real browser: Debian's headless Chromium, driven by Playwright, opens the
Datasette view of the fixture database, runs the canned comparison and audit queries, reads the
numbers off the pages, opens the chart and saves a screenshot.

Needs `/usr/bin/chromium` (apt: chromium, fonts-noto-cjk) and the `playwright` Python package;
never `playwright install`. Set GONGKAI_SCREENSHOTS=DIR to keep the screenshots."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers_db import CITY, KECHENG, QUJIANG, ROOT, build_fixture_db, fixture_reports

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"{CHROMIUM} is absent (apt-get install chromium fonts-noto-cjk)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "fx.db"
    build_fixture_db(path).conn.close()
    port = free_port()
    if importlib.util.find_spec("gongkai.cmd_parse"):
        cmd = [sys.executable, "-m", "gongkai.cli", "serve"]
    else:  # the parse commands are not in this tree yet: run ours without the group
        cmd = [sys.executable, "-c", "import sys; from gongkai.cmd_compare import serve; serve(sys.argv[1:])"]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([*cmd, "--db", str(path), "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"gongkai serve did not start:\n{out}")
            time.sleep(0.3)
    yield base, path.stem
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield pg
        browser.close()


def table_rows(page, selector="table.rows-and-columns"):
    header = page.eval_on_selector_all(f"{selector} thead th", "ths => ths.map(t => t.innerText.trim())")
    body = page.eval_on_selector_all(
        f"{selector} tbody tr",
        "trs => trs.map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim()))")
    return header, body


def screenshot(page, tmp_path, name):
    out = tmp_path / name
    page.screenshot(path=str(out), full_page=True)
    assert out.read_bytes().startswith(b"\x89PNG")
    keep = os.environ.get("GONGKAI_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / name)
    return out


def test_canned_comparison_query(server, page, tmp_path):
    base, name = server
    page.goto(f"{base}/{name}/compare")
    assert "Compare a metric" in page.inner_text("h1")
    page.fill("input[name=metric]", "requests.new")
    page.fill("input[name=region]", "3308")
    page.click("input[type=submit]")
    page.wait_for_selector("table.rows-and-columns tbody tr")
    header, body = table_rows(page)
    assert header == ["region_code", "region_name", *[str(y) for y in range(2018, 2025)]]
    assert body == [
        [CITY, "衢州市", "50", "60", "70", "80", "90", "100", "110"],
        [KECHENG, "柯城区", "", "12", "14", "16", "18", "20", "22"],
        [QUJIANG, "衢江区", "", "5", "6", "", "8", "9", "10"],
    ]
    screenshot(page, tmp_path, "compare.png")


def test_canned_audit_query(server, page):
    base, name = server
    page.goto(f"{base}/{name}/audit?region=3308")
    header, body = table_rows(page)
    rows = [dict(zip(header, r, strict=True)) for r in body]
    assert [(r["severity"], r["check"], r["region_code"], r["year"]) for r in rows] == [
        ("3", "t3.balance.total", KECHENG, "2020"),
        ("3", "carry_chain", KECHENG, "2022"),
        ("2", "in_force.rules", CITY, "2023"),
        ("1", "late", KECHENG, "2021"),
        ("1", "late", QUJIANG, "2022"),
    ]
    assert "上年结转 3 ≠ 2021 结转下年度 2" in rows[1]["detail"]
    assert "15 days after the deadline 2023-03-31" in rows[4]["detail"]
    assert rows[4]["url"].endswith("/330803/2022/government/report.html")


def test_chart_page(server, page, tmp_path):
    base, _ = server
    page.goto(f"{base}/-/chart?metric=requests.new&region=3308,3309&level=city&years=2019-2021")
    page.wait_for_selector("#gongkai-chart svg")
    legend = page.eval_on_selector("#gongkai-chart svg", "s => s.textContent")
    assert "衢州市" in legend and "舟山市" in legend
    assert page.eval_on_selector_all("#gongkai-chart svg path", "ps => ps.length") > 5
    header, body = table_rows(page, "#chart-data")
    assert header == ["code", "region", "2019", "2020", "2021"]
    assert body == [[CITY, "衢州市", "17", "20", "16"], ["330900", "舟山市", "64", "68", "66"]]
    partial = page.eval_on_selector_all("#chart-data td.partial",
                                        "tds => tds.map(td => td.closest('tr').dataset.region + ':' + td.dataset.year)")
    assert partial == ["330800:2019", "330800:2020", "330800:2021", "330900:2021"]
    box = page.query_selector("#gongkai-chart svg").bounding_box()
    assert box["width"] > 400 and box["height"] > 200
    shot = screenshot(page, tmp_path, "chart.png")
    assert shot.stat().st_size > 20_000
    # change the metric with the form and draw again
    page.select_option("select[name=metric]", "rules.issued")
    page.fill("input[name=region]", "衢州市")
    page.select_option("select[name=level]", "")
    page.fill("input[name=years]", "")
    page.click("input[type=submit]")
    page.wait_for_selector("#chart-data")
    header, body = table_rows(page, "#chart-data")
    assert header == ["code", "region", *[str(y) for y in range(2018, 2025)]]
    assert body == [[CITY, "衢州市", "", "5", "6", "4", "3", "2", "1"]]  # 2018: a report without table 2


def test_search_facets_and_read_only(server, page):
    base, name = server
    page.goto(f"{base}/{name}/sections?_search=标准化规范化")
    n = len(fixture_reports())  # every report's 问题 section says 标准化规范化
    assert f'{n} rows where search matches "标准化规范化"' in page.inner_text("body")
    assert page.eval_on_selector_all("table.rows-and-columns tbody tr", "trs => trs.length") == n
    page.goto(f"{base}/{name}/reports")
    facets = page.inner_text(".facet-results")
    assert "region_name" in facets and "year" in facets and "template" in facets
    page.goto(f"{base}/{name}/region_year?region_code=330802")
    assert "government's own report" in page.inner_text("body")
    with urllib.request.urlopen(f"{base}/{name}/withheld.json?year=2021&region=33&_shape=array") as resp:
        rows = json.loads(resp.read())
    # 2021: 衢州市, 柯城区 and three 舟山 counties (衢江区's table is blank)
    assert {(r["region_code"], r["requests_processed"], r["withheld_pct"]) for r in rows} == {
        (CITY, 80, 0.0), (KECHENG, 15, 0.0), ("330902", 32, 0.0), ("330903", 22, 0.0), ("330921", 12, 0.0)}
    # the canned comparison by place name: the city and the places inside it
    q = urllib.parse.urlencode({"metric": "requests.new", "region": "衢州市", "_shape": "array"})
    with urllib.request.urlopen(f"{base}/{name}/compare.json?{q}") as resp:
        rows = json.loads(resp.read())
    assert [(r["region_code"], r["2019"], r["2021"]) for r in rows] == \
        [(CITY, 60, 80), (KECHENG, 12, 16), (QUJIANG, 5, None)]
    # immutable: no writes whatever the SQL says
    with urllib.request.urlopen(f"{base}/-/databases.json") as resp:
        assert b'"is_mutable": false' in resp.read()

"""`gongkai export` (csv, jsonl, xlsx; long and wide) over the fixture database."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from helpers_db import CITY, KECHENG, QUJIANG, queries, url_for
from openpyxl import load_workbook

from gongkai.cmd_compare import export as export_cmd

BOM = b"\xef\xbb\xbf"


def kecheng_2019_new(rows):
    return [r for r in rows if r["region_code"] == KECHENG and str(r["year"]) == "2019"
            and r["metric"] == "requests.new" and r["breakdown"] == "total"]


def test_long_csv_has_bom_names_units_urls(db, tmp_path):
    out = tmp_path / "long.csv"
    n = queries.export(db, "csv", str(out))
    raw = out.read_bytes()
    assert raw.startswith(BOM) and not raw.startswith(BOM * 2)
    assert n == db.execute("SELECT COUNT(*) FROM figures").fetchone()[0]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == queries.LONG_COLUMNS and len(rows) == n
    (r,) = kecheng_2019_new(rows)
    assert (r["region_name"], r["province"], r["city"], r["county"]) == ("柯城区", "浙江省", "衢州市", "柯城区")
    assert (r["value"], r["unit"], r["source"], r["template"], r["approx"]) == ("12", "件", "table", "2019", "0")
    assert r["url"] == url_for(KECHENG, 2019) and r["publisher"] == "柯城区人民政府办公室"
    series = {(x["metric"], x["series"]) for x in rows if x["metric"].startswith("rules.")}
    assert ("rules.made", "rules.issued") in series


def test_wide_csv_one_row_per_report_with_units_in_header(db, tmp_path):
    out = tmp_path / "wide.csv"
    n = queries.export(db, "csv", str(out), wide=True, regions_=["3308"], years="2021")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert n == len(body) == 5  # 衢州市, 柯城区 (government, department, township), 衢江区
    assert header[:len(queries.REPORT_COLUMNS)] == queries.REPORT_COLUMNS
    assert "requests.new (件)" in header and "requests.new@business (件)" in header
    assert "rules.in_force (件)" in header
    by = {(r[header.index("region_code")], r[header.index("publisher_kind")]): r for r in body}
    col = header.index("requests.new (件)")
    assert by[(CITY, "government")][col] == "80"
    assert by[(KECHENG, "government")][col] == "16"
    assert by[(KECHENG, "department")][col] == "7"
    assert by[(QUJIANG, "government")][col] == ""  # blank figure stays blank
    assert by[(CITY, "government")][header.index("rules.in_force (件)")] == "20"


def test_filters_region_years_metric(db):
    rows = list(queries.iter_long(db, regions_=["衢江区"], years="2019-2020", metrics=["requests.new"]))
    assert {(r["year"], r["breakdown"]) for r in rows if r["breakdown"] in ("total", "business")} == \
        {(2019, "total"), (2019, "business"), (2020, "total"), (2020, "business")}
    assert {r["region_code"] for r in rows} == {QUJIANG}
    assert [r["value"] for r in rows if r["breakdown"] == "total"] == [5, 6]
    made = list(queries.iter_long(db, regions_=[CITY], metrics=["rules.issued"]))
    assert sorted({r["metric"] for r in made}) == ["rules.issued", "rules.made"]


def test_jsonl(db, tmp_path):
    out = tmp_path / "f.jsonl"
    n = queries.export(db, "jsonl", str(out), regions_=[KECHENG], years=[2019])
    text = out.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and "柯城区" in text  # readable Chinese, no \u escapes
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == n
    (r,) = kecheng_2019_new(rows)
    assert r["value"] == 12 and r["approx"] is False and r["unit"] == "件"
    wide = tmp_path / "w.jsonl"
    queries.export(db, "jsonl", str(wide), wide=True, regions_=[KECHENG], years=[2019])
    (w,) = [json.loads(line) for line in wide.read_text(encoding="utf-8").splitlines()]
    assert w["requests.new (件)"] == 12 and w["region_name"] == "柯城区"


def test_xlsx_long_and_wide(db, tmp_path):
    out = tmp_path / "f.xlsx"
    n = queries.export(db, "xlsx", str(out))
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["figures", "about"]
    rows = list(wb["figures"].iter_rows(values_only=True))
    assert list(rows[0]) == queries.LONG_COLUMNS and len(rows) == n + 1
    dicts = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    (r,) = kecheng_2019_new(dicts)
    assert r["value"] == 12 and r["region_name"] == "柯城区" and r["url"] == url_for(KECHENG, 2019)
    about = dict(wb["about"].iter_rows(values_only=True))
    assert "licence" in about and "source" in about
    wide = tmp_path / "w.xlsx"
    queries.export(db, "xlsx", str(wide), wide=True, regions_=[QUJIANG])
    wrows = list(load_workbook(wide, read_only=True)["figures"].iter_rows(values_only=True))
    col = wrows[0].index("requests.new (件)")
    assert [r[col] for r in wrows[1:]] == [5, 6, None, 8, 9, 10]


def test_cli_stdout_and_files(db_path, tmp_path):
    runner = CliRunner()
    out = runner.invoke(export_cmd, ["--db", db_path, "--format", "csv", "--region", "衢江区", "--years", "2019",
                                     "--metric", "requests.new"])
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(out.stdout_bytes.decode("utf-8-sig"))))
    assert [(r["breakdown"], r["value"]) for r in rows][-1] == ("total", "5")
    out = runner.invoke(export_cmd, ["--db", db_path, "--format", "xlsx"])
    assert out.exit_code != 0 and "xlsx needs -o" in out.output
    target = tmp_path / "cli.xlsx"
    out = runner.invoke(export_cmd, ["--db", db_path, "--format", "xlsx", "--wide", "-o", str(target)])
    assert out.exit_code == 0 and target.exists()
    out = runner.invoke(export_cmd, ["--db", db_path, "--format", "jsonl", "--region", "3309"])
    assert out.exit_code == 0
    assert all(json.loads(line)["region_code"].startswith("3309") for line in out.stdout.splitlines()
               if line.startswith("{"))


def test_csv_round_trips_through_a_spreadsheet(db, tmp_path):
    """LibreOffice Calc (Debian's libreoffice-calc-nogui) opens the CSV as UTF-8 (filter option
    76, what its import dialog picks; Excel goes by the BOM) and saves it as xlsx: the BOM is not
    left in the first header, and the Chinese and the numbers come back intact."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (apt: libreoffice-calc-nogui) is not installed")
    src = tmp_path / "wide.csv"
    queries.export(db, "csv", str(src), wide=True, regions_=["3308"], years="2019-2021")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    rows = list(load_workbook(tmp_path / "wide.xlsx", read_only=True).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["report_id", "url", "region_code", "region_name"]
    assert "requests.new (件)" in header
    col, name, kind, year = (header.index(c) for c in ("requests.new (件)", "region_name", "publisher_kind",
                                                      "year"))
    got = {(r[name], r[year]): r[col] for r in rows[1:] if r[kind] == "government"}
    assert got[("柯城区", 2019)] == 12 and got[("衢州市", 2020)] == 70
    assert got[("衢江区", 2021)] is None

"""`gongkai compare` over the fixture database, cell by cell (see tests/helpers_db.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from helpers_db import CITY, KECHENG, QUJIANG, queries

from gongkai.cmd_compare import compare as compare_cmd

YEARS = list(range(2019, 2025))


def grid(result):
    return {r.region_code: [r.values.get(y) for y in result.years] for r in result.rows}


def test_regions_as_rows_years_as_columns_blank_where_no_report(db):
    res = queries.compare(db, "requests.new", regions_=["3308"], years="2018-2024")
    assert res.years == list(range(2018, 2025))
    assert grid(res) == {
        CITY: [50, 60, 70, 80, 90, 100, 110],  # 2018 from the prose; 2024 table's 110, not prose's 25
        KECHENG: [None, 12, 14, 16, 18, 20, 22],  # no 2018 report; departments/townships not added in
        QUJIANG: [None, 5, 6, None, 8, 9, 10],  # 2021: a report with a blank table
    }
    assert res.unit == "件" and res.metric == "requests.new"
    assert [r.region_name for r in res.rows] == ["衢州市", "柯城区", "衢江区"]
    assert all(isinstance(v, int) for r in res.rows for v in r.values.values() if v is not None)


def test_region_by_name_code_and_prefix(db):
    assert [r.region_code for r in queries.compare(db, "requests.new", regions_=["衢州市"]).rows] == [CITY]
    assert [r.region_code for r in queries.compare(db, "requests.new", regions_=["柯城区", "330803"]).rows] == \
        [KECHENG, QUJIANG]
    assert [r.region_code for r in queries.compare(db, "requests.new", regions_=["33"]).rows] == \
        [CITY, KECHENG, QUJIANG, "330902", "330903", "330921", "330922"]
    with pytest.raises(KeyError):
        queries.compare(db, "requests.new", regions_=["没有这个地方"])


def test_a_former_name_is_its_code_in_the_years_it_existed() -> None:
    from db import regions

    assert regions.resolve("江干区") == ["330104"]  # merged into 上城区 in 2021
    assert regions.resolve("上城区") == ["330102"]


def test_level_city_sums_children_and_marks_partial(db):
    res = queries.compare(db, "requests.new", regions_=["33"], years=YEARS, level="city")
    assert grid(res) == {
        CITY: [17, 20, 16, 26, 29, 32],  # 柯城 + 衢江 only (the city's own report is not added)
        "330900": [64, 68, 66, None, None, None],  # 舟山: four counties, 嵊泗 missing in 2021
    }
    partial = {r.region_code: [y for y in res.years if r.partial.get(y)] for r in res.rows}
    assert partial == {CITY: YEARS, "330900": [2021]}  # 衢州 has six counties, two report
    names = {r.region_code: r.region_name for r in res.rows}
    assert names == {CITY: "衢州市", "330900": "舟山市"}


def test_level_city_selected_by_the_city_itself(db):
    res = queries.compare(db, "requests.new", regions_=["舟山市"], years="2019-2021", level="city")
    assert grid(res) == {"330900": [64, 68, 66]}


def test_level_province_includes_cities_and_municipality_districts(db):
    res = queries.compare(db, "requests.new", years="2019-2020", level="province")
    # 浙江: 衢州市's own report + its two counties + 舟山's counties; 上海: 嘉定区 (no city level)
    assert grid(res) == {"310000": [100, 120], "330000": [60 + 12 + 5 + 64, 70 + 14 + 6 + 68]}
    assert all(r.partial[y] for r in res.rows for y in res.years)


def test_level_county_is_each_county(db):
    res = queries.compare(db, "requests.new", regions_=["3308"], years=YEARS, level="county")
    assert grid(res) == {KECHENG: [12, 14, 16, 18, 20, 22], QUJIANG: [5, 6, None, 8, 9, 10]}
    assert not any(r.partial.values() for r in res.rows)


def test_kinds_kept_apart(db):
    dep = queries.compare(db, "requests.new", regions_=[KECHENG], publisher_kind="department")
    assert (dep.years, grid(dep)) == ([2018, 2021], {KECHENG: [2, 7]})
    town = queries.compare(db, "requests.new", regions_=[KECHENG], publisher_kind="township")
    assert grid(town) == {KECHENG: [3]}
    everyone = queries.compare(db, "requests.new", regions_=[KECHENG], publisher_kind="all", years=[2021])
    assert grid(everyone) == {KECHENG: [16 + 7 + 3]}
    assert everyone.rows[0].reports == {2021: 3}


def test_series_and_breakdown(db):
    # rules.made (2019) and rules.issued (2021) are one series, asked for by either name
    for name in ("rules.issued", "rules.made"):
        res = queries.compare(db, name, regions_=[CITY])
        assert res.metric == "rules.issued" and res.years == list(range(2018, 2025))
        assert grid(res) == {CITY: [None, 5, 6, 4, 3, 2, 1]}  # the 2018 report has no table 2
    # places whose reports lack the figure still get their (blank) row
    res = queries.compare(db, "rules.issued", regions_=["3308"], years=YEARS)
    assert grid(res) == {CITY: [5, 6, 4, 3, 2, 1], KECHENG: [None] * 6, QUJIANG: [None] * 6}
    res = queries.compare(db, "requests.new", breakdown="business", regions_=[KECHENG], years=YEARS)
    assert grid(res) == {KECHENG: [1, 1, 1, 1, 1, 1]}
    res = queries.compare(db, "reviews.total", regions_=[CITY], years="2019-2020")
    assert grid(res) == {CITY: [7, 1]}  # 2019 from the prose, 2020 from the table


def test_csv_and_json_formats(db_path):
    runner = CliRunner()
    out = runner.invoke(compare_cmd, ["--db", db_path, "--metric", "requests.new", "--region", "33",
                                      "--level", "city", "--years", "2019-2021", "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.output)))
    assert rows == [
        ["region_code", "region_name", "2019", "2020", "2021", "partial_years"],
        [CITY, "衢州市", "17", "20", "16", "2019;2020;2021"],
        ["330900", "舟山市", "64", "68", "66", "2021"],
    ]
    out = runner.invoke(compare_cmd, ["--db", db_path, "--metric", "requests.new", "--region", "3308",
                                      "--years", "2020-2021", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["years"] == [2020, 2021] and data["unit"] == "件"
    assert data["rows"][2] == {"region_code": QUJIANG, "region_name": "衢江区",
                               "values": {"2020": 6, "2021": None}, "partial": []}


def test_rich_table_on_a_terminal(db_path):
    out = CliRunner().invoke(compare_cmd, ["--db", db_path, "--metric", "requests.new", "--region", "3308",
                                           "--years", "2019-2021", "--level", "city"], env={"COLUMNS": "120"})
    assert out.exit_code == 0, out.output
    line = next(ln for ln in out.output.splitlines() if "330800" in ln)
    cells = [c.strip() for c in line.strip("│┃ ").split("│")]
    assert cells == ["330800", "衢州市", "17*", "20*", "16*"]
    assert "partial sum" in out.output


def test_chart_png_and_svg(db_path, tmp_path):
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        chart = tmp_path / f"chart{suffix}"
        out = CliRunner().invoke(compare_cmd, ["--db", db_path, "--metric", "requests.new", "--region", "3308",
                                               "--format", "csv", "--chart", str(chart)])
        assert out.exit_code == 0, out.output
        assert chart.read_bytes().startswith(magic)
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "2019" in svg and "requests.new" in svg


def test_bad_arguments(db_path):
    runner = CliRunner()
    out = runner.invoke(compare_cmd, ["--db", db_path, "--metric", "requests.new", "--years", "twenty"])
    assert out.exit_code != 0 and "bad year range" in out.output
    out = runner.invoke(compare_cmd, ["--db", db_path + ".missing", "--metric", "requests.new"])
    assert out.exit_code != 0 and "no database" in out.output
    assert queries.parse_years("2024-2022,2019") == [2019, 2022, 2023, 2024]

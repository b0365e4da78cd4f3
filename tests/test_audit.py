"""`gongkai audit` over the fixture database (see tests/helpers_db.py)."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from helpers_db import (
    CITY,
    KECHENG,
    QUJIANG,
    Check,
    Figure,
    make_report,
    queries,
    schema,
    store_all,
    url_for,
)

from gongkai.cmd_compare import audit as audit_cmd


def summary(rows):
    return [(r.severity, r.check, r.region_code, r.year, r.left, r.right, r.diff) for r in rows]


def test_every_failed_check_worst_first(db):
    rows = queries.audit(db)
    assert summary(rows) == [
        (3, "t3.balance.total", KECHENG, 2020, 15, 14, 1),  # 14 + 1 ≠ 13 + 1
        (3, "carry_chain", KECHENG, 2022, 3, 2, 1),  # 2022 上年结转 3, 2021 结转下年度 2
        (2, "parent_sum.requests.new", CITY, 2024, 25, 32, -7),  # 全市 25 < 柯城 22 + 衢江 10
        (2, "in_force.rules", CITY, 2023, 30, 24, 6),  # 22 + 2 − 0 ≠ 30
        (1, "late", QUJIANG, 2022, "2023-04-15", "2023-03-31", 15),
        (1, "late", KECHENG, 2021, "2022-02-10", "2022-01-31", 10),  # a department: 1月31日
    ]
    urls = [r.url for r in rows]
    assert urls[0] == url_for(KECHENG, 2020) and urls[1] == url_for(KECHENG, 2022)
    assert urls[-1] == url_for(KECHENG, 2021, "department", "jyj")
    assert "15 ≠" in rows[0].detail
    assert url_for(KECHENG, 2021) in rows[1].detail  # the earlier report of the chain
    assert "2/6 children" in rows[2].detail and "area-wide" in rows[2].detail
    assert rows[4].publisher == "衢江区人民政府办公室"


def test_filters(db):
    assert summary(queries.audit(db, regions_=[QUJIANG])) == [
        (1, "late", QUJIANG, 2022, "2023-04-15", "2023-03-31", 15)]
    assert [r.check for r in queries.audit(db, years="2022-2023")] == ["carry_chain", "in_force.rules", "late"]
    assert [r.check for r in queries.audit(db, regions_=["3308"], include=("late",))] == ["late", "late"]
    assert queries.audit(db, regions_=["3309"]) == []


def test_numbers_recomputed_whatever_the_detail_says(tmp_path):
    """The audit shows both sides from the figures, also for t4 and text_vs_table checks, and
    falls back on numbers in the detail text for checks it does not know."""
    db = schema.connect(tmp_path / "one.db")
    report = make_report(
        KECHENG, 2021, new=10, t4=(2, 0, 0),
        extra=[Figure("reviews.total", 5, "件", "5", "text", "行政复议5件", "reviews")],
        checks=[Check("t4.sum.reviews", "fail", "mismatch"), Check("text_vs_table.reviews.total", "fail", "x"),
                Check("t3.row_sum.requests.new", "fail", "?"), Check("some.new.check", "fail", "9 ≠ 4"),
                Check("t3.balance.total", "pass", "ok")],
    )
    store_all(db, [(report, url_for(KECHENG, 2021))])
    rows = {r.check: (r.left, r.right, r.diff) for r in queries.audit(db)}
    assert rows == {
        "t4.sum.reviews": (2, 2, 0),
        "text_vs_table.reviews.total": (5, 2, 3),
        "t3.row_sum.requests.new": (10, 10, 0),
        "some.new.check": (9, 4, 5),
    }


def test_late_before_and_after_2019(tmp_path):
    db = schema.connect(tmp_path / "late.db")
    store_all(db, [
        # 2018 report of a department: 3月31日 applies, published 2019-03-30 is on time
        (make_report(KECHENG, 2018, kind="department", publisher="柯城区财政局", published_date="2019-03-30"),
         url_for(KECHENG, 2018, "department", "czj")),
        # 2019 report of the same department: 1月31日 applies
        (make_report(KECHENG, 2019, kind="department", publisher="柯城区财政局", published_date="2020-02-01"),
         url_for(KECHENG, 2019, "department", "czj")),
        # a government's 2019 report on 3月31日 itself is on time; no date, not assessable
        (make_report(CITY, 2019, published_date="2020-03-31"), url_for(CITY, 2019)),
        (make_report(QUJIANG, 2019, published_date=""), url_for(QUJIANG, 2019)),
    ])
    assert summary(queries.audit(db, include=("late",))) == [
        (1, "late", KECHENG, 2019, "2020-02-01", "2020-01-31", 1)]


def test_cli_formats(db_path):
    runner = CliRunner()
    out = runner.invoke(audit_cmd, ["--db", db_path, "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [d["check"] for d in data] == ["t3.balance.total", "carry_chain", "parent_sum.requests.new",
                                          "in_force.rules", "late", "late"]
    assert data[0]["url"] == url_for(KECHENG, 2020) and data[0]["left"] == 15
    out = runner.invoke(audit_cmd, ["--db", db_path, "--format", "csv", "--only", "carry_chain"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [(r["check"], r["region_code"], r["year"], r["left"], r["right"]) for r in rows] == \
        [("carry_chain", KECHENG, "2022", "3", "2")]
    out = runner.invoke(audit_cmd, ["--db", db_path, "--region", "衢江区"], env={"COLUMNS": "250"})
    assert out.exit_code == 0, out.output
    assert "1 failed checks" in out.output and "2023-04-15" in out.output and "late" in out.output

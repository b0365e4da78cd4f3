"""The SQL views of db/views.sql over the fixture database (see tests/helpers_db.py)."""

from __future__ import annotations

from helpers_db import CITY, KECHENG, QUJIANG, build_fixture_db, fixture_reports, schema

VIEWS = {"figures_series", "best_figures", "reviews_lawsuits", "report_metrics", "region_year",
         "region_year_others", "request_groups", "report_deadlines", "publisher_years", "carry_chain",
         "in_force_continuity", "failed_checks", "figures_long"}


def one(db, sql, params=()):
    rows = list(db.query(sql, params))
    assert len(rows) == 1, rows
    return rows[0]


def test_views_exist_and_reload_idempotently(tmp_path, db):
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()}
    assert VIEWS <= names
    path = tmp_path / "again.db"
    build_fixture_db(path).conn.close()
    again = schema.connect(path)  # views dropped and created again on every connect
    assert VIEWS <= {r[0] for r in again.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert again.execute("SELECT COUNT(*) FROM report_metrics").fetchone()[0] == len(fixture_reports())


def test_report_metrics_one_row_per_report(db):
    assert db.execute("SELECT COUNT(*) FROM report_metrics").fetchone()[0] == \
        db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    r = one(db, "SELECT * FROM report_metrics WHERE region_code = ? AND year = 2022 AND publisher_kind = "
                "'government'", [KECHENG])
    assert (r["requests_new"], r["requests_carried_over"], r["requests_processed"],
            r["requests_carried_forward"]) == (18, 3, 20, 1)
    assert r["requests_granted"] == 20 and r["requests_withheld"] == 0
    assert r["reviews_total"] == 1 and r["lawsuits_total"] == 1
    assert r["template"] == "2021" and r["checks_failed"] == 0
    # pre-2019 report: requests.new from the prose, table metrics blank
    old = one(db, "SELECT * FROM report_metrics WHERE region_code = ? AND year = 2018", [CITY])
    assert old["requests_new"] == 50 and old["requests_processed"] is None
    # table beats prose: 衢州市 2024 says 25 in the prose, 110 in the table
    assert one(db, "SELECT requests_new FROM report_metrics WHERE region_code = ? AND year = 2024",
               [CITY])["requests_new"] == 110
    failed = one(db, "SELECT checks_failed FROM report_metrics WHERE region_code = ? AND year = 2020 "
                     "AND publisher_kind = 'government'", [KECHENG])
    assert failed["checks_failed"] == 1


def test_region_year_is_the_governments_own_report(db):
    rows = list(db.query("SELECT region_code, year, COUNT(*) AS n FROM region_year GROUP BY 1, 2"))
    assert all(r["n"] == 1 for r in rows)
    assert len(rows) == 32  # every government report in the fixture
    r = one(db, "SELECT requests_new, publisher FROM region_year WHERE region_code = ? AND year = 2021", [KECHENG])
    assert r["requests_new"] == 16 and r["publisher"] == "柯城区人民政府办公室"  # not 16 + 7 + 3
    others = {(r["publisher_kind"], r["year"]): (r["reports"], r["requests_new"])
              for r in db.query("SELECT * FROM region_year_others WHERE region_code = ?", [KECHENG])}
    assert others == {("department", 2018): (1, 2), ("department", 2021): (1, 7), ("township", 2021): (1, 3)}
    # a blank table: the report is there, the figure is not
    blank = one(db, "SELECT requests_new, report_id FROM region_year WHERE region_code = ? AND year = 2021",
                [QUJIANG])
    assert blank["requests_new"] is None and blank["report_id"]


def test_series_brings_2019_made_onto_2021_issued(db):
    rows = {r["year"]: (r["metric"], r["value"]) for r in db.query(
        "SELECT r.year, f.metric, f.value FROM figures_series f JOIN reports r ON r.id = f.report_id "
        "WHERE f.series = 'rules.issued' AND r.region_code = ?", [CITY])}
    assert rows == {2019: ("rules.made", 5), 2020: ("rules.made", 6), 2021: ("rules.issued", 4),
                    2022: ("rules.issued", 3), 2023: ("rules.issued", 2), 2024: ("rules.issued", 1)}
    assert [r["rules_issued"] for r in db.query(
        "SELECT rules_issued FROM region_year WHERE region_code = ? ORDER BY year", [CITY])] == \
        [None, 5, 6, 4, 3, 2, 1]
    # public_total and in_force are not the same thing: no alias
    assert db.execute("SELECT COUNT(*) FROM figures_series WHERE metric = 'rules.in_force' "
                      "AND series <> metric").fetchone()[0] == 0


def test_request_groups_subtotals(db):
    rid = one(db, "SELECT id FROM reports WHERE region_code = ? AND year = 2021 AND publisher_kind = "
                  "'government'", [KECHENG])["id"]
    groups = {(r["group"], r["breakdown"]): r for r in db.query(
        "SELECT * FROM request_groups WHERE report_id = ?", [rid])}
    assert set(g for g, _ in groups) == {"withheld", "unavailable", "not_handled", "other_handling"}
    w = groups[("withheld", "total")]
    assert (w["items"], w["items_sum"], w["stated"], w["stated_source"]) == (2, 0, 0, "derived")
    # 2019 layout: 其他处理 is one stated row with no items
    rid19 = one(db, "SELECT id FROM reports WHERE region_code = ? AND year = 2019", [KECHENG])["id"]
    o = one(db, "SELECT * FROM request_groups WHERE report_id = ? AND \"group\" = 'other_handling' "
                "AND breakdown = 'total'", [rid19])
    assert (o["items"], o["items_sum"], o["stated_source"]) == (0, None, "table")


def test_reviews_lawsuits_from_table_or_prose(db):
    r19 = one(db, "SELECT rl.* FROM reviews_lawsuits rl JOIN reports r ON r.id = rl.report_id "
                  "WHERE r.region_code = ? AND r.year = 2019", [CITY])
    assert (r19["reviews_total"], r19["reviews_total_source"]) == (7, "text")
    assert r19["lawsuits_total"] is None
    r20 = one(db, "SELECT rl.* FROM reviews_lawsuits rl JOIN reports r ON r.id = rl.report_id "
                  "WHERE r.region_code = ? AND r.year = 2020", [CITY])
    assert (r20["reviews_total"], r20["reviews_total_source"]) == (1, "table")
    assert (r20["lawsuits_total"], r20["lawsuits_total_source"]) == (1, "derived")


def test_cross_report_views(db):
    fails = list(db.query("SELECT * FROM carry_chain WHERE status = 'fail'"))
    assert [(f["region_code"], f["year"], f["carried_over"], f["prev_carried_forward"]) for f in fails] == \
        [(KECHENG, 2022, 3, 2)]
    # departments are chained separately from the government (2018 → 2021 is no chain)
    assert db.execute("SELECT COUNT(*) FROM carry_chain WHERE publisher_kind <> 'government'").fetchone()[0] == 0
    inf = {r["year"]: (r["status"], r["expected_in_force"], r["in_force"])
           for r in db.query("SELECT * FROM in_force_continuity WHERE region_code = ?", [CITY])}
    assert inf == {2022: ("pass", 22, 22), 2023: ("fail", 24, 30), 2024: ("pass", 31, 31)}
    late = {(r["region_code"], r["year"], r["publisher_kind"]): (r["deadline"], r["days_late"])
            for r in db.query("SELECT * FROM report_deadlines WHERE days_late > 0")}
    assert late == {(QUJIANG, 2022, "government"): ("2023-03-31", 15),
                    (KECHENG, 2021, "department"): ("2022-01-31", 10)}
    # before 2019 departments had until 3月31日 too
    d18 = one(db, "SELECT deadline, days_late FROM report_deadlines WHERE year = 2018 AND publisher_kind = "
                  "'department'")
    assert (d18["deadline"], d18["days_late"]) == ("2019-03-31", -30)
    assert [r["name"] for r in db.query("SELECT name FROM failed_checks")] == ["t3.balance.total"]

"""Fixture databases for the compare/audit/export/serve tests, built from `Report` objects.

`build_fixture_db(path)` stores a small, hand-checked set of reports (the numbers the tests
assert on are all in `NEW`, `CARRY`, `IN_FORCE` and the notes below):

* 衢州市 330800 (city government, 2018–2024) and two of its six counties, 柯城区 330802
  (2019–2024) and 衢江区 330803 (2019–2024, but its 2021 table 3 is blank): `--level city`
  sums for 衢州 are partial every year.
* 舟山市's four counties 330902/330903/330921/330922 (2019–2021; 嵊泗 330922 missing in 2021):
  complete sums in 2019 and 2020, partial in 2021. 舟山市 itself has no report.
* 嘉定区 310114 (a municipality's district: its parent is 上海市 310000), 2019–2020.
* templates: pre2019 for 2018 (its figures from the prose), 2019 for 2019–2020, 2021 after;
  one 2023 report of 柯城区 still on the 2019 layout.
* a department (柯城区教育局) and a township (信安街道) of 柯城区 in 2021: kept out of the
  government series.
* a broken carry chain: 柯城区 2022 carried_over 3, but its 2021 carried_forward is 2.
* a failed per-report check: 柯城区 2020, new 14 + carried over 1 = 15 ≠ processed 13 + 1 = 14.
* 现行有效件数 continuity: 衢州市 2021→2022 holds (20 + 3 − 1 = 22), 2022→2023 breaks
  (22 + 2 − 0 = 24 ≠ 30).
* late: 衢江区's 2022 report published 2023-04-15 (15 days after 3月31日); the department's
  2021 report 2022-02-10 (10 days after 1月31日). The 2018 reports are judged by 3月31日.
* parent against children: 衢州市's 2024 prose says 全市共收到…25件, less than its counties'
  22 + 10 = 32 (its table's 110 is what compare shows).
* reviews.total of 衢州市 2019 comes from the prose only; 2020 from the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # tests import the project from the work tree
    sys.path.insert(0, str(ROOT))

from db import queries, regions, schema  # noqa: E402,F401  (re-exported for the tests)
from db.store import DocumentRow, store_report  # noqa: E402
from parsers.model import Check, Figure, Region, Report, Section  # noqa: E402,F401

APPLICANTS = ["natural_person", "business", "research", "social_org", "legal_service", "other_org"]

CITY = "330800"
KECHENG = "330802"
QUJIANG = "330803"
ZHOUSHAN_COUNTIES = ["330902", "330903", "330921", "330922"]
JIADING = "310114"

PLACES = {
    "330800": ("浙江省", "衢州市", None, "衢州市"),
    "330802": ("浙江省", "衢州市", "柯城区", "柯城区"),
    "330803": ("浙江省", "衢州市", "衢江区", "衢江区"),
    "330902": ("浙江省", "舟山市", "定海区", "定海区"),
    "330903": ("浙江省", "舟山市", "普陀区", "普陀区"),
    "330921": ("浙江省", "舟山市", "岱山县", "岱山县"),
    "330922": ("浙江省", "舟山市", "嵊泗县", "嵊泗县"),
    "310114": ("上海市", None, "嘉定区", "嘉定区"),
}

# requests.new (total) of each government report; None = the report exists but the cell is blank.
NEW: dict[str, dict[int, int | None]] = {
    CITY: {2018: 50, 2019: 60, 2020: 70, 2021: 80, 2022: 90, 2023: 100, 2024: 110},
    KECHENG: {2019: 12, 2020: 14, 2021: 16, 2022: 18, 2023: 20, 2024: 22},
    QUJIANG: {2019: 5, 2020: 6, 2021: None, 2022: 8, 2023: 9, 2024: 10},
    "330902": {2019: 30, 2020: 31, 2021: 32},
    "330903": {2019: 20, 2020: 21, 2021: 22},
    "330921": {2019: 10, 2020: 11, 2021: 12},
    "330922": {2019: 4, 2020: 5},
    JIADING: {2019: 100, 2020: 120},
}

# (carried_over, carried_forward) of each government report; default (1, 1).
CARRY: dict[tuple[str, int], tuple[int, int]] = {
    (KECHENG, 2021): (1, 2),
    (KECHENG, 2022): (3, 1),  # broken chain: 2021 carried forward 2
}

# rules.in_force, rules.issued, rules.repealed of 衢州市 (2021 layout)
IN_FORCE = {2021: (20, 4, 0), 2022: (22, 3, 1), 2023: (30, 2, 0), 2024: (31, 1, 0)}

PUBLISHED: dict[tuple[str, int], str] = {(QUJIANG, 2022): "2023-04-15"}


def template_for(year: int) -> str:
    return "pre2019" if year <= 2018 else ("2019" if year <= 2020 else "2021")


def url_for(code: str, year: int, kind: str = "government", slug: str = "report") -> str:
    return f"https://fixtures.invalid/{code}/{year}/{kind}/{slug}.html"


def t3_figures(new: int, carried_over: int, carried_forward: int, template: str,
               *, processed: int | None = None) -> list[Figure]:
    """Table 3 figures that add up: every request granted (all by natural persons except one
    business request when there are at least two)."""
    processed = new + carried_over - carried_forward if processed is None else processed
    figs: list[Figure] = []

    def add(metric: str, total: int, source: str = "table") -> None:
        business = 1 if total >= 2 else 0
        split = {"natural_person": total - business, "business": business}
        for bd in APPLICANTS:
            v = split.get(bd, 0)
            figs.append(Figure(metric, v, "件", str(v), source, f"{metric}/{bd}", "requests", bd))
        figs.append(Figure(metric, total, "件", str(total), source, f"{metric}/总计", "requests", "total"))

    add("requests.new", new)
    add("requests.carried_over", carried_over)
    add("requests.granted", processed)
    add("requests.partly_granted", 0)
    for leaf in ("state_secret", "third_party"):
        add(f"requests.withheld.{leaf}", 0)
    add("requests.withheld", 0, "derived")
    add("requests.unavailable.not_held", 0)
    add("requests.unavailable", 0, "derived")
    add("requests.not_handled.duplicate", 0)
    add("requests.not_handled", 0, "derived")
    if template == "2021":
        add("requests.other_handling.other", 0)
        add("requests.other_handling", 0, "derived")
    else:
        add("requests.other_handling", 0)
    add("requests.processed", processed)
    add("requests.carried_forward", carried_forward)
    return figs


def t4_figures(reviews: int, lawsuits_direct: int, lawsuits_after: int) -> list[Figure]:
    figs = []
    for group, total in (("reviews", reviews), ("lawsuits.direct", lawsuits_direct),
                         ("lawsuits.after_review", lawsuits_after)):
        figs.append(Figure(f"{group}.upheld", total, "件", str(total), "table", f"{group}/结果维持", "reviews"))
        for part in ("corrected", "other", "pending"):
            figs.append(Figure(f"{group}.{part}", 0, "件", "0", "table", f"{group}/{part}", "reviews"))
        figs.append(Figure(f"{group}.total", total, "件", str(total), "table", f"{group}/总计", "reviews"))
    figs.append(Figure("lawsuits.total", lawsuits_direct + lawsuits_after, "件",
                       str(lawsuits_direct + lawsuits_after), "derived", "direct + after_review", "reviews"))
    return figs


def make_report(code: str, year: int, *, kind: str = "government", publisher: str | None = None,
                new: int | None = 0, carried_over: int = 1, carried_forward: int = 1,
                template: str | None = None, published_date: str | None = None,
                extra: list[Figure] | None = None, checks: list[Check] | None = None,
                t4: tuple[int, int, int] | None = (1, 0, 1), processed: int | None = None) -> Report:
    province, city, county, name = PLACES[code]
    template = template or template_for(year)
    if publisher is None:
        publisher = f"{name}人民政府办公室"
    if published_date is None:
        published_date = f"{year + 1}-01-20" if kind in ("department", "township") else f"{year + 1}-03-20"
    figures: list[Figure] = []
    if template == "pre2019":
        if new is not None:
            figures.append(Figure("requests.new", new, "件", str(new), "text",
                                  f"全年共收到政府信息公开申请{new}件。", "requests"))
    elif new is not None:
        figures += t3_figures(new, carried_over, carried_forward, template, processed=processed)
    if t4 is not None and template != "pre2019":
        figures += t4_figures(*t4)
    figures += extra or []
    if checks is None:
        checks = [Check("t3.balance.total", "pass", "ok")] if new is not None and template != "pre2019" else []
    return Report(
        title=f"{publisher}{year}年政府信息公开工作年度报告",
        publisher=publisher,
        region=Region(code, name, province, city, county),
        year=year,
        published_date=published_date,
        template=template,
        publisher_kind=kind,
        sections=[
            Section("overview", "一、总体情况", f"{year}年，{publisher}认真贯彻落实政府信息公开条例，推进政务公开。"),
            Section("problems", "五、存在的主要问题及改进情况", "政务公开标准化规范化仍需加强。"),
        ],
        figures=figures,
        checks=checks,
    )


def fixture_reports() -> list[tuple[Report, str]]:
    out: list[tuple[Report, str]] = []
    for code, years in NEW.items():
        for year, new in years.items():
            co, cf = CARRY.get((code, year), (1, 1))
            extra: list[Figure] = []
            checks = None
            template = None
            t4: tuple[int, int, int] | None = (1, 0, 1)
            processed = None
            if code == CITY and year in IN_FORCE:
                in_force, issued, repealed = IN_FORCE[year]
                extra += [
                    Figure("rules.issued", issued, "件", str(issued), "table", "规章/本年制发件数", "proactive"),
                    Figure("rules.repealed", repealed, "件", str(repealed), "table", "规章/本年废止件数", "proactive"),
                    Figure("rules.in_force", in_force, "件", str(in_force), "table", "规章/现行有效件数", "proactive"),
                ]
            if code == CITY and year in (2019, 2020):
                made = 5 + year - 2019
                extra.append(Figure("rules.made", made, "件", str(made), "table", "规章/本年新制作数量", "proactive"))
            if code == CITY and year == 2019:
                t4 = None
                extra.append(Figure("reviews.total", 7, "件", "7", "text", "全年共发生行政复议案件7件。", "reviews"))
            if code == KECHENG and year == 2020:
                processed = 13  # does not add up: 14 + 1 ≠ 13 + 1
                checks = [Check("t3.balance.total", "fail",
                                "new 14 + carried_over 1 = 15 ≠ processed 13 + carried_forward 1 = 14")]
            if code == CITY and year == 2024:  # an area-wide prose total smaller than its parts
                extra.append(Figure("requests.new", 25, "件", "25", "text",
                                    "2024年，全市共收到政府信息公开申请25件。", "requests"))
            if code == KECHENG and year == 2023:
                template = "2019"  # a 2023 report still on the 2019 layout
            out.append((
                make_report(code, year, new=new, carried_over=co, carried_forward=cf, extra=extra,
                            checks=checks, template=template, t4=t4, processed=processed,
                            published_date=PUBLISHED.get((code, year))),
                url_for(code, year),
            ))
    out.append((make_report(KECHENG, 2021, kind="department", publisher="柯城区教育局", new=7,
                            published_date="2022-02-10"),
                url_for(KECHENG, 2021, "department", "jyj")))
    out.append((make_report(KECHENG, 2021, kind="township", publisher="信安街道办事处", new=3),
                url_for(KECHENG, 2021, "township", "xinan")))
    out.append((make_report(KECHENG, 2018, kind="department", publisher="柯城区教育局", new=2,
                            published_date="2019-03-01"),
                url_for(KECHENG, 2018, "department", "jyj")))
    return out


def store_all(db, items: list[tuple[Report, str]]) -> None:
    for i, (report, url) in enumerate(items):
        store_report(db, report, DocumentRow(url=url, sha256=f"{i:064x}", status=200,
                                             fetched_at="2025-01-01T00:00:00Z"))


def build_fixture_db(path: str | Path):
    db = schema.connect(path)
    store_all(db, fixture_reports())
    return db

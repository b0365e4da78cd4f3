"""Datasette metadata for a gongkai database: titles, descriptions (with units), source and
licence, facets, full-text search and canned queries with named parameters."""

from __future__ import annotations

from typing import Any

YEARS = list(range(2018, 2025))

UNITS_NOTE = ("Units: counts of requests, reviews, lawsuits and documents in 件, items of information in 条, "
              "staff in 人, bodies in 个, events in 次, money in 万元 (admin_fees.amount, procurement.amount, "
              "org.budget) or 元 (fees.*). Each figure row carries its unit.")

_INT = "CASE WHEN {v} = CAST({v} AS INTEGER) THEN CAST({v} AS INTEGER) ELSE {v} END"

# Best figure per report for :metric (2019's rules.made/normative_docs.made on the 2021 series)
_BEST = """
  SELECT f.report_id, f.value, f.unit,
         MIN(CASE f.source WHEN 'table' THEN 0 WHEN 'derived' THEN 1 ELSE 2 END * 1000000 + f.ord) AS _p
  FROM figures f
  WHERE f.metric IN (:metric, CASE :metric WHEN 'rules.issued' THEN 'rules.made'
                                           WHEN 'normative_docs.issued' THEN 'normative_docs.made'
                                           ELSE :metric END)
    AND f.breakdown = COALESCE(NULLIF(:breakdown, ''), 'total')
  GROUP BY f.report_id
"""

_GOV = """
  SELECT r.region_code, r.region_name, r.year, r.url, b.unit, """ + _INT.format(v="b.value") + """ AS value,
         ROW_NUMBER() OVER (PARTITION BY r.region_code, r.year
                            ORDER BY CASE r.publisher_kind WHEN 'government' THEN 0 ELSE 1 END, r.id DESC) AS rk
  FROM reports r JOIN best b ON b.report_id = r.id
  WHERE r.publisher_kind IN ('government', 'unknown')
    AND (r.region_code LIKE COALESCE(:region, '') || '%'
         OR :region IN (r.region_name, r.city, r.province))
"""

COMPARE_SQL = (
    "WITH best AS (" + _BEST + "), gov AS (" + _GOV + ")\n"
    "SELECT region_code, region_name,\n  "
    + ",\n  ".join(f'MAX(CASE WHEN year = {y} THEN value END) AS "{y}"' for y in YEARS)
    + "\nFROM gov WHERE rk = 1 GROUP BY region_code, region_name ORDER BY region_code"
)

COMPARE_LONG_SQL = (
    "WITH best AS (" + _BEST + "), gov AS (" + _GOV + ")\n"
    "SELECT region_code, region_name, year, value, unit, url FROM gov WHERE rk = 1 "
    "ORDER BY region_code, year"
)

AUDIT_SQL = """
SELECT * FROM (
  SELECT CASE WHEN name LIKE 't3.%' OR name LIKE 't4.%' THEN 3 ELSE 2 END AS severity, name AS "check",
         region_code, region_name, year, publisher, detail, url
  FROM failed_checks WHERE name NOT LIKE 'carry_chain%'
  UNION ALL
  SELECT 3, 'carry_chain', region_code, region_name, year, publisher,
         printf('%d 上年结转 %g ≠ %d 结转下年度 %g', year, carried_over, year - 1, prev_carried_forward), url
  FROM carry_chain WHERE status = 'fail'
  UNION ALL
  SELECT 2, 'in_force.' || kind, region_code, region_name, year, publisher,
         printf('现行有效件数 %g ≠ %g + %g − %g = %g', in_force, prev_in_force, issued, repealed, expected_in_force),
         url
  FROM in_force_continuity WHERE status = 'fail'
  UNION ALL
  SELECT 1, 'late', region_code, region_name, year, publisher,
         printf('published %s, %d days after the deadline %s (%s)', published_date, days_late, deadline,
                publisher_kind), url
  FROM report_deadlines WHERE days_late > 0
)
WHERE (COALESCE(region_code, '') LIKE COALESCE(:region, '') || '%' OR region_name = :region)
ORDER BY severity DESC, region_code, year
"""

WITHHELD_SQL = """
SELECT region_code, region_name, year, requests_processed, requests_withheld, requests_unavailable,
       ROUND(100.0 * requests_withheld / requests_processed, 1) AS withheld_pct, url
FROM region_year
WHERE requests_processed > 0 AND requests_withheld IS NOT NULL
  AND (COALESCE(:year, '') = '' OR year = CAST(:year AS INTEGER))
  AND (region_code LIKE COALESCE(:region, '') || '%' OR region_name = :region)
ORDER BY withheld_pct DESC, requests_withheld DESC
"""

LATE_SQL = """
SELECT region_code, region_name, year, publisher, publisher_kind, published_date, deadline, days_late, url
FROM report_deadlines
WHERE days_late > 0 AND (COALESCE(region_code, '') LIKE COALESCE(:region, '') || '%' OR region_name = :region)
ORDER BY days_late DESC
"""

REPORT_COLUMNS = {
    "url": "Page the report was read from",
    "publisher": "Who published the report (government office, department or township)",
    "publisher_kind": "government | department | township | unknown",
    "region_code": "GB/T 2260 code of the county-level or higher place the report covers",
    "region_name": "Name of that place",
    "year": "Year the statistics cover (2019 for a report published in January 2020)",
    "published_date": "Publication date on the page",
    "template": "Table layout: 2019, 2021, pre2019 or unknown",
}


def _metric_columns() -> dict[str, str]:
    cols = {
        "requests_new": "一、本年新收申请 (件)",
        "requests_carried_over": "二、上年结转 (件)",
        "requests_granted": "（一）予以公开 (件)",
        "requests_partly_granted": "（二）部分公开 (件)",
        "requests_withheld": "（三）不予公开, sum of its items (件)",
        "requests_unavailable": "（四）无法提供, sum (件)",
        "requests_not_handled": "（五）不予处理, sum (件)",
        "requests_other_handling": "（六）其他处理 (件)",
        "requests_processed": "（七）总计 (件)",
        "requests_carried_forward": "四、结转下年度继续办理 (件)",
        "reviews_total": "行政复议总计 (件): table, else sum of its parts, else prose",
        "reviews_total_source": "where reviews_total came from: table | derived | parts | text",
        "lawsuits_total": "行政诉讼总计 (件): direct + after review, else prose",
        "lawsuits_total_source": "where lawsuits_total came from",
        "rules_issued": "规章 made in the year (件): 2021 本年制发件数, 2019 本年新制作数量",
        "rules_in_force": "规章 现行有效件数 (件, 2021 layout)",
        "normative_docs_issued": "规范性文件 made in the year (件)",
        "normative_docs_in_force": "规范性文件 现行有效件数 (件)",
        "licensing_decisions": "行政许可 处理决定数量 (件)",
        "penalty_decisions": "行政处罚 处理决定数量 (件)",
        "coercion_decisions": "行政强制 处理决定数量 (件)",
        "proactive_items": "主动公开 items (条)",
        "org_staff": "staff on disclosure work (人)",
        "checks_failed": "per-report checks that failed",
    }
    return {**REPORT_COLUMNS, **cols}


def build_metadata(db_name: str) -> dict[str, Any]:
    facets = ["region_name", "year", "template"]
    return {
        "title": "gongkai: 政府信息公开工作年度报告",
        "description": "Figures from Chinese government information disclosure annual reports, "
                       "by place and year. " + UNITS_NOTE,
        "license": "Source documents: public government information; compilation CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "政府信息公开工作年度报告 on government portals (each row links its page)",
        "about": "Chart a metric across places and years",
        "about_url": "/-/chart",
        "databases": {
            db_name: {
                "title": "Annual reports",
                "description": "One row per report in reports; its figures, sections and checks hang off it. "
                               "The views bring reports to one row each (report_metrics), one per place and "
                               "year (region_year) and hold the cross-report checks.",
                "tables": {
                    "reports": {"description": "One row per report (one per document URL).",
                                "facets": [*facets, "publisher_kind"], "columns": REPORT_COLUMNS},
                    "figures": {"description": "Every extracted number. " + UNITS_NOTE,
                                "facets": ["metric", "source", "unit"],
                                "columns": {"metric": "dotted metric name (see metrics.md)",
                                            "breakdown": "applicant column (table 3) or total",
                                            "value": "the number, in the row's unit",
                                            "unit": "件, 条, 人, 个, 次, 万元 or 元",
                                            "raw": "the number as written",
                                            "source": "table | text | derived"}},
                    "sections": {"description": "Report text by section: search it (full text, 3+ characters).",
                                 "fts_table": "sections_fts", "fts_pk": "id", "facets": ["key"]},
                    "checks": {"description": "Per-report consistency checks.", "facets": ["status", "name"]},
                    "report_metrics": {"description": "One row per report with the core metrics as columns "
                                                      "(breakdown total; table before derived before prose).",
                                       "facets": [*facets, "publisher_kind"], "columns": _metric_columns()},
                    "region_year": {"description": "One row per place and year: the government's own report "
                                                   "(departments and townships are in region_year_others).",
                                    "facets": facets, "columns": _metric_columns()},
                    "region_year_others": {"description": "Departments' and townships' reports summed per "
                                                          "place, year and kind.",
                                           "facets": ["region_name", "year", "publisher_kind"]},
                    "figures_long": {"description": "Figures with their report's place, year and URL; series "
                                                    "puts 2019 rules.made/normative_docs.made on the 2021 "
                                                    "*.issued series.",
                                     "facets": ["metric", "year", "region_name", "template", "source"]},
                    "carry_chain": {"description": "上年结转 (Y) against 结转下年度 (Y−1), same publisher.",
                                    "facets": ["status", "year"]},
                    "in_force_continuity": {"description": "现行有效件数 (Y) against (Y−1) + 制发 − 废止.",
                                            "facets": ["status", "kind"]},
                    "report_deadlines": {"description": "Legal deadline and days late (departments and "
                                                        "townships 1月31日, governments 3月31日; all 3月31日 "
                                                        "up to the 2018 reports).",
                                         "facets": ["year", "publisher_kind"]},
                    "request_groups": {"description": "Table 3 groups: sum of the items against the group figure."},
                    "reviews_lawsuits": {"description": "reviews.total and lawsuits.total from table or prose, "
                                                        "with their source."},
                    "sections_fts": {"hidden": True},
                },
                "queries": {
                    "compare": {
                        "title": "Compare a metric: places as rows, years as columns",
                        "description_html": (
                            "The government's own report per place and year. <code>metric</code> e.g. "
                            "requests.new, reviews.total, rules.issued; <code>breakdown</code> blank for total "
                            "or natural_person, business…; <code>region</code> a code prefix (3308 = 衢州市 "
                            "and its counties) or a place name (衢州市: the city and its counties), blank for "
                            "all. Blank cell: no report gives the figure. "
                            "<a href=\"/-/chart\">Chart it</a>."),
                        "sql": COMPARE_SQL,
                        "params": ["metric", "breakdown", "region"],
                        "hide_sql": True,
                    },
                    "compare_long": {
                        "title": "A metric by place and year, one row each, with the report URL",
                        "sql": COMPARE_LONG_SQL,
                        "params": ["metric", "breakdown", "region"],
                    },
                    "audit": {
                        "title": "Audit: failed checks, worst first",
                        "description": "Tables that do not add up, broken carry chains, 现行有效件数 breaks and "
                                       "late reports; region is a code prefix (blank: all). The parent-vs-"
                                       "children check is in `gongkai audit`.",
                        "sql": AUDIT_SQL,
                        "params": ["region"],
                        "hide_sql": True,
                    },
                    "withheld": {
                        "title": "Who withholds most: share of processed requests refused (不予公开)",
                        "description": "Government's own reports; year blank for all years, region a code prefix.",
                        "sql": WITHHELD_SQL,
                        "params": ["year", "region"],
                    },
                    "late_reports": {
                        "title": "Reports published after their legal deadline",
                        "sql": LATE_SQL,
                        "params": ["region"],
                    },
                },
            }
        },
    }

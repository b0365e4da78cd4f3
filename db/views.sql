-- Views for comparing places and years. Loaded by db/schema.py on every connect: each view is
-- dropped and recreated, so this file is idempotent. Views hold no data.
-- Documented with examples in docs/compare.md.

-- ---------------------------------------------------------------------------------------------
-- figures_series: every figure, plus
--   series       the metric name with 2019/2021 layout renames brought onto one series:
--                rules.made -> rules.issued, normative_docs.made -> normative_docs.issued
--                (2019 本年新制作数量 and 2021 本年制发件数 both count documents made in the year).
--                Everything else keeps its name: same-named metrics mean the same in both layouts
--                (requests.*, reviews.*, lawsuits.*, licensing/penalty/coercion.decisions), and the
--                rest do not mean the same thing (rules.public_total 对外公开总数量 vs rules.in_force
--                现行有效件数, fees.collected vs fees.processing, 2019-only items_prev/items_change and
--                procurement.*, 2021-only admin_fees.amount) so they stay apart.
--   source_rank  0 table, 1 derived, 2 text: lower wins where a report states a figure twice.
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS figures_series;
CREATE VIEW figures_series AS
SELECT f.*,
       CASE f.metric
         WHEN 'rules.made' THEN 'rules.issued'
         WHEN 'normative_docs.made' THEN 'normative_docs.issued'
         ELSE f.metric
       END AS series,
       CASE f.source WHEN 'table' THEN 0 WHEN 'derived' THEN 1 ELSE 2 END AS source_rank
FROM figures f;

-- best_figures: one value per (report, series, breakdown): the table's value if the table has
-- it, else a derived one, else the prose's. (SQLite takes the bare columns from the MIN row.)
DROP VIEW IF EXISTS best_figures;
CREATE VIEW best_figures AS
SELECT report_id, series, breakdown, value, unit, source, raw, approx, metric,
       MIN(source_rank * 1000000 + ord) AS _pick
FROM figures_series
GROUP BY report_id, series, breakdown;

-- ---------------------------------------------------------------------------------------------
-- reviews_lawsuits: reviews.total and lawsuits.total for every report, wherever they came from:
-- the table (or our derived sum) first, else the sum of the table's parts, else the prose.
-- *_source says which: table | derived | parts | text.
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS reviews_lawsuits;
CREATE VIEW reviews_lawsuits AS
WITH t AS (
  SELECT report_id,
    MAX(CASE WHEN metric = 'reviews.total' AND source <> 'text' THEN value END) AS rv_table,
    MAX(CASE WHEN metric = 'reviews.total' AND source <> 'text' THEN source END) AS rv_table_src,
    MAX(CASE WHEN metric = 'reviews.total' AND source = 'text' THEN value END) AS rv_text,
    SUM(CASE WHEN metric IN ('reviews.upheld', 'reviews.corrected', 'reviews.other', 'reviews.pending')
             AND source <> 'text' THEN value END) AS rv_parts,
    MAX(CASE WHEN metric = 'lawsuits.total' AND source <> 'text' THEN value END) AS lw_table,
    MAX(CASE WHEN metric = 'lawsuits.total' AND source <> 'text' THEN source END) AS lw_table_src,
    MAX(CASE WHEN metric = 'lawsuits.total' AND source = 'text' THEN value END) AS lw_text,
    SUM(CASE WHEN metric IN ('lawsuits.direct.total', 'lawsuits.after_review.total')
             AND source <> 'text' THEN value END) AS lw_parts
  FROM figures
  WHERE breakdown = 'total' AND metric IN (
    'reviews.total', 'reviews.upheld', 'reviews.corrected', 'reviews.other', 'reviews.pending',
    'lawsuits.total', 'lawsuits.direct.total', 'lawsuits.after_review.total')
  GROUP BY report_id
)
SELECT r.id AS report_id,
       COALESCE(t.rv_table, t.rv_parts, t.rv_text) AS reviews_total,
       CASE WHEN t.rv_table IS NOT NULL THEN t.rv_table_src WHEN t.rv_parts IS NOT NULL THEN 'parts'
            WHEN t.rv_text IS NOT NULL THEN 'text' END AS reviews_total_source,
       t.rv_text AS reviews_total_text,
       COALESCE(t.lw_table, t.lw_parts, t.lw_text) AS lawsuits_total,
       CASE WHEN t.lw_table IS NOT NULL THEN t.lw_table_src WHEN t.lw_parts IS NOT NULL THEN 'parts'
            WHEN t.lw_text IS NOT NULL THEN 'text' END AS lawsuits_total_source,
       t.lw_text AS lawsuits_total_text
FROM reports r LEFT JOIN t ON t.report_id = r.id;

-- ---------------------------------------------------------------------------------------------
-- report_metrics: one row per report, core metrics (breakdown total, best source) as columns.
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS report_metrics;
CREATE VIEW report_metrics AS
WITH p AS (
  SELECT report_id,
    MAX(CASE WHEN series = 'requests.new' THEN value END) AS requests_new,
    MAX(CASE WHEN series = 'requests.carried_over' THEN value END) AS requests_carried_over,
    MAX(CASE WHEN series = 'requests.granted' THEN value END) AS requests_granted,
    MAX(CASE WHEN series = 'requests.partly_granted' THEN value END) AS requests_partly_granted,
    MAX(CASE WHEN series = 'requests.withheld' THEN value END) AS requests_withheld,
    MAX(CASE WHEN series = 'requests.unavailable' THEN value END) AS requests_unavailable,
    MAX(CASE WHEN series = 'requests.not_handled' THEN value END) AS requests_not_handled,
    MAX(CASE WHEN series = 'requests.other_handling' THEN value END) AS requests_other_handling,
    MAX(CASE WHEN series = 'requests.processed' THEN value END) AS requests_processed,
    MAX(CASE WHEN series = 'requests.carried_forward' THEN value END) AS requests_carried_forward,
    MAX(CASE WHEN series = 'rules.issued' THEN value END) AS rules_issued,
    MAX(CASE WHEN series = 'rules.in_force' THEN value END) AS rules_in_force,
    MAX(CASE WHEN series = 'normative_docs.issued' THEN value END) AS normative_docs_issued,
    MAX(CASE WHEN series = 'normative_docs.in_force' THEN value END) AS normative_docs_in_force,
    MAX(CASE WHEN series = 'licensing.decisions' THEN value END) AS licensing_decisions,
    MAX(CASE WHEN series = 'penalty.decisions' THEN value END) AS penalty_decisions,
    MAX(CASE WHEN series = 'coercion.decisions' THEN value END) AS coercion_decisions,
    MAX(CASE WHEN series = 'proactive.items' THEN value END) AS proactive_items,
    MAX(CASE WHEN series = 'org.staff' THEN value END) AS org_staff
  FROM (
    -- best value per (report, series), only for the metrics above (the index on metric keeps
    -- this from reading every figure)
    SELECT report_id, series, value, MIN(source_rank * 1000000 + ord) AS _pick
    FROM figures_series
    WHERE breakdown = 'total' AND metric IN (
      'requests.new', 'requests.carried_over', 'requests.granted', 'requests.partly_granted',
      'requests.withheld', 'requests.unavailable', 'requests.not_handled', 'requests.other_handling',
      'requests.processed', 'requests.carried_forward', 'rules.issued', 'rules.made', 'rules.in_force',
      'normative_docs.issued', 'normative_docs.made', 'normative_docs.in_force', 'licensing.decisions',
      'penalty.decisions', 'coercion.decisions', 'proactive.items', 'org.staff')
    GROUP BY report_id, series
  )
  GROUP BY report_id
), c AS (
  SELECT report_id, COUNT(*) AS checks_total,
         SUM(status = 'fail') AS checks_failed
  FROM checks GROUP BY report_id
)
SELECT r.id AS report_id, r.url, r.title, r.publisher, r.publisher_kind,
       r.region_code, r.region_name, r.province, r.city, r.county,
       r.year, r.published_date, r.template,
       p.requests_new, p.requests_carried_over, p.requests_granted, p.requests_partly_granted,
       p.requests_withheld, p.requests_unavailable, p.requests_not_handled, p.requests_other_handling,
       p.requests_processed, p.requests_carried_forward,
       rl.reviews_total, rl.reviews_total_source, rl.lawsuits_total, rl.lawsuits_total_source,
       p.rules_issued, p.rules_in_force, p.normative_docs_issued, p.normative_docs_in_force,
       p.licensing_decisions, p.penalty_decisions, p.coercion_decisions,
       p.proactive_items, p.org_staff,
       COALESCE(c.checks_total, 0) AS checks_total, COALESCE(c.checks_failed, 0) AS checks_failed
FROM reports r
LEFT JOIN p ON p.report_id = r.id
LEFT JOIN reviews_lawsuits rl ON rl.report_id = r.id
LEFT JOIN c ON c.report_id = r.id;

-- ---------------------------------------------------------------------------------------------
-- region_year: one row per (region, year) for the government's own report (publisher_kind
-- government; a report of unknown kind stands in only where the year has no government report;
-- of several, the latest stored wins). Departments' and townships' reports are in
-- region_year_others, never mixed in here.
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS region_year;
CREATE VIEW region_year AS
SELECT * FROM (
  SELECT m.*,
         ROW_NUMBER() OVER (
           PARTITION BY m.region_code, m.year
           ORDER BY CASE m.publisher_kind WHEN 'government' THEN 0 ELSE 1 END, m.report_id DESC
         ) AS _rank
  FROM report_metrics m
  WHERE m.publisher_kind IN ('government', 'unknown') AND m.region_code IS NOT NULL AND m.year IS NOT NULL
) WHERE _rank = 1;

-- region_year_others: departments' and townships' reports summed per (region, year, kind).
DROP VIEW IF EXISTS region_year_others;
CREATE VIEW region_year_others AS
SELECT region_code, MAX(region_name) AS region_name, year, publisher_kind,
       COUNT(*) AS reports,
       SUM(requests_new) AS requests_new, SUM(requests_processed) AS requests_processed,
       SUM(requests_granted) AS requests_granted, SUM(requests_withheld) AS requests_withheld,
       SUM(reviews_total) AS reviews_total, SUM(lawsuits_total) AS lawsuits_total,
       SUM(checks_failed) AS checks_failed
FROM report_metrics
WHERE publisher_kind IN ('department', 'township')
GROUP BY region_code, year, publisher_kind;

-- ---------------------------------------------------------------------------------------------
-- request_groups: table 3's groups per report and applicant column: the sum of the group's
-- items (leaves), how many items there were, and the group figure the parser stored (derived
-- or stated); 2019's 其他处理 has no items, only its single row (stated).
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS request_groups;
CREATE VIEW request_groups AS
WITH g AS (
  SELECT report_id, breakdown,
         CASE
           WHEN metric LIKE 'requests.withheld%' THEN 'withheld'
           WHEN metric LIKE 'requests.unavailable%' THEN 'unavailable'
           WHEN metric LIKE 'requests.not\_handled%' ESCAPE '\' THEN 'not_handled'
           WHEN metric LIKE 'requests.other\_handling%' ESCAPE '\' THEN 'other_handling'
         END AS grp,
         metric, value, source
  FROM figures
  WHERE source <> 'text' AND (metric LIKE 'requests.withheld%' OR metric LIKE 'requests.unavailable%'
        OR metric LIKE 'requests.not\_handled%' ESCAPE '\' OR metric LIKE 'requests.other\_handling%' ESCAPE '\')
)
SELECT report_id, breakdown, grp AS "group",
       SUM(CASE WHEN metric <> 'requests.' || grp THEN value END) AS items_sum,
       SUM(metric <> 'requests.' || grp) AS items,
       MAX(CASE WHEN metric = 'requests.' || grp THEN value END) AS stated,
       MAX(CASE WHEN metric = 'requests.' || grp THEN source END) AS stated_source
FROM g
GROUP BY report_id, breakdown, grp;

-- ---------------------------------------------------------------------------------------------
-- report_deadlines: each report's legal deadline and how late it was published.
-- Reports on 2018 and before: 3月31日 of the next year for everyone (2007 Regulation art. 31).
-- From 2019 (2019 Regulation art. 49): departments 1月31日, governments 3月31日 of the next year.
-- Townships' reports are held to the departments' date (they, like departments, file with the
-- county's 主管部门 before its 3月31日 report); unknown kinds get the governments' date.
-- days_late > 0 means late; NULL where the publication date is not known.
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS report_deadlines;
CREATE VIEW report_deadlines AS
SELECT d.*,
       CAST(julianday(d.published_date) - julianday(d.deadline) AS INTEGER) AS days_late
FROM (
  SELECT r.id AS report_id, r.url, r.publisher, r.publisher_kind, r.region_code, r.region_name,
         r.year, substr(r.published_date, 1, 10) AS published_date,
         CASE
           WHEN r.year IS NULL THEN NULL
           WHEN r.year <= 2018 THEN printf('%04d-03-31', r.year + 1)
           WHEN r.publisher_kind IN ('department', 'township') THEN printf('%04d-01-31', r.year + 1)
           ELSE printf('%04d-03-31', r.year + 1)
         END AS deadline
  FROM reports r
) d;

-- ---------------------------------------------------------------------------------------------
-- Cross-report checks. A publisher's series of reports is keyed by region and kind, plus the
-- publisher's name for departments and townships (a government's own report keeps its key when
-- the office that signs it changes name). Of two reports for one key and year, the latest wins.
-- ---------------------------------------------------------------------------------------------
DROP VIEW IF EXISTS publisher_years;
CREATE VIEW publisher_years AS
SELECT * FROM (
  SELECT r.id AS report_id, r.url, r.publisher, r.publisher_kind, r.region_code, r.region_name, r.year,
         COALESCE(r.region_code, '') || '|' || COALESCE(r.publisher_kind, '') || '|' ||
           CASE WHEN r.publisher_kind = 'government' THEN '' ELSE COALESCE(r.publisher, '') END AS publisher_key,
         ROW_NUMBER() OVER (
           PARTITION BY COALESCE(r.region_code, '') || '|' || COALESCE(r.publisher_kind, '') || '|' ||
             CASE WHEN r.publisher_kind = 'government' THEN '' ELSE COALESCE(r.publisher, '') END, r.year
           ORDER BY r.id DESC) AS _rank
  FROM reports r WHERE r.year IS NOT NULL
) WHERE _rank = 1;

-- chain_values: the best total of the metrics the carry chain compares.
DROP VIEW IF EXISTS chain_values;
CREATE VIEW chain_values AS
SELECT report_id, metric, value, MIN(source_rank * 1000000 + ord) AS _pick
FROM figures_series
WHERE breakdown = 'total' AND metric IN ('requests.carried_over', 'requests.carried_forward')
GROUP BY report_id, metric;

-- carry_chain: 二、上年结转 of year Y against 四、结转下年度继续办理 of year Y-1 (breakdown total).
DROP VIEW IF EXISTS carry_chain;
CREATE VIEW carry_chain AS
SELECT cur.report_id, cur.url, cur.publisher, cur.publisher_kind, cur.region_code, cur.region_name,
       cur.year, prev.report_id AS prev_report_id, prev.url AS prev_url,
       fp.value AS prev_carried_forward, fc.value AS carried_over,
       CASE WHEN fp.value = fc.value THEN 'pass' ELSE 'fail' END AS status
FROM publisher_years cur
JOIN publisher_years prev ON prev.publisher_key = cur.publisher_key AND prev.year = cur.year - 1
JOIN chain_values fc ON fc.report_id = cur.report_id AND fc.metric = 'requests.carried_over'
JOIN chain_values fp ON fp.report_id = prev.report_id AND fp.metric = 'requests.carried_forward';

-- in_force_continuity: 现行有效件数(Y) against 现行有效件数(Y-1) + 本年制发件数(Y) - 本年废止件数(Y),
-- for rules (规章) and normative_docs (行政规范性文件). Only where both years state in_force
-- (the 2021 layout); a blank issued/repealed counts as 0.
DROP VIEW IF EXISTS in_force_continuity;
CREATE VIEW in_force_continuity AS
WITH iv AS (
  SELECT report_id, 'rules' AS kind,
         MAX(CASE WHEN metric = 'rules.in_force' THEN value END) AS in_force,
         MAX(CASE WHEN metric = 'rules.issued' THEN value END) AS issued,
         MAX(CASE WHEN metric = 'rules.repealed' THEN value END) AS repealed
  FROM figures
  WHERE breakdown = 'total' AND source <> 'text' AND metric IN ('rules.in_force', 'rules.issued', 'rules.repealed')
  GROUP BY report_id
  UNION ALL
  SELECT report_id, 'normative_docs',
         MAX(CASE WHEN metric = 'normative_docs.in_force' THEN value END),
         MAX(CASE WHEN metric = 'normative_docs.issued' THEN value END),
         MAX(CASE WHEN metric = 'normative_docs.repealed' THEN value END)
  FROM figures
  WHERE breakdown = 'total' AND source <> 'text'
    AND metric IN ('normative_docs.in_force', 'normative_docs.issued', 'normative_docs.repealed')
  GROUP BY report_id
)
SELECT cur.report_id, cur.url, cur.publisher, cur.publisher_kind, cur.region_code, cur.region_name,
       cur.year, prev.report_id AS prev_report_id, c.kind,
       p.in_force AS prev_in_force, COALESCE(c.issued, 0) AS issued, COALESCE(c.repealed, 0) AS repealed,
       p.in_force + COALESCE(c.issued, 0) - COALESCE(c.repealed, 0) AS expected_in_force,
       c.in_force,
       CASE WHEN c.in_force = p.in_force + COALESCE(c.issued, 0) - COALESCE(c.repealed, 0)
            THEN 'pass' ELSE 'fail' END AS status
FROM publisher_years cur
JOIN publisher_years prev ON prev.publisher_key = cur.publisher_key AND prev.year = cur.year - 1
JOIN iv c ON c.report_id = cur.report_id AND c.in_force IS NOT NULL
JOIN iv p ON p.report_id = prev.report_id AND p.kind = c.kind AND p.in_force IS NOT NULL;

-- failed_checks: every failed per-report check with where it came from.
DROP VIEW IF EXISTS failed_checks;
CREATE VIEW failed_checks AS
SELECT c.id AS check_id, c.name, c.detail, r.id AS report_id, r.url, r.publisher, r.publisher_kind,
       r.region_code, r.region_name, r.year, r.template
FROM checks c JOIN reports r ON r.id = c.report_id
WHERE c.status = 'fail';

-- figures_long: figures with their report's place and year (for browsing, facets and export).
DROP VIEW IF EXISTS figures_long;
CREATE VIEW figures_long AS
SELECT f.id AS figure_id, r.id AS report_id, r.region_code, r.region_name, r.province, r.city, r.county,
       r.year, r.publisher, r.publisher_kind, r.template, f.metric, f.series, f.breakdown, f.value,
       f.unit, f.raw, f.approx, f.source, f.quote, f.section, r.url
FROM figures_series f JOIN reports r ON r.id = f.report_id;

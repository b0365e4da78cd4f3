"""The tables' own arithmetic (metrics.md §Checks), and derived figures (group sums).

A failed check never drops a figure: checks only report. Within a table that was read, a
blank cell counts as 0 (the template prints blanks for zero); a table that was not found at
all makes its checks `not_assessable`.
"""

from __future__ import annotations

from parsers.model import Check, Figure
from parsers.tables import template as T

BREAKDOWNS = [b for _, b in T.T3_COLUMNS]


def _fmt(v: float) -> str:
    if type(v) is int:  # most cells: skip the float round trip
        return str(v)
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _table_values(figures: list[Figure]) -> dict[tuple[str, str], float]:
    return {(f.metric, f.breakdown): f.value for f in figures if f.source == "table"}


def derived_figures(figures: list[Figure], layout: str | None) -> list[Figure]:
    """Group sums of table 3 and lawsuits.total, source `derived`."""
    vals = _table_values(figures)
    out: list[Figure] = []
    t3_metrics = {m for m, _ in vals if m.startswith("requests.")}
    if t3_metrics:
        groups = dict(T.T3_GROUP_SUMS)
        if layout == "2021" or any(m in t3_metrics for m in T.T3_OTHER_HANDLING_ITEMS):
            groups["requests.other_handling"] = T.T3_OTHER_HANDLING_ITEMS
        order = {r.metric: i for i, r in enumerate(T.T3_ROWS)}
        last_read = max((order[m] for m in t3_metrics if m in order), default=-1)
        for group, items in groups.items():
            if group in t3_metrics:
                continue
            # a table cut off inside the group (a web excerpt) has only some of its items: no sum
            if last_read <= max(order.get(m, -1) for m in items):
                continue
            for b in BREAKDOWNS:
                present = [vals[(m, b)] for m in items if (m, b) in vals]
                if present:
                    out.append(Figure(metric=group, value=sum(present), unit="件", raw=_fmt(sum(present)),
                                      source="derived", quote="sum of " + ", ".join(items), section="requests",
                                      breakdown=b))
    d, a = vals.get(("lawsuits.direct.total", "total")), vals.get(("lawsuits.after_review.total", "total"))
    if d is not None or a is not None:
        v = (d or 0) + (a or 0)
        out.append(Figure(metric="lawsuits.total", value=v, unit="件", raw=_fmt(v), source="derived",
                          quote="lawsuits.direct.total + lawsuits.after_review.total", section="reviews"))
    return out


def _eq(name: str, left: list[tuple[str, float | None]], right: list[tuple[str, float | None]]) -> Check:
    lv = sum(v or 0 for _, v in left)
    rv = sum(v or 0 for _, v in right)
    detail = (" + ".join(f"{n} {_fmt(v or 0)}" for n, v in left) + f" = {_fmt(lv)}; "
              + " + ".join(f"{n} {_fmt(v or 0)}" for n, v in right) + f" = {_fmt(rv)}")
    return Check(name, "pass" if abs(lv - rv) < 1e-6 else "fail", detail)


_CORE = ["requests.new", "requests.carried_over", "requests.processed", "requests.carried_forward"]


def _grids(vals: dict[tuple[str, str], float]) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Table values by column (breakdown → metric → value) and by row (metric → breakdown →
    value): the checks read whole columns and rows, and most of both are blank."""
    cols: dict[str, dict[str, float]] = {}
    rows: dict[str, dict[str, float]] = {}
    for (m, b), x in vals.items():
        cols.setdefault(b, {})[m] = x
        rows.setdefault(m, {})[b] = x
    return cols, rows


def _t3_checks(vals: dict[tuple[str, str], float], layout: str | None) -> list[Check]:
    checks: list[Check] = []
    leaves = T.T3_RESULT_LEAVES_2021 if layout == "2021" else T.T3_RESULT_LEAVES_2019
    names = [(m, m.removeprefix("requests.")) for m in leaves]
    cols, rows = _grids(vals)
    # One side of the balance with no figure in any column: its rows are missing (a table cut
    # off, as web archives keep them) rather than blank for zero.
    missing = [side for side, ms in (("new + carried_over", ("requests.new", "requests.carried_over")),
                                     ("processed + carried_forward", ("requests.processed", "requests.carried_forward")))
               if all(m not in rows for m in ms)]
    for b in BREAKDOWNS:
        col = cols.get(b, {})
        if all(col.get(m) is None for m in _CORE + leaves):
            continue
        processed = col.get("requests.processed")
        if missing:
            checks.append(Check(f"t3.balance.{b}", "not_assessable", f"no {' or '.join(missing)} rows in table 3"))
        else:
            checks.append(_eq(
                f"t3.balance.{b}",
                [("new", col.get("requests.new")), ("carried_over", col.get("requests.carried_over"))],
                [("processed", processed), ("carried_forward", col.get("requests.carried_forward"))],
            ))
        results = [(n, col.get(m)) for m, n in names]
        if "requests.processed" not in rows:
            checks.append(Check(f"t3.results_sum.{b}", "not_assessable", "no 总计 row in table 3"))
            continue
        if processed is not None and all(x is None for _, x in results):
            checks.append(Check(f"t3.results_sum.{b}", "not_assessable",
                                f"processed {_fmt(processed)}; every result cell blank"))
            continue
        checks.append(_eq(f"t3.results_sum.{b}", [("processed", processed)], results))
    for row in T.T3_ROWS:
        if row.metric == "requests.other_handling" and layout == "2021":
            continue
        cells = rows.get(row.metric)
        if not cells:
            continue  # a blank row
        parts = [(b, cells.get(b)) for b in BREAKDOWNS[:-1]]
        total = cells.get("total")
        if total is None and all(x is None for _, x in parts):
            continue
        if total is None:
            checks.append(Check(f"t3.row_sum.{row.metric}", "not_assessable",
                                "总计 cell blank; applicant columns sum to "
                                + _fmt(sum(x or 0 for _, x in parts))))
            continue
        checks.append(_eq(f"t3.row_sum.{row.metric}", [("total", total)], parts))
    return checks


def run_checks(figures: list[Figure], tables_seen: set[int], layout: str | None,
               template: str | None = None) -> list[Check]:
    vals = _table_values(figures)
    checks: list[Check] = []
    missing = ("the pre-2019 format has no such table" if template == "pre2019"
               else "not found in the document")

    def v(metric: str, b: str = "total") -> float | None:
        return vals.get((metric, b))

    if 3 in tables_seen:
        checks.extend(_t3_checks(vals, layout))
    else:
        for name in ("t3.balance.total", "t3.results_sum.total"):
            checks.append(Check(name, "not_assessable", f"table 3: {missing}"))

    if 4 in tables_seen:
        for g in T.T4_GROUPS:
            checks.append(_eq(
                f"t4.sum.{g}",
                [("total", v(f"{g}.total"))],
                [(o, v(f"{g}.{o}")) for o in T.T4_OUTCOMES[:-1]],
            ))
    else:
        checks.append(Check("t4.sum.reviews", "not_assessable", f"table 4: {missing}"))

    # text_vs_table: a figure stated in prose and in a table should agree.
    # (by applicant too, where prose gives one: text_vs_table.requests.new.natural_person)
    text_vals = {(f.metric, f.breakdown): f for f in figures if f.source == "text"}
    table_like = {(f.metric, f.breakdown): f for f in figures if f.source in ("table", "derived")}
    for (metric, breakdown), tf in sorted(text_vals.items()):
        tb = table_like.get((metric, breakdown))
        if tb is None:
            continue
        ok = abs(float(tf.value) - float(tb.value)) < 1e-6 or (tf.approx and tf.value <= tb.value)
        name = metric if breakdown == "total" else f"{metric}.{breakdown}"
        checks.append(Check(f"text_vs_table.{name}", "pass" if ok else "fail",
                            f"text {tf.raw} ({tf.quote[:60]}); {tb.source} {_fmt(tb.value)}"))
    return checks

"""Comparison, audit and export over a gongkai database: the library behind `gongkai compare`,
`gongkai audit`, `gongkai export` and the web view's chart page.

Every function takes a `sqlite_utils.Database` (or anything with `.execute`) and returns plain
data; rendering (rich tables, CSV, JSON, charts) is in the `render_*`/`write_*` helpers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from difflib import get_close_matches
from typing import Any, TextIO

from db import regions
from parsers.metric_names import known_metrics

# 2019 → 2021 layout renames that mean the same thing (see db/views.sql, figures_series).
SERIES_ALIASES = {"rules.made": "rules.issued", "normative_docs.made": "normative_docs.issued"}
SOURCE_RANK = {"table": 0, "derived": 1, "text": 2}
GOVERNMENT_KINDS = ("government", "unknown")


def series_of(metric: str) -> str:
    return SERIES_ALIASES.get(metric, metric)


def metrics_of_series(series: str) -> list[str]:
    return [series] + [m for m, s in SERIES_ALIASES.items() if s == series]


def num(v: Any) -> Any:
    """Stored values are REAL: give integers back as int."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def parse_years(spec: str | None) -> list[int] | None:
    """`2019-2024`, `2021`, `2019,2021,2023` (or a mix) → sorted years; None/'' → None (all)."""
    if not spec:
        return None
    years: set[int] = set()
    for part in str(spec).split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d{4})\s*[-–:]\s*(\d{4})", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > b:
                a, b = b, a
            years.update(range(a, b + 1))
        elif re.fullmatch(r"\d{4}", part):
            years.add(int(part))
        else:
            raise ValueError(f"bad year range {part!r}: use 2019-2024, 2021 or 2019,2021")
    return sorted(years)


@dataclass
class RegionFilter:
    """`--region` values resolved: exact codes (a code or a name) and code prefixes."""

    codes: set[str] = field(default_factory=set)
    prefixes: tuple[str, ...] = ()

    @classmethod
    def parse(cls, values: Sequence[str] | None) -> RegionFilter | None:
        if not values:
            return None
        codes: set[str] = set()
        prefixes: list[str] = []
        for v in values:
            v = v.strip()
            if v.isdigit() and len(v) < 6:
                prefixes.append(v)
            elif v.isdigit():
                codes.add(v)
            else:
                codes.update(regions.resolve(v))
        return cls(codes, tuple(prefixes))

    def match(self, code: str | None, level: str | None = None) -> bool:
        if not code:
            return False
        if code in self.codes or (self.prefixes and code.startswith(self.prefixes)):
            return True
        if level:  # summing up: a place inside a selected region counts too
            cur = regions.parent_of(code)
            while cur:
                if cur in self.codes:
                    return True
                cur = regions.parent_of(cur)
        return False

    def sql(self, column: str = "region_code") -> tuple[str, list[str]]:
        """A WHERE fragment pre-selecting rows (a superset when ancestors must be looked up)."""
        parts, params = [], []
        for c in sorted(self.codes):
            lv = regions.level_of(c)
            if lv == "province":
                parts.append(f"{column} LIKE ?")
                params.append(c[:2] + "%")
            elif lv == "city":
                parts.append(f"{column} LIKE ?")
                params.append(c[:4] + "%")
            else:
                parts.append(f"{column} = ?")
                params.append(c)
        for p in self.prefixes:
            parts.append(f"{column} LIKE ?")
            params.append(p + "%")
        return "(" + " OR ".join(parts) + ")", params


# ------------------------------------------------------------------------------------------
# compare
# ------------------------------------------------------------------------------------------
@dataclass
class CompareRow:
    region_code: str
    region_name: str | None
    values: dict[int, int | float | None]
    partial: dict[int, bool] = field(default_factory=dict)
    reports: dict[int, int] = field(default_factory=dict)  # how many reports made each cell


@dataclass
class CompareResult:
    metric: str
    breakdown: str
    unit: str | None
    level: str | None
    publisher_kind: str
    years: list[int]
    rows: list[CompareRow]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "breakdown": self.breakdown,
            "unit": self.unit,
            "level": self.level,
            "publisher_kind": self.publisher_kind,
            "years": self.years,
            "rows": [
                {
                    "region_code": r.region_code,
                    "region_name": r.region_name,
                    "values": {str(y): r.values.get(y) for y in self.years},
                    "partial": [str(y) for y in self.years if r.partial.get(y)],
                }
                for r in self.rows
            ],
        }


def compare(
    db: Any,
    metric: str,
    *,
    breakdown: str = "total",
    regions_: Sequence[str] | None = None,
    years: Sequence[int] | str | None = None,
    level: str | None = None,
    publisher_kind: str = "government",
) -> CompareResult:
    """Regions as rows, years as columns, for one metric (series) and breakdown.

    `publisher_kind` `government` (default) takes one report per region and year: the
    government's own (a report of unknown kind only where there is none; of several, the latest
    stored). `department` or `township` sums those reports per region and year; `all` sums every
    report. A cell is None where no report gives the figure.

    `level` (`county`, `city`, `province`) sums the values of the places inside each region at
    that level (not the region's own report) into one row per region; a sum is `partial` where a
    direct child of the region in the code list (a county of the city, a city of the province, a
    district of a municipality) has no value that year.
    """
    if isinstance(years, str):
        years = parse_years(years)
    if level and level not in regions.LEVELS:
        raise ValueError(f"level must be one of {', '.join(regions.LEVELS)}")
    series = series_of(metric)
    names = metrics_of_series(series)
    if not known_metrics() & set(names) and not db.execute(
            f"SELECT 1 FROM figures WHERE metric IN ({','.join('?' * len(names))}) LIMIT 1", names).fetchone():
        close = get_close_matches(metric, sorted(known_metrics()), n=3)
        raise ValueError(f"unknown metric {metric!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    rf = RegionFilter.parse(regions_)

    sql = [
        "SELECT r.id, r.region_code, r.region_name, r.year, r.publisher_kind, f.value, f.unit, f.source, f.ord",
        "FROM figures f JOIN reports r ON r.id = f.report_id",
        f"WHERE f.metric IN ({','.join('?' * len(names))}) AND f.breakdown = ?",
    ]
    params: list[Any] = [*names, breakdown]
    filters, fparams = ["AND r.region_code IS NOT NULL AND r.year IS NOT NULL"], []
    if years:
        filters.append(f"AND r.year IN ({','.join('?' * len(years))})")
        fparams += list(years)
    if publisher_kind == "government":
        filters.append("AND r.publisher_kind IN ('government', 'unknown')")
    elif publisher_kind != "all":
        filters.append("AND r.publisher_kind = ?")
        fparams.append(publisher_kind)
    if rf:
        frag, p = rf.sql("r.region_code")
        filters.append("AND " + frag)
        fparams += p
    sql += filters
    params += fparams
    # best figure per report
    best: dict[int, tuple[int, int, Any]] = {}
    meta: dict[int, tuple[str, str | None, int, str]] = {}
    unit = None
    for rid, code, name, year, kind, value, u, source, ord_ in db.execute(" ".join(sql), params).fetchall():
        if rf and not rf.match(code, level):
            continue
        key = (SOURCE_RANK.get(source, 3), ord_ if ord_ is not None else 0)
        if rid not in best or key < best[rid][:2]:
            best[rid] = (*key, value)
        meta[rid] = (code, name, year, kind)
        unit = unit or u

    # report rows for the region-year cells where no report gives the figure: they are blank,
    # which matters only for knowing a report exists; the grid itself is built from figures.
    per_cell: dict[tuple[str, int], list[tuple[int, str, Any]]] = defaultdict(list)
    names_by_code: dict[str, str | None] = {}
    for rid, (code, name, year, kind) in meta.items():
        per_cell[(code, year)].append((rid, kind, best[rid][2]))
        names_by_code.setdefault(code, name)

    cell_value: dict[tuple[str, int], tuple[Any, int]] = {}
    for cell, items in per_cell.items():
        if publisher_kind == "government":
            items.sort(key=lambda t: (0 if t[1] == "government" else 1, -t[0]))
            cell_value[cell] = (items[0][2], 1)
        else:
            cell_value[cell] = (sum(v for _, _, v in items), len(items))

    # places and years with a report but no figure: blank cells (rows of their own if need be)
    reported: set[tuple[str, int]] = set()
    if not level:
        for code, name, year in db.execute(
            "SELECT r.region_code, r.region_name, r.year FROM reports r WHERE 1=1 " + " ".join(filters), fparams
        ).fetchall():
            if not rf or rf.match(code):
                reported.add((code, year))
                names_by_code.setdefault(code, name)
    all_years = sorted(years) if years else sorted({y for _, y in cell_value} | {y for _, y in reported})
    rows: list[CompareRow] = []
    if not level:
        codes = sorted({c for c, _ in cell_value} | {c for c, _ in reported})
        for code in codes:
            vals = {y: num(cell_value[(code, y)][0]) if (code, y) in cell_value else None for y in all_years}
            rep = {y: cell_value[(code, y)][1] for y in all_years if (code, y) in cell_value}
            rows.append(CompareRow(code, regions.name_of(code) or names_by_code.get(code), vals, {}, rep))
    else:
        sums: dict[tuple[str, int], Any] = {}
        counts: dict[tuple[str, int], int] = defaultdict(int)
        covered: dict[tuple[str, int], set[str]] = defaultdict(set)
        for (code, year), (value, n) in cell_value.items():
            parent = regions.ancestor_at(code, level)
            if parent is None or (parent == code and level != "county"):
                continue  # above the level, or the parent's own report
            sums[(parent, year)] = sums.get((parent, year), 0) + value
            counts[(parent, year)] += n
            if parent != code:
                child = code
                while regions.parent_of(child) not in (parent, None):
                    child = regions.parent_of(child)
                covered[(parent, year)].add(child)
        parents = sorted({p for p, _ in sums})
        if not years:
            all_years = sorted({y for _, y in sums})
        for p in parents:
            vals = {y: num(sums[(p, y)]) if (p, y) in sums else None for y in all_years}
            kids = set(regions.children_of(p))
            partial = {
                y: bool(kids - covered[(p, y)]) for y in all_years if (p, y) in sums and level != "county"
            }
            rows.append(CompareRow(p, regions.name_of(p), vals, partial,
                                   {y: counts[(p, y)] for y in all_years if (p, y) in sums}))
    return CompareResult(series, breakdown, unit, level, publisher_kind, all_years, rows)


def fmt_value(v: Any) -> str:
    if v is None:
        return ""
    v = num(v)
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def compare_csv(result: CompareResult, out: TextIO) -> None:
    """Regions as rows, years as columns; `partial_years` lists the years whose sum is partial."""
    w = csv.writer(out)
    w.writerow(["region_code", "region_name", *[str(y) for y in result.years], "partial_years"])
    for r in result.rows:
        w.writerow([r.region_code, r.region_name or "", *[fmt_value(r.values.get(y)) for y in result.years],
                    ";".join(str(y) for y in result.years if r.partial.get(y))])


def compare_rich_table(result: CompareResult):
    from rich.table import Table
    from rich.text import Text

    title = f"{result.metric}" + (f" [{result.breakdown}]" if result.breakdown != "total" else "")
    if result.unit:
        title += f" ({result.unit})"
    if result.level:
        title += f", summed to {result.level} level"
    t = Table(title=title, caption="* partial sum: some places inside have no report that year"
              if any(r.partial.values() for r in result.rows) else None)
    t.add_column("code", no_wrap=True)
    t.add_column("region")
    for y in result.years:
        t.add_column(str(y), justify="right", no_wrap=True)
    for r in result.rows:  # Text, not str: no markup parsing (rich is most of the time on 300 rows)
        t.add_row(Text(r.region_code), Text(r.region_name or ""),
                  *[Text(fmt_value(r.values.get(y)) + ("*" if r.partial.get(y) else "")) for y in result.years])
    return t


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    for f in font_manager.fontManager.ttflist:
        if any(k in f.name for k in ("Noto Sans CJK", "Noto Serif CJK", "WenQuanYi", "Droid Sans Fallback",
                                     "AR PL", "Source Han")):
            return f.name
    return None


def draw_chart(result: CompareResult, path: str | io.IOBase, fmt: str | None = None) -> None:
    """Lines of a comparison (one per region) with matplotlib; PNG or SVG by the file's suffix.
    Place names need a CJK font (Debian fonts-noto-cjk); without one the codes label the lines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = _cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(9, 5), dpi=100)
    for r in result.rows:
        xs = [y for y in result.years if r.values.get(y) is not None]
        ys = [r.values[y] for y in xs]
        label = f"{r.region_name or r.region_code}" if font else r.region_code
        if any(r.partial.get(y) for y in xs):
            label += " (partial)" if not font else "（部分）"
        ax.plot(xs, ys, marker="o", label=label)
        for x, y in zip(xs, ys, strict=True):
            if r.partial.get(x):
                ax.plot([x], [y], marker="o", markerfacecolor="white", color="grey")
    ax.set_xticks(result.years)
    ax.set_xlabel("year")
    ax.set_ylabel(f"{result.metric}" + (f" ({result.unit})" if result.unit and font else ""))
    ax.set_title(result.metric + (f" [{result.breakdown}]" if result.breakdown != "total" else ""))
    ax.grid(True, alpha=0.3)
    if result.rows:
        ax.legend(fontsize="small", loc="best")
    fig.tight_layout()
    if fmt is None and isinstance(path, str):
        fmt = "svg" if path.lower().endswith(".svg") else "png"
    with plt.rc_context({"svg.fonttype": "none"}):  # SVG text stays text (searchable, selectable)
        fig.savefig(path, format=fmt or "png")
    plt.close(fig)


# ------------------------------------------------------------------------------------------
# audit
# ------------------------------------------------------------------------------------------
SEVERITY = {"t3": 3, "t4": 3, "carry_chain": 3, "text_vs_table": 2, "in_force": 2, "parent_sum": 2,
            "late": 1}
PARENT_METRICS = ("requests.new",)
_AREA_WIDE = re.compile(r"全(省|市|州|盟|区|县|旗)")


@dataclass
class AuditRow:
    severity: int
    check: str
    region_code: str | None
    region_name: str | None
    year: int | None
    publisher: str | None
    left: Any
    right: Any
    diff: Any
    detail: str
    url: str | None
    report_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _severity(name: str) -> int:
    for prefix, sev in SEVERITY.items():
        if name == prefix or name.startswith(prefix + ".") or name.startswith(prefix + "_"):
            return sev
    return 2


def _diff(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return num(a - b)


_DETAIL_NUMS = re.compile(r"(-?\d+(?:\.\d+)?)\s*(?:≠|!=|<>|vs\.?|but|对比|与)\s*[^\d-]*(-?\d+(?:\.\d+)?)")


def _sides_from_figures(name: str, figs: dict[tuple[str, str], dict[str, float]]) -> tuple[Any, Any]:
    """Recompute both sides of a per-report check from the report's figures (so that the audit
    shows numbers whatever wording the parser used in `detail`)."""

    def v(metric: str, bd: str = "total", sources: Iterable[str] = ("table", "derived")) -> float | None:
        d = figs.get((metric, bd), {})
        for s in sources:
            if s in d:
                return d[s]
        return None

    def s(*vals: float | None) -> float | None:
        return None if any(x is None for x in vals) else sum(vals)  # type: ignore[arg-type]

    parts = name.split(".")
    if name.startswith("t3.balance.") and len(parts) == 3:
        bd = parts[2]
        return (s(v("requests.new", bd), v("requests.carried_over", bd)),
                s(v("requests.processed", bd), v("requests.carried_forward", bd)))
    if name.startswith("t3.results_sum.") and len(parts) == 3:
        bd = parts[2]
        leaves = [val.get("table") for (m, b), val in figs.items()
                  if b == bd and m.startswith("requests.") and m.count(".") == 2
                  and m.split(".")[1] in ("withheld", "unavailable", "not_handled", "other_handling")]
        singles = [v(m, bd, ("table",)) for m in ("requests.granted", "requests.partly_granted")]
        if not any(m == "requests.other_handling" or m.startswith("requests.other_handling.")
                   for (m, b) in figs if b == bd and "table" in figs[(m, b)] and m.count(".") == 2):
            singles.append(v("requests.other_handling", bd, ("table",)))
        total = sum(x for x in [*leaves, *singles] if x is not None)
        return v("requests.processed", bd), total
    if name.startswith("t3.row_sum."):
        metric = name[len("t3.row_sum."):]
        cols = [v(metric, bd) for bd in ("natural_person", "business", "research", "social_org",
                                        "legal_service", "other_org")]
        return v(metric), (sum(x for x in cols if x is not None) if any(x is not None for x in cols) else None)
    if name.startswith("t4.sum."):
        group = name[len("t4.sum."):]
        return v(f"{group}.total"), s(*(v(f"{group}.{p}") for p in ("upheld", "corrected", "other", "pending")))
    if name.startswith("text_vs_table."):
        metric = name[len("text_vs_table."):]
        return v(metric, "total", ("text",)), v(metric)
    return None, None


def audit(
    db: Any,
    *,
    regions_: Sequence[str] | None = None,
    years: Sequence[int] | str | None = None,
    include: Sequence[str] = ("checks", "carry_chain", "in_force", "parent_sum", "late"),
) -> list[AuditRow]:
    """Every failed check, worst first: per-report checks (tables that do not add up, prose
    against table), the cross-report checks (carry chain, 现行有效件数 continuity, a parent's
    total against the sum of its children) and late publication."""
    if isinstance(years, str):
        years = parse_years(years)
    rf = RegionFilter.parse(regions_)

    def keep(code: str | None, year: int | None) -> bool:
        if years and year not in years:
            return False
        return not rf or rf.match(code)

    rows: list[AuditRow] = []

    if "checks" in include:
        failed = db.execute(
            "SELECT report_id, name, detail, url, publisher, region_code, region_name, year "
            "FROM failed_checks WHERE name NOT LIKE 'carry\\_chain%' ESCAPE '\\' ORDER BY report_id"
        ).fetchall()
        failed = [f for f in failed if keep(f[5], f[7])]
        figs_by_report: dict[int, dict[tuple[str, str], dict[str, float]]] = {}
        ids = sorted({f[0] for f in failed})
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for rid, metric, bd, value, source in db.execute(
                f"SELECT report_id, metric, breakdown, value, source FROM figures "
                f"WHERE report_id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall():
                figs_by_report.setdefault(rid, {}).setdefault((metric, bd), {}).setdefault(source, value)
        for rid, name, detail, url, publisher, code, rname, year in failed:
            left, right = _sides_from_figures(name, figs_by_report.get(rid, {}))
            if left is None and right is None and detail:
                m = _DETAIL_NUMS.search(detail)
                if m:
                    left, right = float(m.group(1)), float(m.group(2))
            rows.append(AuditRow(_severity(name), name, code, rname, year, publisher, num(left), num(right),
                                 _diff(left, right), detail or "", url, rid))

    if "carry_chain" in include:
        for r in db.execute(
            "SELECT report_id, url, publisher, region_code, region_name, year, prev_url, "
            "carried_over, prev_carried_forward FROM carry_chain WHERE status = 'fail'"
        ).fetchall():
            rid, url, publisher, code, rname, year, prev_url, co, pcf = r
            if not keep(code, year):
                continue
            rows.append(AuditRow(
                3, "carry_chain", code, rname, year, publisher, num(co), num(pcf), _diff(co, pcf),
                f"{year} 上年结转 {fmt_value(co)} ≠ {year - 1} 结转下年度 {fmt_value(pcf)} ({prev_url})", url, rid))

    if "in_force" in include:
        for r in db.execute(
            "SELECT report_id, url, publisher, region_code, region_name, year, kind, prev_in_force, issued, "
            "repealed, expected_in_force, in_force FROM in_force_continuity WHERE status = 'fail'"
        ).fetchall():
            rid, url, publisher, code, rname, year, kind, prev, issued, repealed, expected, in_force = r
            if not keep(code, year):
                continue
            rows.append(AuditRow(
                2, f"in_force.{kind}", code, rname, year, publisher, num(in_force), num(expected),
                _diff(in_force, expected),
                f"现行有效件数 {year} = {fmt_value(in_force)} ≠ {year - 1} 的 {fmt_value(prev)} + 制发 "
                f"{fmt_value(issued)} − 废止 {fmt_value(repealed)} = {fmt_value(expected)}", url, rid))

    if "parent_sum" in include:
        rows += _parent_sum_rows(db, keep)

    if "late" in include:
        for r in db.execute(
            "SELECT report_id, url, publisher, publisher_kind, region_code, region_name, year, published_date, "
            "deadline, days_late FROM report_deadlines WHERE days_late > 0"
        ).fetchall():
            rid, url, publisher, kind, code, rname, year, pub, deadline, late = r
            if not keep(code, year):
                continue
            rows.append(AuditRow(1, "late", code, rname, year, publisher, pub, deadline, late,
                                 f"published {pub}, {late} days after the deadline {deadline} ({kind})", url, rid))

    rows.sort(key=lambda a: (-a.severity, -abs(a.diff) if isinstance(a.diff, int | float) else 0,
                             a.region_code or "", a.year or 0, a.check))
    return rows


def _parent_sum_rows(db: Any, keep) -> list[AuditRow]:
    """A parent's total against the sum of its children's government reports: fail where the
    parent's total is smaller than its parts (it cannot be a total then). The parent's total is
    its prose figure stated for the whole area (全市/全区/全县…), else its table's figure."""
    out: list[AuditRow] = []
    for metric in PARENT_METRICS:
        q = db.execute(
            "SELECT r.id, r.url, r.publisher, r.publisher_kind, r.region_code, r.region_name, r.year, "
            "f.value, f.source, f.quote FROM figures f JOIN reports r ON r.id = f.report_id "
            "WHERE f.metric = ? AND f.breakdown = 'total' AND r.publisher_kind IN ('government', 'unknown') "
            "AND r.region_code IS NOT NULL AND r.year IS NOT NULL", [metric]).fetchall()
        by_cell: dict[tuple[str, int], dict[int, dict[str, Any]]] = defaultdict(dict)
        for rid, url, publisher, kind, code, rname, year, value, source, quote in q:
            rep = by_cell[(code, year)].setdefault(
                rid, {"id": rid, "url": url, "publisher": publisher, "kind": kind, "name": rname, "vals": {}})
            rep["vals"].setdefault(source, (value, quote))
        chosen: dict[tuple[str, int], dict[str, Any]] = {}
        for cell, reps in by_cell.items():
            rep = sorted(reps.values(), key=lambda d: (0 if d["kind"] == "government" else 1, -d["id"]))[0]
            chosen[cell] = rep
        children_sum: dict[tuple[str, int], float] = defaultdict(float)
        children_n: dict[tuple[str, int], int] = defaultdict(int)
        for (code, year), rep in chosen.items():
            parent = regions.parent_of(code)
            val = next((rep["vals"][s][0] for s in ("table", "derived", "text") if s in rep["vals"]), None)
            if parent and val is not None:
                children_sum[(parent, year)] += val
                children_n[(parent, year)] += 1
        for (code, year), total_children in children_sum.items():
            rep = chosen.get((code, year))
            if not rep or not keep(code, year):
                continue
            text = rep["vals"].get("text")
            if text and text[1] and _AREA_WIDE.search(text[1]):
                parent_total, how = text[0], "prose, area-wide"
            else:
                tv = rep["vals"].get("table") or rep["vals"].get("derived")
                if not tv:
                    continue
                parent_total, how = tv[0], "table"
            if parent_total < total_children:
                expected = len(regions.children_of(code))
                out.append(AuditRow(
                    2, f"parent_sum.{metric}", code, rep["name"], year, rep["publisher"], num(parent_total),
                    num(total_children), _diff(parent_total, total_children),
                    f"{metric} {fmt_value(parent_total)} ({how}) < sum of {children_n[(code, year)]}"
                    f"/{expected} children {fmt_value(total_children)}", rep["url"], rep["id"]))
    return out


AUDIT_COLUMNS = ["severity", "check", "region_code", "region_name", "year", "publisher", "left", "right",
                 "diff", "detail", "url"]


def audit_csv(rows: list[AuditRow], out: TextIO) -> None:
    w = csv.writer(out)
    w.writerow(AUDIT_COLUMNS)
    for r in rows:
        d = r.to_dict()
        w.writerow(["" if d[c] is None else fmt_value(d[c]) if isinstance(d[c], float) else d[c]
                    for c in AUDIT_COLUMNS])


def audit_rich_table(rows: list[AuditRow]):
    from rich.table import Table

    t = Table(title=f"{len(rows)} failed checks, worst first")
    for c in ("sev", "check", "region", "year", "publisher", "left", "right", "diff", "url"):
        t.add_column(c, justify="right" if c in ("left", "right", "diff", "year", "sev") else "left",
                     overflow="fold")
    for r in rows:
        t.add_row(str(r.severity), r.check, f"{r.region_name or ''} {r.region_code or ''}".strip(),
                  str(r.year or ""), r.publisher or "", fmt_value(r.left) if not isinstance(r.left, str) else r.left,
                  fmt_value(r.right) if not isinstance(r.right, str) else r.right, fmt_value(r.diff), r.url or "")
    return t


# ------------------------------------------------------------------------------------------
# export
# ------------------------------------------------------------------------------------------
LONG_COLUMNS = ["report_id", "url", "region_code", "region_name", "province", "city", "county", "year",
                "publisher", "publisher_kind", "template", "published_date", "metric", "series", "breakdown",
                "value", "unit", "raw", "approx", "source", "quote", "section"]
REPORT_COLUMNS = ["report_id", "url", "region_code", "region_name", "province", "city", "county", "year",
                  "publisher", "publisher_kind", "template", "published_date"]


def _export_filter(rf: RegionFilter | None, years: Sequence[int] | None,
                   metrics: Sequence[str] | None) -> tuple[str, list[Any]]:
    where, params = ["1=1"], []
    if rf:
        frag, p = rf.sql("r.region_code")
        where.append(frag)
        params += p
    if years:
        where.append(f"r.year IN ({','.join('?' * len(years))})")
        params += list(years)
    if metrics:
        ms = sorted({m for s in metrics for m in metrics_of_series(series_of(s))})
        where.append(f"f.metric IN ({','.join('?' * len(ms))})")
        params += ms
    return " AND ".join(where), params


def iter_long(db: Any, *, regions_: Sequence[str] | None = None, years: Sequence[int] | str | None = None,
              metrics: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every figure with its report's place, year and source URL, one dict per figure."""
    if isinstance(years, str):
        years = parse_years(years)
    rf = RegionFilter.parse(regions_)
    where, params = _export_filter(rf, years, metrics)
    cur = db.execute(
        "SELECT r.id, r.url, r.region_code, r.region_name, r.province, r.city, r.county, r.year, r.publisher, "
        "r.publisher_kind, r.template, r.published_date, f.metric, f.breakdown, f.value, f.unit, f.raw, "
        "f.approx, f.source, f.quote, f.section FROM figures f JOIN reports r ON r.id = f.report_id "
        f"WHERE {where} ORDER BY r.region_code, r.year, r.id, f.ord", params)
    for row in cur:
        d = dict(zip([c for c in LONG_COLUMNS if c != "series"], row, strict=True))
        if rf and not rf.match(d["region_code"]):
            continue
        d["series"] = series_of(d["metric"])
        d["value"] = num(d["value"])
        d["approx"] = bool(d["approx"])
        yield {c: d[c] for c in LONG_COLUMNS}


def wide_table(db: Any, **kw: Any) -> tuple[list[str], list[list[Any]], dict[str, str]]:
    """One row per report, one column per metric (`metric` for the total, `metric@breakdown`
    otherwise; best source: table, then derived, then prose). Returns (header, rows, units),
    the header's metric columns carrying their unit: `requests.new (件)`."""
    reports: dict[int, dict[str, Any]] = {}
    values: dict[int, dict[str, tuple[int, Any]]] = defaultdict(dict)
    units: dict[str, str] = {}
    for d in iter_long(db, **kw):
        rid = d["report_id"]
        reports.setdefault(rid, {c: d[c] for c in REPORT_COLUMNS})
        col = d["metric"] if d["breakdown"] == "total" else f"{d['metric']}@{d['breakdown']}"
        rank = SOURCE_RANK.get(d["source"], 3)
        if col not in values[rid] or rank < values[rid][col][0]:
            values[rid][col] = (rank, d["value"])
        if d["unit"]:
            units.setdefault(col, d["unit"])
    order = {bd: i for i, bd in enumerate(["natural_person", "business", "research", "social_org",
                                           "legal_service", "other_org"])}

    def col_key(c: str) -> tuple[str, int]:
        metric, _, bd = c.partition("@")
        return metric, -1 if not bd else order.get(bd, len(order))

    cols = sorted({c for v in values.values() for c in v}, key=col_key)
    header = REPORT_COLUMNS + [f"{c} ({units[c]})" if c in units else c for c in cols]
    rows = []
    for rid, rep in reports.items():
        rows.append([rep[c] for c in REPORT_COLUMNS] + [values[rid].get(c, (0, None))[1] for c in cols])
    return header, rows, units


def export(db: Any, fmt: str, out: Any, *, wide: bool = False, **kw: Any) -> int:
    """Write figures as csv (UTF-8 with BOM, for Excel), jsonl or xlsx to `out` (a path, or for
    csv/jsonl a text stream). Returns the number of data rows written."""
    if fmt == "csv":
        if isinstance(out, str):
            with open(out, "w", encoding="utf-8-sig", newline="") as fh:
                return export(db, fmt, fh, wide=wide, **kw)
        w = csv.writer(out)
        n = 0
        if wide:
            header, rows, _ = wide_table(db, **kw)
            w.writerow(header)
            for row in rows:
                w.writerow(["" if v is None else v for v in row])
                n += 1
        else:
            w.writerow(LONG_COLUMNS)
            for d in iter_long(db, **kw):
                w.writerow(["" if d[c] is None else int(d[c]) if c == "approx" else d[c] for c in LONG_COLUMNS])
                n += 1
        return n
    if fmt == "jsonl":
        if isinstance(out, str):
            with open(out, "w", encoding="utf-8") as fh:
                return export(db, fmt, fh, wide=wide, **kw)
        n = 0
        if wide:
            header, rows, _ = wide_table(db, **kw)
            for row in rows:
                out.write(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) + "\n")
                n += 1
        else:
            for d in iter_long(db, **kw):
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("figures")
        n = 0
        if wide:
            header, rows, _ = wide_table(db, **kw)
            ws.append(header)
            for row in rows:
                ws.append(row)
                n += 1
        else:
            ws.append(LONG_COLUMNS)
            for d in iter_long(db, **kw):
                ws.append([d[c] for c in LONG_COLUMNS])
                n += 1
        about = wb.create_sheet("about")
        about.append(["source", "政府信息公开工作年度报告 published by the governments and departments named; "
                      "each row's url is the page it was read from"])
        about.append(["licence", "Source documents: public government information (政府信息公开条例). "
                      "Compilation: CC BY 4.0"])
        about.append(["values", "table figures preferred over derived over prose where a report states one twice "
                      "(wide layout); units per column"])
        wb.save(out)
        return n
    raise ValueError(f"unknown export format {fmt!r}: csv, jsonl or xlsx")

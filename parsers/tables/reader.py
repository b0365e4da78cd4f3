"""Read the three statistical tables: logical rows (rows.py) matched against the template.

The reader walks the rows in order with a small state: which table it is in (2, 3 or 4), the
current table-2 block and its header columns, and the current table-3 group. Everything it
knows about labels comes from `template.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from parsers.model import Figure, Paragraph
from parsers.numbers import parse_cell
from parsers.tables import template as T
from parsers.tables.rows import Row, document_rows

SECTION_OF_TABLE = {2: "proactive", 3: "requests", 4: "reviews"}
_BRACKETED = re.compile(r"\(.*?\)|\(.*$")


@dataclass
class TableResult:
    figures: list[Figure] = field(default_factory=list)
    layout_votes: dict[str, int] = field(default_factory=lambda: {"2019": 0, "2021": 0})
    tables_seen: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    @property
    def layout(self) -> str | None:
        v = self.layout_votes
        if v["2019"] == v["2021"]:
            return None
        return "2019" if v["2019"] > v["2021"] else "2021"


def fit_values(values: list[str | None], n: int) -> list[str | None] | None:
    """The row's `n` values, where a page padded the row with blank cells (grids that use empty
    cells instead of spans) or dropped its blanks (flattened text): None if it cannot be told."""
    if len(values) == n:
        return values
    if len(values) > n:
        v = list(values)
        while len(v) > n and v[-1] is None:
            v.pop()
        while len(v) > n and v[0] is None:
            v.pop(0)
        if len(v) == n:
            return v
    filled = [x for x in values if x is not None]
    return filled if len(filled) == n else None


_SIGNED = re.compile(r"[+\-−]\s*\d")


def _placed_by_sign(values: list[str | None], cols: list[T.T2Column]) -> list[str | None] | None:
    """A table-2 row that lost one blank cell (行政许可 | 19 | +4, its 处理决定数量 dropped): the one
    value written with a sign is the 本年增/减 column's, which places the others; None if that
    does not tell."""
    change = next((i for i, c in enumerate(cols) if c.key == "items_change"), None)
    signed = [i for i, v in enumerate(values) if v and _SIGNED.match(v)]
    if change is None or len(values) != len(cols) - 1 or len(signed) != 1:
        return None
    before = change - signed[0]  # blank cells dropped before the first value: 0 or 1
    if before not in (0, 1):
        return None
    return [None] * before + list(values) + [None] * (len(cols) - len(values) - before)


# A unit-less amount under a 万元 column this large would be over 1000 亿元: it was written in 元.
_YUAN_NOT_WAN = 10_000_000

# Cells that cannot be the start of a longer value cut off by the end of a text (0 could be
# 0.5 in an amount column, which the caller rules out).
_WHOLE_CELLS = frozenset({"0", "-", "/", "—", "无"})


def cut_values(values: list[str | None], n: int, last_whole: bool) -> list[str | None] | None:
    """The complete cells of a row that the end of the text cut off (a web excerpt, a truncated
    archive): its first values in the first columns, less the last one unless `last_whole` (it
    may be a longer number's beginning). None if none is left or the row is not short."""
    if not values or len(values) >= n:
        return None
    kept = values if last_whole else values[:-1]
    if not any(v is not None for v in kept):
        return None
    return kept + [None] * (n - len(kept))


_BRACKETED_YEAR = re.compile(r"\((?:19|20)\d\d年?度?\)")


def _compact(label: str) -> str:
    """A label without spaces, nor a bracketed year (一、本年(2021)新收政府信息公开申请数量)."""
    label = label.replace(" ", "").replace("　", "")
    return _BRACKETED_YEAR.sub("", label) if "(" in label else label


@lru_cache(maxsize=4096)
def t2_row_key(label: str) -> str | None:
    """The table-2 row a label names: exact after dropping bracketed annotations and numbering."""
    s = _BRACKETED.sub("", _compact(label)).replace("事业型", "事业性")  # a common typo
    s = re.sub(r"^[0-9一二三四五六七八九十]+[、.]", "", s)
    s = s.split(":", 1)[0]  # 规章:地方行政规章指…: a definition after the label
    best = None
    for key in T.T2_ROWS:
        if s == key or (s.startswith(key) and len(s) <= len(key) + 2):
            if best is None or len(key) > len(best):
                best = key
    return T.T2_ROWS[best] if best else None


def _t2_spellings() -> dict[str, T.T2Column]:
    """Every spelling of a header column (official labels, then aliases), longest first so that
    本年处理决定数量 is recognised before its substring 处理决定数量."""
    by_label = {c.label: c for c in T.T2_COLUMNS}
    spellings = sorted(
        [(c.label, c) for c in T.T2_COLUMNS] + [(a, by_label[o]) for a, o in T.T2_COLUMN_ALIASES.items()],
        key=lambda x: -len(x[0]),
    )
    out: dict[str, T.T2Column] = {}
    for spelled, col in spellings:
        out.setdefault(spelled, col)  # the first of equal spellings wins
    return out


_T2_SPELLINGS = _t2_spellings()
# A regex alternation tries the spellings in that order at each position and skips a character
# where none matches.
_T2_SPELLING = re.compile("|".join(map(re.escape, _T2_SPELLINGS)))


def t2_header_columns(labels: list[str]) -> list[T.T2Column]:
    """Column labels of a table-2 header row, in order, from its cells joined (headers are often
    split across cells or lines: 本年新 | 制作数量)."""
    text = "".join(_compact(x) for x in labels)
    text = text.split("信息内容", 1)[-1]
    return [_T2_SPELLINGS[m.group()] for m in _T2_SPELLING.finditer(text)]


@lru_cache(maxsize=4096)
def t3_group(label: str) -> str | None:
    s = _compact(label)
    for group, words in T.T3_GROUPS.items():
        if any(w in s for w in words):
            return group
    return None


@lru_cache(maxsize=4096)
def t3_row(label: str, group: str | None) -> T.T3Row | None:
    s = _compact(label)
    for row in T.T3_ROWS:
        if row.group is not None and row.group != group:
            continue
        if row.metric == "requests.other_handling.other":
            # only the bare item "3.其他" — "其他" is also a header and appears in other labels
            if re.sub(r"^[0-9]+[.、]", "", _BRACKETED.sub("", s)) != "其他":
                continue
        if any(k in s for k in row.keywords):
            return row
    return None


@lru_cache(maxsize=4096)
def starts_row(label: str) -> bool:
    """Labels that begin a row in a one-cell-per-line stream."""
    s = _compact(label)
    if "第二十条" in s or s.startswith("信息内容"):
        return True
    if t2_row_key(s):
        return True
    if any(w in s for w in T.T4_HEADER_WORDS) or s in ("行政复议", "行政诉讼"):
        return True
    if stats_form_row((label,)):
        return True
    return t3_group(s) is not None or t3_row(s, t3_group(s)) is not None or t3_row(s, "other_handling") is not None


# Quotes are the same for every report: built once. Each table-3 row's cells: (quote, breakdown).
_T3_CELLS: dict[str, list[tuple[str, str]]] = {
    r.metric: [(f"{r.label} / {col}", breakdown) for col, breakdown in T.T3_COLUMNS] for r in T.T3_ROWS
}

_T4_GROUP_LABELS = {"reviews": "行政复议", "lawsuits.direct": "行政诉讼-未经复议直接起诉",
                    "lawsuits.after_review": "行政诉讼-复议后起诉"}
_T4_OUTCOME_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
                      "total": "总计"}


def _t4_quote(metric: str) -> str:
    group, outcome = metric.rsplit(".", 1)
    return f"{_T4_GROUP_LABELS[group]} / {_T4_OUTCOME_LABELS[outcome]}"


# Table 4's cells: (metric, quote) per column.
_T4_CELLS: list[tuple[str, str]] = [(m, _t4_quote(m)) for m in T.T4_COLUMNS]


@dataclass(frozen=True)
class _LabelFacts:
    """What a row's labels say about where the walk is. Worked out once per distinct label list:
    the template's captions and headers recur in every report."""

    starts_t2: bool  # a 第二十条 caption or a 信息内容 header
    t2_columns: tuple[T.T2Column, ...] | None  # the columns of a 信息内容 header
    starts_t3: bool  # a table-3 header, or its first data row
    starts_t4: bool  # a table-4 header
    t3_group: str | None  # the table-3 group named by the last label that names one
    stats_form: tuple[str, str, float] | None  # the pre-2019 statistics-form indicator named


@lru_cache(maxsize=4096)
def _label_facts(labels: tuple[str, ...]) -> _LabelFacts:
    text = "".join(_compact(x) for x in labels)
    return _LabelFacts(
        starts_t2="第二十条" in text or "信息内容" in text,
        t2_columns=tuple(t2_header_columns(list(labels))) if "信息内容" in text else None,
        starts_t3=any(w in text for w in ("申请人情况", "勾稽关系", "本年新收")),
        starts_t4=any(w in text for w in T.T4_HEADER_WORDS),
        t3_group=next((g for g in map(t3_group, reversed(labels)) if g), None),
        stats_form=stats_form_row(labels),
    )


class _Reader:
    def __init__(self, default_layout: str | None) -> None:
        self.res = TableResult()
        self.default_layout = default_layout
        self.table = 0
        self.t2_prefix_cols: list[T.T2Column] = []
        self.t3_group: str | None = None
        self.t4_header = False
        # a table-2 row given as sub-rows (其他对外管理服务事项 | 行政检查 | … / 行政确认 | …): its key,
        # label and the sub-rows so far, summed when the group ends
        self.t2_parts: tuple[str, str, list[Row]] | None = None
        self.cut = False  # the row being read is the last of a text that ends inside it
        self.cut_after_cell = False  # … and the text's last character ends a cell (a `|`)

    # -- helpers --
    def add(self, metric: str, raw: str | None, unit: str, quote: str, table: int,
            breakdown: str = "total") -> None:
        cell = parse_cell(raw)
        if cell is None or cell.value is None:
            return
        value = cell.value
        if unit == "万元" and (cell.unit == "元" or (cell.unit is None and abs(value) >= _YUAN_NOT_WAN)):
            if cell.unit is None:
                self.res.warnings.append(f"{quote}: {cell.raw} with no unit read as 元 (as 万元 it would be "
                                         f"{value / 10_000:.0f} 亿元)")
            value = round(value / 10_000, 6)
            value = int(value) if float(value).is_integer() else value
        # Positional: this runs for every figure, and keywords more than double the construction cost.
        # Figure(metric, value, unit, raw, source, quote, section, breakdown)
        self.res.figures.append(
            Figure(metric, value, unit, cell.raw, "table", quote, SECTION_OF_TABLE[table], breakdown)
        )
        self.res.tables_seen.add(table)

    def layout(self) -> str | None:
        return self.res.layout or self.default_layout

    def _cut_row(self, label: str, values: list[str | None], n: int, last_whole: bool) -> list[str | None] | None:
        """`cut_values` of the text's last row, with a warning saying so; None for other rows."""
        if not self.cut:
            return None
        out = cut_values(values, n, last_whole or self.cut_after_cell)
        if out is not None:
            kept = sum(v is not None for v in out)
            self.res.warnings.append(f"row {label}: cut off by the end of the text; read its first {kept} cell(s)")
        return out

    # -- the walk --
    def feed(self, row: Row, facts: _LabelFacts) -> None:
        if self.t2_parts and not self._is_t2_part(row, facts):
            self.end_t2_parts()
        if facts.starts_t2:
            self.table = 2
            if facts.t2_columns is not None:
                self.t2_prefix_cols = list(facts.t2_columns)
                for c in self.t2_prefix_cols:
                    self.res.layout_votes[c.layout] += 1
            if not row.values:
                return
        if facts.starts_t3:
            self.table = 3
        if facts.starts_t4:
            self.table = 4
            self.t4_header = True
        if not row.values:
            g = t3_group(row.label) if self.table == 3 else None
            if g:
                self.t3_group = g
            return
        if self.table == 4 or (len(row.values) >= 15 and not row.labels):
            self.read_t4(row)
            return
        if self.table in (0, 2):
            key = t2_row_key(row.label)
            if key:
                self.table = 2
                self.read_t2(key, row)
                return
            if self.table == 2 and self._starts_t2_parts(row):
                return
        if self.table == 3 or (self.table in (0, 2) and self._opens_t3(row)):
            self.table = 3
            self.read_t3(row, facts)

    def _starts_t2_parts(self, row: Row) -> bool:
        """Whether `row` is the first sub-row of a table-2 row (its labels: the row's, then the
        sub-row's own, as 其他对外管理服务事项 | 行政检查), or a later one (see `_is_t2_part`)."""
        if self.t2_parts:
            self.t2_parts[2].append(row)
            return True
        parent = next(((k, x) for x in row.labels[:-1] if (k := t2_row_key(x))), None)
        if parent is None or parent[0] == "procurement":  # (rows after 政府集中采购 list its projects)
            return False
        self.t2_parts = (parent[0], parent[1], [row])
        return True

    def _is_t2_part(self, row: Row, facts: _LabelFacts) -> bool:
        """A later sub-row: a row of values, no table's start, whose own label names no table-2
        row and whose first label, when it has two (a spanning label repeated), is the parent's."""
        return (bool(row.values) and not (facts.starts_t2 or facts.starts_t3 or facts.starts_t4)
                and t2_row_key(row.label) is None
                and (len(row.labels) == 1 or t2_row_key(row.labels[0]) == self.t2_parts[0]))

    def end_t2_parts(self) -> None:
        """Read a row given as sub-rows as the sum of their cells, column by column, with a
        warning naming them; skipped with a warning if their cells do not line up or are not
        all whole counts."""
        assert self.t2_parts is not None
        key, label, parts = self.t2_parts
        self.t2_parts = None
        names = "、".join(p.label for p in parts)
        widths = {len(p.values) for p in parts}
        cells = [[parse_cell(v) for v in p.values] for p in parts]
        if len(widths) != 1 or any(c is not None and (c.unit or c.value is None) for row in cells for c in row):
            self.res.warnings.append(f"table 2 row {label}: its sub-rows ({names}) do not line up; skipped")
            return
        sums: list[str | None] = []
        for column in zip(*cells, strict=True):
            given = [c.value for c in column if c is not None]
            total = sum(given)
            sums.append(None if not given else str(int(total) if float(total).is_integer() else total))
        self.res.warnings.append(f"table 2 row {label}: the sum of its sub-rows {names}")
        self.read_t2(key, Row(labels=[label], values=sums, explicit=parts[0].explicit, block=parts[0].block,
                              trailing_blanks=parts[0].trailing_blanks))

    def _opens_t3(self, row: Row) -> bool:
        """A table-3 row met outside table 3: after table 2, or at the start of a page that
        begins inside table 3 (a flipbook page, a cut archive) when it has all seven cells."""
        if self.table == 0 and len(row.values) != len(T.T3_COLUMNS):
            return False
        return t3_row(row.label, t3_group(row.label)) is not None

    def read_t2(self, key: str, row: Row) -> None:
        cols = self.t2_prefix_cols
        if len({c.key for c in cols}) < len(cols):
            cols = []  # a header that repeats a label (本年新制作数量 twice): the template's order
        values = self._fit_t2(row, cols, blanks_written=True) if cols else None
        if values is None:
            # the header could not be read (flattened, truncated): the template's columns
            layout = self.layout()
            names = T.T2_DEFAULT_COLUMNS.get((layout, key)) if layout else None
            if names:
                by_label = {c.label: c for c in T.T2_COLUMNS}
                named = [by_label[n] for n in names]
                values = self._fit_t2(row, named, blanks_written=False)
            if values is None:
                self.res.warnings.append(
                    f"table 2 row {row.label}: {len(row.values)} cells for {len(cols)} header columns; skipped"
                )
                return
            cols = named
        for col, raw in zip(cols, values, strict=False):
            if key == "procurement" and col.key in ("made", "published", "public_total"):
                continue
            self.add(f"{key}.{col.key}", raw, col.unit, f"{row.label} / {col.label}", 2)

    def _fit_t2(self, row: Row, cols: list[T.T2Column], blanks_written: bool) -> list[str | None] | None:
        """A table-2 row's values under `cols`: as they fit; padded with the trailing blank cells
        a `|` row wrote (`blanks_written`: for the page's own header); or as far as the end of the
        text cut the row (a cut row's last 0 is whole, except as an amount: 0.5万元)."""
        values = fit_values(row.values, len(cols))
        if values is None and blanks_written and len(row.values) < len(cols) <= len(row.values) + row.trailing_blanks:
            values = row.values + [None] * (len(cols) - len(row.values))
        glued = row.values[0] if len(row.values) == 1 else None
        if values is None and not row.explicit and glued and glued.isdigit() and len(glued) == len(cols) > 1:
            # 规章555, a text that lost every space between cells: one digit a column is the one
            # reading that fills every cell (1414 in two columns could be 14|14 or 1|414: not read)
            values = list(glued)
            self.res.warnings.append(f"table 2 row {row.label}: its cells were run together ({glued}); "
                                     "read one digit a column")
        if values is None:
            values = _placed_by_sign(row.values, cols)
            if values is not None:
                self.res.warnings.append(f"table 2 row {row.label}: a blank cell was dropped; the values were "
                                         "placed by the sign of 本年增/减")
        if values is None:
            at = len(row.values) - 1
            whole = row.values[-1] in _WHOLE_CELLS and at < len(cols) and cols[at].unit != "万元"
            values = self._cut_row(row.label, row.values, len(cols), whole)
        return values

    def read_t3(self, row: Row, facts: _LabelFacts) -> None:
        if facts.t3_group:
            self.t3_group = facts.t3_group
        group = self.t3_group
        spec = t3_row(row.label, group)
        if spec is None and group is not None:
            spec = t3_row(row.label, None)
        if spec is None:
            return
        if spec.group is None and spec.metric not in ("requests.other_handling",):
            # a top-level row ends the current group
            if spec.metric in ("requests.granted", "requests.partly_granted", "requests.new",
                               "requests.carried_over", "requests.processed", "requests.carried_forward"):
                self.t3_group = None
        if spec.metric == "requests.other_handling":
            self.res.layout_votes["2019"] += 1
        elif spec.group == "other_handling":
            self.res.layout_votes["2021"] += 1
        values = fit_values(row.values, len(T.T3_COLUMNS))
        if values is None:
            values = self._cut_row(spec.label, row.values, len(T.T3_COLUMNS), row.values[-1] in _WHOLE_CELLS)
        if values is None:
            self.res.warnings.append(
                f"table 3 row {spec.label}: {len(row.values)} cells for {len(T.T3_COLUMNS)} columns; skipped"
            )
            return
        for (quote, breakdown), raw in zip(_T3_CELLS[spec.metric], values, strict=False):
            if raw is not None:  # most cells of table 3 are blank
                self.add(spec.metric, raw, "件", quote, 3, breakdown)

    def read_stats_form(self, form: tuple[str, str, float], row: Row) -> None:
        metric, unit, factor = form
        if any(f.metric == metric and f.source == "table" for f in self.res.figures):
            return  # the 2019/2021 tables, or an earlier row, already gave it
        cell = next((parse_cell(v) for v in row.values if v is not None), None)
        if cell is None or cell.value is None:
            return
        value = cell.value * factor
        value = int(value) if float(value).is_integer() else round(value, 6)
        label = next(x for x in row.labels if _compact(x) not in T.STATS_FORM_UNITS)
        self.res.figures.append(Figure(metric=metric, value=value, unit=unit, raw=cell.raw, source="table",
                                       quote=f"{label} / 统计数", section="appendix"))

    def read_t4(self, row: Row) -> None:
        values = fit_values(row.values, len(T.T4_COLUMNS))
        if values is None and self.t4_header:
            values = self._cut_row("table 4", row.values, len(T.T4_COLUMNS), row.values[-1] in _WHOLE_CELLS)
        if values is None:
            if self.t4_header:
                self.res.warnings.append(f"table 4: {len(row.values)} cells for 15 columns; skipped")
            return
        for (metric, quote), raw in zip(_T4_CELLS, values, strict=False):
            self.add(metric, raw, "件", quote, 4)
        self.table = 0
        self.t4_header = False


@lru_cache(maxsize=4096)
def stats_form_row(labels: tuple[str, ...]) -> tuple[str, str, float] | None:
    """The pre-2019 statistics-form indicator a row's labels name (its unit cell aside), if any."""
    words = [x for x in labels if _compact(x) not in T.STATS_FORM_UNITS]
    if not words:
        return None
    s = _BRACKETED.sub("", _compact("".join(words)))
    s = re.sub(r"^(?:\(?[0-9一二三四五六七八九十]+[)、.])+", "", s)
    s = s.removeprefix("其中").lstrip(":")
    return T.STATS_FORM_ROWS.get(s)


# A report is a few thousand lines at most; a huge text (a 12 MB dictionary handed over by
# mistake) took 20 s of row matching. Tables are looked for in the first this many blocks.
MAX_TABLE_BLOCKS = 20_000


def read_tables(blocks: list, default_layout: str | None = None, *, may_be_cut: bool = False) -> TableResult:
    """All table figures of a document (blocks already normalised). `may_be_cut`: the document
    is a text that may end mid-table (an excerpt or truncated flattening, as plain-text copies of
    pages are); its last row is then read as far as it is whole. Not for whole files (a PDF
    that ends with table 4 dropped that row's blank cells, and only looks short)."""
    reader = _Reader(default_layout)
    if len(blocks) > MAX_TABLE_BLOCKS:
        reader.res.warnings.append(f"{len(blocks)} lines: tables looked for in the first {MAX_TABLE_BLOCKS} only")
        blocks = blocks[:MAX_TABLE_BLOCKS]
    rows = document_rows(blocks, starts_row)
    last = blocks[-1].text if blocks and isinstance(blocks[-1], Paragraph) else ""
    last_text = last.rstrip(" |")
    reader.cut_after_cell = last.rstrip().endswith("|")
    row = next(rows, None)
    while row is not None:
        nxt = next(rows, None)
        # the text's last row, when the text ends inside it, may be short of cells: a cut (a
        # text ending with a grid has whole rows: `last` is empty then)
        reader.cut = may_be_cut and nxt is None and bool(row.values) and row.values[-1] is not None \
            and last_text.endswith(row.values[-1])
        facts = _label_facts(tuple(row.labels))
        if row.values and facts.stats_form:
            reader.read_stats_form(facts.stats_form, row)
        else:
            reader.feed(row, facts)
        row = nxt
    if reader.t2_parts:
        reader.end_t2_parts()
    return reader.res


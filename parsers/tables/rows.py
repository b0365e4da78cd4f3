"""Logical table rows from whatever the document kept of its tables.

A table reaches us in one of three shapes: an HTML/DOCX grid (spans expanded), text rows joined
with `|`, or one cell per line (a flattened page). All three become the same thing here: a
sequence of `Row`s, each a list of label cells followed by value cells, which the table reader
(`reader.py`) interprets against the official template. Where a shape does not say where a row
ends (one cell per line), a row ends where a value is followed by a label, and a new row starts
at any label the template knows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from parsers.model import Grid, Paragraph
from parsers.numbers import is_value_cell

# A line longer than this is prose, not a cell: it ends any table row being assembled.
MAX_CELL_CHARS = 90

# A row whose cells a PDF's text layer (or a flipbook page) left separated by spaces: a short
# label, then numbers (四、结转下年度继续办理 0 0 0 0 0 0 0; 行政许可 3421), or numbers alone
# (table 4's fifteen). The label holds no sentence punctuation outside brackets (（二）部分公开（区分处理的，
# 只计这一情形…）), so prose with numbers is not a row.
_SPACED_ROW = re.compile(r"^((?:[^,。;:!?()]|\([^()]{0,40}\)){0,60}?)\s*((?:[-+]?\d+(?:\.\d+)?|[-/—])(?:\s+(?:[-+]?\d+(?:\.\d+)?|[-/—]))*)$")


def spaced_cells(line: str, starts_row: Callable[[str], bool]) -> list[str] | None:
    """The cells of a space-separated table row (see _SPACED_ROW), or None. A single number
    counts only after a label that starts a table row (行政许可3421: normalisation has taken
    the space out from between a Han character and a digit)."""
    line = line.strip()
    if not line or line[-1] not in "0123456789-/—":  # most lines are prose: rejected at once
        return None
    m = _SPACED_ROW.match(line)
    if not m:
        return None
    label = m.group(1).strip()
    if " " not in m.group(2) and not (label and starts_row(label)):
        return None
    return ([label] if label else []) + m.group(2).split()


@dataclass(slots=True)
class Row:
    labels: list[str] = field(default_factory=list)
    values: list[str | None] = field(default_factory=list)  # None: a blank cell
    explicit: bool = False  # the source said where this row starts and ends (grid, `|` row)
    block: int = 0  # index of the block it came from (for section attribution)
    # Empty cells a `|` row ended with (dropped from `values`: in 2021's table 2 they are
    # spans), for a reader that knows the row needs them (规范性文件 | 11 | || under three columns).
    trailing_blanks: int = 0

    @property
    def label(self) -> str:
        return self.labels[-1] if self.labels else ""


def grid_rows(grid: Grid, block: int) -> Iterator[Row]:
    """Rows of a grid as logical cells: a cell spanning several columns counts once, so the
    values line up with the header however oddly the page spread its colspans."""
    all_ids = grid.cell_ids
    for r, cells in enumerate(grid.rows):
        if all_ids and r < len(all_ids):
            ids = all_ids[r]
            # Drop the positions that repeat the previous position's physical cell (zip: a row
            # longer than its ids is cut to them).
            cells = [text for text, cid, prev in zip(cells, ids, [None, *ids], strict=False) if cid != prev]
        yield _split_row(cells, block, explicit=True)


def _split_row(cells: list[str | None], block: int, explicit: bool) -> Row:
    """Labels are the leading non-value cells; values everything after the last label."""
    # Walk back from the end to the last label, collecting the values on the way (blank cells
    # count as values): one pass, and no label test for the cells before the last label.
    values: list[str | None] = []
    split = len(cells)
    while split:
        c = cells[split - 1]
        if c is None:
            values.append(None)
        elif is_value_cell(c):
            values.append(c.strip() or None)
        else:
            break
        split -= 1
    values.reverse()
    labels = [c for c in cells[:split] if c is not None and c.strip()]
    # Trailing blanks of a row are padding more often than cells (`| 0 | ||`).
    if not explicit:
        while values and values[-1] is None:
            values.pop()
    return Row(labels, values, explicit, block)


def _trailing_empty_cells(line: str) -> int:
    """Empty cells after a `|` row's last filled one (`a | 11 | ||` has two; the last `|` ends
    the row)."""
    parts = line.split("|")
    if not parts[-1].strip():
        parts.pop()
    n = 0
    while parts and not parts[-1].strip():
        parts.pop()
        n += 1
    return n


def pipe_cells(line: str) -> list[str | None]:
    cells: list[str | None] = [c.strip() or None for c in line.split("|")]
    while cells and cells[0] is None:
        cells.pop(0)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _usual_gap(lines: list[tuple[int, str, int]]) -> int:
    """How many empty lines usually separate one cell from the next in this text (0 or 1 in
    the flattenings seen): more than that between two cells of a row means blank cells."""
    if not any(map(itemgetter(2), lines)):  # no empty lines at all (HTML, DOCX): nothing to count
        return 0
    gaps = Counter(g for _b, t, g in lines if "|" not in t and len(t) <= MAX_CELL_CHARS)
    return gaps.most_common(1)[0][0] if gaps else 0


def _usual_pipes(lines: list[tuple[int, str, int]]) -> tuple[int, int]:
    """How many lone `|` lines usually separate two cells of a row, and how many end a row, in
    a one-cell-per-line stream: (between cells, row end).

    Flatteners differ: some put a lone `|` after every cell (`规章`, `|`, `13`, `|`); some write
    every cell as `text |`, so that a blank cell is a lone `|` line, and end each row with
    another lone `|` or with `||`. More lone `|` lines than usual between two cells are blank
    cells; after a row's last value, those beyond the usual row end are its trailing blank cells
    (`规章 |`, `0 |`, `0 |`, `|` (blank), `|` (row end))."""
    if not any(line.strip() == "|" for _b, line, _g in lines):
        return 0, 0
    between: Counter[int] = Counter()
    ends: Counter[int] = Counter()
    pipes, after_value = 0, False
    for _b, line, _g in lines:
        text = line.strip()
        if text == "|":
            pipes += 1
            continue
        cells = [c for c in pipe_cells(line) if c is not None] if "|" in line else [text]
        if not cells and after_value:  # `||` after a row's values ends it (see text_rows)
            after_value, pipes = False, 0
            continue
        for tok in cells:
            value = is_value_cell(tok.strip())
            if after_value:
                (between if value else ends)[pipes] += 1
            after_value, pipes = value, 0
    # the smallest of the most common counts: rows with blank cells must not set the norm
    return _mode(between), _mode(ends)


def _mode(counts: Counter[int]) -> int:
    return min((n for n, c in counts.items() if c == max(counts.values())), default=0)


def _blanks(gap: int, usual: int) -> int:
    return (gap - usual) // (usual + 1) if gap > usual else 0


def text_rows(lines: Iterable[tuple[int, str, int]], starts_row: Callable[[str], bool]) -> Iterator[Row]:
    """Rows from text lines (block index, line, empty lines before it). `starts_row(label)`
    tells which labels begin a new row in a one-cell-per-line stream (data-row labels,
    captions, header starts). In such a stream, extra empty lines between a row's cells stand
    for its blank cells and are kept as None, so that the values keep their columns."""
    lines = list(lines)
    usual = _usual_gap(lines)
    cell_sep, row_end = _usual_pipes(lines)
    pipes = 0  # lone `|` lines since the last cell (see _usual_pipes)
    cur = Row()

    def flush() -> Iterator[Row]:
        nonlocal cur
        if cur.labels or cur.values:  # an empty row is still pristine: no need for a new one
            yield cur
            cur = Row()

    for block, line, gap in lines:
        if "|" in line:
            cells = pipe_cells(line)
            filled = [c for c in cells if c is not None]
            if not filled:
                if line.strip() == "|":
                    pipes += 1
                elif cur.values:
                    # a run of `|` after a row's values ends it: the lone `|` lines before it
                    # were its blank cells (行政事业性收费 |, 0 |, | (blank), ||)
                    cur.values.extend([None] * pipes)
                    pipes = 0
                    yield from flush()
                continue  # otherwise a run of empty `|` is layout debris
            if len(filled) >= 2:
                yield from flush()
                row = _split_row(cells, block, explicit=True)
                # `| 0 | ||` rows of 2021 table 2: trailing blanks are spans, not cells.
                while row.values and row.values[-1] is None:
                    row.values.pop()
                row.trailing_blanks = _trailing_empty_cells(line)
                yield row
                continue
            tokens = filled
        else:
            tokens = spaced_cells(line, starts_row) or [line]
        for tok in tokens:
            tok = tok.strip()
            if not tok:
                continue
            if len(tok) > MAX_CELL_CHARS:
                # a label cell that goes on to define itself (规章:地方行政规章指…): its label
                head = tok.split(":", 1)[0]
                if ":" not in tok or len(head) > 12:
                    yield from flush()
                    continue
                tok = head
            if is_value_cell(tok):
                if cur.labels or cur.values:
                    # each blank cell adds one lone `|` (its own line, or its separator)
                    cur.values.extend([None] * (_blanks(gap, usual) + max(0, pipes - cell_sep)))
                else:
                    cur.block = block  # a row that starts with a value starts here
                cur.values.append(tok)
                gap = pipes = 0
            else:
                if cur.values:  # the row's trailing blanks
                    cur.values.extend([None] * (_blanks(gap, usual) + max(0, pipes - row_end)))
                pipes = 0
                if cur.values or starts_row(tok):
                    yield from flush()
                if not cur.labels:
                    cur.block = block
                cur.labels.append(tok)
    yield from flush()


def document_rows(blocks: list, starts_row: Callable[[str], bool]) -> Iterator[Row]:
    """All rows of a document, grids and text alike, in document order."""
    pending: list[tuple[int, str, int]] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph):
            pending.append((i, b.text, b.gap))
            continue
        if pending:
            yield from text_rows(pending, starts_row)
            pending = []
        if isinstance(b, Grid):
            yield from grid_rows(b, i)
    if pending:
        yield from text_rows(pending, starts_row)

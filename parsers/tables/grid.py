"""Tables → `Grid`: expand row and column spans into a rectangular matrix.

Used for HTML tables (`expand_html_table`) and, through `expand_spans`, for DOCX and .doc
tables. The matrix repeats a spanned cell's text in every position it covers and records in
`cell_ids` which physical cell each position came from (-1 for padding), so later stages can
both read the table as a grid and recover the logical cells of a row where the page put spans
in odd places (e.g. `行政许可 | 0 (colspan=2) | 0 | 0` under a header with the span elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from lxml import etree

from parsers.joined import map_joined
from parsers.model import Grid

# Elements that start a new line of text. Used for cell text here and for paragraphs in
# parsers.content, so both stages agree on what a "line" is.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "section",
    "article", "header", "footer", "nav", "aside", "main", "center", "address", "figure",
    "figcaption", "form", "fieldset", "hr", "br", "title", "body", "html", "details", "summary",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "select", "option", "button", "input",
    "textarea", "object", "embed", "iframe", "svg", "canvas", "map", "audio", "video",
})

_WS_NL = re.compile(r"([\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])[ \t\u00a0]*[\r\n][\s\u00a0]*(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")

# Spans larger than this are typos or layout tricks; the HTML spec caps colspan at 1000.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


def clean_text(text: str) -> str:
    """Collapse whitespace (incl. nbsp, ideographic space, zero-width) and strip. A source line
    break between two CJK characters disappears, as CSS Text 3 segment-break rules render it
    (Word-pasted HTML wraps lines mid-word: 本年新\\n制作数量)."""
    if "\n" in text or "\r" in text:
        text = _WS_NL.sub(r"\1", text)
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    # str.split() breaks at exactly what regex \s matches (nbsp and ideographic space among
    # them), ~5x faster than a regex substitution
    return " ".join(text.split())


def join_cjk(parts: Sequence[str]) -> str:
    """Join line fragments: no space where both sides are CJK (本年新<br>制作数量 → 本年新制作数量),
    one space otherwise (Total<br>count → Total count)."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) and _CJK.match(part[0])):
            out += " "
        out += part
    return out


def _tag(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    # Word-pasted <o:p>/<st1:chsdate> keep their prefix under libxml2's HTML parser, so they
    # are not in BLOCK_TAGS and stay inline.
    return tag.lower()


def element_lines(el: etree._Element) -> list[str]:
    """The text of an element as lines: block-level children and <br> break lines, inline
    elements (span soup, <o:p>, <font>, <b>) join. Iterative, so deep nesting cannot overflow."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            line = clean_text("".join(buf))
            if line:
                lines.append(line)
            buf.clear()

    if el.text:
        buf.append(el.text)
    # Stack of (element, phase): phase 0 = enter, 1 = leave (emit tail).
    stack: list[tuple[etree._Element, int]] = [(c, 0) for c in reversed(el)]
    while stack:
        node, phase = stack.pop()
        tag = _tag(node)
        if phase == 1:
            if tag in BLOCK_TAGS:
                flush()
            if node.tail:
                buf.append(node.tail)
            continue
        if not tag:  # comment: only its tail is text
            if node.tail:
                buf.append(node.tail)
            continue
        if tag in SKIP_TAGS:
            if node.tail:
                buf.append(node.tail)
            continue
        if tag in BLOCK_TAGS:
            flush()
        if node.text:
            buf.append(node.text)
        stack.append((node, 1))
        stack.extend((c, 0) for c in reversed(node))
    flush()
    return lines


def _single_line_text(el: etree._Element) -> str | None:
    """The raw text of a cell that is a single line, as the usual `<td><p><span>13</span></p></td>`
    is (at most one block-level descendant, no <br>, nothing skipped), collected in C by the
    text serialiser (several times faster than an XPath string() or itertext() per cell); None
    for a cell whose lines need `element_lines`."""
    n = len(el)
    if not n:
        return el.text or ""
    if n == 1 and not len(el[0]):  # the usual <td><p>13</p></td>: no descendant walk needed
        tag = el[0].tag
        if tag == "br" or tag in SKIP_TAGS:
            return None
        return etree.tostring(el, method="text", encoding=str, with_tail=False)
    blocks = 0
    for d in el.iterdescendants():
        tag = d.tag
        if tag in BLOCK_TAGS or tag in SKIP_TAGS:  # (a comment's tag is a function: in neither)
            blocks += 1
            if blocks > 1 or tag == "br" or tag in SKIP_TAGS:
                return None
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def cell_text(el: etree._Element) -> str | None:
    """Text of one table cell, its lines joined CJK-aware; None for a blank cell (&nbsp;)."""
    return cell_texts([el])[0]


def cell_texts(cells: Sequence[etree._Element]) -> list[str | None]:
    """`cell_text` of many cells. Report tables have hundreds of cells, which made this most of
    a page's parse time: single-line cells (nearly all) are cleaned together in one regex pass."""
    out: list[str | None] = []
    raw: list[str] = []
    at: list[int] = []
    for el in cells:
        text = _single_line_text(el)
        if text is None:
            out.append(join_cjk(element_lines(el)) or None)
        else:
            at.append(len(out))
            out.append(None)
            raw.append(text)
    for i, text in zip(at, map_joined(raw, clean_text, clean_text), strict=True):
        out[i] = text or None
    return out


class SpanCell(NamedTuple):
    """One physical cell in reading order: its text and how far it spans."""

    text: str | None
    rowspan: int = 1
    colspan: int = 1


def _span(value: str | None, default: int, cap: int) -> int:
    if value is None:
        return default
    if not value.isdigit():  # "2 ", "3px", "" seen in the wild: read the leading digits
        m = re.match(r"\s*(\d+)", value)
        if not m:
            return default
        value = m.group(1)
    n = int(value)
    return min(n, cap) if n > 0 else 0  # 0 = "to the end" for rowspan (HTML spec)


_FREE = object()


def expand_spans(rows: Sequence[Sequence[SpanCell]]) -> Grid:
    """Lay physical cells out on the HTML table grid: each cell takes the next free column of
    its row, rowspans reserve positions below. Rowspans that run past the last row are trimmed,
    rowspan=0 runs to the end, short rows are padded with None (id -1), all-blank rows dropped."""
    n_rows = len(rows)
    # One list per row, grown on demand; _FREE marks a position no cell has taken yet.
    vals: list[list[object]] = [[] for _ in range(n_rows)]
    ids: list[list[int]] = [[] for _ in range(n_rows)]
    cell_id = 0
    for r, row in enumerate(rows):
        vrow = vals[r]
        c = 0
        for cell in row:
            while c < len(vrow) and vrow[c] is not _FREE:
                c += 1
            text, rs, cs = cell
            if rs == 1 and cs == 1:  # the common case, kept cheap
                if c == len(vrow):
                    vrow.append(text)
                    ids[r].append(cell_id)
                else:
                    vrow[c] = text
                    ids[r][c] = cell_id
                cell_id += 1
                c += 1
                continue
            if rs <= 0 or rs > n_rows - r:
                rs = n_rows - r
            if cs < 1:
                cs = 1
            for rr in range(r, r + rs):
                tv, ti = vals[rr], ids[rr]
                if len(tv) < c + cs:
                    pad = c + cs - len(tv)
                    tv.extend([_FREE] * pad)
                    ti.extend([-1] * pad)
                for cc in range(c, c + cs):
                    if tv[cc] is _FREE:  # overlapping spans: the earlier cell keeps the slot
                        tv[cc] = text
                        ti[cc] = cell_id
            cell_id += 1
            c += cs
    width = max((len(v) for v in vals), default=0)
    out_rows: list[list[str | None]] = []
    out_ids: list[list[int]] = []
    for vrow, irow in zip(vals, ids, strict=True):
        row_vals = [None if v is _FREE else v for v in vrow] + [None] * (width - len(vrow))
        if any(v is not None for v in row_vals):
            out_rows.append(row_vals)  # type: ignore[arg-type]
            out_ids.append(irow + [-1] * (width - len(irow)))
    return Grid(rows=out_rows, cell_ids=out_ids)


def looks_like_layout(cells: Sequence[Sequence[SpanCell]]) -> bool:
    """True for a table used for page layout rather than data: no cells, a single column, or
    most of its text in long cells (paragraphs of prose, > 200 characters) and few short ones.
    Nested tables are the caller's test (they depend on the source format)."""
    lengths = [len(c.text) if c.text else 0 for row in cells for c in row]
    max_cols = max((sum(c.colspan for c in row) for row in cells), default=0)
    if not lengths or max_cols <= 1:
        return True
    total = sum(lengths)
    long = sum(n for n in lengths if n > 200)
    # Many short cells make a data table even when a long note row ("注：…") outweighs them.
    short = sum(1 for n in lengths if 0 < n <= 30)
    return total > 0 and long > 0.5 * total and short < 8


_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})


def table_rows(table: etree._Element) -> list[etree._Element]:
    """The <tr>s that belong to this table (not to tables nested in its cells). Plain child
    iteration: an XPath call per row costs more than the whole row's expansion."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """The <td>/<th> cells of one row, in order."""
    return [c for c in tr if c.tag in _CELLS]


def html_table_cells(
    table: etree._Element,
    text_of: Callable[[etree._Element], str | None] | None = None,
) -> list[list[SpanCell]]:
    """The physical cells of an HTML <table>, row by row, with their spans. `text_of` gives a
    cell's text; the default is `cell_text` (done for all cells at once)."""
    rows = [row_cells(tr) for tr in table_rows(table)]
    flat = [td for row in rows for td in row]
    texts = iter(cell_texts(flat) if text_of is None else [text_of(td) for td in flat])
    out = []
    for row in rows:
        cells = []
        for td in row:
            rs, cs = td.get("rowspan"), td.get("colspan")
            if rs is None and cs is None:  # most cells: skip the span parsing
                cells.append(SpanCell(next(texts)))
            else:
                cells.append(SpanCell(next(texts), _span(rs, 1, MAX_ROWSPAN), max(1, _span(cs, 1, MAX_COLSPAN))))
        out.append(cells)
    return out


def expand_html_table(
    table: etree._Element,
    text_of: Callable[[etree._Element], str | None] | None = None,
) -> Grid:
    """Expand an HTML <table> element into a Grid (see module doc). `text_of` gives a cell's
    text; the default joins <br>/<p> lines inside the cell CJK-aware."""
    return expand_spans(html_table_cells(table, text_of))

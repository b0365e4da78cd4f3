"""Word .docx: paragraphs and tables in document order, merged cells expanded into Grids.

The body XML is walked directly (python-docx's `paragraphs` and `tables` lists would lose the
order of text and tables). Merges: `w:gridSpan` is a colspan; `w:vMerge="restart"` starts a
vertical merge that following rows continue with a bare `w:vMerge`, turned here into a rowspan
so that `parsers.tables.grid.expand_spans` lays DOCX and HTML tables out identically.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from parsers.formats.text import pick_title
from parsers.model import Block, Document, Paragraph, ParseError
from parsers.tables.grid import SpanCell, clean_text, expand_spans, join_cjk, looks_like_layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _SDT = (f"{{{W}}}{n}" for n in ("p", "tbl", "tr", "tc", "sdt"))
_VAL = f"{{{W}}}val"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _para_lines(p: etree._Element) -> list[str]:
    """Text of a w:p split at manual line breaks (w:br / w:cr), like <br> in HTML."""
    parts: list[str] = []
    # Word writes a text box twice (DrawingML in mc:Choice, VML in mc:Fallback): read it once.
    has_fallback = p.find(f".//{_FALLBACK}") is not None
    for el in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr", f"{{{W}}}noBreakHyphen",
                     f"{{{W}}}delText"):
        if has_fallback and next(el.iterancestors(_FALLBACK), None) is not None:
            continue
        tag = el.tag.rsplit("}", 1)[1]
        if tag == "t":
            parts.append(el.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            # Page and column breaks are layout, not line breaks inside the paragraph.
            if el.get(f"{{{W}}}type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
        # delText: tracked deletions are not part of the text
    lines = [clean_text(line) for line in "".join(parts).split("\n")]
    return [line for line in lines if line]


def _children(el: etree._Element) -> list[etree._Element]:
    """Block children, looking through content controls (w:sdt/w:sdtContent) and customXml."""
    out: list[etree._Element] = []
    for child in el:
        if child.tag == _SDT or child.tag == f"{{{W}}}customXml":
            content = child.find(f"{{{W}}}sdtContent")
            out.extend(_children(content if content is not None else child))
        else:
            out.append(child)
    return out


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    v = el.get(_VAL)
    return int(v) if v and v.isdigit() else default


def _cell_text(tc: etree._Element) -> str | None:
    lines: list[str] = []
    for p in tc.iter(_P):
        lines.extend(_para_lines(p))
    return join_cjk(lines) or None


def _table_cells(tbl: etree._Element) -> list[list[SpanCell]]:
    # First pass: per row, (grid column, colspan, vMerge state, text) of each physical cell.
    rows: list[list[tuple[int, int, str | None, str | None]]] = []
    for tr in _children(tbl):
        if tr.tag != _TR:
            continue
        trpr = tr.find(f"{{{W}}}trPr")
        col = _int_attr(trpr.find(f"{{{W}}}gridBefore") if trpr is not None else None, 0)
        row: list[tuple[int, int, str | None, str | None]] = []
        if col:
            row.append((0, col, None, None))  # cells skipped before the first: blank
        for tc in _children(tr):
            if tc.tag != _TC:
                continue
            tcpr = tc.find(f"{{{W}}}tcPr")
            span = 1
            vmerge: str | None = None
            if tcpr is not None:
                span = max(1, _int_attr(tcpr.find(f"{{{W}}}gridSpan"), 1))
                vm = tcpr.find(f"{{{W}}}vMerge")
                if vm is not None:
                    vmerge = vm.get(_VAL) or "continue"
            row.append((col, span, vmerge, _cell_text(tc)))
            col += span
        rows.append(row)
    # Second pass: a restart cell spans down over the continue cells at its grid column. A
    # continue cell with no restart above (seen in converted files) is kept as a plain cell:
    # dropping it would shift the rest of its row left.
    out: list[list[SpanCell]] = []
    active: set[int] = set()
    for r, row in enumerate(rows):
        cells: list[SpanCell] = []
        for col, span, vmerge, text in row:
            if vmerge == "continue" and col in active:
                continue  # covered by the rowspan of the restart cell above
            rowspan = 1
            if vmerge == "restart":
                active.add(col)
                for below in rows[r + 1:]:
                    if any(c == col and v == "continue" for c, _, v, _ in below):
                        rowspan += 1
                    else:
                        break
            else:
                active.discard(col)
            cells.append(SpanCell(text, rowspan, span))
        out.append(cells)
    return out


def _blocks(container: etree._Element, body: list[Block]) -> None:
    for el in _children(container):
        if el.tag == _P:
            body.extend(Paragraph(line) for line in _para_lines(el))
        elif el.tag == _TBL:
            _table(el, body)


def _table(tbl: etree._Element, body: list[Block]) -> None:
    cells = _table_cells(tbl)
    if tbl.find(f".//{_TBL}") is not None or looks_like_layout(cells):
        # A layout table (a report pasted into a frame, or holding other tables): its cells'
        # content is the document, read in order.
        for tr in _children(tbl):
            for tc in _children(tr) if tr.tag == _TR else ():
                if tc.tag == _TC:
                    _blocks(tc, body)
        return
    grid = expand_spans(cells)
    if grid.rows:
        body.append(grid)


def read_docx(data: bytes) -> Document:
    """Read a .docx into blocks in document order plus core properties (title, author,
    created, modified) in meta. Raises ParseError for a broken or encrypted file."""
    import docx  # python-docx; imported here so HTML-only users do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError,
            zlib.error, EOFError, OSError) as e:  # a truncated or damaged zip member
        raise ParseError(f"cannot read .docx: {type(e).__name__}: {e}") from None
    body: list[Block] = []
    _blocks(d.element.body, body)
    meta: dict[str, str] = {"format": "docx"}
    cp = d.core_properties
    for key in ("title", "author", "subject", "keywords"):
        value = getattr(cp, key, None)
        if value:
            meta[key] = str(value)
    for key in ("created", "modified"):
        value = getattr(cp, key, None)
        if value:
            meta[key] = value.isoformat()
    title = pick_title(meta.get("title"), body)
    return Document(blocks=body, title=title, meta=meta)

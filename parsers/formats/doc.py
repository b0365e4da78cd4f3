"""Old binary Word (.doc, Word 97-2003; also WPS files saved in that format): text and tables.

Hanweb sites serve reports as `.doc` attachments (spec §6.3), and no maintained pure-Python
.doc reader exists on PyPI, so this reads the format directly with olefile, following
[MS-DOC]: the piece table (Clx) gives the text, the paragraph properties in the PAPX FKPs say
which paragraph marks end a table row (sprmPFTtp) and where cells sit (sprmTDefTable cell
boundaries and vertical-merge flags), from which the same Grid as for HTML/DOCX is built.

Not handled: encrypted files (ParseError), fast-saved files are fine (the piece table covers
them), text boxes/headers/footnotes are skipped (only the main document story is read).
"""

from __future__ import annotations

import bisect
import io
import struct
from dataclasses import dataclass, field

from parsers.formats.text import pick_title
from parsers.model import Block, Document, Paragraph, ParseError
from parsers.tables.grid import SpanCell, clean_text, expand_spans, join_cjk

_SPRM_IN_TABLE = 0x2416
_SPRM_TTP = 0x2417
_SPRM_ITAP = 0x6649
_SPRM_INNER_TTP = 0x244C
_SPRM_DEF_TABLE = 0xD608
_SPRM_CHG_TABS = 0xC615
_SPRM_HUGE_PAPX = (0x6645, 0x6646)  # the grpprl lives in the Data stream (large tables)
_FIXED_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


@dataclass
class _Props:
    in_table: bool = False
    ttp: bool = False
    itap: int = 0
    bounds: list[int] = field(default_factory=list)  # cell x boundaries (twips), from TDefTable
    flags: list[int] = field(default_factory=list)  # per-cell TC80 grfw (merge flags)


def _u16(b: bytes, o: int) -> int:
    return struct.unpack_from("<H", b, o)[0]


def _u32(b: bytes, o: int) -> int:
    return struct.unpack_from("<I", b, o)[0]


def _parse_sprms(grpprl: bytes, data_stream: bytes = b"", p: _Props | None = None) -> _Props:
    p = p if p is not None else _Props()
    i = 0
    n = len(grpprl)
    while i + 2 <= n:
        op = _u16(grpprl, i)
        i += 2
        spra = op >> 13
        if spra == 6:  # variable-length operand
            if op == _SPRM_DEF_TABLE:
                if i + 2 > n:
                    break
                size = _u16(grpprl, i) - 1
                i += 2
            elif op == _SPRM_CHG_TABS:
                size = grpprl[i] if i < n else 0
                i += 1
            else:
                size = grpprl[i] if i < n else 0
                i += 1
        else:
            size = _FIXED_SIZES[spra]
        operand = grpprl[i:i + size]
        i += size
        if op == _SPRM_IN_TABLE and operand:
            p.in_table = operand[0] != 0
        elif op in (_SPRM_TTP, _SPRM_INNER_TTP) and operand:
            p.ttp = p.ttp or (op == _SPRM_TTP and operand[0] != 0)
        elif op in _SPRM_HUGE_PAPX and len(operand) >= 4 and data_stream:
            # Word moves the properties of rows with many cells out of the FKP: sprmPHugePapx
            # points to `cb (u16) + grpprl` in the Data stream.
            at = _u32(operand, 0)
            if at + 2 <= len(data_stream):
                cb = _u16(data_stream, at)
                _parse_sprms(data_stream[at + 2:at + 2 + cb], b"", p)
        elif op == _SPRM_ITAP and len(operand) >= 4:
            p.itap = _u32(operand, 0)
        elif op == _SPRM_DEF_TABLE and operand:
            itc = operand[0]
            need = 1 + 2 * (itc + 1)
            if len(operand) >= need:
                p.bounds = list(struct.unpack_from(f"<{itc + 1}h", operand, 1))
                p.flags = [
                    _u16(operand, need + 20 * k) if len(operand) >= need + 20 * k + 2 else 0
                    for k in range(itc)
                ]
    return p


class _Pieces:
    """The piece table: CP (character position) ↔ FC (byte offset in WordDocument)."""

    def __init__(self, clx: bytes, wd: bytes) -> None:
        i = 0
        plc = b""
        while i < len(clx):
            if clx[i] == 1:  # Prc: property modifiers for pieces, not needed for text
                i += 3 + _u16(clx, i + 1)
            elif clx[i] == 2:
                lcb = _u32(clx, i + 1)
                plc = clx[i + 5:i + 5 + lcb]
                break
            else:
                raise ParseError("broken .doc: bad piece table")
        n = (len(plc) - 4) // 12
        if n <= 0:
            raise ParseError("broken .doc: empty piece table")
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        self.pieces: list[tuple[int, int, int, int]] = []  # (cp start, cp end, fc start, bytes/char)
        parts: list[str] = []
        for k in range(n):
            raw = _u32(plc, 4 * (n + 1) + 8 * k + 2)
            start, end = cps[k], cps[k + 1]
            if raw & 0x40000000:  # "compressed": one byte per character, cp1252
                fc = (raw & 0x3FFFFFFF) // 2
                parts.append(wd[fc:fc + end - start].decode("cp1252", errors="replace"))
                self.pieces.append((start, end, fc, 1))
            else:
                fc = raw
                parts.append(wd[fc:fc + 2 * (end - start)].decode("utf-16-le", errors="replace"))
                self.pieces.append((start, end, fc, 2))
        self.text = "".join(parts)
        self._starts = [p[0] for p in self.pieces]

    def fc(self, cp: int) -> int:
        k = max(0, bisect.bisect_right(self._starts, cp) - 1)
        start, _, fc, bpc = self.pieces[k]
        return fc + (cp - start) * bpc


class _Paps:
    """Paragraph properties by FC, from the PlcBtePapx and its 512-byte FKP pages."""

    def __init__(self, plc: bytes, wd: bytes, data_stream: bytes) -> None:
        n = (len(plc) - 4) // 8
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.props: list[_Props] = []
        for k in range(max(n, 0)):
            pn = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
            fkp = wd[pn * 512:pn * 512 + 512]
            if len(fkp) < 512:
                continue
            crun = fkp[511]
            rgfc = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
            for r in range(crun):
                b_off = fkp[4 * (crun + 1) + 13 * r]
                props = _Props()
                if b_off:
                    o = 2 * b_off
                    cb = fkp[o]
                    if cb == 0:
                        start, size = o + 2, 2 * fkp[o + 1]
                    else:
                        start, size = o + 1, 2 * cb - 1
                    grpprl = fkp[start + 2:start + size]  # skip istd (style index)
                    props = _parse_sprms(grpprl, data_stream)
                self.starts.append(rgfc[r])
                self.ends.append(rgfc[r + 1])
                self.props.append(props)
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[i] for i in order]
        self.ends = [self.ends[i] for i in order]
        self.props = [self.props[i] for i in order]

    def at(self, fc: int) -> _Props:
        k = bisect.bisect_right(self.starts, fc) - 1
        if k >= 0 and fc < self.ends[k]:
            return self.props[k]
        return _Props()


# Characters of the main story that are not text: field begin/separator/end are handled in
# `_strip_fields`; these are object anchors and marks.
_DROP = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None)
_DROP.update({0x1E: "-", 0x0B: "\n", 0x0C: "\n", 0x0E: "\n"})


def _strip_fields(text: str) -> str:
    """Keep a field's result, drop its code: \\x13 code \\x14 result \\x15 (fields nest)."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    depth_code: list[bool] = []  # per open field: are we still in its code part?
    for ch in text:
        if ch == "\x13":
            depth_code.append(True)
        elif ch == "\x14" and depth_code:
            depth_code[-1] = False
        elif ch == "\x15" and depth_code:
            depth_code.pop()
        elif not any(depth_code):
            out.append(ch)
        else:
            out.append("")
    return "".join(out)


def _lines(text: str) -> list[str]:
    text = _strip_fields(text).translate(_DROP)
    return [t for t in (clean_text(x) for x in text.split("\n")) if t]


def _snap(values: list[int], tolerance: int = 30) -> list[int]:
    """Column cut positions of a table: rows disagree by a twip or two where they should line
    up (2771 vs 2772), so boundaries closer than `tolerance` twips are one cut."""
    cuts: list[int] = []
    for v in sorted(set(values)):
        if not cuts or v - cuts[-1] > tolerance:
            cuts.append(v)
    return cuts


def _grid_from_rows(rows: list[tuple[list[str], _Props]]) -> list[list[SpanCell]]:
    """Colspans from the cell boundaries of all rows of the table (sprmTDefTable), rowspans
    from the TC80 vertical-merge flags (fVertMerge 0x20, fVertRestart 0x40), old-style
    horizontal merges from fFirstMerged 0x01 / fMerged 0x02."""
    cuts = _snap([b for _, p in rows for b in p.bounds])

    def col(x: int) -> int:
        i = bisect.bisect_left(cuts, x - 30)
        return min(i, len(cuts) - 1) if cuts else 0

    # Per row: (first column, last column, flags, text) of each physical cell, or None columns
    # when the row has no usable boundaries (then cells simply follow one another).
    layout: list[list[tuple[int | None, int | None, int, str]]] = []
    for cells, p in rows:
        known = len(p.bounds) == len(cells) + 1 and bool(cuts)
        layout.append([
            (col(p.bounds[k]) if known else None, col(p.bounds[k + 1]) if known else None,
             p.flags[k] if k < len(p.flags) else 0, text)
            for k, text in enumerate(cells)
        ])

    def continues(r: int, left: int | None) -> bool:
        return left is not None and any(c[0] == left and c[2] & 0x20 and not c[2] & 0x40 for c in layout[r])

    def merged_above(r: int, left: int | None) -> bool:
        return r > 0 and left is not None and any(c[0] == left and c[2] & 0x20 for c in layout[r - 1])

    out: list[list[SpanCell]] = []
    for r, row in enumerate(layout):
        cells_out: list[SpanCell] = []
        for left, right, flags, text in row:
            if flags & 0x02 and not flags & 0x01 and cells_out:
                # Old-style horizontal merge (fMerged): widen the cell to the left.
                prev = cells_out[-1]
                cells_out[-1] = prev._replace(colspan=prev.colspan + max(1, (right or 0) - (left or 0)),
                                              text=prev.text or text or None)
                continue
            if flags & 0x20 and not flags & 0x40 and merged_above(r, left):
                continue  # continuation of a vertical merge: covered by the rowspan above
            colspan = max(1, right - left) if left is not None and right is not None else 1
            rowspan = 1
            if flags & 0x20 and flags & 0x40:
                while r + rowspan < len(layout) and continues(r + rowspan, left):
                    rowspan += 1
            cells_out.append(SpanCell(text or None, rowspan, colspan))
        out.append(cells_out)
    return out


def read_doc(data: bytes) -> Document:
    """Read a Word 97-2003 .doc: paragraphs and tables (as Grids) of the main document, title
    from the summary information. Raises ParseError for encrypted or broken files."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError) as e:
        raise ParseError(f"broken .doc (OLE container): {e}") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise ParseError("OLE file without a Word document stream (old WPS, Excel or PowerPoint file?) "
                             "is not supported; convert it to .docx")
        try:
            wd = ole.openstream("WordDocument").read()
            if len(wd) < 0x200 or _u16(wd, 0) != 0xA5EC:
                raise ParseError("broken .doc: not a Word 97-2003 document (convert it to .docx)")
            flags = _u16(wd, 0x0A)
            if flags & 0x0100:
                raise ParseError("encrypted .doc needs a password")
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise ParseError(f"broken .doc: no {table_name} stream")
            table = ole.openstream(table_name).read()
            csw = _u16(wd, 32)
            rglw = 34 + 2 * csw + 2
            cslw = _u16(wd, 34 + 2 * csw)
            ccp_text = _u32(wd, rglw + 4 * 3)
            blob = rglw + 4 * cslw + 2
            fc_clx, lcb_clx = _u32(wd, blob + 33 * 8), _u32(wd, blob + 33 * 8 + 4)
            fc_papx, lcb_papx = _u32(wd, blob + 13 * 8), _u32(wd, blob + 13 * 8 + 4)
            pieces = _Pieces(table[fc_clx:fc_clx + lcb_clx], wd)
            data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
            paps = _Paps(table[fc_papx:fc_papx + lcb_papx], wd, data_stream)
            title = None
            try:
                meta_info = ole.get_metadata()
                raw_title = meta_info.title
                if isinstance(raw_title, bytes) and raw_title:
                    codepage = (meta_info.codepage or 0) & 0xFFFF
                    encoding = {65001: "utf-8", 936: "gb18030", 950: "big5", 1200: "utf-16-le"}.get(codepage, "gb18030")
                    title = raw_title.decode(encoding, errors="replace").strip("\x00 ") or None
                elif raw_title:
                    title = str(raw_title)
            except Exception:  # noqa: BLE001 - summary information is optional and often odd
                title = None
        except (struct.error, IndexError, ValueError) as e:
            raise ParseError(f"broken .doc: {e}") from None
    text = pieces.text[:ccp_text]
    blocks: list[Block] = []
    row_cells: list[str] = []
    table_rows: list[tuple[list[str], _Props]] = []
    buf_start = 0

    def flush_table() -> None:
        if table_rows:
            cells = _grid_from_rows(table_rows)
            grid = expand_spans(cells)
            if grid.rows:
                blocks.append(grid)
            table_rows.clear()

    for cp, ch in enumerate(text):
        if ch not in "\r\x07":
            continue
        chunk = text[buf_start:cp]
        props = paps.at(pieces.fc(cp))
        if ch == "\x07":
            if props.ttp or (not chunk and props.bounds):
                table_rows.append((row_cells[:], props))
                row_cells.clear()
            else:
                row_cells.append(join_cjk(_lines(chunk)))
            buf_start = cp + 1
        elif props.in_table or props.itap > 0:
            continue  # a paragraph break inside a cell: the cell's text runs on to its \x07
        else:
            flush_table()
            blocks.extend(Paragraph(line) for line in _lines(chunk))
            buf_start = cp + 1
    flush_table()
    if buf_start < len(text):
        blocks.extend(Paragraph(line) for line in _lines(text[buf_start:]))
    meta = {"format": "doc"}
    if title:
        meta["title"] = title
    title = pick_title(title, blocks)
    return Document(blocks=blocks, title=title, meta=meta)

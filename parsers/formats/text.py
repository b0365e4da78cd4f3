"""Plain text: one Paragraph per line.

Lines are kept as they are (leading spaces and `|` included): flattened tables arrive as `|`
rows or one cell per line, and a later stage rebuilds them from exactly that shape.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.decode import decode_bytes
from parsers.model import Block, Document, Paragraph


def guess_title(lines: list[str]) -> str | None:
    """The report title if one of the first lines looks like one (short, names a 报告)."""
    for line in lines[:3]:
        t = line.strip()
        if t and len(t) <= 80 and "报告" in t:
            return t
    return None


def pick_title(declared: str | None, blocks: Sequence[Block]) -> str | None:
    """A document's title: its declared title (DOCX core properties, PDF info, .doc summary)
    when that names a 报告; else a short early body line naming one; else the declared title.
    Declared titles are often template leftovers ("Microsoft Word - 年报.docx", "Normal")."""
    if declared and "报告" in declared:
        return declared.strip()
    lines = [b.text for b in blocks[:5] if isinstance(b, Paragraph)]
    return guess_title(lines) or (declared.strip() if declared and declared.strip() else None)


def read_text(data: bytes, *, content_type: str | None = None) -> Document:
    """Decode a text file and split it into lines (trailing whitespace stripped; empty lines
    dropped, each line counting those before it in `gap`). Raises ParseError for empty or
    binary input."""
    text, encoding = decode_bytes(data, content_type=content_type)
    # str.splitlines also splits on \x1c-\x1e, \x85 and \u2028; those never separate report
    # lines deliberately, but they are line breaks to any reader, so follow it.
    blocks: list[Block] = []
    gap = 0
    for line in text.splitlines():
        line = line.rstrip()
        if line.strip():
            blocks.append(Paragraph(line, gap))
            gap = 0
        else:
            gap += 1
    lines = [b.text for b in blocks if isinstance(b, Paragraph)]
    return Document(
        blocks=blocks,
        title=guess_title(lines),
        meta={"encoding": encoding, "format": "text"},
    )

"""PDF: the text layer, one Paragraph per line. No OCR: a scanned PDF is a ParseError."""

from __future__ import annotations

import io
import logging
import re

from parsers.formats.text import pick_title
from parsers.model import Document, Paragraph, ParseError

_MEANINGFUL = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _page_text(page: object) -> str:
    # Layout mode keeps a table row's cells on one line at their column positions (plain mode
    # joins them with single spaces and may put each cell on a line of its own when the PDF
    # draws them in column order). It can fail on odd fonts, so fall back to plain extraction.
    try:
        return page.extract_text(extraction_mode="layout")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - pypdf raises many types on malformed content streams
        try:
            return page.extract_text() or ""  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return ""


_GAP = re.compile(r" {2,}")
_QUOTE_DEBRIS = re.compile(r"[“”\"]?\s{3,}[“”\"]?")
_VALUE = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:万元|元|件|条|个)?$|^[-/—无]$")
_PUNCT = re.compile(r"[，。；、,;]")
_SENTENCE_END = re.compile(r"[。;；:：!！?？]$")
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.]|第[一二三四五六七八九十]+部分)")


def _clean_line(line: str) -> str:
    """A layout-mode line as the later stages want it. A table row (cells separated by column
    gaps, several of them numbers or all of them short) becomes `cell | cell | …`, the shape
    the table stage reads for flattened grids; in prose, the gaps layout mode pads with (and
    the quotation marks it moves into them) are removed."""
    line = line.rstrip()
    cells = [c for c in _GAP.split(line.strip()) if c]
    if len(cells) >= 2 and (sum(bool(_VALUE.match(c)) for c in cells) >= 2
                            or (len(cells) >= 3 and all(len(c) <= 10 and not _PUNCT.search(c) for c in cells))):
        return " | ".join(cells)
    return _QUOTE_DEBRIS.sub(" ", line).strip()


def _join_wrapped(lines: list[str]) -> list[str]:
    """A PDF breaks paragraphs into lines at the page width: put them back together (a prose
    line about as long as the page's longest, not ending a sentence, runs on into the next),
    so that a sentence, and a number with its unit (258 / 件), stay in one piece."""
    prose = [x for x in lines if "|" not in x]
    width = max((len(x) for x in prose), default=0)
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (prev and "|" not in prev and "|" not in line and width >= 20 and len(prev) >= 0.8 * width
                and not _SENTENCE_END.search(prev) and not _HEADING_START.match(line)):
            out[-1] = prev + line
        else:
            out.append(line)
    return out


def read_pdf(data: bytes) -> Document:
    """Extract the text layer of a PDF, one Paragraph per non-empty line, pages in order.
    Raises ParseError for encrypted (password), broken or scanned (image-only) PDFs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs warnings for every small defect of real-world PDFs; they are not errors here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many government PDFs are "encrypted" only with an owner password (no printing or
            # copying) and open with an empty user password.
            try:
                ok = reader.decrypt("")
            except Exception as e:  # noqa: BLE001 - missing crypto backend, unknown algorithm
                raise ParseError(f"encrypted PDF cannot be opened: {e}") from None
            if not ok:
                raise ParseError("encrypted PDF needs a password")
        pages = list(reader.pages)
    except ParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as e:
        raise ParseError(f"broken PDF: {e}") from None
    if not pages:
        raise ParseError("broken PDF: no pages")
    blocks: list[Paragraph] = []
    for page in pages:
        lines = [t for t in (_clean_line(x) for x in _page_text(page).splitlines()) if t]
        blocks.extend(Paragraph(t) for t in _join_wrapped(lines))
    # Scans often carry a little text anyway (a scanner app's watermark, page numbers): a text
    # layer worth reading has more than a line's worth of characters per page.
    meaningful = sum(len(_MEANINGFUL.findall(b.text)) for b in blocks)
    if meaningful < 30 * len(pages):
        raise ParseError(f"PDF has no text layer (scanned image?) in its {len(pages)} page(s); OCR is not supported")
    meta: dict[str, str] = {"format": "pdf", "pages": str(len(pages))}
    declared = None
    try:
        info = reader.metadata
        if info and info.title:
            declared = meta["title"] = str(info.title)
    except Exception:  # noqa: BLE001 - broken info dictionaries are common and harmless
        pass
    title = pick_title(declared, [Paragraph(b.text.strip()) for b in blocks[:5]])
    return Document(blocks=list(blocks), title=title, meta=meta)

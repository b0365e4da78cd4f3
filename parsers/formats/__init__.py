"""Format readers: raw bytes of a saved report → `Document` (blocks + metadata).

`read_document` picks the reader by unmistakable magic bytes first (a server may send a PDF
under an .html URL), then by the file name's suffix, then by sniffing markup vs. plain text.
"""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import parse_qs, unquote, urlsplit

from parsers.model import Document, ParseError

from .doc import read_doc
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .text import read_text

__all__ = ["read_doc", "read_document", "read_docx", "read_html", "read_pdf", "read_text", "sniff_format"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".jhtml", ".xhtml", ".shtm"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
# Formats seen as attachments on government sites that we recognise but cannot read.
UNSUPPORTED = {
    ".doc": "this .doc is neither Word 97-2003 binary nor HTML/RTF-as-.doc; convert it to .docx",
    ".wps": "WPS Writer (.wps) files other than Word-97-compatible ones are not supported; convert it to .docx",
    ".ppt": "presentations (.ppt) are not supported",
    ".pptx": "presentations (.pptx) are not supported",
    ".rtf": "RTF files are not supported; convert it to .docx",
    ".xls": "spreadsheets (.xls) are not supported",
    ".xlsx": "spreadsheets (.xlsx) are not supported",
    ".et": "WPS spreadsheets (.et) are not supported",
    ".ofd": "OFD documents are not supported; convert it to PDF",
    ".zip": "zip archives are not supported; extract the report first",
    ".rar": "rar archives are not supported; extract the report first",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
           (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|p|div|table|tr|td|span|br|font|center|h[1-6])[\s>/]",
    re.I,
)
_CT_FORMATS = (
    ("pdf", "pdf"), ("wordprocessingml", "docx"), ("msword", "doc"), ("html", "html"),
    ("xhtml", "html"), ("text/plain", "text"),
)


def _suffix(name: str | None) -> str | None:
    """Lower-case suffix of a file name or URL ('-' or None: unknown). For download scripts
    (`downfile.jsp?filename=abc.doc`) the suffix of a `filename`-like query value is used."""
    if not name or name == "-":
        return None
    parts = urlsplit(name) if "://" in name or "?" in name else None
    path = unquote(parts.path if parts else name)
    m = re.search(r"(\.[A-Za-z0-9]{1,6})$", path.rsplit("/", 1)[-1])
    suffix = m.group(1).lower() if m else None
    if parts and parts.query and suffix not in HTML_SUFFIXES | TEXT_SUFFIXES | {".pdf", ".docx"}:
        for key, values in parse_qs(parts.query).items():
            if "file" in key.lower() or "name" in key.lower():
                for v in values:
                    q = re.search(r"(\.[A-Za-z0-9]{1,6})$", v)
                    if q:
                        return q.group(1).lower()
    return suffix


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ParseError("broken zip container (truncated or corrupt .docx?)") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return ".xlsx"
    if "OFD.xml" in names:
        return ".ofd"
    return ".zip"


def sniff_format(data: bytes, *, filename: str | None = None, content_type: str | None = None) -> str:
    """'html', 'text', 'doc', 'docx' or 'pdf'. Raises ParseError for empty input and for formats that
    are recognised but not supported (with a message saying what to convert to)."""
    if not data or not data.strip():
        raise ParseError("empty file")
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "docx":
            return "docx"
        raise ParseError(UNSUPPORTED[kind])
    if data.startswith(_OLE):
        suffix = _suffix(filename)
        if suffix in (".xls", ".et", ".ppt"):
            raise ParseError(UNSUPPORTED[suffix])
        return "doc"  # Word 97-2003 (also WPS saving in that format); read_doc checks the rest
    if head.startswith(b"{\\rtf"):
        raise ParseError("RTF files are not supported; convert it to .docx")
    for magic, name in _IMAGES:
        if data.startswith(magic):
            raise ParseError(f"{name} image, not a document; OCR is not supported")
    suffix = _suffix(filename)
    sample = data[:65536]
    if suffix in (".doc", ".wps"):
        # Sites often serve "Word" files that are really HTML (Word's save-as-web-page) or RTF.
        if _MARKUP.search(sample):
            return "html"
        raise ParseError(UNSUPPORTED[suffix])
    if suffix in UNSUPPORTED:
        raise ParseError(UNSUPPORTED[suffix])
    if suffix == ".pdf":
        raise ParseError("file named .pdf is not a PDF (no %PDF header)")
    if suffix == ".docx":
        raise ParseError("file named .docx is not a .docx (not a zip container)")
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    ct = (content_type or "").lower()
    for needle, kind in _CT_FORMATS:
        if needle in ct:
            if kind in ("html", "text"):
                return kind
    if b"\x00" in sample and sample.count(b"\x00") > len(sample) // 8:
        return "text"  # UTF-16 text or binary junk: the text reader decides and explains
    return "html" if _MARKUP.search(sample) else "text"


def read_document(data: bytes, *, filename: str | None = None, content_type: str | None = None) -> Document:
    """Read a saved report of any supported format (.html/.htm/.shtml/.jhtml, .txt, .docx,
    .doc, .pdf) into a Document. `filename` may be a path, a URL or '-'/None (sniff the content);
    `content_type` is the HTTP Content-Type if the bytes were fetched. Raises ParseError with a
    one-line message for empty, binary, encrypted, scanned or unsupported input."""
    kind = sniff_format(data, filename=filename, content_type=content_type)
    if kind == "pdf":
        doc = read_pdf(data)
    elif kind == "docx":
        doc = read_docx(data)
    elif kind == "doc":
        doc = read_doc(data)
    elif kind == "html":
        doc = read_html(data, content_type=content_type)
    else:
        doc = read_text(data, content_type=content_type)
    doc.meta.setdefault("format", kind)
    return doc

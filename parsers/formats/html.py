"""HTML pages and fragments: decode, then find the body and read its blocks."""

from __future__ import annotations

from parsers.content import extract_content
from parsers.decode import decode_bytes
from parsers.model import Document


def read_html(data: bytes, *, content_type: str | None = None) -> Document:
    """Decode an HTML page or body fragment (charset validated, see parsers.decode) and extract
    its report body. An HTML file without any text yields a Document with no blocks."""
    text, encoding = decode_bytes(data, content_type=content_type)
    doc = extract_content(text)
    doc.meta["encoding"] = encoding
    doc.meta["format"] = "html"
    return doc

"""Turn a saved annual report (HTML page, text, DOCX, PDF) into a `Report`.

`parsers` never imports `scraper`: it works on bytes, whoever fetched them.
"""

from parsers.model import Check, Document, Figure, ParseError, Region, Report, Section
from parsers.report import parse_bytes, parse_path

__all__ = [
    "Check", "Document", "Figure", "ParseError", "Region", "Report", "Section",
    "parse_bytes", "parse_path",
]

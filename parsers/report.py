"""The pipeline of one report: bytes → document → sections, tables, prose → figures → checks."""

from __future__ import annotations

import re
from pathlib import Path

from parsers.checks import derived_figures, run_checks
from parsers.meta import (
    detect_template,
    find_published_date,
    find_publisher,
    find_title,
    find_year,
    publisher_kind,
    title_like,
)
from parsers.model import Document, Grid, Paragraph, ParseError, Report
from parsers.normalize import Normalizer
from parsers.places import resolve_region
from parsers.prose import extract_prose
from parsers.sections import split_sections
from parsers.tables.reader import read_tables


def parse_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    region_hint: str | None = None,
) -> Report:
    """Parse one report from its raw bytes. `filename` (or `url`) gives the format by its suffix,
    `content_type` the HTTP Content-Type if it was fetched. Raises ParseError with a readable
    message for input that holds no report."""
    from parsers.formats import read_document  # the readers pull in lxml, docx and pdf libraries

    doc = read_document(data, filename=filename or url, content_type=content_type)
    return build_report(doc, source=url or filename, region_hint=region_hint)


def parse_path(path: str | Path, *, region_hint: str | None = None) -> Report:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ParseError(f"{p}: cannot read: {e.strerror or e}") from None
    return parse_bytes(data, filename=p.name, url=None, region_hint=region_hint)


_PIPE_RUN = re.compile(r"(?:\s*\|){3,}\s*")


def _normalised_blocks(doc: Document) -> tuple[list, Normalizer]:
    sample = "".join(b.text for b in doc.blocks[:400] if isinstance(b, Paragraph))
    sample += "".join(c for b in doc.blocks if isinstance(b, Grid) for r in b.rows[:5] for c in r if c)
    norm = Normalizer(sample + (doc.title or ""))
    # every paragraph and non-blank cell, normalised in one pass (Normalizer.many)
    texts: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            texts.append(b.text)
        else:
            texts.extend(c for row in b.rows for c in row if c is not None)
    done = iter(norm.many(texts))
    blocks: list = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            t = next(done)
            # pipe-only lines stay for the table reader: in one-cell-per-line tables a lone `|`
            # can be a blank cell and `||` a row's end (see tables.rows.text_rows)
            if t and t.strip():
                blocks.append(Paragraph(t, b.gap))
        else:
            blocks.append(Grid([[None if c is None else next(done) for c in row] for row in b.rows], b.cell_ids))
    return blocks, norm


def build_report(doc: Document, *, source: str | None = None, region_hint: str | None = None) -> Report:
    """Run every stage on a read document."""
    blocks, norm = _normalised_blocks(doc)
    lines = [_PIPE_RUN.sub(" | ", b.text).strip(" |") if "|" in b.text else b.text
             for b in blocks if isinstance(b, Paragraph) and b.text.strip("| ")]
    if not lines and not any(isinstance(b, Grid) for b in blocks):
        raise ParseError("no text found in the document")
    text = "\n".join(lines)
    meta = {k: (norm(v) or "") for k, v in doc.meta.items()}
    report = Report(source=source)
    report.sections = split_sections(text)
    # the page's ArticleTitle is authoritative; a reader's guess (doc.title) only a fallback
    report.title = find_title(lines, meta.get("ArticleTitle")) or title_like(norm(doc.title))
    report.published_date = find_published_date(meta.get("PubDate"), text)
    report.year = find_year(report.title, text, report.published_date)
    default_layout = None if report.year is None else ("2021" if report.year >= 2021 else "2019")
    tables = read_tables(blocks, default_layout=default_layout, may_be_cut=doc.meta.get("format") == "text")
    report.warnings.extend(tables.warnings)
    report.template = detect_template(tables.layout, report.year, report.sections, text)
    layout = tables.layout or (report.template if report.template in ("2019", "2021") else None)
    report.publisher = find_publisher(report.title, meta, text)
    report.region = resolve_region(report.title, report.publisher, text, region_hint, report.warnings,
                                   report.year)
    report.publisher_kind = publisher_kind(report.publisher, report.region.name, report.title)
    prose = extract_prose(report.sections, report.template, report.year)
    report.figures = tables.figures + derived_figures(tables.figures, layout) + prose
    report.checks = run_checks(report.figures, tables.tables_seen, layout, report.template)
    if not tables.tables_seen and report.template != "pre2019":
        report.warnings.append("no statistical tables found (published as images or attachments?)")
    return report

"""The data a report is made of, as it flows through the parser stages.

A document is read into `Block`s (paragraph lines and table grids); the later stages turn them
into `Section`s, `Figure`s and `Check`s, gathered in one `Report`. Field names follow
`../shared/spec/metrics.md` so that `Report.to_dict()` is the `extract` JSON as it stands.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class ParseError(Exception):
    """Input that cannot be read as a report: the message names what is wrong, never a traceback."""


@dataclass
class Paragraph:
    """One line or paragraph of running text (cells of a flattened table arrive as lines too).
    `gap` counts the empty lines before it in a text file: in a table flattened one cell per
    line, an extra empty line is where a blank cell was."""

    text: str
    gap: int = 0


@dataclass
class Grid:
    """A table expanded into a rectangular matrix: spanned cells repeat their text in every
    position they cover; `None` is a blank cell. `cell_ids` gives, per position, the id of the
    physical cell it came from, so that the logical (de-duplicated) cells of a row can be
    recovered where a page put colspans in odd places."""

    rows: list[list[str | None]]
    cell_ids: list[list[int]] = field(default_factory=list)


Block = Paragraph | Grid


@dataclass
class Document:
    """What a format reader returns: the report body as blocks, plus page metadata."""

    blocks: list[Block]
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # ArticleTitle, PubDate, ContentSource, url...


@dataclass
class Figure:
    metric: str
    value: int | float
    unit: str
    raw: str
    source: str  # table | text | derived
    quote: str
    section: str | None = None
    breakdown: str = "total"
    approx: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "breakdown": self.breakdown,
            "value": self.value,
            "unit": self.unit,
            "raw": self.raw,
            "approx": self.approx,
            "source": self.source,
            "quote": self.quote,
            "section": self.section,
        }


@dataclass
class Section:
    key: str
    heading: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Check:
    name: str
    status: str  # pass | fail | not_assessable
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Region:
    code: str | None = None
    name: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    title: str | None = None
    publisher: str | None = None
    region: Region = field(default_factory=Region)
    year: int | None = None
    published_date: str | None = None
    template: str = "unknown"
    publisher_kind: str = "unknown"  # government | department | township | unknown
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str | None = None  # path or URL the report was read from

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "region": self.region.to_dict(),
            "year": self.year,
            "published_date": self.published_date,
            "template": self.template,
            "publisher_kind": self.publisher_kind,
            "sections": [s.to_dict() for s in self.sections],
            "figures": [f.to_dict() for f in self.figures],
            "checks": [c.to_dict() for c in self.checks],
            "warnings": list(self.warnings),
        }

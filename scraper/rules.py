"""Compiled site knowledge from `sites.toml`: which titles are reports, which links are
attachments, articles, paging. Everything site-specific is data in that file."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@cache
def data() -> dict[str, Any]:
    return tomllib.loads(resources.files("scraper").joinpath("sites.toml").read_text(encoding="utf-8"))


@cache
def _rx(*path: str) -> re.Pattern[str] | list[re.Pattern[str]]:
    node: Any = data()
    for key in path:
        node = node[key]
    if isinstance(node, list):
        return [re.compile(p, re.I | re.S) for p in node]  # type: ignore[return-value]
    return re.compile(node, re.I | re.S)


def rx(*path: str) -> re.Pattern[str]:
    r = _rx(*path)
    assert isinstance(r, re.Pattern)
    return r


def rxs(*path: str) -> list[re.Pattern[str]]:
    r = _rx(*path)
    assert isinstance(r, list)
    return r


def normalize_title(title: str | None) -> str:
    """Full-width to half-width, collapse whitespace (list titles often carry &nbsp; and newlines)."""
    if not title:
        return ""
    t = unicodedata.normalize("NFKC", title)
    return re.sub(r"\s+", "", t).strip()


def title_year(title: str | None) -> int | None:
    t = normalize_title(title)
    m = rx("title", "year").search(t)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    digits = "".join(str(_CN_DIGITS[c]) for c in m.group(2))
    y = int(digits)
    return y if 1990 <= y <= 2100 else None


def is_truncated(title: str | None) -> bool:
    return bool(title) and bool(rx("title", "truncated").search(title.strip()))


def classify_title(title: str | None) -> str:
    """`report` (an annual information-disclosure report of some year), `maybe` (cut short or
    unclear: look at the page) or `no`."""
    raw = (title or "").strip()
    t = normalize_title(raw)
    if not t:
        return "no"
    if any(p.search(t) for p in rxs("title", "exclude")):
        return "no"
    if is_truncated(raw):
        return "maybe" if rx("title", "maybe").search(t) or title_year(t) else "no"
    if any(p.search(t) for p in rxs("title", "report")) and title_year(t):
        return "report"
    return "no"


def is_report_title(title: str | None) -> bool:
    return classify_title(title) == "report"


def attachment_ext(url: str) -> str | None:
    """The attachment type of a link (`pdf`, `doc`…) or None; Hanweb downfile.jsp links count."""
    parts = urlsplit(url)
    exts = data()["attachment"]["extensions"]
    for s in (parts.path, parts.query):
        m = re.search(r"\.([A-Za-z0-9]{2,5})(?:$|[&#;])", s)
        if m and m.group(1).lower() in exts:
            return m.group(1).lower()
    if any(p.search(parts.path) for p in rxs("attachment", "download")):
        return "bin"
    return None


def is_article_url(url: str) -> bool:
    path = urlsplit(url).path
    return any(p.search(path) for p in rxs("url", "article"))


def is_ignored_url(url: str) -> bool:
    return any(p.search(url) for p in rxs("url", "ignore"))


def refers_to_attachment(text: str) -> bool:
    return any(p.search(text) for p in rxs("attachment", "refers"))


def min_body_chars() -> int:
    return int(data()["attachment"]["min_body_chars"])

"""TRS WCM (拓尔思): static list pages index.html, index_1.html … whose count is written by
`createPageHTML(count, current, "index", "html")` in the page's script."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from scraper import rules
from scraper.cms.base import ListRequest
from scraper.page import Link, Page, canonical_url

NAME = "trs"


def _args(text: str) -> tuple[int, str, str] | None:
    m = rules.rx("cms", "trs", "create_page").search(text)
    if m:
        return int(m.group(1)), m.group(3), m.group(4)
    # createPageHTML(countPage, currentPage, "index", "html") with `var countPage = 5`
    call = re.search(r"createPageHTML\(([^)]*)\)", text)
    var = rules.rx("cms", "trs", "countpage_var").search(text)
    if call and var:
        strs = re.findall(r"['\"]([^'\"]+)['\"]", call.group(1))
        prefix, ext = (strs[-2], strs[-1]) if len(strs) >= 2 else ("index", "html")
        return int(var.group(1)), prefix, ext
    return None


def detect(page: Page) -> bool:
    return "createPageHTML" in page.text or "TRS_Editor" in page.text


def items(page: Page) -> list[Link]:
    return []  # TRS list pages are plain HTML: the page's own links are the items


def next_pages(page: Page) -> list[ListRequest]:
    args = _args(page.text)
    if not args:
        return []
    count, prefix, ext = args
    count = min(count, int(rules.data()["paging"]["max_list_pages"]))
    # page 0 is index.html, then index_1.html … index_{count-1}.html, all in the same folder
    return [ListRequest(canonical_url(urljoin(page.url, f"{prefix}_{i}.{ext}"))) for i in range(1, count)]

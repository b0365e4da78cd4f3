"""Any CMS: `下一页` links, query-string paging (`?pageNum=2`), and sub-columns under the
portal's start URL (per-year folders such as `zfxxgknb/2023/`)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from scraper import rules
from scraper.cms.base import ListRequest
from scraper.page import Link, Page

NAME = "generic"


def detect(page: Page) -> bool:
    return True


def items(page: Page) -> list[Link]:
    return []


def next_pages(page: Page) -> list[ListRequest]:
    paging = rules.data()["paging"]
    next_text = set(paging["next_text"])
    params = {p.lower() for p in paging["query_params"]}
    here = urlsplit(page.url)
    out: list[ListRequest] = []
    for link in page.links:
        u = urlsplit(link.url)
        if rules.attachment_ext(link.url) or rules.is_article_url(link.url):
            continue
        if link.raw_text.strip() in next_text or link.text.strip() in next_text:
            out.append(ListRequest(link.url))
        elif u.netloc == here.netloc and u.path == here.path and u.query and any(
            k.lower() in params for k, _ in parse_qsl(u.query)
        ):
            out.append(ListRequest(link.url))
    return out


def sub_columns(page: Page, prefixes: list[str]) -> list[ListRequest]:
    """Links to folders below one of the start URLs' folders (year sub-trees of a column)."""
    out = []
    for link in page.links:
        u = urlsplit(link.url)
        if rules.attachment_ext(link.url) or rules.is_article_url(link.url) or link.url == page.url:
            continue
        full = f"{u.scheme}://{u.netloc}{u.path}"
        if any(full.startswith(p) and full != p for p in prefixes):
            last = u.path.rsplit("/", 1)[-1]
            if last == "" or last.startswith("index"):
                out.append(ListRequest(link.url))
    return out

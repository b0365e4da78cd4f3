"""Discovery on list pages: which links are reports, which need a look, where the next pages are.

Every CMS adapter (scraper/cms/) that recognises the page contributes items and next pages; the
title rules of `sites.toml` decide what is a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scraper import rules
from scraper.cms import ADAPTERS, generic
from scraper.cms.base import ListRequest
from scraper.config import Portal
from scraper.page import Link, Page


@dataclass
class Discovery:
    families: list[str] = field(default_factory=list)
    reports: list[Link] = field(default_factory=list)  # pages whose title says: annual report
    maybes: list[Link] = field(default_factory=list)  # truncated titles: decide on the page
    attachments: list[Link] = field(default_factory=list)  # a report linked directly as a file
    lists: list[ListRequest] = field(default_factory=list)


def start_prefixes(portal: Portal) -> list[str]:
    out = []
    for u in portal.start_urls:
        p = urlsplit(u)
        folder = p.path.rsplit("/", 1)[0] + "/"
        out.append(f"{p.scheme}://{p.netloc}{folder}")
    return out


def discover(page: Page, portal: Portal, *, since: int | None = None) -> Discovery:
    d = Discovery()
    links: list[Link] = list(page.links)
    lists: list[ListRequest] = []
    for adapter in ADAPTERS:
        if adapter.detect(page):
            d.families.append(adapter.NAME)
            links += adapter.items(page)
            lists += adapter.next_pages(page)
    lists += generic.sub_columns(page, start_prefixes(portal))
    seen: set[str] = set()
    for link in links:
        if link.url in seen or not portal.allows_host(urlsplit(link.url).netloc):
            continue
        verdict = rules.classify_title(link.text)
        if verdict == "no":
            continue
        seen.add(link.url)
        year = rules.title_year(link.text)
        if since and year and year < since:
            continue
        if rules.attachment_ext(link.url):
            (d.attachments if verdict == "report" else d.maybes).append(link)
        else:
            (d.reports if verdict == "report" else d.maybes).append(link)
    seen_lists: set[tuple[str, str, str]] = set()
    for req in lists:
        key = (req.url, req.method, req.form_json)
        if key in seen_lists or req.url in seen or not portal.allows_host(urlsplit(req.url).netloc):
            continue
        seen_lists.add(key)
        d.lists.append(req)
    return d

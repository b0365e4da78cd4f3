"""大汉 Hanweb JCMS: list records in a `<datastore>` inside `<script type="text/xml">` on the
column page; further records from `/module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage=`
POSTed the column's form (report-format.md §6.2)."""

from __future__ import annotations

import html
from urllib.parse import parse_qsl, urljoin, urlsplit

from scraper import rules
from scraper.cms.base import ListRequest
from scraper.page import Link, Page, fragment_tree, links_in

NAME = "hanweb"


def _cfg() -> dict:
    return rules.data()["cms"]["hanweb"]


def detect(page: Page) -> bool:
    return "<datastore>" in page.text or _cfg()["proxy_path"] in page.text


def _records(page: Page) -> list[str]:
    out: list[str] = []
    for store in rules.rx("cms", "hanweb", "datastore").findall(page.text):
        out += rules.rx("cms", "hanweb", "record").findall(store)
    return out


def items(page: Page) -> list[Link]:
    links: list[Link] = []
    for rec in _records(page):
        links += links_in(fragment_tree(rec), page.base)
    return links


def _first(patterns: list, text: str) -> str | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m.group(1)
    return None


def next_pages(page: Page) -> list[ListRequest]:
    cfg = _cfg()
    if urlsplit(page.url).path.endswith(cfg["proxy_path"]):
        return []  # a dataproxy response: all record ranges were queued from the column page
    stores = rules.rx("cms", "hanweb", "datastore").findall(page.text)
    if not stores:
        return []
    store = stores[0]
    m = rules.rx("cms", "hanweb", "totalrecord").search(store)
    total = int(m.group(1)) if m else None
    have = len(rules.rx("cms", "hanweb", "record").findall(store))
    if total is None or have >= total:
        return []
    form = {k: str(v) for k, v in cfg["form"].items()}
    # the <nextgroup> link, when present, carries the column's real parameters
    ng = rules.rx("cms", "hanweb", "nextgroup").search(store)
    proxy = urljoin(page.url, cfg["proxy_path"])
    if ng:
        frag = fragment_tree(ng.group(1))
        a = frag.find(".//a")
        if a is not None and a.get("href"):
            href = urljoin(page.url, html.unescape(a.get("href")))
            proxy = href.split("?", 1)[0]
            for k, v in parse_qsl(urlsplit(href).query, keep_blank_values=True):
                if k in form:
                    form[k] = v
    text = page.text
    if not form.get("columnid"):
        form["columnid"] = _first(rules.rxs("cms", "hanweb", "columnid"), page.url + " " + text) or ""
    if not form.get("unitid"):
        form["unitid"] = _first(rules.rxs("cms", "hanweb", "unitid"), text) or ""
    if not form.get("webid"):
        form["webid"] = _first(rules.rxs("cms", "hanweb", "webid"), text) or ""
    perpage = int(cfg["perpage_default"])
    step = int(cfg["records_per_request"])
    reqs = []
    max_pages = int(rules.data()["paging"]["max_list_pages"])
    for start in range(have + 1, total + 1, step):
        end = min(total, start + step - 1)
        reqs.append(ListRequest(f"{proxy}?startrecord={start}&endrecord={end}&perpage={perpage}", "POST", form))
        if len(reqs) >= max_pages:
            break
    return reqs

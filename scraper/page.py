"""One fetched HTML page: decoded text, lxml tree, links, title and body text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from parsers.decode import decode_bytes
from parsers.model import ParseError
from scraper import rules


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """A list or article page as text: the parser's decoder (BOM, HTTP charset, a validated
    `<meta>` charset, then detection; GB2312/GBK read as GB18030), so that the crawler and the
    parser never disagree about a page. An empty or binary body is no page: an empty text, or
    what a lenient decode makes of it, never an exception that stops a crawl."""
    try:
        return decode_bytes(data, content_type=content_type)[0]
    except ParseError:
        return data.decode("gb18030", errors="replace") if data else ""


def canonical_url(url: str) -> str:
    """Drop the fragment, default ports and empty queries; keep case of path and query."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


@dataclass
class Link:
    url: str
    text: str  # link text, or its title attribute where the text was cut short
    raw_text: str = ""


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def links_in(tree: lxml.html.HtmlElement, base: str) -> list[Link]:
    out: list[Link] = []
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#") or rules.is_ignored_url(href):
            continue
        url = canonical_url(urljoin(base, href))
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        text = _text(a)
        title_attr = (a.get("title") or "").strip()
        best = text
        if title_attr and (not text or rules.is_truncated(text) or len(title_attr) > len(text)):
            best = title_attr
        out.append(Link(url, best, text))
    return out


def fragment_tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div>{html}</div>")


def _simple_selector_xpath(sel: str) -> str:
    """`tag`, `tag.class`, `tag#id`, `#id`: the selector shapes sites.toml uses (no cssselect dependency)."""
    m = re.fullmatch(r"([\w-]*)(?:([.#])([\w-]+))?", sel.strip())
    if not m:
        raise ValueError(f"unsupported selector {sel!r}")
    tag, kind, name = m.group(1) or "*", m.group(2), m.group(3)
    if kind == "#":
        return f".//{tag}[@id='{name}']"
    if kind == ".":
        return f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    return f".//{tag}"


class Page:
    def __init__(self, url: str, data: bytes, content_type: str | None = None) -> None:
        self.url = url
        self.data = data
        self.content_type = content_type
        self.text = decode_html(data, content_type)

    @cached_property
    def tree(self) -> lxml.html.HtmlElement:
        # lxml refuses str input that declares an encoding; strip the XML declaration if any
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", self.text)
        try:
            tree = lxml.html.fromstring(text or "<html></html>")
        except (etree.ParserError, ValueError):
            tree = lxml.html.fromstring("<html></html>")
        return tree

    @cached_property
    def base(self) -> str:
        b = self.tree.find(".//base")
        href = b.get("href") if b is not None else None
        return urljoin(self.url, href) if href else self.url

    @cached_property
    def links(self) -> list[Link]:
        return links_in(self.tree, self.base)

    def meta(self, name: str) -> str | None:
        for m in self.tree.iter("meta"):
            if (m.get("name") or m.get("property") or "").lower() == name.lower():
                c = (m.get("content") or "").strip()
                if c:
                    return c
        return None

    def title_candidates(self) -> list[str]:
        """Every title the page gives itself, most specific first: ArticleTitle/og:title metas,
        `<title>` (often "title_site name"), the first h1-h3."""
        out = [v for n in ("ArticleTitle", "og:title") if (v := self.meta(n))]
        t = self.tree.find(".//title")
        if t is not None and _text(t):
            whole = _text(t)
            out += [whole, *re.split(r"\s*[-_|｜—]+\s*", whole)]
        for tag in ("h1", "h2", "h3"):
            el = self.tree.find(f".//{tag}")
            if el is not None and _text(el):
                out.append(_text(el))
        return out

    @cached_property
    def title(self) -> str:
        for name in rules.data()["cms"]["generic"]["title_meta"]:
            if name == "title":
                t = self.tree.find(".//title")
                if t is not None and _text(t):
                    return _text(t)
            elif v := self.meta(name):
                return v
        h1 = self.tree.find(".//h1")
        return _text(h1) if h1 is not None else ""

    @cached_property
    def body_text(self) -> str:
        """The article body's text: Hanweb's ZJEG_RSS markers, else the first CMS body selector
        that matches, else the whole page."""
        begin, end = rules.data()["cms"]["hanweb"]["body_markers"]
        i, j = self.text.find(begin), self.text.find(end)
        if 0 <= i < j:
            frag = fragment_tree(self.text[i + len(begin):j])
            return _text(frag)
        selectors = (rules.data()["cms"]["trs"]["body_selectors"] + rules.data()["cms"]["hanweb"]["body_selectors"]
                     + rules.data()["cms"]["generic"]["body_selectors"])
        for sel in selectors:
            found = self.tree.xpath(_simple_selector_xpath(sel))
            if found:
                return _text(found[0])
        body = self.tree.find(".//body")
        return _text(body if body is not None else self.tree)

    def attachments(self) -> list[Link]:
        seen, out = set(), []
        for link in self.links:
            if rules.attachment_ext(link.url) and link.url not in seen:
                seen.add(link.url)
                out.append(link)
        return out


def filename_from_headers(content_disposition: str | None, url: str) -> str | None:
    """The file name a response gives itself (RFC 6266 `filename*`, raw UTF-8/GBK `filename`),
    else the last path segment or a `filename=` query parameter of its URL."""
    if content_disposition:
        m = re.search(r"filename\*\s*=\s*([-\w]+)'[^']*'([^;]+)", content_disposition, re.I)
        if m:
            try:
                return unquote(m.group(2).strip().strip('"'), encoding=m.group(1))
            except LookupError:
                pass
        m = re.search(r'filename\s*=\s*"?([^";]+)"?', content_disposition, re.I)
        if m:
            raw = m.group(1).strip()
            try:  # headers reach us as latin-1; servers send UTF-8 or GBK bytes in them
                b = raw.encode("latin-1")
                for enc in ("utf-8", "gb18030"):
                    try:
                        raw = b.decode(enc)
                        break
                    except UnicodeDecodeError:
                        continue
            except UnicodeEncodeError:
                pass
            return unquote(raw)
    parts = urlsplit(url)
    m = re.search(r"filename=([^&]+)", parts.query)
    if m:
        return unquote(m.group(1))
    name = unquote(parts.path.rsplit("/", 1)[-1])
    return name or None

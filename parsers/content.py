"""HTML → the report body as blocks (`Paragraph`, `Grid`) plus page metadata.

Finding the body, in order:
1. the Hanweb markers `<!--ZJEG_RSS.content.begin-->` … `<!--ZJEG_RSS.content.end-->`;
2. the containers the common CMS families write the article into (`BODY_SELECTORS`, kept as data);
3. a fragment (no <html>/<body>, e.g. an article body saved on its own) is its own body;
4. otherwise a scored descent from <body> into the child holding most of the non-link Chinese text.

Inside the body, navigation, share widgets, 字体 大中小, print/close buttons, hidden spam-mirror
links, scripts and styles are dropped. lxml on the hot path: BeautifulSoup is ~25x slower
(shared/design.md) and a crawl parses tens of thousands of pages.
"""

from __future__ import annotations

import re

from lxml import etree

from parsers.model import Block, Document, Grid, Paragraph
from parsers.tables.grid import (
    BLOCK_TAGS,
    SKIP_TAGS,
    SpanCell,
    clean_text,
    expand_spans,
    html_table_cells,
    looks_like_layout,
    row_cells,
    table_rows,
)

# Body containers by CMS family, most specific first (see spec §6.2). Each is an XPath 1.0
# expression (lxml has no CSS engine without the cssselect package); `_cls('x')` matches a
# whole class token.


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _id(*names: str) -> str:
    return " or ".join(f"@id='{n}'" for n in names)


# (family, class/id tokens, xpath): the XPath runs only if one of its tokens is among the
# page's class and id tokens (collected by one XPath call), which saves ten whole-tree scans.
BODY_SELECTORS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("TRS", ("TRS_Editor",), f"//div[{_cls('TRS_Editor')}]"),
    ("TRS", ("TRS_UEDITOR",), f"//div[{_cls('TRS_UEDITOR')}]"),
    ("Hanweb", ("zoom", "Zoom", "ZOOM"), f"//*[{_id('zoom', 'Zoom', 'ZOOM')}]"),
    ("UCAP", ("UCAP-CONTENT", "ucap-content"), f"//*[{_id('UCAP-CONTENT', 'ucap-content')}]"),
    ("generic", ("article-content", "article_content", "article-con"),
     f"//*[{_cls('article-content')} or {_cls('article_content')} or {_cls('article-con')}]"),
    ("generic", ("pages_content",), f"//*[{_cls('pages_content')} or {_id('pages_content')}]"),
    ("generic", ("zoomcon", "zoomCon", "Zoomcon", "fontzoom", "textBox", "info_content", "artibody"),
     f"//*[{_id('zoomcon', 'zoomCon', 'Zoomcon', 'fontzoom', 'textBox', 'info_content', 'artibody')}]"),
    ("generic", ("xxgk_content", "zw", "article", "detail-content"),
     f"//*[{_cls('xxgk_content')} or {_cls('zw')} or {_cls('article')} or {_cls('detail-content')}]"),
    ("generic", ("view",), f"//*[{_cls('view')}]"),
    ("generic", ("content", "Content", "article", "main-content"),
     f"//*[{_id('content', 'Content', 'article', 'main-content')}]"),
)

_ZJEG = re.compile(r"<!--\s*ZJEG_RSS\.content\.begin\s*-->(.*?)<!--\s*ZJEG_RSS\.content\.end\s*-->", re.S | re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HAS_DOC = re.compile(r"<(?:html|body)[\s>]", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DATE = re.compile(r"\d{4}\s*[-年/.]\s*\d{1,2}")

# class/id tokens of page furniture. Only applied to small or link-heavy elements (see
# `_is_clutter`) so that a report that happens to sit in a `div.nav-content` is never lost.
_CLUTTER_ATTR = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|position|location|dqwz|weizhi|"
    r"footer|share|bdshare|jiathis|bshare|print|close|fontsize|font-size|zihao|sidebar|related|xgwz|"
    r"xgxx|copyright|qrcode|ewm|toolbar|search|login|pager|page-?tools)(?:$|[\s_\-\d])",
    re.I,
)
_CLUTTER_TAGS = frozenset({"nav", "aside", "footer", "header"})

# Whole lines that are page widgets, not report text (checked on lines under 80 characters
# without a date). Kept narrow on purpose: reports talk about websites too ("网站访问次数达…",
# "调整字体大小"), so counters need their label colon and 字体 needs the 大/中/小 sequence.
_CLUTTER_TEXT = re.compile(
    r"字[体号][:：]?\s*[\[【(（]?\s*大\s*[\]】)）]?\s*[\[【(（]?\s*中|"
    r"[\[【]\s*大\s*[\]】]\s*[\[【]\s*中\s*[\]】]|"
    r"打印本页|打印此页|关闭窗口|关闭本页|[\[【]\s*打印\s*[\]】]|[\[【]\s*关闭\s*[\]】]|返回顶部|分享到[:：]?|"
    r"扫一扫|用手机(?:扫描|打开)|当前位置[:：]|您现在的位置|您的位置[:：]|"
    r"(?:浏览|访问|阅读|点击)(?:次数|量|数)[:：]|我要纠错|收藏本页|加入收藏|设为首页|ICP备\d|网站标识码[:：]?\s*\d|"
    r"公网安备|^(?:打印|关闭|分享|收藏|返回|顶部|纠错|\s)+$"
)

_CONTAINER_TAGS = frozenset({"div", "td", "th", "article", "section", "main", "table", "tbody", "tr",
                             "center", "form", "body", "font", "span"})
_MAX_DEPTH = 200  # deeper than any real page; beyond it a subtree is read as plain lines
# (two Python frames per level: this keeps well inside the default recursion limit)

# lxml.etree's HTML parser is the same libxml2 parser as lxml.html's, without lxml.html's
# Python-level element class lookup, which alone cost ~0.8 ms on a 36 KB page.
_PARSER = etree.HTMLParser(remove_comments=False, remove_pis=True, huge_tree=True)


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text(el: etree._Element) -> str:
    # the C text serialiser: several times faster than joining itertext() in Python
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _cjk_count(text: str | None) -> int:
    """Roughly the Chinese characters in `text`: its non-ASCII characters less (ideographic)
    spaces. Counted with a C-speed encode instead of a regex over every character, which was
    a third of a page's parse time; punctuation counting too does not matter for ranking."""
    if not text:
        return 0
    return len(text) - len(text.encode("ascii", "ignore")) - text.count("\xa0") - text.count("\u3000")


def _parse(text: str) -> etree._Element | None:
    if not text.strip():
        return None
    try:
        return etree.fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None  # nothing but whitespace/comments


def _is_hidden(el: etree._Element) -> bool:
    style = el.get("style")
    return bool(style and _HIDDEN.search(style)) or el.get("hidden") is not None


def _attr_clutter(el: etree._Element) -> bool:
    attrs = f"{el.get('class', '')} {el.get('id', '')}"
    return _tag(el) in _CLUTTER_TAGS or bool(attrs.strip() and _CLUTTER_ATTR.search(attrs))


def _is_clutter(el: etree._Element) -> bool:
    if not _attr_clutter(el):
        return False
    text = _text(el)
    total = _cjk_count(text)
    if total < 200:
        return True
    links = sum(_cjk_count(_text(a)) for a in el.iter("a"))
    return links > 0.5 * total


def _meta(root: etree._Element) -> tuple[dict[str, str], str | None]:
    meta: dict[str, str] = {}
    for m in root.iter("meta"):
        name = m.get("name") or m.get("property") or m.get("itemprop")
        content = m.get("content")
        if name and content and content.strip():
            meta.setdefault(name.strip(), clean_text(content))
    title_el = root.find(".//title")
    title = clean_text(_text(title_el)) if title_el is not None else None
    if title:
        meta.setdefault("title", title)
    return meta, title or None


# ---------------------------------------------------------------- body selection


def _nonlink_cjk(el: etree._Element) -> tuple[int, int]:
    """(Chinese characters outside links, all Chinese characters) of a subtree."""
    total = _cjk_count(_text(el))
    links = sum(_cjk_count(_text(a)) for a in el.iter("a"))
    return total - links, total


def _by_selectors(root: etree._Element) -> tuple[str, etree._Element] | None:
    tokens = {t for v in root.xpath("//@class|//@id") for t in v.split()}
    for family, needles, xp in BODY_SELECTORS:
        if tokens.isdisjoint(needles):
            continue
        best: tuple[int, etree._Element] | None = None
        for el in root.xpath(xp):
            if _tag(el) in ("body", "html", "meta", "script", "style"):
                continue
            nonlink, total = _nonlink_cjk(el)
            # A container that is mostly links is a list or menu that borrowed the class name.
            if nonlink >= 20 and nonlink >= 0.5 * total and (best is None or nonlink > best[0]):
                best = (nonlink, el)
        if best is not None:
            return family, best[1]
    return None


def _scores(root: etree._Element) -> dict[etree._Element, int]:
    """Non-link Chinese characters per element, bottom-up in one linear pass (text_content per
    element would be quadratic on deep pages). Skipped, hidden and clutter subtrees count 0."""
    order = list(root.iter())
    score: dict[etree._Element, int] = {}
    total: dict[etree._Element, int] = {}
    for el in reversed(order):
        tag = _tag(el)
        if not tag:
            score[el] = total[el] = 0
            continue
        s = tt = _cjk_count(el.text)
        for c in el:
            tail = _cjk_count(c.tail)  # a child's tail is the parent's text, even after an <a>
            s += score.get(c, 0) + tail
            tt += total.get(c, 0) + tail
        if tag == "a":
            s = 0  # link text: navigation, related articles, spam
        if tag in SKIP_TAGS or _is_hidden(el):
            s = tt = 0
        elif (tag in _CLUTTER_TAGS or el.get("class") or el.get("id")) and _attr_clutter(el) and (
            tt < 200 or s < 0.5 * tt
        ):
            s = 0
        score[el] = s
        total[el] = tt
    return score


def _by_score(body: etree._Element) -> etree._Element:
    """Descend from <body> while one container child holds most (70%) of the non-link text."""
    score = _scores(body)
    cur = body
    while True:
        here = score.get(cur, 0)
        kids = [c for c in cur if _tag(c) in _CONTAINER_TAGS]
        if not kids or here == 0:
            return cur
        best = max(kids, key=lambda c: score.get(c, 0))
        if score.get(best, 0) >= 0.7 * here:
            cur = best
        else:
            return cur


def _between_markers(root: etree._Element | None, html: str) -> etree._Element | None:
    """The Hanweb body between the ZJEG_RSS begin/end comments, as a detached <div>. When both
    comments are siblings in the parsed tree (the usual case) their nodes are moved out of it,
    saving a second parse; otherwise the source between them is parsed on its own."""
    if root is not None:
        begin = root.xpath("//comment()[contains(., 'ZJEG_RSS.content.begin')]")
        end = root.xpath("//comment()[contains(., 'ZJEG_RSS.content.end')]")
        if begin and end and begin[0].getparent() is end[-1].getparent():
            div = etree.Element("div")
            div.text = begin[0].tail
            nodes = []
            for sib in begin[0].itersiblings():
                if sib is end[-1]:
                    break
                nodes.append(sib)
            for node in nodes:
                div.append(node)  # moves the node, tail included
            if _CJK.search("".join(div.itertext())):
                return div
            return None
    m = _ZJEG.search(html)
    if m and _CJK.search(m.group(1)):
        sub = _parse("<html><body>" + m.group(1) + "</body></html>")
        if sub is not None:
            b = sub.find("body")
            return b if b is not None else sub
    return None


def find_body(html: str, root: etree._Element | None = None) -> tuple[etree._Element | None, str]:
    """The element holding the report body and how it was found (`zjeg`, `TRS`, `Hanweb`,
    `generic`, `fragment`, `scored`). `root` is the parsed page if the caller has it; for a
    Hanweb page the body nodes are detached from it."""
    if root is None:
        root = _parse(html)
    if "ZJEG_RSS.content.begin" in html:
        zjeg = _between_markers(root, html)
        if zjeg is not None:
            return zjeg, "zjeg"
    if root is None:
        return None, "empty"
    hit = _by_selectors(root)
    if hit is not None:
        return hit[1], hit[0]
    body = root.find("body")
    if body is None:
        body = root
    if not _HAS_DOC.search(html[:200_000]):
        return body, "fragment"
    return _by_score(body), "scored"


# ---------------------------------------------------------------- blocks


def _is_layout_table(table: etree._Element, cells: list[list[SpanCell]]) -> bool:
    """A table used for page layout rather than data: it holds other tables, or see
    `looks_like_layout` (long prose cells, single cell or column)."""
    return table.find(".//table") is not None or looks_like_layout(cells)


class _Walker:
    """Turns a body subtree into blocks: one Paragraph per block-level element or <br>-separated
    line, inline elements joined, tables as Grids (layout tables walked into)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        if not self.buf:
            return
        text = clean_text("".join(self.buf))
        self.buf.clear()
        if not text:
            return
        if len(text) < 80 and _CLUTTER_TEXT.search(text) and not _DATE.search(text):
            return
        self.blocks.append(Paragraph(text))

    def walk(self, el: etree._Element, depth: int = 0) -> None:
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.node(child, depth + 1)
            if child.tail:
                self.buf.append(child.tail)

    def node(self, el: etree._Element, depth: int) -> None:
        tag = _tag(el)
        if not tag or tag in SKIP_TAGS or _is_hidden(el):
            return
        if (tag in _CLUTTER_TAGS or el.get("class") or el.get("id")) and _is_clutter(el):
            return
        if tag == "br" or tag == "hr":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el, depth)
            return
        if tag == "pre":
            # Preformatted text keeps its line breaks (plain-text reports pasted into a page,
            # flattened `|` tables): one Paragraph per line, as the text reader does.
            self.flush()
            for line in _text(el).splitlines():
                self.buf.append(line)
                self.flush()
            return
        if depth > _MAX_DEPTH:
            # Pathological nesting: read the rest as plain text lines instead of recursing.
            self.flush()
            for line in el.itertext():
                self.buf.append(line)
                self.flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        self.walk(el, depth)
        if block:
            self.flush()

    def table(self, table: etree._Element, depth: int) -> None:
        cells = html_table_cells(table)
        if _is_layout_table(table, cells):
            for tr in table_rows(table):
                for td in row_cells(tr):
                    self.walk(td, depth + 1)
                    self.flush()
            return
        caption = table.find("caption")
        if caption is not None:
            text = clean_text(_text(caption))
            if text:
                self.blocks.append(Paragraph(text))
        grid = expand_spans(cells)
        if not grid.rows:
            return
        if all(len(r) == 1 for r in grid.rows):
            self.blocks.extend(Paragraph(r[0]) for r in grid.rows if r[0])
            return
        self.blocks.append(grid)


def html_blocks(el: etree._Element) -> list[Block]:
    """Blocks of one body element (see `_Walker`)."""
    w = _Walker()
    if _tag(el) == "table":
        w.table(el, 0)
    else:
        w.walk(el)
    w.flush()
    return w.blocks


def extract_content(html: str) -> Document:
    """Parse an HTML page or fragment into a Document: body blocks, title and metadata
    (every named <meta>, e.g. ArticleTitle, PubDate, ContentSource, SiteName, ColumnName, Url,
    plus `title` from <title> and `body_found_by`)."""
    # Copies of a 50 MB page cost 100+ MB each: only make them when needed.
    if "\x00" in html:
        html = html.replace("\x00", "")  # libxml2 stops at a NUL
    if html[:100].lstrip().startswith("<?xml"):
        html = _XML_DECL.sub("", html, count=1)  # lxml refuses str input with an encoding decl
    root = _parse(html)
    if root is None:
        return Document(blocks=[], meta={"body_found_by": "empty"})
    meta, page_title = _meta(root)
    scripts = [_text(s) for s in root.iter("script")] if "<script" in html or "<SCRIPT" in html else []
    body, how = find_body(html, root)
    blocks = html_blocks(body) if body is not None else []
    if scripts and sum(_cjk_count(b.text) for b in blocks if isinstance(b, Paragraph)) < 100:
        embedded = _from_scripts(scripts)
        if embedded is not None:
            blocks, how = embedded, "script"
    meta["body_found_by"] = how
    return Document(blocks=blocks, title=_title(meta, page_title, blocks), meta=meta)


# A JS string literal holding markup: some portals ship the article as
# `var content = "<p style=\"...\">…</p>";` and render it client-side.
_JS_STRING = re.compile(r"""(["'])((?:\\.|(?!\1)[^\\\n]){200,}?)\1""")
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_JS_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "", "f": "", "v": "", "0": ""}


def _js_unescape(s: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _JS_SIMPLE.get(e, e)

    return _JS_ESCAPE.sub(one, s)


def _from_scripts(scripts: list[str]) -> list[Block] | None:
    """Blocks of the longest markup-bearing JS string in the page's scripts, if it holds a
    report-sized amount of Chinese text; None otherwise."""
    best: str | None = None
    for code in scripts:
        if _cjk_count(code) < 100:
            continue
        for m in _JS_STRING.finditer(code):
            literal = m.group(2)
            if ("<p" in literal or "<table" in literal or "\\u003c" in literal.lower()) and (
                best is None or len(literal) > len(best)
            ):
                best = literal
    if best is None:
        return None
    root = _parse("<html><body>" + _js_unescape(best) + "</body></html>")
    if root is None:
        return None
    body = root.find("body")
    blocks = html_blocks(body if body is not None else root)
    if sum(_cjk_count(b.text) for b in blocks if isinstance(b, Paragraph)) < 100:
        return None
    return blocks


_TITLE_SEP = re.compile(r"\s*(?:_|\||｜|--|—|–|\s-\s)\s*")


def _title(meta: dict[str, str], page_title: str | None, blocks: list[Block]) -> str | None:
    """ArticleTitle if the page has it; else the part of <title> that names a report (titles
    read `报告名_栏目_站点`); else a short first body line naming a 报告; else <title> as is."""
    article = meta.get("ArticleTitle") or meta.get("articletitle")
    if article:
        return article
    if page_title:
        for part in _TITLE_SEP.split(page_title):
            if "报告" in part:
                return part
    for b in blocks[:3]:
        if isinstance(b, Paragraph) and len(b.text) <= 80 and "报告" in b.text:
            return b.text
    return page_title


def grids(doc: Document) -> list[Grid]:
    """The tables of a document, in order (a convenience for callers and tests)."""
    return [b for b in doc.blocks if isinstance(b, Grid)]

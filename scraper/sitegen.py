"""Build fixture portals in the shapes of report-format.md §6 (TRS, Hanweb, generic paging)
from report texts, with the notices and interpretations a real column mixes in. Used by
`gongkai demo`, the tests and the benchmark; served by scraper/localserver.py."""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

from scraper.localserver import Resource, form_of, query_of

NOISE = (
    "关于做好{y}年政府信息公开工作年度报告编制和发布工作的通知",
    "{y}年政府信息公开工作年度报告解读",
    "一图读懂{y}年政府信息公开工作年度报告",
    "{y}年度法治政府建设年度报告",
    "{y}年政务公开工作要点",
    "{y}年部门预算公开",
)


@dataclass
class SiteReport:
    title: str
    text: str = ""  # plain text, one paragraph a line
    date: str = "2024-01-15"
    html: str | None = None  # an HTML body to use instead of `text`
    attachment: bool = False  # the page says 详见附件 and the report is a .docx


@dataclass
class BuiltSite:
    routes: dict[str, Resource]
    handlers: list = field(default_factory=list)
    start_path: str = "/"
    report_paths: list[str] = field(default_factory=list)  # pages (or attachments) holding reports
    noise_paths: list[str] = field(default_factory=list)  # never to be requested
    attachment_paths: list[str] = field(default_factory=list)


def _paras(text: str) -> str:
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def docx_bytes(title: str, text: str) -> bytes:
    import docx  # python-docx, a dependency of the parsers

    d = docx.Document()
    d.add_heading(title, 1)
    for line in text.splitlines():
        if line.strip():
            d.add_paragraph(line)
    d.core_properties.created = d.core_properties.modified = datetime(2020, 1, 1)
    buf = io.BytesIO()
    d.save(buf)
    # zip members carry the time they were written: rewrite them with a fixed one, so that the same
    # report is the same bytes on every run (and a recrawl sees it unchanged)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _noise(years: list[int]) -> list[str]:
    return [t.format(y=y) for y in sorted(set(years))[:2] for t in NOISE]


def _year(date: str) -> int:
    return int(date[:4])


def trs_site(reports: list[SiteReport], *, column: str = "/xxgk/zfxxgknb/", per_page: int = 5,
             encoding: str = "gb18030", declared: str = "gb2312", header_charset: str | None = "gb2312",
             noise: bool = True, site_name: str = "示例县人民政府") -> BuiltSite:
    """TRS WCM: GBK pages, index.html + index_N.html announced by createPageHTML."""
    ctype = f"text/html; charset={header_charset}" if header_charset else "text/html"
    site = BuiltSite(routes={}, start_path=column + "index.html")
    items: list[tuple[str, str, str]] = []  # (path, title, date)
    for i, r in enumerate(reports):
        d = r.date.replace("-", "")
        path = f"{column}{d[:6]}/t{d}_{100000 + i}.html"
        body = r.html if r.html is not None else _paras(r.text)
        if r.attachment:
            apath = f"{column}{d[:6]}/P0{d}{i:04d}.docx"
            site.routes[apath] = Resource(docx_bytes(r.title, r.text),
                                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            site.attachment_paths.append(apath)
            body = f'<p>详见附件。</p><p>附件：<a href="./P0{d}{i:04d}.docx">{html.escape(r.title)}.docx</a></p>'
            site.report_paths.append(apath)
        else:
            site.report_paths.append(path)
        page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">'
                f'<meta name="ArticleTitle" content="{html.escape(r.title)}"><meta name="PubDate" content="{r.date}">'
                f'<meta name="SiteName" content="{site_name}"><title>{html.escape(r.title)}</title></head><body>'
                f'<div class="nav"><a href="/">首页</a> &gt; <a href="{column}index.html">政府信息公开年报</a></div>'
                f'<h1>{html.escape(r.title)}</h1><div class="TRS_Editor">{body}</div></body></html>')
        site.routes[path] = Resource(page.encode(encoding), ctype)
        items.append((path, r.title, r.date))
    if noise:
        for j, t in enumerate(_noise([_year(r.date) for r in reports])):
            path = f"{column}202001/t20200101_{900000 + j}.html"
            site.routes[path] = Resource(f"<html><body><h1>{html.escape(t)}</h1></body></html>".encode(encoding), ctype)
            site.noise_paths.append(path)
            items.insert(min(len(items), 2 * j + 1), (path, t, "2020-01-01"))
    pages = [items[k:k + per_page] for k in range(0, len(items), per_page)] or [[]]
    for n, chunk in enumerate(pages):
        lis = "".join(f'<li><a href="./{p[len(column):]}" target="_blank">{html.escape(t)}</a><span>{dt}</span></li>'
                      for p, t, dt in chunk)
        page = (f'<html><head><meta charset="{declared}"><title>政府信息公开年报</title></head><body>'
                f'<div class="menu"><a href="/">首页</a><a href="/xxgk/">信息公开</a></div>'
                f'<ul class="list">{lis}</ul><div class="page"><script>'
                f'createPageHTML({len(pages)}, {n}, "index", "html");</script></div></body></html>')
        name = "index.html" if n == 0 else f"index_{n}.html"
        site.routes[column + name] = Resource(page.encode(encoding), ctype)
    return site


def hanweb_site(reports: list[SiteReport], *, col_id: int = 1229000001, inline: int = 5, truncate: int = 10,
                noise: bool = True, encoding: str = "utf-8", header_charset: str | None = "utf-8") -> BuiltSite:
    """大汉 Hanweb: records in a <datastore> on the column page, the rest from dataproxy.jsp;
    list titles cut to `truncate` characters with the full title in the title attribute.
    `encoding` is what the bytes are, `header_charset` what the Content-Type says (it may lie)."""
    col = f"/col/col{col_id}/"
    declared = "gbk" if encoding.lower() in ("gbk", "gb18030", "gb2312") else encoding
    ctype = f"text/html; charset={header_charset}" if header_charset else "text/html"
    xtype = f"text/xml; charset={header_charset}" if header_charset else "text/xml"
    site = BuiltSite(routes={}, start_path=col + "index.html")
    records: list[str] = []

    def record(path: str, title: str, date: str) -> str:
        shown = title if len(title) <= truncate else title[:truncate] + "..."
        return (f'<li><a href="{path}" title="{html.escape(title)}" target="_blank">{html.escape(shown)}</a>'
                f'<span>{date}</span></li>')

    for i, r in enumerate(reports):
        y, m, d = (int(x) for x in r.date.split("-"))
        doc_id = 5000000 + i
        path = f"/art/{y}/{m}/{d}/art_{col_id}_{doc_id}.html"
        body = r.html if r.html is not None else _paras(r.text)
        if r.attachment:
            fname = f"{doc_id:032x}.docx"
            apath = f"/module/download/downfile.jsp?classid=0&filename={fname}"
            site.routes[apath] = Resource(
                docx_bytes(r.title, r.text),
                "application/octet-stream",
                headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(r.title + '.docx')}"},
            )
            site.attachment_paths.append(apath)
            site.report_paths.append(apath)
            body = (f'<p>{html.escape(r.title)}详见附件。</p><p>附件：<a href="{html.escape(apath)}">'
                    f'{html.escape(r.title)}.docx</a></p>')
        else:
            site.report_paths.append(path)
        page = (f'<html><head><meta charset="{declared}"><meta name="ArticleTitle" content="{html.escape(r.title)}">'
                f'<meta name="PubDate" content="{r.date}"><meta name="i_columnid" content="{col_id}">'
                f'<meta name="i_articleid" content="{doc_id}"><title>{html.escape(r.title)}</title></head><body>'
                f'<div class="bt">{html.escape(r.title)}</div><div id="zoom"><!--ZJEG_RSS.content.begin-->'
                f'{body}<!--ZJEG_RSS.content.end--></div></body></html>')
        site.routes[path] = Resource(page.encode(encoding), ctype)
        records.append(record(path, r.title, r.date))
    if noise:
        for j, t in enumerate(_noise([_year(r.date) for r in reports])):
            path = f"/art/2020/1/1/art_{col_id}_{9000000 + j}.html"
            site.routes[path] = Resource(f"<html><body><h1>{html.escape(t)}</h1></body></html>".encode(encoding),
                                         ctype)
            site.noise_paths.append(path)
            records.insert(min(len(records), 2 * j + 1), record(path, t, "2020-01-01"))
    total = len(records)

    def datastore(recs: list[str], with_next: bool) -> str:
        ng = (f'<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3069'
              f'&path=/&columnid={col_id}&unitid=4467331&webname=%E7%A4%BA%E4%BE%8B&permissiontype=0"></a>]]>'
              f'</nextgroup>') if with_next else ""
        rs = "".join(f"<record><![CDATA[{r}]]></record>" for r in recs)
        return (f"<datastore>{ng}<recordset>{rs}</recordset><totalrecord>{total}</totalrecord>"
                f"<totalpage>{(total + 14) // 15}</totalpage></datastore>")

    col_page = (f'<html><head><meta charset="{declared}"><title>政府信息公开年报</title></head><body>'
                f'<div id="4467331"><script type="text/xml">{datastore(records[:inline], True)}</script>'
                f'<script language="javascript" src="/module/jslib/jquery/jpage/dataproxy.js" '
                f'url="/module/web/jpage/dataproxy.jsp" query="{{col:1,appid:1,webid:3069,path:\'/\','
                f'columnid:{col_id},sourceContentType:1,unitid:4467331,webname:\'示例\',permissiontype:0}}">'
                f'</script></div></body></html>')
    site.routes[col + "index.html"] = Resource(col_page.encode(encoding), ctype)

    def proxy(method: str, path: str, headers: dict[str, str], body: bytes) -> Resource | None:
        if not path.startswith("/module/web/jpage/dataproxy.jsp"):
            return None
        q = query_of(path)
        form = form_of(body)
        if method != "POST" or form.get("columnid") != str(col_id):
            return Resource(b"<datastore><recordset></recordset><totalrecord>0</totalrecord></datastore>",
                            xtype, conditional=False)
        start, end = int(q.get("startrecord", 1)), int(q.get("endrecord", total))
        return Resource(datastore(records[start - 1:end], False).encode(encoding), xtype, conditional=False)

    site.handlers.append(proxy)
    return site


def generic_site(reports: list[SiteReport], *, column: str = "/zwgk/ndbg/", per_page: int = 4,
                 noise: bool = True, header_charset: str | None = "utf-8") -> BuiltSite:
    """Another CMS: list.jsp?pageNum=N pages chained by 下一页 links, UTF-8 pages (whose header
    may claim another charset)."""
    site = BuiltSite(routes={}, start_path=column + "list.jsp")
    ctype = f"text/html; charset={header_charset}" if header_charset else "text/html"
    items: list[tuple[str, str]] = []
    for i, r in enumerate(reports):
        path = f"{column}content/post_{700000 + i}.html"
        body = r.html if r.html is not None else _paras(r.text)
        page = (f'<html><head><meta charset="utf-8"><title>{html.escape(r.title)}</title></head><body>'
                f'<h1>{html.escape(r.title)}</h1><div class="article-content">{body}</div></body></html>')
        site.routes[path] = Resource(page.encode("utf-8"), ctype)
        site.report_paths.append(path)
        items.append((path, r.title))
    if noise:
        for j, t in enumerate(_noise([_year(r.date) for r in reports])):
            path = f"{column}content/post_{800000 + j}.html"
            site.routes[path] = Resource(f"<html><body><h1>{html.escape(t)}</h1></body></html>".encode())
            site.noise_paths.append(path)
            items.insert(min(len(items), 2 * j + 1), (path, t))
    pages = [items[k:k + per_page] for k in range(0, len(items), per_page)] or [[]]
    for n, chunk in enumerate(pages):
        lis = "".join(f'<li><a href="{p}">{html.escape(t)}</a></li>' for p, t in chunk)
        nxt = f'<a href="{column}list.jsp?pageNum={n + 2}">下一页</a>' if n + 1 < len(pages) else ""
        page = f'<html><head><meta charset="utf-8"></head><body><ul>{lis}</ul><div>{nxt}</div></body></html>'
        key = column + "list.jsp" if n == 0 else f"{column}list.jsp?pageNum={n + 1}"
        site.routes[key] = Resource(page.encode("utf-8"), ctype)
    return site

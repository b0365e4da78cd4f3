"""Unit tests of the crawler's data-driven rules: titles, paging, decoding, config."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper import rules
from scraper.cms import generic, hanweb, trs
from scraper.config import ConfigError, load_config, parse_config
from scraper.page import Page, decode_html, filename_from_headers

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "portals"


@pytest.mark.parametrize("title", [
    "柯城区2019年政府信息公开工作年度报告",
    "2023年度政府信息公开工作年度报告",
    "衢州市柯城区人民政府2022年政府信息公开年报",
    "XX县卫生健康局2021年政府信息公开工作年度报告（图片版）",
    "二〇二三年政府信息公开工作年度报告",
    "2024年 政府信息公开 工作年度报告",
])
def test_report_titles(title: str) -> None:
    assert rules.classify_title(title) == "report"


@pytest.mark.parametrize("title", [
    "关于做好2023年政府信息公开工作年度报告编制和发布工作的通知",
    "2023年政府信息公开工作年度报告解读",
    "一图读懂2023年政府信息公开工作年度报告",
    "2023年度法治政府建设年度报告",
    "2024年政务公开工作要点",
    "2024年部门预算公开",
    "政府信息公开年度报告",  # no year: a column name, not a report
    "政府工作报告",
])
def test_not_report_titles(title: str) -> None:
    assert rules.classify_title(title) == "no"


def test_truncated_titles_need_a_look() -> None:
    assert rules.classify_title("柯城区2019年政府信息公开…") == "maybe"
    assert rules.classify_title("2023年度...") == "maybe"
    assert rules.classify_title("关于印发2023年...") == "no"


def test_title_year() -> None:
    assert rules.title_year("二〇二三年政府信息公开工作年度报告") == 2023
    assert rules.title_year("XX县2019年度政府信息公开年报") == 2019
    assert rules.title_year("政府信息公开年报") is None


def test_attachment_links() -> None:
    assert rules.attachment_ext("http://x/a/P020240101.pdf") == "pdf"
    assert rules.attachment_ext("http://x/module/download/downfile.jsp?classid=0&filename=ab12.doc") == "doc"
    assert rules.attachment_ext("http://x/module/download/downfile.jsp?id=1") == "bin"
    assert rules.attachment_ext("http://x/a/t20240101_1.html") is None


def test_decode_lying_charset() -> None:
    html = '<html><head><meta charset="gb2312"></head><body>政府信息公开工作年度报告</body></html>'
    data = html.encode("gb18030")
    assert "年度报告" in decode_html(data, "text/html; charset=utf-8")
    assert "年度报告" in decode_html(data, "text/html; charset=iso-8859-1")
    assert "年度报告" in decode_html(data, None)
    assert decode_html(b"", "text/html") == ""  # an empty body is an empty page, not an error
    assert isinstance(decode_html(bytes(range(256)) * 10, "text/html"), str)


def test_trs_create_page_html() -> None:
    page = Page("http://h/col/zfxxgknb/index.html",
                b'<html><script>createPageHTML(4, 0, "index", "html");</script></html>')
    assert [r.url for r in trs.next_pages(page)] == [f"http://h/col/zfxxgknb/index_{i}.html" for i in (1, 2, 3)]
    var_form = Page("http://h/c/index.html",
                    b"<script>var countPage = 3//\ncreatePageHTML(countPage, currentPage, 'index', 'shtml');</script>")
    assert [r.url for r in trs.next_pages(var_form)] == ["http://h/c/index_1.shtml", "http://h/c/index_2.shtml"]


def test_hanweb_datastore() -> None:
    data = (FIX / "hanweb-col.html").read_bytes()
    page = Page("http://h/col/col1229123456/index.html", data, "text/html; charset=utf-8")
    items = hanweb.items(page)
    assert [i.text for i in items][:2] == ["柯城区2023年政府信息公开工作年度报告", "关于做好2023年度政府信息公开工作年度报告..."]
    reqs = hanweb.next_pages(page)
    assert len(reqs) == 1 and reqs[0].method == "POST"
    assert reqs[0].url == "http://h/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=48&perpage=15"
    assert reqs[0].form["columnid"] == "1229123456" and reqs[0].form["unitid"] == "7777777"
    assert reqs[0].form["webid"] == "3069" and reqs[0].form["permissiontype"] == "0"


def test_filename_from_headers() -> None:
    cd = "attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.docx"
    assert filename_from_headers(cd, "http://h/x") == "年报.docx"
    raw = 'attachment; filename="年报.pdf"'.encode("gb18030").decode("latin-1")
    assert filename_from_headers(raw, "http://h/x") == "年报.pdf"
    assert filename_from_headers(None, "http://h/module/download/downfile.jsp?classid=0&filename=ab.doc") == "ab.doc"


def test_config_defaults_and_overrides() -> None:
    cfg = parse_config({
        "defaults": {"rate": 2.0, "concurrency": 2, "user_agent": "gongkai/0.1 (+https://example.org/contact)"},
        "portal": [{"name": "kecheng", "start_urls": ["https://www.example.gov.cn/col/col1229123456/index.html"],
                    "region": "330802", "rate": 1.0}],
    })
    p = cfg.portals[0]
    assert p.settings.rate == 1.0 and p.settings.concurrency == 2
    assert p.settings.user_agent.startswith("gongkai/0.1")
    assert p.region == "330802"
    assert p.allows_host("example.gov.cn") and p.allows_host("www.example.gov.cn")
    assert not p.allows_host("evil.example.com")
    assert p.allows_host("file.example.gov.cn") and not p.allows_host("other.gov.cn")
    local = parse_config({"portal": [{"name": "l", "start_urls": ["http://127.0.0.1:8000/x/"], "subdomains": False}]})
    assert local.portals[0].hosts == ("127.0.0.1:8000",) and not local.portals[0].allows_host("127.0.0.1:8001")


@pytest.mark.parametrize("bad, msg", [
    ({"portal": [{"name": "a", "start_urls": ["http://x/"], "rates": 1}]}, "unknown key"),
    ({"portal": [{"name": "a", "start_urls": []}]}, "start_urls"),
    ({"portal": [{"name": "a", "start_urls": ["ftp://x/"]}]}, "not an http"),
    ({"defaults": {"rate": 0}, "portal": [{"name": "a", "start_urls": ["http://x/"]}]}, "rate"),
    ({"portal": []}, "no [[portal]]"),
])
def test_config_errors(bad: dict, msg: str) -> None:
    with pytest.raises(ConfigError, match=msg.replace("[", r"\[")):
        parse_config(bad)


def test_example_config_loads() -> None:
    cfg = load_config(ROOT / "examples" / "portals.toml")
    assert len(cfg.portals) >= 5
    assert all(p.settings.rate <= 2.0 for p in cfg.portals)


def test_query_string_paging_and_next_links() -> None:
    page = Page("http://h/zwgk/ndbg/list.jsp?pageNum=1",
                '<a href="list.jsp?pageNum=2">2</a><a href="list.jsp?pageNum=3">3</a>'
                '<a href="/other.jsp?page=2">x</a><a href="more.html">下一页</a>'.encode())
    urls = {r.url for r in generic.next_pages(page)}
    assert urls == {"http://h/zwgk/ndbg/list.jsp?pageNum=2", "http://h/zwgk/ndbg/list.jsp?pageNum=3",
                    "http://h/zwgk/ndbg/more.html"}

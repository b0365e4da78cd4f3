"""parsers.content and parsers.tables.grid: HTML → body blocks, on the 001 report (a real
portal body with three tables) and on CMS pages built around it (make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from parsers.content import extract_content, find_body, grids
from parsers.model import Grid, Paragraph
from parsers.tables.grid import SpanCell, cell_text, expand_html_table, expand_spans, join_cjk

FIX = Path(__file__).parent / "fixtures" / "formats"
FRAGMENT = (FIX / "fragment_001.html").read_text(encoding="utf-8")
TITLE = "2019年上海市人民政府办公厅政府信息公开工作年度报告"
CLUTTER = ["字体", "分享到", "打印本页", "关闭窗口", "网站标识码", "ICP备", "澳门", "赌场", "当前位置",
           "相关文章", "2018年上海市人民政府办公厅", "统计代码", "font-size", "机构概况", "浏览次数"]


def texts(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def row(grid: Grid, first: str) -> list[str | None]:
    return next(r for r in grid.rows if r[0] == first)


@pytest.fixture(scope="module")
def fragment_doc():
    return extract_content(FRAGMENT)


def test_fragment_is_its_own_body(fragment_doc) -> None:
    assert fragment_doc.meta["body_found_by"] == "fragment"
    assert fragment_doc.title == TITLE
    kinds = [type(b).__name__ for b in fragment_doc.blocks]
    assert kinds.count("Grid") == 3
    paras = texts(fragment_doc.blocks)
    assert paras[0] == TITLE and paras[1] == "发布日期：2020-01-31"
    assert "二、主动公开政府信息情况" in paras and paras[-1] == "无。"
    # The three grids sit right after their section headings.
    for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
        i = next(i for i, b in enumerate(fragment_doc.blocks) if isinstance(b, Paragraph) and b.text == heading)
        assert isinstance(fragment_doc.blocks[i + 1], Grid)


def test_entities_decoded(fragment_doc) -> None:
    joined = "\n".join(texts(fragment_doc.blocks))
    assert "《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》" in joined
    assert "&nbsp;" not in joined and "&lt;" not in joined


def test_table2_matrix(fragment_doc) -> None:
    t2 = grids(fragment_doc)[0]
    assert len(t2.rows[0]) == 5
    assert all(len(r) == 5 for r in t2.rows)
    # <br> inside a cell between Chinese characters joins without a space.
    assert t2.rows[1] == ["信息内容", "本年新制作数量", "本年新公开数量", "本年新公开数量", "对外公开总数量"]
    assert row(t2, "规章") == ["规章", "13", "13", "13", "524"]
    # 行政许可 has its colspan on the second cell, not the third: its three numbers are all there
    # and cell_ids tell the logical cells apart.
    r = t2.rows.index(row(t2, "行政许可"))
    assert t2.rows[r] == ["行政许可", "0", "0", "0", "0"]
    ids = t2.cell_ids[r]
    assert ids[1] == ids[2] and len(set(ids)) == 4
    assert row(t2, "政府集中采购")[-1] == "251000元"


def test_table3_matrix(fragment_doc) -> None:
    t3 = grids(fragment_doc)[1]
    assert all(len(r) == 10 for r in t3.rows)
    assert 24 <= len(t3.rows) <= 27
    assert t3.rows[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert row(t3, "一、本年新收政府信息公开申请数量")[3:] == ["821", "35", None, None, "2", "1", "859"]
    assert row(t3, "四、结转下年度继续办理")[-1] == "72"
    # rowspan: 三、本年度办理结果 covers all result rows; （三）不予公开 its eight sub-rows.
    assert sum(1 for r in t3.rows if r[0] == "三、本年度办理结果") == 20
    assert sum(1 for r in t3.rows if r[1] == "（三）不予公开") == 8
    total = next(r for r in t3.rows if r[1] == "（七）总计")
    assert total[3:] == ["767", "35", None, None, "2", "1", "805"]


def test_table4_matrix(fragment_doc) -> None:
    t4 = grids(fragment_doc)[2]
    assert len(t4.rows) == 4 and all(len(r) == 15 for r in t4.rows)
    data = t4.rows[-1]
    assert len(data) == 15
    assert data == ["5", None, None, "2", "7", "8", None, None, "1", "9", None, None, None, None, None]
    assert len(set(t4.cell_ids[-1])) == 15
    assert t4.rows[1][5:10] == ["未经复议直接起诉"] * 5


def test_trs_page_body_and_clutter() -> None:
    html = (FIX / "trs_utf8_says_gb2312.html").read_text(encoding="utf-8")
    doc = extract_content(html)
    assert doc.meta["body_found_by"] == "TRS"
    assert doc.title == TITLE
    assert doc.meta["PubDate"] == "2020-01-31 10:00"
    assert doc.meta["ContentSource"] == "上海市人民政府办公厅"
    assert doc.meta["SiteName"] == "中国上海" and doc.meta["ColumnName"] == "政府信息公开年报"
    assert doc.meta["title"].startswith(TITLE + "_")
    assert doc.meta["Url"].startswith("https://www.shanghai.gov.cn/")
    body = "\n".join(texts(doc.blocks))
    for junk in CLUTTER:
        assert junk not in body, junk
    assert texts(doc.blocks) == texts(extract_content(FRAGMENT).blocks)
    assert len(grids(doc)) == 3


def test_hanweb_page_markers_and_metas() -> None:
    html = (FIX / "hanweb.html").read_text(encoding="utf-8")
    doc = extract_content(html)
    assert doc.meta["body_found_by"] == "zjeg"
    assert doc.meta["ArticleTitle"] == TITLE and doc.title == TITLE
    assert doc.meta["PubDate"] == "2020-01-31 09:30"
    assert doc.meta["ContentSource"] == "市政府办公厅"
    assert doc.meta["i_columnid"] == "1229" and doc.meta["SiteIDCode"] == "3300000001"
    body = "\n".join(texts(doc.blocks))
    for junk in CLUTTER:
        assert junk not in body, junk
    assert [len(g.rows[0]) for g in grids(doc)] == [5, 10, 15]


def test_hanweb_zoom_without_markers() -> None:
    html = (FIX / "hanweb.html").read_text(encoding="utf-8").replace("ZJEG_RSS", "XX")
    doc = extract_content(html)
    assert doc.meta["body_found_by"] == "Hanweb"
    assert texts(doc.blocks) == texts(extract_content(FRAGMENT).blocks)


def test_layout_table_page_uses_scored_fallback() -> None:
    doc = extract_content((FIX / "layout_table.html").read_text(encoding="utf-8"))
    assert doc.meta["body_found_by"] == "scored"
    assert texts(doc.blocks) == texts(extract_content(FRAGMENT).blocks)
    assert [len(g.rows) for g in grids(doc)] == [18, 26, 4]
    assert not any("政府信息公开年报链接" in t or "相关链接" in t for t in texts(doc.blocks))


def test_word_pasted_markup() -> None:
    raw = (FIX / "word_pasted.html").read_bytes().decode("gb18030")
    doc = extract_content(raw)
    assert "<o:p>" in raw and "\n" in raw
    # Span soup, <o:p>, and source lines broken mid-word all come out as the original paragraphs.
    assert texts(doc.blocks) == texts(extract_content(FRAGMENT).blocks)
    assert "mso" not in "\n".join(texts(doc.blocks))


def test_paragraph_splitting_and_inline_joining() -> None:
    html = """<div><p>第一行<br>第二行<br/><br/>第三行</p><div>块内<b>加粗</b><span>文字</span><a href="#">链接</a>结束
    <p>嵌套段落</p>尾部文字</div><ul><li>列表一</li><li>列表二</li></ul><h2>标题</h2>
    <p>  前后&nbsp;空格　</p><p>&nbsp;</p></div>"""
    assert texts(extract_content(html).blocks) == [
        "第一行", "第二行", "第三行", "块内加粗文字链接结束", "嵌套段落", "尾部文字", "列表一", "列表二", "标题",
        "前后 空格",
    ]


def test_hidden_spam_and_widgets_dropped() -> None:
    html = """<html><body><div class="TRS_Editor"><p>一、总体情况</p><p>本年度新收政府信息公开申请12件。</p>
    <div style="display: none"><a href="http://spam/">澳门赌场</a>真人娱乐百家乐在线</div>
    <p>【打印本页】【关闭窗口】</p><p>字体：【大】【中】【小】</p><p>分享到：微信 微博</p></div></body></html>"""
    assert texts(extract_content(html).blocks) == ["一、总体情况", "本年度新收政府信息公开申请12件。"]


def test_nested_layout_table_is_read_as_content() -> None:
    prose = "2019年，本机关坚持以习近平新时代中国特色社会主义思想为指导，全面落实条例要求。" * 5
    html = f"""<html><body><table width="100%"><tr><td><p>一、总体情况</p><p>{prose}</p>
    <table border="1"><tr><td>信息内容</td><td>本年新<br>制作数量</td></tr><tr><td>规章</td><td>13</td></tr></table>
    <p>二、其他</p></td></tr></table></body></html>"""
    doc = extract_content(html)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph", "Grid", "Paragraph"]
    assert doc.blocks[2].rows == [["信息内容", "本年新制作数量"], ["规章", "13"]]


def test_single_column_table_becomes_paragraphs() -> None:
    html = "<table><tr><td>一、总体情况</td></tr><tr><td>二、主动公开政府信息情况</td></tr></table>"
    assert texts(extract_content(html).blocks) == ["一、总体情况", "二、主动公开政府信息情况"]


def test_expand_spans_odd_shapes() -> None:
    g = expand_spans([
        [SpanCell("a", 1, 2), SpanCell("b", 3, 1)],
        [SpanCell("c")],  # short row: padded
        [SpanCell("d"), SpanCell("e"), SpanCell("f"), SpanCell("g")],  # longer than the rest
        [],  # empty row: dropped
    ])
    assert g.rows == [
        ["a", "a", "b", None, None],
        ["c", None, "b", None, None],
        ["d", "e", "b", "f", "g"],
    ]
    assert g.cell_ids[1] == [2, -1, 1, -1, -1]
    # rowspan=0 runs to the end; a rowspan past the last row is trimmed.
    g = expand_spans([[SpanCell("x", 0), SpanCell("y", 9)], [SpanCell("z")], [SpanCell("w")]])
    assert g.rows == [["x", "y", None], ["x", "y", "z"], ["x", "y", "w"]]


def test_expand_html_table_word_markup_and_br() -> None:
    table = etree.fromstring(
        """<table><tbody><tr><td colspan="2"><p class=MsoNormal><span style='mso-bidi-font-size:10.5pt'>本年新
        </span><span>制作</span><o:p></o:p></p><p>数量</p></td><td>Total<br>count</td></tr>
        <tr><td rowspan="2px">1</td><td>&nbsp;</td><td> 3 </td></tr><tr><td>4</td></tr></tbody></table>""",
        etree.HTMLParser(),
    ).find(".//table")
    g = expand_html_table(table)
    assert g.rows == [["本年新制作数量", "本年新制作数量", "Total count"], ["1", None, "3"], ["1", "4", None]]


def test_join_cjk_and_cell_text() -> None:
    assert join_cjk(["本年新", "制作数量"]) == "本年新制作数量"
    assert join_cjk(["合计", "12"]) == "合计 12"
    cell = etree.fromstring("<td>（一）<br/>予以公开</td>", etree.HTMLParser()).find(".//td")
    assert cell_text(cell) == "（一）予以公开"


def test_empty_and_degenerate_html() -> None:
    assert extract_content("").blocks == []
    assert extract_content("<html><head><script>var a=1;</script></head><body></body></html>").blocks == []
    doc = extract_content("<?xml version='1.0' encoding='gb2312'?><p>政府信息公开</p>")
    assert texts(doc.blocks) == ["政府信息公开"]


def test_truncated_html_keeps_what_was_read() -> None:
    cut = FRAGMENT[: FRAGMENT.index("三、收到和处理政府信息公开申请情况") + 200]
    doc = extract_content(cut)
    assert texts(doc.blocks)[0] == TITLE
    assert len(grids(doc)) == 2  # table 2 whole, table 3 as far as it goes


def test_deep_nesting_does_not_overflow() -> None:
    text = "政府信息公开工作年度报告正文。"
    html = "<html><body>" + "<div><span>" * 800 + f"<p>{text}</p>" + "</span></div>" * 800 + "</body></html>"
    assert text in "".join(texts(extract_content(html).blocks))
    # libxml2 drops what lies deeper than its nesting limit; that must not be a crash.
    html = "<html><body><p>开头</p>" + "<div>" * 5000 + f"<p>{text}</p>" + "</div>" * 5000 + "</body></html>"
    assert "开头" in texts(extract_content(html).blocks)


def test_title_choice() -> None:
    page = "<html><head><title>{}</title></head><body><p>{}</p><p>正文第一段。</p></body></html>"
    assert extract_content(page.format(TITLE + "_政府信息公开年报_中国上海", "x")).title == TITLE
    assert extract_content(page.format("政府信息公开年报", TITLE)).title == TITLE
    assert extract_content(page.format("某某网站", "正文")).title == "某某网站"


def test_find_body_reports_how() -> None:
    body, how = find_body("<html><body><div id='UCAP-CONTENT'><p>" + "政府信息公开" * 10 + "</p></div></body></html>")
    assert how == "UCAP" and body is not None


def test_zjeg_markers_in_different_parents() -> None:
    # Unbalanced markup puts the end marker outside the element holding the begin marker: the
    # source between the markers is parsed on its own.
    html = ("<html><body><div class='nav'><a href='/'>首页</a></div><div id='x'><div>"
            "<!--ZJEG_RSS.content.begin--><p>一、总体情况</p><p>本机关全年主动公开政府信息120条。</p></div>"
            "<!--ZJEG_RSS.content.end--></div><div class='footer'>网站标识码：3300000001</div></body></html>")
    doc = extract_content(html)
    assert doc.meta["body_found_by"] == "zjeg"
    assert texts(doc.blocks) == ["一、总体情况", "本机关全年主动公开政府信息120条。"]


def test_report_sentences_about_websites_are_not_clutter() -> None:
    lines = ["调整网站字体大小，方便老年人阅读。", "全年网站访问次数达120万次。", "完善网站地图功能。",
             "发布时间：2021-01-20 浏览次数：35"]
    html = "<div class='TRS_Editor'>" + "".join(f"<p>{t}</p>" for t in lines) + "<p>分享到：</p></div>"
    assert texts(extract_content(html).blocks) == lines


def test_body_shipped_in_a_javascript_string() -> None:
    # 001's source page kept the article in a JS string with backslash-escaped quotes.
    literal = FRAGMENT.replace("\\", "\\\\").replace('"', '\\"').replace("/", "\\/").replace("\n", "\\n")
    html = ("<html><head><title>" + TITLE + "</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            "<div id='ivs_content'></div><script>var content = \"" + literal + "\";"
            "document.getElementById('ivs_content').innerHTML = content;</script></body></html>")
    doc = extract_content(html)
    assert doc.meta["body_found_by"] == "script"
    want = extract_content(FRAGMENT)
    assert texts(doc.blocks) == texts(want.blocks)
    assert [g.rows for g in grids(doc)] == [g.rows for g in grids(want)]


def test_small_data_table_with_a_long_note_stays_a_grid() -> None:
    note = "注：" + "本表数据统计期限自2020年1月1日起至2020年12月31日止，" * 8
    head = "".join(f"<td>{h}</td>" for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    html = (f"<table><caption>表四 行政复议情况</caption><tr>{head}</tr>"
            "<tr><td>5</td><td>0</td><td>0</td><td>2</td><td>7</td></tr>"
            f"<tr><td colspan='5'>{note}</td></tr></table>")
    doc = extract_content(html)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Grid"]
    assert doc.blocks[0].text == "表四 行政复议情况"
    assert doc.blocks[1].rows[1] == ["5", "0", "0", "2", "7"]
    assert doc.blocks[1].rows[2] == [note] * 5


def test_preformatted_lines_stay_lines() -> None:
    html = "<div class='TRS_Editor'><pre>一、总体情况\n| 规章 | 13 | 13 | 524 |\n\n  二、其他</pre></div>"
    assert texts(extract_content(html).blocks) == ["一、总体情况", "| 规章 | 13 | 13 | 524 |", "二、其他"]

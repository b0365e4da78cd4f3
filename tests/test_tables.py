"""Every rendering of the three tables, in both layouts, yields the same figures."""

from __future__ import annotations

import pytest
import tablegen as tg

from parsers import parse_bytes
from parsers.tables.reader import t2_header_columns, t2_row_key, t3_row

INTRO_2019 = ("柯城区2019年政府信息公开工作年度报告\n"
              "本报告所列数据的统计时限为2019年1月1日至2019年12月31日。\n一、总体情况\n"
              "2019年,我区共收到依申请公开件859件。\n")
INTRO_2021 = ("平武县人民政府2021年政府信息公开工作年度报告\n"
              "本报告所列数据的统计期限为2021年1月1日至2021年12月31日。\n一、总体情况\n"
              "2021年通过政府网站主动公开信息73条。\n")
OUTRO = "\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"

HTML_RENDERINGS = {
    "html_official": lambda t: tg.html_official(t),
    "html_word_pasted": lambda t: tg.html_official(t, word=True),
    "html_empty_cells": tg.html_empty_cells,
}
TEXT_RENDERINGS = {
    "text_pipes": tg.text_pipes,
    "text_cell_per_line": tg.text_cell_per_line,
    "text_cell_pipe_lines": tg.text_cell_pipe_lines,
    "text_pipe_own_line": tg.text_pipe_own_line,
    "text_cells_blank_lines": tg.text_cells_blank_lines,
    "text_cells_blank_lines_sep1": lambda t: tg.text_cells_blank_lines(t, 1),
    "text_cell_pipe_blanks_row_end_pipe": tg.text_cell_pipe_blanks,
    "text_cell_pipe_blanks_row_end_double": lambda t: tg.text_cell_pipe_blanks(t, "||"),
    "text_pipe_own_line_blanks": lambda t: tg.text_pipe_own_line(t, ""),
    "text_spaced": tg.text_spaced,
}
# renderings that keep blank cells as blanks (the others write them as 0)
KEEP_BLANKS = {"text_pipes", "text_cells_blank_lines", "text_cells_blank_lines_sep1",
               "text_cell_pipe_blanks_row_end_pipe", "text_cell_pipe_blanks_row_end_double",
               "text_pipe_own_line_blanks"}


def _table_figures(report) -> dict[tuple[str, str], float]:
    got: dict[tuple[str, str], float] = {}
    for f in report.figures:
        if f.source == "table":
            assert (f.metric, f.breakdown) not in got, f"duplicate figure {f.metric}[{f.breakdown}]"
            got[(f.metric, f.breakdown)] = f.value
    return got


def _intro(layout: str) -> str:
    return INTRO_2019 if layout == "2019" else INTRO_2021


@pytest.mark.parametrize("layout", ["2019", "2021"])
@pytest.mark.parametrize("name", sorted(HTML_RENDERINGS))
def test_html_renderings(layout: str, name: str) -> None:
    t = tg.Tables(layout)
    body = "".join(f"<p>{x}</p>" for x in _intro(layout).splitlines())
    html = f"<html><body><div class='TRS_Editor'>{body}{HTML_RENDERINGS[name](t)}" \
           f"{''.join(f'<p>{x}</p>' for x in OUTRO.splitlines() if x)}</div></body></html>"
    report = parse_bytes(html.encode("utf-8"), filename="r.html")
    assert report.template == layout
    assert _table_figures(report) == t.expected()
    assert not [c for c in report.checks if c.status == "fail"], report.checks


@pytest.mark.parametrize("layout", ["2019", "2021"])
@pytest.mark.parametrize("name", sorted(TEXT_RENDERINGS))
def test_text_renderings(layout: str, name: str) -> None:
    t = tg.Tables(layout)
    text = _intro(layout) + TEXT_RENDERINGS[name](t) + OUTRO
    report = parse_bytes(text.encode("utf-8"), filename="r.txt")
    assert report.template == layout
    expected = t.expected(blanks_are_zero=name not in KEEP_BLANKS)
    assert _table_figures(report) == expected
    assert not [c for c in report.checks if c.status == "fail"], report.checks


def test_table_checks_and_derived_sums_2021() -> None:
    t = tg.Tables("2021")
    report = parse_bytes((INTRO_2021 + tg.text_pipes(t)).encode(), filename="r.txt")
    checks = {c.name: c for c in report.checks}
    assert checks["t3.balance.total"].status == "pass"
    assert checks["t3.results_sum.total"].status == "pass"
    assert checks["t3.row_sum.requests.new"].status == "pass"
    assert checks["t4.sum.reviews"].status == "pass"
    derived = {(f.metric, f.breakdown): f.value for f in report.figures if f.source == "derived"}
    assert derived[("requests.other_handling", "total")] == 3
    assert derived[("requests.withheld", "total")] == 14 + 5 + 4 + 12
    assert derived[("lawsuits.total", "total")] == 9


def test_failed_check_keeps_figures() -> None:
    """A table whose arithmetic is wrong: the check fails with both sides, every figure stays."""
    t = tg.Tables("2019")
    text = tg.text_pipes(t).replace("| 四、结转下年度继续办理 | 72 |", "| 四、结转下年度继续办理 | 70 |")
    report = parse_bytes((INTRO_2019 + text).encode(), filename="r.txt")
    checks = {c.name: c for c in report.checks}
    assert checks["t3.balance.natural_person"].status == "fail"
    assert "new 821" in checks["t3.balance.natural_person"].detail
    assert "carried_forward 70" in checks["t3.balance.natural_person"].detail
    figs = _table_figures(report)
    assert figs[("requests.carried_forward", "natural_person")] == 70
    assert len(figs) == len(t.expected())


def test_table_cut_off_before_its_totals_is_not_assessable() -> None:
    """A web archive that kept table 3 only down to its results: the balance cannot be judged
    (its 总计 and 结转 rows are missing, not blank for zero), and is not called a failure."""
    t = tg.Tables("2019")
    text = tg.text_pipes(t)
    text = text[: text.index("| （七）总计")]
    report = parse_bytes((INTRO_2019 + text).encode(), filename="r.txt")
    checks = {c.name: c for c in report.checks}
    assert checks["t3.balance.natural_person"].status == "not_assessable"
    assert not [c for c in report.checks if c.status == "fail"]
    assert _table_figures(report)[("requests.new", "natural_person")] == 821


def test_text_vs_table_check() -> None:
    t = tg.Tables("2019")
    report = parse_bytes((INTRO_2019 + tg.text_pipes(t)).encode(), filename="r.txt")
    checks = {c.name: c for c in report.checks}
    assert checks["text_vs_table.requests.new"].status == "pass"
    bad = INTRO_2019.replace("859件", "860件") + tg.text_pipes(t)
    checks = {c.name: c for c in parse_bytes(bad.encode(), filename="r.txt").checks}
    assert checks["text_vs_table.requests.new"].status == "fail"


def test_001_odd_colspans_and_units() -> None:
    """Real page: values spread over colspans unlike the header's; 251000元 becomes 25.1万元."""
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "corpus" / "001.html").read_bytes()
    figs = {(f.metric, f.breakdown): f for f in parse_bytes(data, filename="001.html").figures
            if f.source == "table"}
    assert figs[("licensing.items_prev", "total")].value == 0
    assert figs[("procurement.amount", "total")].value == 25.1
    assert figs[("procurement.amount", "total")].unit == "万元"
    assert figs[("procurement.amount", "total")].raw == "251000元"
    # blank 总计 cells are no figure
    assert ("requests.granted", "total") not in figs
    assert figs[("requests.granted", "natural_person")].quote == "(一)予以公开 / 自然人"


@pytest.mark.parametrize("label,key", [
    ("规章", "rules"), ("规 章", "rules"), ("行政规范性文件", "normative_docs"),
    ("规章(设区的市、自治州人民政府应提供相关数据)", "rules"), ("其他对外管理服务事项", "other_services"),
    ("行政规范性文件(历史累计)", "normative_docs"), ("规章制度建设情况说明", None),
])
def test_t2_row_labels(label: str, key: str | None) -> None:
    assert t2_row_key(label) == key


def test_t2_header_variants() -> None:
    cols = t2_header_columns(["信息内容", "本年新", "制作数量", "本年新", "公开数量", "对外公开总数量"])
    assert [c.key for c in cols] == ["made", "published", "public_total"]
    cols = t2_header_columns(["信息内容", "上一年项目数量(指2019年事项数)", "本年增/减(减用负值表示,如-8)",
                              "处理决定数量(指2020年办件量)"])
    assert [c.key for c in cols] == ["items_prev", "items_change", "decisions"]
    cols = t2_header_columns(["信息内容", "本年收费金额(单位:万元)"])
    assert [(c.key, c.layout) for c in cols] == [("amount", "2021")]


def test_t3_label_matching_needs_group() -> None:
    assert t3_row("3.其他", "other_handling").metric == "requests.other_handling.other"
    assert t3_row("1.属于国家秘密", "withheld").metric == "requests.withheld.state_secret"
    assert t3_row("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", None).metric == "requests.partly_granted"


def test_pdf_tables_and_prose() -> None:
    """A real producer's PDF: table 2 read from its gap-separated rows, prose joined across
    wrapped lines; table-3 rows whose blank cells the PDF dropped are skipped, never guessed."""
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "formats" / "report_libreoffice.pdf").read_bytes()
    report = parse_bytes(data, filename="report.pdf")
    figs = {(f.metric, f.breakdown, f.source): f.value for f in report.figures}
    assert figs[("rules.public_total", "total", "table")] == 524
    assert figs[("procurement.amount", "total", "table")] == 25.1
    assert figs[("requests.new", "total", "text")] == 859
    assert not any(m.startswith("requests.") and s == "table" for m, _b, s in figs)
    assert any("5 cells for 7 columns" in w for w in report.warnings)


PRE2019_FORM = """某县统计局2016年政府信息公开工作年度报告
一、概述
2016年,我局认真贯彻《条例》。
二、主动公开政府信息情况
全年主动公开政府信息120条。
附表 政府信息公开情况统计表
统计指标 | 单位 | 统计数
(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条) | 条 | 120
其中:主动公开规范性文件数 | 条 | 3
(一)收到申请数 | 件 | 4
(二)申请办结数 | 件 | 4
四、行政复议数量 | 件 | 0
五、行政诉讼数量 | 件 | 1
七、依申请公开信息收取的费用 | 万元 | 0.02
(三)从事政府信息公开工作人员数 | 人 | 5
1.专职人员数(不包括政府公报及政府网站工作人员数) | 人 | 1
2.兼职人员数 | 人 | 4
(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费) | 万元 | 2.5
"""
PRE2019_EXPECTED = {
    "proactive.items": 120, "requests.new": 4, "requests.processed": 4, "reviews.total": 0,
    "lawsuits.total": 1, "fees.collected": 200, "org.staff": 5, "org.staff.fulltime": 1,
    "org.staff.parttime": 4, "org.budget": 2.5,
}


@pytest.mark.parametrize("shape", ["pipes", "cell_per_line"])
def test_pre2019_statistics_form(shape: str) -> None:
    """The 2014–2018 national statistics form appended as 附表: label | unit | number."""
    text = PRE2019_FORM
    if shape == "cell_per_line":
        head, form = text.split("统计指标", 1)
        cells = [c.strip() for line in ("统计指标" + form).splitlines() for c in line.split("|")]
        text = head + "\n".join(cells)
    report = parse_bytes(text.encode(), filename="r.txt")
    assert report.template == "pre2019"
    got = {f.metric: f.value for f in report.figures if f.source == "table"}
    assert got == PRE2019_EXPECTED
    assert {f.section for f in report.figures if f.source == "table"} == {"appendix"}
    checks = {c.name: c for c in report.checks}
    assert checks["text_vs_table.proactive.items"].status == "pass"
    assert "pre-2019 format" in checks["t3.balance.total"].detail
    assert not report.warnings


def test_rows_that_do_not_fit_are_skipped_with_a_warning() -> None:
    text = ("某县2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项\n"
            "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n| 规章 | 1 | 2 | 3 | 4 | 5 |\n"
            "| 规范性文件 | 6 | 7 | 8 |\n")
    report = parse_bytes(text.encode(), filename="r.txt")
    got = {f.metric: f.value for f in report.figures if f.source == "table"}
    assert got == {"normative_docs.made": 6, "normative_docs.published": 7, "normative_docs.public_total": 8}
    assert any("table 2 row 规章: 5 cells for 3 header columns" in w for w in report.warnings)


def test_text_row_keeps_the_block_its_label_came_from() -> None:
    # A row's section is the block its first cell came from, also when that is block 0 (the
    # attribution used to jump to the block of the row's first value).
    from parsers.tables.rows import text_rows

    rows = list(text_rows([(0, "规章", 0), (2, "13", 0), (2, "13", 0), (3, "524", 0)], lambda _: False))
    assert [(r.labels, r.values, r.block) for r in rows] == [(["规章"], ["13", "13", "524"], 0)]
    rows = list(text_rows([(4, "13", 0), (5, "14", 0)], lambda _: False))
    assert [(r.values, r.block) for r in rows] == [(["13", "14"], 4)]


def test_a_page_that_starts_inside_table_3() -> None:
    """A flipbook page or a cut archive that begins mid-table: a full row under a table-3
    label is still read (and a table-4 row of fifteen numbers after its header)."""
    text = ("某局2020年政府信息公开工作年度报告\n四、结转下年度继续办理 2 0 0 0 0 0 2\n"
            "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
            "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。")
    report = parse_bytes(text.encode(), filename="p9.txt")
    figs = _table_figures(report)
    assert figs[("requests.carried_forward", "natural_person")] == 2
    assert figs[("requests.carried_forward", "total")] == 2
    assert figs[("reviews.upheld", "total")] == 1 and figs[("reviews.total", "total")] == 1


def test_huge_text_reads_tables_from_its_start_only() -> None:
    """Not a report (a dictionary handed over by mistake): a clear warning, not minutes of work."""
    from parsers.tables.reader import MAX_TABLE_BLOCKS

    lines = "\n".join(f"某地{i}\t{110000 + i}" for i in range(MAX_TABLE_BLOCKS + 5000))
    report = parse_bytes(("某县2019年政府信息公开工作年度报告\n" + lines).encode(), filename="big.txt")
    assert any("tables looked for in the first" in w for w in report.warnings)


def test_pipe_row_with_written_trailing_blanks() -> None:
    """`| 规范性文件 | 11 | ||` under three columns: the row wrote its two blank cells, so 11 is
    the first column's; a row that wrote no blanks is still not guessed."""
    head = ("某县2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n| 第二十条第(一)项 |\n"
            "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n")
    report = parse_bytes((head + "| 规范性文件 | 11 | ||\n").encode(), filename="x.txt")
    assert _table_figures(report) == {("normative_docs.made", "total"): 11}
    # (not the text's last row, which could be cut off: see test_a_text_cut_off_inside_its_last_row)
    report = parse_bytes((head + "| 规范性文件 | 11 | 9\n| 第二十条第(五)项 |\n").encode(), filename="x.txt")
    assert ("normative_docs.made", "total") not in _table_figures(report)


def test_cell_per_line_rows_ending_either_way() -> None:
    """Rows of `text |` lines that mostly end with a lone `|`, one ending with `||` after its
    blank cell (a lone `|`): the blank stays a cell, the values keep their columns."""
    text = ("某县2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项 |\n||||\n"
            "信息内容 |\n本年新制作数量 |\n本年新公开数量 |\n对外公开总数量 |\n|\n规章 |\n2 |\n2 |\n30 |\n|\n"
            "规范性文件 |\n5 |\n5 |\n61 |\n|\n第二十条第(五)项 |\n||||\n"
            "信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n|\n行政许可 |\n7 |\n|\n3 |\n|\n"
            "第二十条第(八)项 |\n||||\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n||\n行政事业性收费 |\n4 |\n|\n||\n"
            "第二十条第(九)项 |\n")
    figs = _table_figures(parse_bytes(text.encode(), filename="x.txt"))
    assert figs[("licensing.items_prev", "total")] == 7 and figs[("licensing.decisions", "total")] == 3
    assert ("licensing.items_change", "total") not in figs
    assert figs[("admin_fees.items_prev", "total")] == 4 and ("admin_fees.items_change", "total") not in figs


def test_row_label_typo() -> None:
    from parsers.tables.reader import t2_row_key

    assert t2_row_key("行政事业型收费") == t2_row_key("行政事业性收费") is not None


@pytest.mark.parametrize("tail,expected", [
    # the text ends inside a row: the cells before the cut are read, the last one only if whole
    ("| 行政强制 | 5 | 12", {("coercion.items_prev", "total"): 5}),
    ("| 行政强制 | 5 | 0", {("coercion.items_prev", "total"): 5, ("coercion.items_change", "total"): 0}),
    ("| 行政强制 | 5 | 12 |", {("coercion.items_prev", "total"): 5, ("coercion.items_change", "total"): 12}),
    ("行政强制\n5\n12", {("coercion.items_prev", "total"): 5}),
])
def test_a_text_cut_off_inside_its_last_row(tail: str, expected: dict) -> None:
    head = ("某县2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n| 第二十条第(六)项 |\n"
            "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n| 行政处罚 | 0 | 0 | 3 |\n")
    report = parse_bytes((head + tail).encode(), filename="cut.txt")
    figs = {k: v for k, v in _table_figures(report).items() if k[0].startswith("coercion")}
    assert figs == expected
    assert any("cut off by the end of the text" in w for w in report.warnings)
    # a whole file (here a PDF-like document) is not read as cut: its short row is skipped
    from parsers.formats.text import read_text
    from parsers.report import build_report

    doc = read_text((head + tail).encode())
    doc.meta["format"] = "pdf"
    assert not [k for k in _table_figures(build_report(doc)) if k[0].startswith("coercion")]


def test_table_3_row_labels_with_the_words_swapped() -> None:
    text = ("某县2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"
            "| 二、上年转结政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    figs = _table_figures(parse_bytes(text.encode(), filename="x.txt"))
    assert figs[("requests.carried_over", "total")] == 1 and figs[("requests.new", "total")] == 3


def test_a_huge_unitless_amount_under_a_wan_yuan_column_is_yuan() -> None:
    text = ("某镇2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n| 第二十条第(九)项 |\n"
            "| 信息内容 | 采购项目数量 | 采购总金额 |\n| 政府集中采购 | 17 | 15000000 |\n| 政府集中采购 | 1 | 25.5 |\n")
    report = parse_bytes(text.encode(), filename="x.txt")
    amounts = [f.value for f in report.figures if f.metric == "procurement.amount"]
    assert amounts[0] == 1500 and 25.5 in amounts
    assert any("with no unit read as 元" in w for w in report.warnings)


def test_table_2_cells_and_labels_written_out() -> None:
    """A label that defines itself after a colon, a change written as 增N or +(N)-(M), and a header
    that repeats a column's label (the template's column order is used then)."""
    text = ("某县2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项 |\n"
            "信息内容 | 本年新制作数量 | 本年新制作数量 | 对外公开总数量 |\n"
            "规章:地方行政规章指各省、自治区、直辖市的人民政府根据宪法、法律和行政法规等制定和发布的规范性文件,"
            "规章的名称一般称规定、办法。 |\n1 |\n1 |\n3 |\n"
            "第二十条第(五)项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n行政许可 | 8 | 增10 | 18 |\n"
            "行政处罚 | 2 | +(0) -(0) | 5 |\n")
    figs = _table_figures(parse_bytes(text.encode(), filename="x.txt"))
    assert figs[("rules.made", "total")] == 1 and figs[("rules.published", "total")] == 1
    assert figs[("rules.public_total", "total")] == 3
    assert figs[("licensing.items_change", "total")] == 10 and figs[("licensing.decisions", "total")] == 18
    assert figs[("penalty.items_change", "total")] == 0


def test_no_group_sum_from_a_table_cut_off_inside_the_group() -> None:
    t = tg.Tables("2019")
    text = tg.text_pipes(t)
    cut = text[: text.index("| 4.保护第三方")]
    report = parse_bytes((INTRO_2019 + cut).encode(), filename="r.txt")
    assert not [f for f in report.figures if f.metric == "requests.withheld" and f.source == "derived"]
    whole = parse_bytes((INTRO_2019 + text).encode(), filename="r.txt")
    assert [f for f in whole.figures if f.metric == "requests.withheld" and f.source == "derived"]


def test_a_row_that_lost_a_blank_cell_is_placed_by_the_sign_of_its_change() -> None:
    # one cell per line, the blank 处理决定数量 cells dropped: 行政许可 19 +4
    text = ("某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项\n\n信息内容\n\n"
            "上一年项目数量\n\n本年增/减\n\n处理决定数量\n\n行政许可\n\n21\n\n+3\n\n第二十条第(六)项\n\n信息内容\n\n"
            "上一年项目数量\n\n本年增/减\n\n处理决定数量\n\n行政处罚\n\n40\n\n-2\n\n行政强制\n\n+1\n\n6\n\n"
            "第二十条第(九)项\n\n信息内容\n\n采购项目数量\n\n采购总金额\n\n政府集中采购\n\n1\n\n20\n\n")
    report = parse_bytes(text.encode(), filename="x.txt")
    figs = _table_figures(report)
    assert figs[("licensing.items_prev", "total")] == 21 and figs[("licensing.items_change", "total")] == 3
    assert figs[("penalty.items_prev", "total")] == 40 and figs[("penalty.items_change", "total")] == -2
    # the sign first: the blank dropped was the first cell
    assert figs[("coercion.items_change", "total")] == 1 and figs[("coercion.decisions", "total")] == 6
    assert ("coercion.items_prev", "total") not in figs and ("licensing.decisions", "total") not in figs
    assert sum("placed by the sign" in w for w in report.warnings) == 3


@pytest.mark.parametrize("rows", [
    # one cell per line, as a flattened page gives them
    "其他对外管理服务事项 |\n行政检查 |\n2 |\n+1 |\n7 |\n|\n行政确认 |\n3 |\n0 |\n4 |\n||\n",
    # an HTML grid whose row label spans its sub-rows
    None,
])
def test_a_row_given_as_sub_rows_is_their_sum(rows: str | None) -> None:
    if rows is None:
        html = ("<html><body><p>某局2019年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>"
                "<tr><td colspan='5'>第二十条第(五)项</td></tr>"
                "<tr><td colspan='2'>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>"
                "<tr><td colspan='2'>行政许可</td><td>5</td><td>0</td><td>9</td></tr>"
                "<tr><td rowspan='2'>其他对外管理服务事项</td><td>行政检查</td><td>2</td><td>+1</td><td>7</td></tr>"
                "<tr><td>行政确认</td><td>3</td><td>0</td><td>4</td></tr>"
                "<tr><td colspan='5'>第二十条第(六)项</td></tr></table></body></html>")
        report = parse_bytes(html.encode(), filename="x.html")
    else:
        text = ("某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(五)项 |\n|||||\n信息内容 |\n"
                "上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n||\n行政许可 |\n5 |\n0 |\n9 |\n||\n" + rows
                + "第二十条第(六)项 |\n")
        report = parse_bytes(text.encode(), filename="x.txt")
    figs = _table_figures(report)
    assert figs[("licensing.decisions", "total")] == 9
    assert figs[("other_services.items_prev", "total")] == 5
    assert figs[("other_services.items_change", "total")] == 1
    assert figs[("other_services.decisions", "total")] == 11
    assert any("sum of its sub-rows 行政检查、行政确认" in w for w in report.warnings)


def test_a_table_3_label_with_its_year_in_brackets() -> None:
    head = "某镇2021年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    rows = ("一、本年(2021)新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
            "二、上年(2020)结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    figs = _table_figures(parse_bytes((head + rows).encode(), filename="x.txt"))
    assert figs[("requests.new", "total")] == 2 and figs[("requests.carried_over", "total")] == 1


def test_cells_run_together_one_digit_a_column() -> None:
    text = ("某乡2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "信息内容本年新制作数量本年新公开数量对外公开总数量\n规章000\n规范性文件354\n第二十条(五)项\n"
            "信息内容上一年项目数量本年增/减处理决定数量\n行政许可1414\n第二十条(八)项\n")
    report = parse_bytes(text.encode(), filename="x.txt")
    figs = _table_figures(report)
    assert figs[("rules.made", "total")] == 0 and figs[("rules.public_total", "total")] == 0
    assert (figs[("normative_docs.made", "total")], figs[("normative_docs.published", "total")],
            figs[("normative_docs.public_total", "total")]) == (3, 5, 4)
    # four digits in three columns can be split more than one way: not read
    assert not [k for k in figs if k[0].startswith("licensing")]
    assert sum("run together" in w for w in report.warnings) == 2

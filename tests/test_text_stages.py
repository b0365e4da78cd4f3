"""Normalisation, sections, places, and the report's metadata."""

from __future__ import annotations

import pytest

from parsers.meta import find_published_date, find_year, publisher_kind
from parsers.normalize import Normalizer, is_traditional, normalize_line
from parsers.places import lookup, resolve_region
from parsers.sections import split_sections


@pytest.mark.parametrize("raw,want", [
    ("本年新 制作数量", "本年新制作数量"),
    ("1128 条", "1128条"),
    ("信息 1323条", "信息1323条"),
    ("７．７ ％", "7.7%"),
    ("第二十条第（一）项", "第二十条第(一)项"),
    ("商业\u200b企业", "商业企业"),
    ("共\u00a0 12,345 条", "共12345条"),
    ("2019年 5月", "2019年5月"),
])
def test_normalize_line(raw: str, want: str) -> None:
    assert normalize_line(raw) == want


NORMALIZE_CASES = ["本年新 制作数量", "1128 条", "信息 1323条", "７．７ ％", "第二十条第（一）项", "商业\u200b企业",
                   "共\u00a0 12,345 条", "2019年 5月", " 收到 ", "1,234", "件 ", "Total  count", "（一） 予以公开",
                   "有\x00零字节", "", "１２３", "e\u0301", "\u0301开头", "数 %", "12 %", "“ 三安全一稳定 ”"]


def test_normalizing_many_strings_at_once_equals_one_by_one() -> None:
    for sample in ("简体文本信息公开", "柯城區2019年政府信息公開工作年度報告,從事政府信息公開的人員有97人。"):
        norm = Normalizer(sample)
        assert norm.many(NORMALIZE_CASES) == [norm(t) for t in NORMALIZE_CASES]
        # strings that end or start where the next begins do not join up
        pairs = ["1,234", "件", "中", " 文", "1", "%"]
        assert norm.many(pairs) == [norm(t) for t in pairs]


def test_traditional_only_when_traditional() -> None:
    trad = "柯城區2019年政府信息公開工作年度報告,從事政府信息公開的人員有97人。"
    assert is_traditional(trad)
    assert Normalizer(trad)(trad).startswith("柯城区2019年政府信息公开工作年度报告")
    simp = "柯城区2019年政府信息公开工作年度报告。著力提升制度化水平。"
    assert not is_traditional(simp)
    assert Normalizer(simp)("著力") == "著力"  # simplified text is never converted


def test_mirror_conversions_are_undone() -> None:
    # Taiwan phrases a mirror's converter put in are turned back; mainland words written in
    # traditional characters stay those words (opencc's tw2sp would make 文件 文档, 指标 指针).
    norm = Normalizer("我辦共主動公開政府資訊19條，網路與軟體最佳化，本機關規範性文件的執行指標")
    assert norm("我辦共主動公開政府資訊19條") == "我办共主动公开政府信息19条"
    assert norm("規範性文件 執行 指標 網路 最佳化") == "规范性文件执行指标网络优化"
    assert norm.many(["政府資訊", "規範性文件", "0"]) == ["政府信息", "规范性文件", "0"]
    # a simplified report is never converted
    assert Normalizer("本机关主动公开政府信息19条，资讯栏目")("资讯栏目") == "资讯栏目"


def test_pinyin_after_characters_is_removed() -> None:
    assert normalize_line("全年我鎮(zhèn)主動公開信息數(shù)量為46件") == "全年我鎮主動公開信息數量為46件"
    assert normalize_line("附件(a)与(b)") == "附件(a)与(b)"  # no tone mark: not pinyin


def test_sections_canonical_and_variants() -> None:
    text = "\n".join([
        "某县2021年政府信息公开工作年度报告", "前言。",
        "一、总体情况", "正文一。",
        "二、行政机关主动公开政府信息情况", "正文二。",
        "三、行政机关收到和处理政府信息公开申请情况", "| 四、结转下年度继续办理 | 0 |",
        "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "正文四。",
        "五、存在的主要问题和改进措施", "正文五。",
        "六、其他需要汇报事项", "无。",
        "七、政府信息公开工作考核情况", "正文七。",
    ])
    keys = [(s.key, s.heading) for s in split_sections(text)]
    assert [k for k, _ in keys] == ["preface", "overview", "proactive", "requests", "reviews", "problems",
                                    "other", "extra"]
    assert keys[-1][1] == "七、政府信息公开工作考核情况"  # unknown heading kept


def test_sections_arabic_and_pre2019() -> None:
    text = "1、总体情况\n正文。\n2、主动公开政府信息情况\n正文。\n3、收到和处理政府信息公开申请情况\n"
    assert [s.key for s in split_sections(text)] == ["overview", "proactive", "requests"]
    old = ("一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、依申请公开政府信息情况\n正文。\n"
           "四、政府信息公开的收费及减免情况\n正文。\n五、咨询处理情况\n正文。\n六、复议、诉讼情况\n正文。")
    assert [s.key for s in split_sections(old)] == ["overview", "proactive", "requests", "fees",
                                                   "consultations", "reviews"]


def test_sections_inline_headings() -> None:
    text = "前言。 一、总体情况2019年,我区认真贯彻。 二、主动公开政府信息情况\n五、监督保障方面1、加强督促考核。"
    secs = split_sections(text)
    assert [s.key for s in secs] == ["preface", "overview", "proactive"]
    assert secs[1].text.startswith("2019年,我区")


@pytest.mark.parametrize("title,body,code", [
    ("柯城区2019年政府信息公开工作年度报告", "", "330802"),
    ("深圳市龙华区重点区域建设推进中心2020年政府信息公开工作年度报告", "", "440309"),
    ("平凉市崆峒区柳湖镇人民政府2019年政府信息公开工作年度报告", "", "620802"),
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "", "310000"),
    ("政府信息公开年报", "本报告的电子版可在盐城市大丰区人民政府门户网站下载。", "320904"),
    (None, "本年报的电子版可以在“中国永嘉”县政府门户网站上下载。", "330324"),
    ("市政府研究室2019年政府信息公开工作年度报告", "电子版可在“孝感市门户网站”下载。", "420900"),
])
def test_regions(title, body, code) -> None:
    assert resolve_region(title, None, body).code == code


def test_region_hint_and_former_names() -> None:
    assert resolve_region("2019年政府信息公开工作年度报告", None, "", hint="330802").name == "柯城区"
    assert lookup("柯城区").code == "330802"
    r = lookup("襄樊市")  # renamed 襄阳市 in 2010
    assert r is not None and r.name == "襄阳市"


@pytest.mark.parametrize("title,year,code,name", [
    # a report from before the change is the division as it was, with its code then
    ("杭州市江干区2017年政府信息公开工作年度报告", 2017, "330104", "江干区"),  # merged into 上城区 in 2021
    ("蓬莱市2019年政府信息公开工作年度报告", 2019, "370684", "蓬莱市"),  # 蓬莱区 since 2020
    ("襄樊市2009年政府信息公开工作年度报告", 2009, "420600", "襄樊市"),  # same code, renamed 2010
    # renamed between the yearly code lists, not in jionlp's change list
    ("即墨市2015年政府信息公开工作年度报告", 2015, "370282", "即墨市"),  # 即墨区 since 2017
    ("崇明县2014年政府信息公开工作年度报告", 2014, "310230", "崇明县"),  # 崇明区 since 2016
    ("即墨区2019年政府信息公开工作年度报告", 2019, "370215", "即墨区"),
    # the successor's own reports, and a former name without a year, stay as they are
    ("杭州市上城区2022年政府信息公开工作年度报告", 2022, "330102", "上城区"),
    ("杭州市江干区政府信息公开工作年度报告", None, "330102", "上城区"),
])
def test_former_names_by_the_reports_year(title: str, year: int | None, code: str, name: str) -> None:
    r = resolve_region(title, None, "", year=year)
    assert (r.code, r.name) == (code, name)


def test_year_date_and_kind() -> None:
    assert find_year("山阳县人民政府2020年政府信息公开工作年度报告", "", None) == 2020
    assert find_year(None, "本报告所列数据的统计期限为2019年1月1日至12月31日。", "2020-02-01") == 2019
    assert find_year(None, "无年份", "2020-01-31") == 2019
    assert find_published_date(None, "发布时间:2016-02-14\n正文") == "2016-02-14"
    assert find_published_date(None, "正文\n2014年3月25日") == "2014-03-25"
    assert find_published_date(None, "卓尼县2020年度报告\n2021-02-09 发布:卓尼县人民政府办公室") == "2021-02-09"
    # a statistics period is not a publication date
    assert find_published_date(None, "统计期限为2019年1月1日至2019年12月31日。\n正文") is None
    assert publisher_kind("柯城区", "柯城区") == "government"
    assert publisher_kind("城口县人民政府", "城口县") == "government"
    assert publisher_kind("平凉市崆峒区柳湖镇人民政府", "崆峒区") == "township"
    assert publisher_kind("福州市晋安区发展和改革局", "晋安区") == "department"


def test_two_character_names_inside_words_are_not_places() -> None:
    from parsers.places import find_places

    names = [n for _, n, _ in find_places("省市和县两级,完成县委部署,永州市道县文广新局,道县人民政府")]
    assert names == ["永州市", "道县", "道县"]


def test_ambiguous_place_is_reported() -> None:
    warnings: list[str] = []
    r = resolve_region("龙华区2020年政府信息公开工作年度报告", None, "", warnings=warnings)
    assert r.code in ("440309", "460106")
    assert warnings and "ambiguous" in warnings[0] and "--region" in warnings[0]
    warnings.clear()
    assert resolve_region("海口市龙华区2020年政府信息公开工作年度报告", None, "", warnings=warnings).code == "460106"
    assert warnings == []


def test_a_municipality_district_and_a_namesake_are_a_tie() -> None:
    # 和平区 of 天津 (a municipality: one step below its province) and of 沈阳: nothing decides,
    # so the choice is reported rather than made silently for the deeper chain
    warnings: list[str] = []
    resolve_region("和平区发展改革委2019年政府信息公开工作年度报告", None, "", None, warnings)
    assert any("ambiguous" in w and "120101" in w and "210102" in w for w in warnings)
    warnings = []
    assert resolve_region("天津市和平区2019年政府信息公开工作年度报告", None, "", None, warnings).code == "120101"
    assert not warnings


def test_publisher_named_in_the_opening_sentence() -> None:
    from parsers.meta import find_publisher

    text = "本报告由山东省机关事务管理局根据《中华人民共和国政府信息公开条例》的要求编制。地址:济南市历下区省府前街1号。"
    assert find_publisher(None, {}, text) == "山东省机关事务管理局"
    # a provincial department's place is its province, not the district its office stands in
    assert resolve_region(None, "山东省机关事务管理局", text).code == "370000"


def test_sections_with_a_skipped_number_and_a_spaced_heading() -> None:
    text = "\n".join(normalize_line(x) for x in (
        "前言", "一 、概 述", "我镇认真贯彻。", "二、主动公开政府信息情况", "全年主动公开信息12条。",
        "四、因政府信息公开申请行政复议、提起行政诉讼情况", "无。", "五、存在的主要问题及改进措施", "加强学习。"))
    assert [s.key for s in split_sections(text)] == ["preface", "overview", "proactive", "reviews", "problems"]
    # an unnamed heading after a gap is not taken for a section (四、 of a list, say)
    text = "一、总体情况\n正文\n二、主动公开政府信息情况\n正文\n四、加强培训\n正文"
    assert [s.key for s in split_sections(text)] == ["overview", "proactive"]


def test_title_and_publisher_among_portal_clutter() -> None:
    from parsers.meta import find_publisher, find_title

    lines = ["配色", "| 简体版|繁体版|智能问答 支持IPv6", "无障碍", "自治区北部湾办2022年政府信息公开工作年度报告",
             "本年度报告根据《中华人民共和国政府信息公开条例》要求,由广西壮族自治区北部湾经济区规划建设管理办公室"
             "(以下简称自治区北部湾办)编制。联系地址:南宁市青秀区民族大道9号。"]
    title = find_title(lines, None)
    assert title == "自治区北部湾办2022年政府信息公开工作年度报告"
    publisher = find_publisher(title, {}, "\n".join(lines))
    assert publisher == "广西壮族自治区北部湾经济区规划建设管理办公室"
    assert resolve_region(title, publisher, "\n".join(lines)).code == "450000"
    assert find_title(["首页 > 政务公开 > 政府信息公开年报", "某县2019年政府信息公开工作年度报告"], None) \
        == "某县2019年政府信息公开工作年度报告"
    assert find_publisher("宁强县民政局关于2023年政府信息公开年度报告", {}, "") == "宁强县民政局"


def test_short_names_of_autonomous_counties_and_addresses() -> None:
    assert resolve_region("化隆县某镇人民政府2020年度政府信息公开工作年度报告", None, "").code == "630224"
    # a city's report whose contact address names a district: the city
    body = "报告电子版可在保山市政府门户网站下载。如有疑问请联系,地址:保山市隆阳区正阳路8号。"
    assert resolve_region(None, None, body).code == "530500"
    # a township's report whose only county-level name is in its address: that county
    body = "沙塘镇政府编制了2016年度报告。如有疑问,请与我镇联系,地址:开平市沙塘镇中心路3号。"
    assert resolve_region(None, None, body).code == "440783"


def test_mirror_label_for_normative_documents() -> None:
    norm = Normalizer("本機關規範性檔案的主動公開情況如下,行政機關制定發布的決定")
    assert norm("規範性檔案") == "规范性文件"
    assert norm("市檔案館") == "市档案馆"


def test_title_after_metadata_values_and_publisher_with_the_boilerplate_cut() -> None:
    from parsers.meta import find_publisher, find_title

    lines = ["发布机构:", "区市场监督管理局", "公开方式:", "主动公开", "金东区市场监督管理局2018年度政府信息公开工作报告"]
    assert find_title(lines, None) == "金东区市场监督管理局2018年度政府信息公开工作报告"
    assert find_publisher("2013年壶镇镇人民政府信息公开年度报告", {}, "") == "壶镇镇人民政府"


def test_banner_short_names_and_a_year_given_as_its_end() -> None:
    from parsers.meta import find_year

    assert resolve_region("科右前旗2020年政府信息公开工作年度报告", None, "").code == "152221"
    assert find_year(None, "截止2023年12月31日,我局本年度共主动公开信息30条。", None) == 2023


@pytest.mark.parametrize("text,title,publisher", [
    # a search box's label above the title is not part of it; an empty 来源 field is no publisher
    ("全文检索\n\n2022年某某区政府信息公开工作年度报告\n来源: 发布时间:2023-01-31\n一、总体情况\n正文。",
     "2022年某某区政府信息公开工作年度报告", "某某区"),
    # a read-aloud button and an opening sentence are not titles
    ("点击收听年报语音朗读\n根据《条例》规定,现将2020年度市统计局信息公开工作总结报告如下。\n一、总体情况\n正文。",
     None, None),
    ("依据《关于印发政府信息公开工作年度报告格式的通知》要求,编制本报告。\n一、总体情况\n正文。", None, None),
    # a section heading is not a title; a portal column's name is not the title's first half
    ("一、报告内容\n(一)总体情况\n2020年,某镇认真贯彻落实条例。", None, None),
    ("某县人民政府\n政府信息公开\n某县某乡2021年政府信息公开工作年度报告\n正文。",
     "某县某乡2021年政府信息公开工作年度报告", "某县某乡"),
    ("某县人民政府机关\n2020年政府信息公开工作年度报告\n正文。", "某县人民政府机关2020年政府信息公开工作年度报告", "某县人民政府机关"),
    # an accessibility hint above the title
    ("正文内容区域请使用tab按钮切换浏览\n2020年某区某街道办事处政府信息公开工作年度报告\n正文。",
     "2020年某区某街道办事处政府信息公开工作年度报告", "某区某街道办事处"),
    # "our bureau" names no one
    ("特向社会公布我局2010年度信息公开工作年度报告。\n我局2010年度信息公开工作年度报告\n正文。",
     "我局2010年度信息公开工作年度报告", None),
])
def test_titles_and_publishers_of_flattened_pages(text: str, title: str | None, publisher: str | None) -> None:
    from parsers import parse_bytes

    report = parse_bytes(text.encode(), filename="x.txt")
    assert (report.title, report.publisher) == (title, publisher)


def test_publisher_field_run_into_the_next_label() -> None:
    from parsers.meta import find_publisher

    assert find_publisher(None, {}, "来源:市城市管理局发布时间:2023-01-01") == "市城市管理局"


def test_requests_section_that_also_covers_enquiries() -> None:
    from parsers.sections import section_key

    assert section_key("三、依申请公开、不予公开及咨询政府信息情况") == "requests"
    assert section_key("四、政府信息公开咨询处理情况") == "consultations"
    assert section_key("五、因政府信息公开申请行政复议、提起行政诉讼的情况") == "reviews"


def test_sections_of_a_page_flattened_onto_one_line() -> None:
    """Headings run straight into their text, after a closing bracket whose space normalisation
    removed, and up to a comma; an excerpt that begins at 二、 still gets its sections."""
    text = normalize_line(
        "引言 本报告由某街道编制(联系电话:0523-1234567) 一、概述 2017年,我街道认真贯彻落实条例。 "
        "二、政府信息主动公开情况某街道2017年全年主动公开信息50条,其中网站30条。 "
        "三、政府信息依申请公开情况本街道2017年度未发生依申请公开事项。 四、咨询情况本街道未收到咨询。")
    got = [(s.key, s.heading) for s in split_sections(text)]
    assert got == [("preface", ""), ("overview", "一、概述"), ("proactive", "二、政府信息主动公开情况"),
                   ("requests", "三、政府信息依申请公开情况"), ("consultations", "四、咨询情况")]
    got = [s.key for s in split_sections("全年主动公开信息50条。\n二、收到和处理政府信息公开申请情况\n无。\n三、行政复议情况\n无。")]
    assert got == ["preface", "requests", "reviews"]


@pytest.mark.parametrize("title,body,code", [
    # a zone named by its county's short name
    ("永川高新技术产业开发区管理委员会2020年政府信息公开工作年度报告", "", "500118"),
    (None, "本报告由常熟高新区编制。依据《苏州市政府信息公开规定》。", "320581"),
    # a bureau's branch named by its county's short name, under a prefecture's everyday name
    ("文山州生态环境局马关分局2021年政府信息公开工作年度报告", "依据《云南省政府信息公开规定》", "532625"),
    (None, "文山州生态环境局", "532600"),
    # a portal named by its county's short name beside the city's full name
    (None, "在昭化门户网和广元市交通运输信息网公开信息。", "510811"),
])
def test_zones_named_by_their_countys_short_name(title: str | None, body: str, code: str) -> None:
    assert resolve_region(title, None, body).code == code


def test_page_clutter_and_words_that_only_contain_a_label() -> None:
    from parsers import parse_bytes

    text = ("当前位置:政府信息公开年度报告\n某区某管委会2015年政府信息公开工作年度报告\n一、概述\n"
            "我区工作人员主要来源于我区的相关部门。\n")
    report = parse_bytes(text.encode(), filename="x.txt")
    assert report.title == "某区某管委会2015年政府信息公开工作年度报告"
    assert report.publisher == "某区某管委会"


def test_a_table_row_label_on_its_own_line_is_no_heading() -> None:
    text = "某街道2019年政府信息公开工作年度报告\n第二十条第(九)项 | ||||\n一、本年新收政府\n信息公开申请数量\n"
    assert [s.key for s in split_sections(text)] == ["preface"]


def test_places_outside_the_disclosure_regulations_are_not_places() -> None:
    # 桃园开发区 of 西安 is not 桃园市 of Taiwan; the regulations, and these reports, are the mainland's
    r = resolve_region(None, "桃园开发区管委会", "桃园开发区管委会2021年政府信息公开工作年度报告")
    assert not (r.code or "").startswith(("71", "81", "82"))
    assert lookup("香港特别行政区") is None


@pytest.mark.parametrize("body,year,code", [
    # 东乡县: 甘肃's 东乡族自治县 by its everyday name, and 江西's 东乡县 until it became 东乡区 in 2016
    ("临夏州东乡县人民政府", 2022, "622926"),
    ("抚州市东乡县人民政府", 2015, "361029"),
])
def test_a_name_that_is_a_county_s_everyday_name_and_another_s_former_name(body: str, year: int, code: str) -> None:
    assert resolve_region(f"东乡县{year}年政府信息公开工作年度报告", None, body, year=year).code == code


@pytest.mark.parametrize("text,publisher", [
    # the next label of a metadata block, its space dropped by normalisation, is not the name
    ("索引号:116206/2023-00058 公开方式:主动公开 发布机构:某某县人民政府组配分类:县政府信息公开年报", "某某县人民政府"),
    ("分类:公示公告/ 发文机关:某某县成文日期:2013年03月28日", "某某县"),
    ("日期:2021-02-01 来源: 字号:大 中 小", None),
    ("本年度报告由某某县人民政府办公室组织编制。", "某某县人民政府办公室"),
])
def test_publisher_fields_end_at_the_next_label(text: str, publisher: str | None) -> None:
    from parsers.meta import find_publisher

    assert find_publisher(None, {}, normalize_line(text)) == publisher


def test_a_metadata_line_is_not_the_title() -> None:
    from parsers.meta import find_title

    lines = ["索引号: 113306/2017-72921组配分类: 信息公开年报", "2016年某某镇政府信息公开年报", "根据《条例》要求,编制本报告。"]
    assert find_title(lines, None) == "2016年某某镇政府信息公开年报"


def test_a_two_character_name_after_a_conjunction_is_not_a_place() -> None:
    # 《条例》和县委、县政府的要求: 和 joins the two, it is not 马鞍山's 和县
    r = resolve_region("2015年政府信息公开工作年度报告", None, "我局认真落实《条例》和县委、县政府的各项要求。")
    assert r.code is None
    assert resolve_region("和县2019年政府信息公开工作年度报告", None, "").code == "340523"

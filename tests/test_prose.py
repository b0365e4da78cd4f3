"""Prose figures: the phrasings of report-format.md §5, numerals, approximators, and the numbers
that only look like figures."""

from __future__ import annotations

import pytest

from parsers.model import Section
from parsers.normalize import normalize_line
from parsers.numbers import parse_cell, parse_number
from parsers.prose import extract_prose


def totals(text: str, template: str, year: int, key: str = "overview") -> dict[str, float]:
    """The total figures prose gives for `text` in the report's `year`, as the pipeline hands the
    text over (normalised)."""
    got = extract_prose([Section(key, "", normalize_line(text))], template, year)
    return {f.metric: f.value for f in got if f.breakdown == "total"}


def figs(text: str, template: str = "2021", key: str = "overview") -> dict[str, tuple]:
    text = normalize_line(text)  # as the pipeline hands it over
    return {f.metric: (f.value, f.approx, f.raw) for f in extract_prose([Section(key, "", text)], template)}


@pytest.mark.parametrize("sentence,metric,value,approx", [
    ("全年共通过各级政务公开平台主动公开政府信息7800余条次,其中在县政府网站主动公开政务信息2526条次。",
     "proactive.items", 7800, True),
    ("2022年,市政府办公室共通过市政府门户网站等平台主动公开政府信息247条,较2021年增加1.23%。",
     "proactive.items", 247, False),
    ("全年通过新区官网政务信息平台等渠道共发布各类信息四十余条。", "proactive.items", 40, True),
    ("我局2010年共主动公开政府信息175条,其中全文电子化率达100%。", "proactive.items", 175, False),
    ("在政府网站共计发布各类政府信息1700余条。", "proactive.items", 1700, True),
    ("通过政府门户网站、政务新媒体等形式主动公开政府信息1.53万条。", "proactive.items", 15300, False),
    ("发布政策解读23件,召开新闻发布会56场。", "proactive.interpretations", 23, False),
    ("发布政策解读23件,召开新闻发布会56场。", "proactive.press_conferences", 56, False),
    ("市政府共召开新闻发布会16次。", "proactive.press_conferences", 16, False),
    ("本年度共发布政策解读50条,其中文字解读12条。", "proactive.interpretations", 50, False),
    ("2022年全市共收到政府信息申请公开件658件,因政府信息公开引起的行政复议22件、行政诉讼案件1件。",
     "requests.new", 658, False),
    ("2022年全市共收到政府信息申请公开件658件,因政府信息公开引起的行政复议22件、行政诉讼案件1件。",
     "reviews.total", 22, False),
    ("2022年全市共收到政府信息申请公开件658件,因政府信息公开引起的行政复议22件、行政诉讼案件1件。",
     "lawsuits.total", 1, False),
    ("2022年,区政府办公室共收到8份政府信息公开申请,均为自然人申请。", "requests.new", 8, False),
    ("全年共收到政府信息依申请公开9件次,均在法定期限内予以答复。", "requests.new", 9, False),
    ("2022年,我委收到政府信息公开申请0宗,无信息公开类行政复议及诉讼案件。", "requests.new", 0, False),
    ("2023年,街道未收到依申请公开的信息申请,受理依申请公开0件、办结0件。", "requests.new", 0, False),
    ("为此,配备了6名兼职工作人员。", "org.staff.parttime", 6, False),
    ("本机关从事政府信息公开工作的全职人员1人。", "org.staff.fulltime", 1, False),
    ("政府信息公开专项经费二十三万元。", "org.budget", 23, False),
    ("2023年,全县重要决策累计在政府门户网站上公开征求公众意见二十三次。", "proactive.consultations", 23, False),
    ("2022年,区政府国资局未收取信息处理费。", "fees.processing", 0, False),
    ("本年度共收取信息处理费 380 元。", "fees.processing", 380, False),
    ("其余2件结转到下一年度答复。", "requests.carried_forward", 2, False),
    ("2021年,本机关新收政府信息公开申请35件,上年结转2件。", "requests.new", 35, False),
    ("2021年,本机关新收政府信息公开申请35件,上年结转2件。", "requests.carried_over", 2, False),
    ("配备专兼职工作人员5名。", "org.staff", 5, False),
    ("全年无依申请公开事项。", "requests.new", 0, False),
    ("本机关没有收到公民、法人或其他组织提出的政府信息公开申请。", "requests.new", 0, False),
    ("主动公开政府信息4,500余条。", "proactive.items", 4500, True),
    ("配备专职工作人员1名、兼职工作人员3名。", "org.staff.parttime", 3, False),
    ("本年度因政府信息公开被申请行政复议2件,被提起行政诉讼1件。", "lawsuits.total", 1, False),
    ("公开信息数量达到2345条。", "proactive.items", 2345, False),
    ("依申请公开办理35件,均按时答复。", "requests.new", 35, False),
    ("本年度无上年结转的政府信息公开申请。", "requests.carried_over", 0, False),
    ("未发生行政复议和行政诉讼案件。", "lawsuits.total", 0, False),
    ("主动公开政府信息2万余条。", "proactive.items", 20000, True),
])
def test_phrasings(sentence: str, metric: str, value: float, approx: bool) -> None:
    got = figs(sentence)
    assert metric in got, got
    assert got[metric][0] == value
    assert got[metric][1] == approx


@pytest.mark.parametrize("sentence,metric", [
    ("如有疑问请致电0591-83825332,邮编224100。", "requests.new"),
    ("根据国办公开办函〔2019〕60号文件要求,共收到文件60号。", "requests.new"),
    ("截至2019年12月底,累计主动公开政府信息10220条。", "proactive.items"),
    ("历年累计主动公开政府信息25800条。", "proactive.items"),
    ("信息公开率达到98%。", "proactive.items"),
    ("2019年3月31日前公开政府信息工作年度报告。", "proactive.items"),
    ("不予公开信息有10条。", "proactive.items"),
    ("通过微信公众号发布信息576条。", "proactive.items"),
    ("未经复议直接起诉", "reviews.total"),
    ("配备专兼职工作人员5名。", "org.staff.parttime"),
])
def test_not_figures(sentence: str, metric: str) -> None:
    assert metric not in figs(sentence)


def test_proactive_total_is_the_largest_yearly_count() -> None:
    text = "2021年以来公开政府信息98条,其中,微信等新媒体发布66条,在门户网站公开信息32条。"
    assert figs(text)["proactive.items"][0] == 98
    assert figs("2023年度我局主动公开政府信息44件,累计主动公开政府信息2305条。")["proactive.items"][0] == 44
    # the running total to date, and a total up to a date, are not the year's
    text = "本委2012年共主动公开政府信息512条,其中全文电子化率达100%,目前本委总计主动公开政府信息3018条。"
    assert figs(text)["proactive.items"][0] == 512
    text = "2019年,通过门户网站等形式主动公开政府信息7512条。截至2019年底,累计主动公开政府信息58210条。"
    assert figs(text)["proactive.items"][0] == 7512


@pytest.mark.parametrize("text,value", [
    ("2017年,共制作政府信息2890条,其中主动公开信息960条,依申请公开信息401条。", 960),
    ("发布信息3920条,其中主动公开各类政府信息1815条。", 1815),
    ("主动公开街道信息318条。此外,还通过微信公众号,发布信息804条。", 318),
    ("2020年共制作信息5435条,其中概况类信息23条。", 5435),
])
def test_proactive_count_named_as_such_outranks_what_was_published(text: str, value: int) -> None:
    # what was made or published includes what was not disclosed proactively
    assert figs(text)["proactive.items"][0] == value


@pytest.mark.parametrize("text,expected", [
    ("2011年度主动公开信息数53条。", {"proactive.items": 53}),
    ("共公开政府信息82276项。", {"proactive.items": 82276}),
    ("累计公开186条信息,其中网站42条。", {}),  # bare 累计 stays cumulative
    ("2020年主动公开186条政府信息。", {"proactive.items": 186}),
    ("目前我委共配备了1名专职、26名兼职工作人员。", {"org.staff.fulltime": 1, "org.staff.parttime": 26}),
    ("共有26名兼职、3名专职人员。", {"org.staff.fulltime": 3, "org.staff.parttime": 26}),
    ("专(兼)职工作人员共640人,其中专职人员210人,兼职430人。",
     {"org.staff.fulltime": 210, "org.staff.parttime": 430}),
    ("行政复议案共1起,行政诉讼1项。", {"reviews.total": 1, "lawsuits.total": 1}),
    ("政策文件89条,政策解读22条。", {"proactive.interpretations": 22}),
    ("发布解读材料19份。", {"proactive.interpretations": 19}),
    ("主动解读政策文件2件。", {"proactive.interpretations": 2}),
    ("共发布政策解读文件3件。", {"proactive.interpretations": 3}),
    ("发布29场新闻发布会信息。", {"proactive.press_conferences": 29}),
    ("上年结转政府信息公开申请数量2件。", {"requests.carried_over": 2}),
    ("上年度结转政府信息公开申请0件。", {"requests.carried_over": 0}),
    ("上年转结1件,结转下年办理8件。", {"requests.carried_over": 1, "requests.carried_forward": 8}),
    ("共办理政府信息公开申请96件(含上年度转结申请6件,另有4件申请转结下年度继续办理)。",
     {"requests.carried_over": 6, "requests.carried_forward": 4}),
    ("答复政府信息公开申请98件。", {"requests.processed": 98}),
    ("其中10件已经按时按规完成答复。", {"requests.processed": 10}),
    ("共处理政府信息公开申请1件。", {"requests.processed": 1}),
    ("市长信箱收到信件150件,办结61件。", {}),
    ("其中,予以公开2件、部分公开3件。", {"requests.granted": 2, "requests.partly_granted": 3}),
    ("予以公开、部分公开5件。", {}),
    ("予以公开或部分公开59件。", {}),
    ("发布文件及解读信息66条。", {}),
    ("2020年度和平街道发生依申请公开1次。", {"requests.new": 1}),
    ("属于四类过程性信息1件,本办不掌握相关政府信息2件。",
     {"requests.withheld.process_info": 1, "requests.unavailable.not_held": 2}),
    ("属于三类内部事务信息不予公开的1件,没有现成信息需要另行制作6件。",
     {"requests.withheld.internal_affairs": 1, "requests.unavailable.needs_creation": 6}),
    ("共办理政府信息公开申请96件(含2019年结转15件),办结94件。",
     {"requests.carried_over": 15, "requests.processed": 94}),
    ("我办共收到公开政府信息申请1件。", {"requests.new": 1}),
    ("解读信息发布152条。", {"proactive.interpretations": 152}),
    ("现行有效的行政规范性文件0件,现行有效规章3件。", {"normative_docs.in_force": 0, "rules.in_force": 3}),
    ("团结乡政府门户网站共发送9条信息。", {"proactive.items": 9}),
    ("其中发布省政府文件57条、政策解读64条、政府公报18期。", {"proactive.interpretations": 64}),
    ("省政府门户网站信息发布总数为3.5万条。", {"proactive.items": 35000}),
    ("同意公开1000件,部分公开25件。", {"requests.granted": 1000, "requests.partly_granted": 25}),
    ("全市共受理政府信息公开申请380件,结转上年7件,按时办结381件。",
     {"requests.new": 380, "requests.carried_over": 7, "requests.processed": 381}),
    ("2022年,全镇政府信息公开472条,一是公开政务信息31条;四是公开其他信息合计240条。", {"proactive.items": 472}),
    # one count for several reasons is the group's, not any one reason's
    ("本机关不掌握或没有现成信息及申请内容不明确无法提供的33件。", {"requests.unavailable": 33}),
])
def test_phrasings_seen_in_unseen_reports(text: str, expected: dict) -> None:
    got = {m: v[0] for m, v in figs(text).items() if m in expected or m in (
        "proactive.items", "requests.new", "requests.processed", "requests.granted", "requests.partly_granted")}
    assert got == expected


def test_template_dependent_names() -> None:
    s = "其中新制定行政规范性文件15件。"
    assert figs(s, "2019")["normative_docs.made"][0] == 15
    assert figs(s, "2021")["normative_docs.issued"][0] == 15


def test_quote_and_section_are_kept() -> None:
    f = extract_prose([Section("requests", "三、收到和处理政府信息公开申请情况",
                               "前言。本年度共收到依申请公开17条,均按要求完成答复。")], "2021")[0]
    assert f.quote == "本年度共收到依申请公开17条,均按要求完成答复。"
    assert f.section == "requests" and f.source == "text" and f.unit == "件"


@pytest.mark.parametrize("raw,value,approx", [
    ("74", 74, False), ("1.53万", 15300, False), ("7800余", 7800, True), ("四十余", 40, True),
    ("二十三", 23, False), ("近2万", 20000, True), ("约300", 300, True), ("2余万", 20000, True),
    ("一百零五", 105, False),
])
def test_numbers(raw: str, value: float, approx: bool) -> None:
    n = parse_number(raw)
    assert n is not None and n.value == value and n.approx == approx


@pytest.mark.parametrize("raw,value,unit", [
    ("-", 0, None), ("/", 0, None), ("—", 0, None), ("无", 0, None), ("251000元", 251000, "元"),
    ("160.5964万元", 160.5964, "万元"), ("-8", -8, None), ("+4", 4, None), ("", None, None),
    ("不适用", None, None), ("--253", -253, None), ("−8", -8, None), ("? 0", 0, None), ("1,113", 1113, None),
    ("12,345.5万元", 12345.5, "万元"),
])
def test_cells(raw: str, value, unit) -> None:
    c = parse_cell(raw)
    assert c is not None and c.value == value and c.unit == unit


def test_label_is_not_a_cell() -> None:
    assert parse_cell("规章") is None


def test_same_figures_without_reading_the_patterns(monkeypatch) -> None:
    """The sentence filters are read off the catalogue's regexes with Python's private regex
    parser; without it (a future Python) every pattern is tried, and the figures are the same."""
    from pathlib import Path

    import parsers.prose as prose
    from parsers import parse_path

    caches = (prose._read, prose._number_edge, prose._plan, prose._to_try)
    files = sorted((Path(__file__).parent / "fixtures" / "corpus").glob("*.*"))
    files = [f for f in files if f.suffix in (".txt", ".html")]

    def figures() -> list:
        for c in caches:
            c.cache_clear()
        return [[(f.metric, f.value, f.quote) for f in parse_path(p).figures if f.source == "text"] for p in files]

    normal = figures()
    monkeypatch.setattr(prose, "_sre_parse", None)
    assert figures() == normal
    monkeypatch.undo()
    for c in caches:
        c.cache_clear()
    assert sum(map(len, normal)) > 50


def test_proactive_total_without_the_word_information() -> None:
    assert figs("本机关主动公开共5条。")["proactive.items"][0] == 5
    # an application count is not a proactive one, 共 or not
    assert "proactive.items" not in figs("本年度依申请公开共5件。")


def test_a_statement_of_no_fees_alone_in_its_section() -> None:
    assert figs("本机关不存在收取任何费用的情况。", template="pre2019", key="fees")["fees.collected"][0] == 0


def test_other_organisations_only_in_a_list_of_applicants() -> None:
    text = "收到申请100件,其中自然人申请40件,商业企业10件,其他申请34件。"
    got = {(f.metric, f.breakdown): f.value for f in extract_prose([Section("requests", "", text)], "2019")}
    assert got[("requests.new", "other_org")] == 34
    got = extract_prose([Section("requests", "", "收到申请5件,予以公开3件,其他2件。")], "2019")
    assert ("requests.new", "other_org") not in {(f.metric, f.breakdown) for f in got}


def test_requests_by_applicant_in_prose() -> None:
    got = extract_prose([Section("requests", "", "受理依申请公开15件,其中自然人12件,商业企业3件。")], "2019")
    assert {(f.metric, f.breakdown): f.value for f in got} == {
        ("requests.new", "total"): 15, ("requests.new", "natural_person"): 12, ("requests.new", "business"): 3}
    # not after reviews or lawsuits
    got = extract_prose([Section("reviews", "", "行政复议2件,其中自然人2件。")], "2019")
    assert ("requests.new", "natural_person") not in {(f.metric, f.breakdown) for f in got}


@pytest.mark.parametrize("text,expected", [
    ("行政复议案件7宗,其中:维持具体行政行为的4宗;结果被纠正2宗;尚未审结1宗。",
     {"reviews.total": 7, "reviews.upheld": 4, "reviews.corrected": 2, "reviews.pending": 1}),
    ("行政复议5宗,其中2宗维持原答复,1宗结果纠正,1宗其他结果,1宗尚未审结。",
     {"reviews.total": 5, "reviews.upheld": 2, "reviews.corrected": 1, "reviews.other": 1, "reviews.pending": 1}),
    # outcomes after the lawsuits were named are not the reviews', unless there were none
    ("行政复议1件,行政诉讼2件,其中维持2件。", {"reviews.total": 1, "lawsuits.total": 2}),
    ("被行政复议5宗、行政诉讼0宗,其中2宗维持原答复,1宗结果纠正。",
     {"reviews.total": 5, "lawsuits.total": 0, "reviews.upheld": 2, "reviews.corrected": 1}),
])
def test_review_outcomes_in_prose(text: str, expected: dict) -> None:
    assert {m: v[0] for m, v in figs(text, key="reviews").items()} == expected


@pytest.mark.parametrize("text,expected", [
    # a count the sentence dates to another year is not the report's (2009 here)
    ("2009年共整理、发布14条主动公开政府信息。此外,2010年我镇通过门户网站公开各类政府信息31余条。",
     {"proactive.items": 14}),
    # a date of the statistics period is not such a year; last year's carry-over names last year
    ("2009年1月1日至12月31日,我镇信息主动公开52条。", {"proactive.items": 52}),
    ("共办理政府信息公开申请96件(含2008年结转15件),办结94件。",
     {"requests.carried_over": 15, "requests.processed": 94}),
    ("新发生行政复议案件3件(其中1件为2008年信息公开件),结果维持2件、被纠错1件。",
     {"reviews.total": 3, "reviews.upheld": 2, "reviews.corrected": 1}),
    # running totals up to a date are not the year's; what there is (staff) is counted anyway
    ("本单位到2009年底累计主动公开政府信息180条。", {}),
    ("截至2009年底,全镇共有兼职人员6名。", {"org.staff.parttime": 6}),
    ("领导小组下设办公室,并明确3名工作人员,具体承担政府信息公开的日常工作。", {"org.staff": 3}),
    ("发布解读重要政策文件9篇。", {"proactive.interpretations": 9}),
    ("行政规范性文件解读类信息12条。", {"proactive.interpretations": 12}),
    ("其中,行政网站信息主动公开35条,微信平台公开政务信息120条。", {}),
    ("2009年我局收到申请总数为1起。", {"requests.new": 1}),
    ("2009年度市自然资源局接收到申请书46份。", {"requests.new": 46}),
    # the noun left out after the requests were named; carry-overs named by their years
    ("全区累计处理政府信息依申请公开80件,其中,本年度新接收78件,2008年结转办理2件。除3件转结2010年办理以外,均已答复。",
     {"requests.new": 78, "requests.carried_over": 2, "requests.carried_forward": 3}),
    # budget disclosure tasks are not items published
    ("完成2009年度部门预算信息公开9项。", {}),
    ("2009年度街道共有专职信息人员3名。", {"org.staff.fulltime": 3}),
    ("一年来,公开各类信息1320条,其中政务动态信息700篇、法定主动公开信息590篇。", {"proactive.items": 1320}),
    ("解读民生政策文件7余件。", {"proactive.interpretations": 7}),
    ("全年受理依申请公开40件,已办结36件,转下年办理4件。",
     {"requests.new": 40, "requests.processed": 36, "requests.carried_forward": 4}),
    ("全年答复申请4件,未答复1件。", {"requests.processed": 4}),
    ("受理市政府门户网站网民留言12件,办结12件。", {}),
    ("其中,政策文件及政策解读信息48条。年度公开政策解读9条。", {"proactive.interpretations": 9}),
    ("目前,全县已配备政府信息公开专、兼职工作人员90人。", {"org.staff": 90}),
    ("2009年,主动公开政府工作信息、动态640多条。", {"proactive.items": 640}),
    ("截至2009年12月31日,主动公开150条,其中在政府网站公开70条。全年共公开重点领域信息30条。",
     {"proactive.items": 150}),
    ("全年依申请公开数0件。", {"requests.new": 0}),
    ("全区累计处理政府信息依申请公开70件,其中,本年度新接收69件。", {"requests.new": 69}),
    ("发布省政府文件150件、政策解读400件、在线访谈6场、新闻发布会41场。",
     {"proactive.interpretations": 400, "proactive.press_conferences": 41}),
    ("全年督促和协助县政府其他部门办理依申请公开事项5起。", {}),
    ("2009年度收到诉讼为4件,其中未经复议直接起诉3件,均尚未审结。复议后起诉1件,结果维持。",
     {"lawsuits.total": 4, "lawsuits.direct.total": 3, "lawsuits.after_review.total": 1}),
    ("主动公开本年度制发的省政府规章3件、省政府及省政府办公厅行政规范性文件4件。",
     {"rules.made": 3, "normative_docs.made": 4}),
    # a total over channels summed up by 等…媒体, then split by 其中
    ("2009年,我区通过政府门户网站、微博、微信公众号等公众媒体发布信息21030条。其中:通过政府网站发布信息18000条。",
     {"proactive.items": 21030}),
    # a bracket right after a total that splits it by channel
    ("2009年,我局主动公开政务信息380条(微信公众号公布370条,政府网站公布10条)。", {"proactive.items": 380}),
    # 累计 as "in all" when the report's year leads to it; not after another count of that year
    ("2009年,县政府办公室在县政府网站累计公开各类政府信息共计2210条,其中:工作动态1000条。",
     {"proactive.items": 2210}),
    ("2009年度我局主动公开政府信息40件,累计主动公开政府信息1980条。", {"proactive.items": 40}),
    # a total that includes carried-over requests, the new ones in its bracket
    ("2009年共受理政府信息依申请公开98件(其中本年度新收申请数90件,上年结转申请数8件),同意公开80件,不同意公开的5件。",
     {"requests.new": 90, "requests.carried_over": 8, "requests.granted": 80, "requests.withheld": 5}),
    ("共主动公开信息150篇,其中公开征求意见3篇。", {"proactive.items": 150, "proactive.consultations": 3}),
])
def test_phrasings_of_the_report_year(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2009) == expected


@pytest.mark.parametrize("text,expected", [
    # 公布 as the verb; two channels joined count what both published
    ("全年在门户网站和政务微博平台公布信息310条,其中门户网站公布280条。", {"proactive.items": 310}),
    # only channels' counts, no total: the report states none
    ("本年度,我办通过政务公开平台公开信息41条,门户网站公开信息260条,政务微信公开信息17条。", {}),
    ("通过政府网站公开信息120条。", {"proactive.items": 120}),
    # a category of credit disclosure on another platform is not the total
    ("通过门户网站共发布信息25篇;同时,在信用平台共发布行政许可信息90条,行政处罚信息3条。", {"proactive.items": 25}),
    # the number before the noun, in 份
    ("共主动公开96份信息稿件。", {"proactive.items": 96}),
    # requests counted in 条, their outcomes too
    ("共收到依申请公开政府信息5条,其中予以公开3条,部分公开1条,不予公开1条。",
     {"requests.new": 5, "requests.granted": 3, "requests.partly_granted": 1, "requests.withheld": 1}),
    ("本年度办结7份,结转下年度继续办理3份。", {"requests.processed": 7, "requests.carried_forward": 3}),
    # letters as a channel of requests are not a mailbox's letters
    ("全年共收到依申请公开20件(其中信件申请15件,网络申请5件),已办结18件。",
     {"requests.new": 20, "requests.processed": 18}),
    # a late part of what was processed is not the whole
    ("按时办结数300件,延期办结6件。", {}),
    ("以市政府和市政府办公室名义印发并公开的行政规范性文件21件。", {"normative_docs.made": 21}),
    ("全年通过政府网站征集意见12次。", {"proactive.consultations": 12}),
    ("征集意见建议56条。", {}),
    # the report's outline is not a count
    ("全文包括总体情况、依申请公开工作情况、政务舆情回应情况等八个部分。", {}),
])
def test_phrasings_of_round_k_and_l(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2009) == expected


def test_outcomes_answered_are_outcomes_not_the_processed_total() -> None:
    text = "2009年收到依申请公开共40件。其中同意公开答复30件,不同意公开答复的4件。"
    got = {f.metric: f.value for f in extract_prose([Section("overview", "", normalize_line(text))], "pre2019", 2009)}
    assert got == {"requests.new": 40, "requests.granted": 30, "requests.withheld": 4}


@pytest.mark.parametrize("text,expected", [
    ("主动公开各类政务信息1200余份。", {"proactive.items": 1200}),
    ("公开数量包含了通过线上及线下公开的960条信息。", {"proactive.items": 960}),
    ("不予公开的5条信息已告知申请人。", {}),
    ("主动公开文件45条。", {"proactive.items": 45}),
    # replies to deputies' proposals are not requests processed
    ("办理各类建议提案答复15件,依申请公开受理4件,办结4件。", {"requests.new": 4, "requests.processed": 4}),
    ("受理依申请公开政府信息0件,回复处理0件。", {"requests.new": 0, "requests.processed": 0}),
    ("在已经答复的7件申请中,予以公开5件。", {"requests.processed": 7, "requests.granted": 5}),
    ("新收到政府信息公开申请120宗,办结118宗,转下年办理2宗。",
     {"requests.new": 120, "requests.processed": 118, "requests.carried_forward": 2}),
    ("安排了2名办公室工作人员兼职负责政务公开的日常工作。", {"org.staff.parttime": 2}),
    # one zero for both kinds; the statistics form's 数; 条 as the unit
    ("全年产生行政复议及行政诉讼0件。", {"reviews.total": 0, "lawsuits.total": 0}),
    ("申请行政复议数3件、提起行政诉讼数5件。", {"reviews.total": 3, "lawsuits.total": 5}),
    ("全年收到行政复议2条,其中1条维持,1条正在办理中。", {"reviews.total": 2, "reviews.upheld": 1, "reviews.pending": 1}),
    ("共收到行政复议1件,维持结果1件,尚未办结0件。", {"reviews.total": 1, "reviews.upheld": 1, "reviews.pending": 0}),
    ("均按时答复,未出现因依申请公开引发的行政诉讼和行政复议。", {"reviews.total": 0, "lawsuits.total": 0}),
    # the government's own count beside its departments' and towns'
    ("市政府主动公开政府信息共900条,市直各部门主动公开政府信息1500条,镇(区)主动公开政府信息800条。",
     {"proactive.items": 900}),
    # new media summed up without the website are a channel of their own
    ("通过门户网站公开信息300条;微博、微信公众号等新媒体平台发布信息2000条。", {"proactive.items": 300}),
    ("通过公示栏等形式发布信息50条,通过网站公开信息20条。", {}),
])
def test_phrasings_of_rounds_m_and_n(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2009) == expected


def test_quote_of_a_long_sentence_shows_the_figure() -> None:
    text = "本年度" + "深入贯彻落实上级文件精神," * 40 + "全年主动公开政府信息321条。"
    (fig,) = [f for f in extract_prose([Section("overview", "", normalize_line(text))], "2021", 2021)
              if f.metric == "proactive.items"]
    assert "321条" in fig.quote and len(fig.quote) <= 300 and fig.quote in normalize_line(text)


@pytest.mark.parametrize("text,expected", [
    # the year's total beside a 主动公开 count of some areas only
    ("年内公开政府信息2715条。主动公开人事任免、财政资金、建议提案办理等重点领域信息1308条。", {"proactive.items": 2715}),
    ("依申请公开收到3条,上年度结转为0条。", {"requests.new": 3, "requests.carried_over": 0}),
    ("共解读文件23个。", {"proactive.interpretations": 23}),
    ("落实专(兼)职工作人员1名。", {"org.staff": 1}),
    # the website's count beside new media's is the report's; a list of categories has no total
    ("网站公开信息总数357条,微信公众号发布信息138条。", {"proactive.items": 357}),
    ("主动公开公文3份、工作目标信息1条、人事信息1条、工作动态信息20条。", {}),
])
def test_phrasings_of_round_o(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2009) == expected


@pytest.mark.parametrize("text,expected", [
    ("全年通过政务网以及某某开发区管理委员会公众号主动公开各类信息共132条。", {"proactive.items": 132}),
    ("参加或举办新闻发布会21次。", {"proactive.press_conferences": 21}),
    ("明确了2名专职干部担任政府信息公开联系人。", {"org.staff.fulltime": 2}),
    ("由三名同志具体负责政府信息公开工作。", {"org.staff": 3}),
    ("在政府门户网站公开发布信息63次,包括通知公告5次。", {"proactive.items": 63}),
    # 累计 as "in all" when the sentence before opens with the report's year and counts nothing
    ("2009年度,我单位主要通过网站、报刊等方式主动公开政府信息。我单位累计主动公开政府信息45条,其中全文电子化达100%。",
     {"proactive.items": 45}),
])
def test_phrasings_of_round_r(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2009) == expected


@pytest.mark.parametrize("text,expected", [
    ("配合市政府办公开办协查依申请答复6件。全年共办理依申请公开答复52件。", {"requests.processed": 52}),
    ("行政复议1件,结果维持。", {"reviews.total": 1, "reviews.upheld": 1}),
    ("制发行政规范性文件12件,废止3件,现行有效件数25件。",
     {"normative_docs.made": 12, "normative_docs.repealed": 3, "normative_docs.in_force": 25}),
    ("清理规章5件,废止2件。", {"rules.repealed": 2}),
    ("办结31件(其中1件为2022年结转本年度办理)。", {"requests.processed": 31, "requests.carried_over": 1}),
    ("信访举报投诉类申请及重复申请等不予处理3件。", {"requests.not_handled": 3}),
])
def test_phrasings_of_round_q(text: str, expected: dict) -> None:
    assert totals(text, "2019", 2022) == expected


def test_reasons_in_brackets_after_their_group() -> None:
    text = "收到申请170条。不予公开(三类内部事务信息)2条,不予处理(无正当理由大量反复申请)165条。"
    got = {f.metric: f.value for f in extract_prose([Section("requests", "", normalize_line(text))], "2019", 2022)}
    assert got["requests.withheld.internal_affairs"] == 2 and got["requests.not_handled.excessive"] == 165


@pytest.mark.parametrize("text,value", [
    ("2009年某局通过官网、政府信息公开专栏、“某某”微信公众号等主动公开信息1668条。在专栏发布信息157条。", 1668),
    ("2009年累计主动公开政府信息275条,全文电子化率达100%,其中,本年度新增的主动公开政府信息32条。", 32),
])
def test_proactive_totals_of_round_q(text: str, value: int) -> None:
    got = {f.metric: f.value for f in extract_prose([Section("overview", "", normalize_line(text))], "pre2019", 2009)}
    assert got["proactive.items"] == value


@pytest.mark.parametrize("text,expected", [
    ("全年依托区政府网站、政务新媒体公开信息67条。通过区政府网站发布动态信息5条。", {"proactive.items": 67}),
    ("收到申请10件,按时答复8件,顺延至下一年答复2件。",
     {"requests.new": 10, "requests.processed": 8, "requests.carried_forward": 2}),
    ("发布政策解读稿0篇。", {"proactive.interpretations": 0}),
    ("政策解读10次。", {"proactive.interpretations": 10}),
    ("办结依申请公开件177件。", {"requests.processed": 177}),
    ("主动公开政府信息件数为123件。", {"proactive.items": 123}),
    ("收到申请20个,按规定时间办结18个,其中同意公开答复15个。",
     {"requests.new": 20, "requests.processed": 18, "requests.granted": 15}),
    ("全年共牵头或参与11场与疫情相关的新闻发布会。", {"proactive.press_conferences": 11}),
    ("通过门户网站及微博微信平台共计发布信息7435条。", {"proactive.items": 7435}),
])
def test_phrasings_of_rounds_s_and_t(text: str, expected: dict) -> None:
    assert totals(text, "2019", 2020) == expected


def test_a_count_whose_number_a_line_break_cut_off() -> None:
    got = extract_prose([Section("overview", "", "2009年,共计发布信息\n\n7435条。")], "pre2019", 2009)
    assert [(f.metric, f.value) for f in got] == [("proactive.items", 7435)]


@pytest.mark.parametrize("text,expected", [
    ("全年在网上公开政务信息87条,其中:主动公开公文类信息40条。", {"proactive.items": 87}),
    ("发布政策文件、重点领域、回应关切等多方面的政务公开信息共47条。", {"proactive.items": 47}),
    ("发布各类政策解读件69篇。", {"proactive.interpretations": 69}),
    ("发布民意征集8件。", {"proactive.consultations": 8}),
    ("2020年度政府信息主动公开总数为100条。", {"proactive.items": 100}),
    ("上年结转政府信息公开办理数量1件,结转至2021年办理1件。",
     {"requests.carried_over": 1, "requests.carried_forward": 1}),
    ("受理依申请公开事项3项。", {"requests.new": 3}),
    ("全年共接受依申请公开9次,4件为不予公开,1件为不予处理,4件为无法提供。",
     {"requests.new": 9, "requests.withheld": 4, "requests.not_handled": 1, "requests.unavailable": 4}),
    ("明确1位同志为信息员,具体负责政府信息公开内容的维护。", {"org.staff": 1}),
])
def test_phrasings_of_rounds_u_and_v(text: str, expected: dict) -> None:
    assert totals(text, "2019", 2020) == expected


def test_reasons_with_their_count_first() -> None:
    text = "共收到申请9件。其中2件为属于行政查询事项,2件属于机关内部事务文件。"
    got = {f.metric: f.value for f in extract_prose([Section("requests", "", normalize_line(text))], "2019", 2020)}
    assert got["requests.withheld.admin_query"] == 2 and got["requests.withheld.internal_affairs"] == 2


@pytest.mark.parametrize("text,expected", [
    ("我局共主动公示84条信息。", {"proactive.items": 84}),
    ("配备2名具体工作人员负责政务公开工作。", {"org.staff": 2}),
    ("2020年,在某县人民政府门户网、某某新闻网、“某某”微信公众平台及相关主流媒体主动公开政府信息数511条。",
     {"proactive.items": 511}),
    # an outcome of lawsuits after review is not a review's
    ("行政复议1件,结果维持1件;复议后起诉案件其他结果1件。", {"reviews.total": 1, "reviews.upheld": 1}),
])
def test_phrasings_of_rounds_w_and_x(text: str, expected: dict) -> None:
    assert totals(text, "2019", 2020) == expected


@pytest.mark.parametrize("text,expected", [
    ("办公室配备了1名档案政务信息公开工作专职干部、3名兼职干部。",
     {"org.staff.fulltime": 1, "org.staff.parttime": 3}),
    ("2022年全县制定发布规章2部,行政规范性文件45件。", {"normative_docs.issued": 45, "rules.issued": 2}),
    ("全年共办结依申请公开310件,12件结转到2023年度继续办理。",
     {"requests.processed": 310, "requests.carried_forward": 12}),
    ("答复政府信息公开申请1件,为予以公开,在法定期限内答复。", {"requests.processed": 1, "requests.granted": 1}),
    # the total split by 其中, and a list of topics after it that the report calls 主动公开
    ("全年在专栏发布信息共计90条,其中更新领导信息,主动公开预算、决算和招标采购信息15条,主动公开回应关切4条。",
     {"proactive.items": 90}),
    ("被申请行政复议、行政诉讼数量为0件。", {"reviews.total": 0, "lawsuits.total": 0}),
    ("开展征集调查并公布调查结果5期。", {"proactive.consultations": 5}),
])
def test_phrasings_of_round_z(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022) == expected


@pytest.mark.parametrize("text,expected", [
    # the first of a list of categories is not the total
    ("公开执法类信息3条、人事类信息12条、预算信息4条。", {}),
    # what follows a total's 其中 as its first item, the report's 主动公开, is the metric
    ("共制作政府信息800条,其中主动公开信息350条,依申请公开信息20条。", {"proactive.items": 350}),
    ("截至年底累计公开信息900条,其中2022年新增主动公开政府信息31条。", {"proactive.items": 31}),
    # the bracket's last item, not the count it splits
    ("门户网站发布信息300条(其中:概况类信息200条,动态信息95条,目录主动公开信息5条)。", {"proactive.items": 300}),
    # a department's items sent to the government's website; not what its WeChat account published
    ("局向县政府网站报送信息16条;“某某发改”微信公众号,共发布信息240条。", {"proactive.items": 16}),
    ("某街道公开政府信息380条。平台有:一是门户网站;二是微信公众号“某某之声”,用于发布动态,全年发布信息600篇。",
     {"proactive.items": 380}),
    ("2021年结转政府信息公开申请3件,结转2023年度继续办理1件。",
     {"requests.carried_over": 3, "requests.carried_forward": 1}),
    ("共收到依申公开事项5件。", {"requests.new": 5}),
    ("全年发布政策解读总量达40件,其中图解10件。", {"proactive.interpretations": 40}),
    ("废止3件,现行有效的规范性文件共计120件。", {"normative_docs.in_force": 120}),
    ("全年共计收到当面申请数12件,按时办结数12件。", {"requests.new": 12}),
    ("全年收到当面申请数12件,网上申请数3件。", {}),
    ("主动公开工作动态40条,政府采购9项,采购金额15.5万元。",
     {"procurement.projects": 9, "procurement.amount": 15.5}),
])
def test_phrasings_of_round_y(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022) == expected


@pytest.mark.parametrize("text,expected", [
    ("全年公示总数达27条。", {"proactive.items": 27}),
    ("全年未收到申请,结转上年政府信息公开申请数量为0。", {"requests.carried_over": 0}),
    # the clause going on from a WeChat account's is the account's count
    ("在局微信公众平台群发信息20次,共计发送64条信息。", {}),
    ("明确1名工作人员作为专职信息公开员。", {"org.staff.fulltime": 1, "org.staff": 1}),
    ("2022年度我镇共主动公开政府信息(公文平台发文)58条。", {"proactive.items": 58}),
    # what was made, split into what was published: the published count
    ("本年度共制发政府信息90件,其中主动公开15件,不予公开75件。", {"proactive.items": 15}),
    ("依申请公开收费为0。", {"fees.collected": 0}),
    # a running total split into the year's
    ("截止2022年底我局通过门户网站公开信息500条,其中2022年公开政务信息61条。", {"proactive.items": 61}),
    ("本年度我局共受理政府信息公开申请0。", {"requests.new": 0}),
    ("全年共收到网上申请40件,信函6件,合计46件,截至12月底已回复44件,2件正在办理中。",
     {"requests.new": 46, "requests.processed": 44, "requests.carried_forward": 2}),
    ("全年共办理政府信息公开申请30件,含2021年转至今年办理的2件,办结29件。",
     {"requests.carried_over": 2, "requests.processed": 29}),
    ("制定发布规范性文件6件,现行有效文件31件。", {"normative_docs.made": 6, "normative_docs.in_force": 31}),
])
def test_phrasings_of_rounds_aa_to_ac(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2022) == expected


def test_an_unpaid_fee_outcome_in_prose() -> None:
    text = "收到申请4件,其中予以公开3件,申请人逾期未按收费通知要求缴纳费用1件。"
    got = {f.metric: f.value for f in extract_prose([Section("requests", "", normalize_line(text))], "2021", 2022)}
    assert got["requests.other_handling.unpaid_fee"] == 1


@pytest.mark.parametrize("text,expected", [
    ("由1名办公室人员负责开展本单位的政府信息公开工作。", {"org.staff": 1}),
    ("办公室配备有2名工作人员,负责开展政府信息公开日常工作。", {"org.staff": 2}),
    # 2 full-time and 2 part-time are not a staff of 2
    ("专门配备了2名全职工作人员、2名兼职工作人员负责信息公开工作。", {"org.staff.fulltime": 2, "org.staff.parttime": 2}),
    ("收到申请23件,同意全部公开答复数18件,同意部分公开答复数3件。",
     {"requests.new": 23, "requests.granted": 18, "requests.partly_granted": 3}),
    ("通过政府网站、政府公报等平台主动公开规章0件,规范性文件4件。",
     {"rules.published": 0, "normative_docs.published": 4}),
    ("全年以政府网站为主渠道主动公开各类规划、重大建设项目、财政预决算、公共资源配置、社会公益事业建设、"
     "生态环境保护、食品药品安全、乡村振兴、疫情防控、安全生产、就业创业、教育医疗、养老服务、住房保障、"
     "扫黑除恶和优化营商环境等领域信息共1502条。", {"proactive.items": 1502}),
    ("收到政府信息公开申请4项全部予以公开。", {"requests.new": 4, "requests.granted": 4}),
    ("共收到依申请公开16项,办理15项,结转下年度继续办理1项。",
     {"requests.new": 16, "requests.processed": 15, "requests.carried_forward": 1}),
    ("收到政府信息公开申请124宗(含2021年度结转5宗)。", {"requests.carried_over": 5}),
    ("答复依申请公开2个,按时答复率100%。", {"requests.processed": 2}),
])
def test_phrasings_of_rounds_ad_and_ae(text: str, expected: dict) -> None:
    assert totals(text, "2019", 2022) == expected


def test_all_requests_from_one_kind_of_applicant() -> None:
    text = "全县共受理政府信息依申请公开5件(全部为自然人申请)。"
    got = extract_prose([Section("requests", "", normalize_line(text))], "2021", 2022)
    assert {(f.metric, f.breakdown): f.value for f in got} == {
        ("requests.new", "total"): 5, ("requests.new", "natural_person"): 5}


def test_a_sentence_opening_with_the_website_and_new_media_counts_the_reports_items() -> None:
    text = "以局门户网站、微信公众号为载体,及时公开安全生产、综合监管执法等工作信息420条(其中:网站120条、微信公众号300条)。"
    got = extract_prose([Section("proactive", "", normalize_line(text))], "2021", 2024)
    assert [(f.metric, f.value) for f in got] == [("proactive.items", 420)]


@pytest.mark.parametrize("text,expected", [
    ("开展政策文件解读12次、解读文件15份。", {"proactive.interpretations": 12}),
    ("全年共召开/参加新闻发布会(通气会)6场。", {"proactive.press_conferences": 6}),
    ("2022年共答复各类政府信息公开申请14宗。", {"requests.processed": 14}),
    ("本年度新发布的行政规范性文件3件,确定继续有效的行政规范性文件21件。",
     {"normative_docs.issued": 3, "normative_docs.in_force": 21}),
    ("配备了2名政府信息公开工作人员。", {"org.staff": 2}),
    ("2022年我局共受理依申请政府信息公开事项9例。", {"requests.new": 9}),
    ("政策文件类信息12条,其中包括4条政策解读。", {"proactive.interpretations": 4}),
    ("信息公开类行政复议2起,正在办理中。", {"reviews.total": 2, "reviews.pending": 2}),
    ("解读信息发布总数6条,意见征集数3条。", {"proactive.interpretations": 6, "proactive.consultations": 3}),
    ("2022年政府信息依申请公开收到申请11条。", {"requests.new": 11}),
    ("共受理有关政府信息公开工作的行政复议、行政诉讼和申诉案件0件。", {"reviews.total": 0, "lawsuits.total": 0}),
    ("收到申请16件,其中8件已公开;6件部分公开;2条本机关不掌握相关政府信息。",
     {"requests.new": 16, "requests.granted": 8, "requests.partly_granted": 6, "requests.unavailable.not_held": 2}),
    # what was put out (on an office system, say) is not what was made
    ("利用OA系统推送信息,其中发布规范性文件2件。", {}),
])
def test_phrasings_of_rounds_af_and_ag(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022) == expected


def test_all_requests_from_one_kind_of_applicant_said_of_the_applicant() -> None:
    text = "全年共受理依申请公开申请3件,申请主体为自然人。"
    got = extract_prose([Section("requests", "", normalize_line(text))], "2021", 2022)
    assert {(f.metric, f.breakdown): f.value for f in got} == {
        ("requests.new", "total"): 3, ("requests.new", "natural_person"): 3}


@pytest.mark.parametrize("text,expected", [
    # the report's 主动公开 first in a list going on with requests' items
    ("全市共制作政府信息总数500条,其中主动公开政府信息490条、依申请公开政府信息10条。", {"proactive.items": 490}),
    # the first of a list of counts of kinds of information is not the total
    ("共公开部门工作信息80条、法规文件12件、财政信息5条。", {}),
    ("其中主动公开公文9条,政策解读数量4条。", {"proactive.interpretations": 4}),
    ("新收到依申请公开政府信息30件,答复依申请公开政府信息28件,结转下年度继续办理2件。",
     {"requests.new": 30, "requests.processed": 28, "requests.carried_forward": 2}),
    ("有政府信息公开专门的工作机构1个和4位专(兼)职人员。", {"org.bodies": 1, "org.staff": 4}),
    ("认真抓好受理、办理和回复三个环节。", {}),
    ("制发行政规范性文件2件,废止行政规范性文件7件;废止市政府规章1件。",
     {"normative_docs.issued": 2, "normative_docs.repealed": 7, "rules.repealed": 1}),
    ("全年共收到依申请件120件,上年结转4件,办结118件。",
     {"requests.new": 120, "requests.carried_over": 4, "requests.processed": 118}),
    ("共收到政府信息公开申请20件,依法办理政府信息公开申请19件,结转下年度继续办理政府信息公开申请1件。",
     {"requests.new": 20, "requests.processed": 19, "requests.carried_forward": 1}),
    # one kind of lawsuit is not all of them
    ("因依申请公开工作引起的经复议后起诉的行政诉讼0件。", {"lawsuits.after_review.total": 0}),
    ("完成民意征集和网上调查9期。", {"proactive.consultations": 9}),
])
def test_phrasings_of_rounds_ah_and_ai(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022) == expected


@pytest.mark.parametrize("text", [
    "共受理12件政府信息公开申请(均为自然人提交)。",
    "收到政府信息公开申请12件,均为自然人网上申请。",
    "全年共受理依申请公开申请12件,申请主体为自然人。",
])
def test_all_requests_from_natural_persons(text: str) -> None:
    got = extract_prose([Section("requests", "", normalize_line(text))], "2021", 2022)
    assert {(f.metric, f.breakdown): f.value for f in got} == {
        ("requests.new", "total"): 12, ("requests.new", "natural_person"): 12}


@pytest.mark.parametrize("text,expected", [
    ("本年度共收到政府信息公开申请12份,3份转下年度继续办理。",
     {"requests.new": 12, "requests.carried_forward": 3}),
    ("我镇自2022年1月1日到12月31日累计主动公开政府信息315条。", {"proactive.items": 315}),
    ("本单位行政处罚处理决定数量39件;行政许可处理决定数量为1310件。",
     {"penalty.decisions": 39, "licensing.decisions": 1310}),
    # a sentence that opens with 其中 breaks down the sentence before it
    ("全年主动公开各类信息共计104条。其中,更新领导信息5条。", {"proactive.items": 104}),
])
def test_phrasings_of_rounds_aj_and_ak(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022) == expected


def test_outcomes_in_a_sentence_going_on_from_the_requests() -> None:
    text = ("全年共收到政府信息公开申请10件。其中,1件予以公开,2件因本机关不掌握相关政府信息而无法提供,"
            "7件结转下年度继续办理。")
    got = {f.metric: f.value for f in extract_prose([Section("requests", "", normalize_line(text))], "2021", 2022)}
    assert got["requests.granted"] == 1 and got["requests.unavailable.not_held"] == 2
    assert got["requests.carried_forward"] == 7


def test_requests_by_applicant_with_the_count_first() -> None:
    text = "共收到政府信息公开申请2件(1件属自然人申请,1件属商业企业申请)。"
    got = extract_prose([Section("requests", "", normalize_line(text))], "2021", 2022)
    assert {(f.metric, f.breakdown): f.value for f in got} == {
        ("requests.new", "total"): 2, ("requests.new", "natural_person"): 1, ("requests.new", "business"): 1}


def test_requests_counted_in_tiao_before_their_noun() -> None:
    text = "全年我委从各渠道收到3条依申请公开请求。"
    got = extract_prose([Section("requests", "", normalize_line(text))], "2021", 2021)
    assert [(f.metric, f.value) for f in got] == [("requests.new", 3)]


@pytest.mark.parametrize("text,expected", [
    ("收到依申请公开政府信息2条,办结2条。", {"requests.new": 2, "requests.processed": 2}),
    ("受理申请8件,1件属于部分公开,6件分局不掌握相关政府信息。",
     {"requests.new": 8, "requests.partly_granted": 1, "requests.unavailable.not_held": 6}),
    # answers to other things in 条 are not requests processed
    ("答复网民咨询150条。", {}),
])
def test_phrasings_of_rounds_al_and_am(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022, "requests") == expected


@pytest.mark.parametrize("text,expected", [
    # a running total up to a date, then the year's new items
    ("截至2022年12月30日,我乡在县政府网站共主动公开政府信息615条,今年新增94条。", {"proactive.items": 94}),
    ("收到申请8件,按时办结8件,其中同意公开答复数4件,申请信息不存在4件。",
     {"requests.new": 8, "requests.processed": 8, "requests.granted": 4, "requests.unavailable.not_held": 4}),
    ("门户网站发布政务要闻、国务院要闻、人事信息、社会公益事业建设领域等各类政府信息880条。", {"proactive.items": 880}),
])
def test_phrasings_of_round_an(text: str, expected: dict) -> None:
    assert totals(text, "pre2019", 2022) == expected


@pytest.mark.parametrize("text,expected", [
    ("局办公室负责局政务信息公开工作,从事人员2人。", {"org.staff": 2}),
    ("政府信息公开行政复议、行政诉讼0条。", {"reviews.total": 0, "lawsuits.total": 0}),
    # a count that holds last year's requests, and a bureau's share handled for it, are not the new ones
    ("全县共受理依申请公开40件(其中上年结转3件),委托县自然资源局办理政府信息公开申请12件。",
     {"requests.carried_over": 3}),
])
def test_phrasings_of_round_ao(text: str, expected: dict) -> None:
    assert totals(text, "2021", 2022) == expected

"""A report's title, publisher, statistics year, publication date and template.

`year` is the year the statistics cover: the stated statistics period first (统计期限…2019年1月1日),
then the title's year, then the year the opening text names most, then the publication year
minus one (reports are published early in the following year).
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.model import Section

_REPORT_WORDS = ("年度报告", "年报", "工作报告", "情况报告")
# Portal toolbar and breadcrumb lines that stand above a title in flattened pages (无障碍,
# 长者版, 首页 > 政务公开 > 年报): never part of it.
_TOOLBAR_LINE = re.compile(r"^(?:无障碍|长者版|关怀版|适老化|简体版|繁体版|简体|繁体|English|智能问答|网站地图|登录|注册|主动公开|依申请公开"
                           r"|全文检索|站内搜索|站群导航|加入收藏|设为首页|手机版)"
                           r"(?:\s*\|?\s*(?:无障碍|长者版|关怀版|简体版|繁体版|English|智能问答))*$|[>»›]"
                           r"|点击收听|语音朗读|语音播报|^(?:当前位置|您的位置|您现在的位置|所在位置)|请使用tab|tab键")
# A sentence of the opening, not a title (依据《…年度报告格式的通知》要求,编制本报告。)
_NOT_A_TITLE = re.compile(r"根据|依据|按照|编制|。$|^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\))"
                          r"|^(?:索引号|组配分类|主题分类|发布机构|发文机关|信息来源|文件编号)[:\s]")  # a metadata block's line
_PERIOD = re.compile(
    r"统计(?:期限|时限|期|时间|区间|范围)[^。]{0,20}?((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日"
    r"|((?:19|20)\d\d)年1月1日(?:起)?(?:至|到|-)(?:(?:19|20)\d\d年)?12月3[01]日"
)
_YEAR_END = re.compile(r"(?:截至|截止|至|到)\s*((?:19|20)\d\d)\s*年\s*12\s*月\s*3[01]\s*日")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?:度)?")
_DATE_LABELLED = re.compile(
    r"(?:发布日期|发布时间|发文日期|成文日期|公开日期|日期|时间|发布)[\s:：|]*"
    r"((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
_DATE_ANY = re.compile(r"((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_SPAM_DOMAIN = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?", re.I)
_TEMPLATE_BOILERPLATE = re.compile(
    r"((?:19|20)\d\d)?\s*年?(?:度)?(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报).*$"
)


def find_title(lines: list[str], meta_title: str | None) -> str | None:
    """The report's title: the page's ArticleTitle/title if it names a report, else the first
    short line that does (a title may be broken over two lines: 2019年政府信息公开 / 工作年度报告)."""
    if meta_title and any(w in meta_title for w in _REPORT_WORDS):
        return meta_title.strip()
    lines = [ln.strip().strip("|").strip() for ln in lines[:16]]
    lines = ["" if _is_toolbar(ln) else ln for ln in lines]
    for i, line in enumerate(lines[:15]):
        s = line.strip().strip("|").strip()
        if not s or len(s) > 60:
            continue
        if any(w in s for w in _REPORT_WORDS) and not _NOT_A_TITLE.search(s):
            return s
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _COLUMN_NAME.search(s) and _FULL_TITLE.search(nxt) and not _NOT_A_TITLE.search(nxt):
            continue  # a portal column's name (政府信息公开) above a whole title, not its first half
        if nxt and ":" not in s and len(s + nxt) <= 60 and any(w in s + nxt for w in _REPORT_WORDS) and "年" in s + nxt \
                and not _NOT_A_TITLE.search(s + nxt) and any(w not in s for w in _REPORT_WORDS):
            return s + nxt
    if meta_title:
        return meta_title.strip()
    # no title line: the opening sentence often quotes it (现公布周至县人民政府办公室2021年…年度报告)
    m = _TITLE_IN_TEXT.search("\n".join(lines[:6]))
    return m.group(1) if m else None


def title_like(text: str | None) -> str | None:
    """`text` if it can be a title (a reader's guess, a page's <title>); None for an opening
    sentence or a portal toolbar line."""
    if not text or _NOT_A_TITLE.search(text.strip()) or _is_toolbar(text):
        return None
    return text


def _is_toolbar(line: str) -> bool:
    return len(line) <= 60 and _TOOLBAR_LINE.search(line) is not None


_COLUMN_NAME = re.compile(r"公开|年报|首页|专栏")
_FULL_TITLE = re.compile(r"(?:19|20)\d\d\s*年.*(?:年度报告|年报|工作报告|情况报告)")
_TITLE_IN_TEXT = re.compile(
    r"(?:现公布|现发布|现将|特向社会公布|现向社会公布)《?([^。,;《》\n]{2,40}?(?:19|20)\d\d年(?:度)?[^。,;《》\n]{0,12}?年度报告)》?"
)


def find_year(title: str | None, text: str, published: str | None) -> int | None:
    m = _PERIOD.search(text[:4000])
    if m:
        return int(m.group(1) or m.group(2))
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return int(m.group(1))
    counts = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年(?!\d{1,2}月\d)", text[:3000]))
    if not counts:  # 截止2023年12月31日,我局… : a count up to a year's end is that year's
        m = _YEAR_END.search(text[:3000])
        if m:
            return int(m.group(1))
    if counts:
        year, n = counts.most_common(1)[0]
        if n >= 1:
            return year
    if published:
        return int(published[:4]) - 1
    return None


def find_published_date(meta_date: str | None, text: str) -> str | None:
    for src in (meta_date or "", text[:1500]):
        m = _DATE_LABELLED.search(src) or (_DATE_ANY.search(src) if src is meta_date else None)
        if m:
            return _iso(m)
    # page metadata flattened into the text: an ISO date near the top (2021-02-09 发布:…)
    m = _DATE_ISO.search(text[:800])
    if m:
        return _iso(m)
    # a signature date on one of the last lines (2014年3月25日)
    tail = [x.strip() for x in text.strip().splitlines()[-3:]]
    for line in reversed(tail):
        m = _DATE_ANY.fullmatch(line.strip("()"))
        if m:
            return _iso(m)
    return None


def _iso(m: re.Match[str]) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def clean_spam(s: str) -> str:
    """Spam mirrors inject their own domains into names (puroview.com沙头镇): never a publisher."""
    return _SPAM_DOMAIN.sub("", s).strip()


def find_publisher(title: str | None, meta: dict[str, str], text: str) -> str | None:
    """Who published the report: the subject of its title (柯城区2019年…报告 → 柯城区), else the
    page's ContentSource/source meta, else a labelled 发布机构/发布单位/来源 field."""
    # 由广西壮族自治区北部湾经济区规划建设管理办公室(以下简称自治区北部湾办)编制: the full name,
    # which says where the publisher is, when the title uses the short one
    full = _FULL_NAME.search(text[:1500])
    if title:
        t = clean_spam(title)
        t = _TEMPLATE_BOILERPLATE.sub("", t)
        t = re.sub(r"^(?:19|20)\d\d\s*年(?:度)?", "", t)
        t = re.sub(r"(?:19|20)\d\d\s*年(?:度)?$", "", t).strip(" |:")
        t = re.sub(r"(?:关于|的)$", "", t)  # 宁强县民政局关于2023年…报告
        if t.endswith("人民"):  # 壶镇镇人民|政府信息公开年度报告: the boilerplate took 政府
            t += "政府"
        if 2 <= len(t) <= 40 and re.fullmatch(r"[\u4e00-\u9fff()（）、]+", t) and not t.startswith(("我", "本")):
            if full and t in (full.group(2), full.group(1)):
                return full.group(1)
            return t
    for key in ("ContentSource", "source", "author", "Author"):
        v = meta.get(key)
        if v and re.search(r"[\u4e00-\u9fff]", v):
            return clean_spam(v)
    # (来源: 发布时间:2023-01-31: an empty field, then the next label; the space before the next
    # label may be gone, as normalisation drops spaces between Chinese characters)
    m = _LABELLED_PUBLISHER.search(text[:1500])
    if m:
        return clean_spam(m.group(1))
    # the opening sentence often names the publisher: 由福州市晋安区发展和改革局编制 /
    # 现公布永嘉县统计局2015年政府信息公开工作年度报告
    for pat in _PUBLISHER_IN_TEXT:
        m = pat.search(text[:1500])
        if m:
            name = clean_spam(m.group(1))
            if 2 <= len(name) <= 30:
                return name
    return None


# The labels of a portal's metadata block that may follow the publisher's field
_NEXT_LABEL = ("发文日期|发布时间|发布日期|浏览次数|点击数|时间|日期|作者|字号|字体|组配分类|主题分类|体裁分类|服务对象分类|分类|"
               "成文日期|成文|文件编号|文号|索引号|有效性|公开方式|公开时限|公开范围|生成日期|所属机构")
_LABELLED_PUBLISHER = re.compile(
    rf"(?:发布机构|发布单位|发文机关|来源)[\s:：|]+(?!发布|浏览|点击|{_NEXT_LABEL})"
    rf"([\u4e00-\u9fff()（）]{{2,30}}?)(?:{_NEXT_LABEL}|$|[^\u4e00-\u9fff()（）])")
_FULL_NAME = re.compile(r"由([\u4e00-\u9fff]{2,40}?)\((?:以下)?简称[“\"]?([\u4e00-\u9fff]{2,20})[”\"]?\)")

_PUBLISHER_IN_TEXT = [
    re.compile(r"由([\u4e00-\u9fff()]{2,30}?)(?:负责|组织|牵头)?(?:编制|编写|汇总编制)"),
    # 本报告由山东省机关事务管理局根据《中华人民共和国政府信息公开条例》…的要求编制
    re.compile(r"本(?:年度)?报告由([\u4e00-\u9fff()]{2,30}?)(?:根据|依据|按照)"),
    re.compile(r"现(?:将|予)?(?:公布|发布|向社会公布)(?:《)?([\u4e00-\u9fff()]{2,30}?)(?:19|20)\d\d年(?:度)?(?:政府)?信息公开"),
    re.compile(r"(?:^|。)([\u4e00-\u9fff()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府))提供本报告"),
]


def publisher_kind(publisher: str | None, region_name: str | None, title: str | None = None) -> str:
    """government (the place's own report), township, department, or unknown. The government's
    office (人民政府办公室) publishes the government's report as well as its own: it is the
    government's unless the title names the office."""
    if not publisher:
        return "unknown"
    p = publisher.replace("人民政府机关", "人民政府")
    if re.search(r"人民政府办公(室|厅)$", p) and not (title and re.search(r"办公(室|厅)", title)):
        return "government"
    if re.search(r"(镇|乡|街道|街道办事处|苏木)(人民政府|政府|办事处)?$", p):
        return "township"
    if re.search(r"(局|委员会|委|办公室|办公厅|办|室|中心|院|所|队|馆|站|处|厅|署|会|公司|集团|管理委员会)$", p):
        return "department"
    if re.search(r"(人民政府|政府)$", p) or (region_name and p.endswith(region_name)):
        return "government"
    return "unknown"


PRE2019_HEADINGS = ("收费及减免", "收费和减免", "收费及其减免", "咨询处理", "依申请公开和不予公开",
                    "依申请公开政府信息和不予公开")


def detect_template(table_layout: str | None, year: int | None, sections: list[Section], text: str) -> str:
    """The format the report follows: its table-2 columns decide (report-format.md §3.1); with no
    tables, a pre-2019 outline (收费及减免, 咨询, 概述) or the year."""
    if table_layout:
        return table_layout
    if year is not None and year <= 2018:
        return "pre2019"
    headings = " ".join(s.heading for s in sections)
    intro = " ".join(s.text[:600] for s in sections if s.key == "preface")
    if any(w in headings or w in intro for w in PRE2019_HEADINGS) or any(
        s.key in ("fees", "consultations") for s in sections
    ):
        return "pre2019"
    if year is None:
        return "unknown"
    return "2021" if year >= 2021 else "2019"

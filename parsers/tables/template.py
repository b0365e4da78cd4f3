"""The official tables of the 2019 and 2021 report formats, as data.

Read this file next to `../shared/spec/report-format.md` §3: every row and column label of the
three statistical tables, the metric it stands for (metrics.md), and how its variants are
recognised. Labels are matched after normalisation (half-width brackets, no spaces), by the
distinctive keyword(s) given here, so that provincial annotations inside labels
(`规章（设区的市、自治州人民政府应提供相关数据）`) and numbering styles do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Table 2 — 主动公开政府信息情况. One grid of blocks; each block: caption row 第二十条第(x)项,
# a header row 信息内容 | columns..., then data rows.
# ---------------------------------------------------------------------------------------------

# Data rows: label keyword → metric prefix. Longest keyword wins (行政规范性文件 over 规范性文件).
T2_ROWS: dict[str, str] = {
    "规章": "rules",
    "规范性文件": "normative_docs",
    "行政规范性文件": "normative_docs",
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "penalty",
    "行政强制": "coercion",
    "行政事业性收费": "admin_fees",
    "政府集中采购": "procurement",
}


@dataclass(frozen=True)
class T2Column:
    label: str  # as printed in the official header
    key: str  # metric suffix
    layout: str  # the format that has this column: "2019" or "2021"
    unit: str


# Header cells, in the order they can appear. Longer labels first so that 本年处理决定数量 (2021)
# is recognised before its substring 处理决定数量 (2019).
T2_COLUMNS: list[T2Column] = [
    T2Column("本年新制作数量", "made", "2019", "件"),
    T2Column("本年新公开数量", "published", "2019", "件"),
    T2Column("对外公开总数量", "public_total", "2019", "件"),
    T2Column("本年制发件数", "issued", "2021", "件"),
    T2Column("本年废止件数", "repealed", "2021", "件"),
    T2Column("现行有效件数", "in_force", "2021", "件"),
    T2Column("上一年项目数量", "items_prev", "2019", "个"),
    T2Column("本年增/减", "items_change", "2019", "个"),
    T2Column("本年处理决定数量", "decisions", "2021", "件"),
    T2Column("处理决定数量", "decisions", "2019", "件"),
    T2Column("本年收费金额", "amount", "2021", "万元"),
    T2Column("采购项目数量", "projects", "2019", "个"),
    T2Column("采购总金额", "amount", "2019", "万元"),
]

# Shortened header spellings seen in the wild (the header text as printed, with its line breaks
# lost or truncated), mapped to the official label. Checked after T2_COLUMNS.
T2_COLUMN_ALIASES: dict[str, str] = {
    "本年增减": "本年增/减",
    "本年新增/减": "本年增/减",
    "新制作数量": "本年新制作数量",
    "新公开数量": "本年新公开数量",
    "公开总数量": "对外公开总数量",
    "制发件数": "本年制发件数",
    "废止件数": "本年废止件数",
    "现行有效": "现行有效件数",
    "收费金额": "本年收费金额",
    "采购数量": "采购项目数量",
    "采购金额": "采购总金额",
}

# What each row holds in each layout when its header cannot be read (a flattened header, a
# truncated one like 本年新 | 本年新 | 对外公开总数量): the official column order.
T2_DEFAULT_COLUMNS: dict[tuple[str, str], list[str]] = {
    ("2019", "rules"): ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ("2019", "normative_docs"): ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ("2019", "licensing"): ["上一年项目数量", "本年增/减", "处理决定数量"],
    ("2019", "other_services"): ["上一年项目数量", "本年增/减", "处理决定数量"],
    ("2019", "penalty"): ["上一年项目数量", "本年增/减", "处理决定数量"],
    ("2019", "coercion"): ["上一年项目数量", "本年增/减", "处理决定数量"],
    ("2019", "admin_fees"): ["上一年项目数量", "本年增/减"],
    ("2019", "procurement"): ["采购项目数量", "采购总金额"],
    ("2021", "rules"): ["本年制发件数", "本年废止件数", "现行有效件数"],
    ("2021", "normative_docs"): ["本年制发件数", "本年废止件数", "现行有效件数"],
    ("2021", "licensing"): ["本年处理决定数量"],
    ("2021", "penalty"): ["本年处理决定数量"],
    ("2021", "coercion"): ["本年处理决定数量"],
    ("2021", "admin_fees"): ["本年收费金额"],
}

# The header labels that tell the layouts apart (report-format.md §3.1).
LAYOUT_MARKERS: dict[str, tuple[str, ...]] = {
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量"),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
}

# ---------------------------------------------------------------------------------------------
# Table 3 — 收到和处理政府信息公开申请情况. 7 number columns, in this order, in both layouts.
# ---------------------------------------------------------------------------------------------

T3_COLUMNS: list[tuple[str, str]] = [
    ("自然人", "natural_person"),
    ("商业企业", "business"),
    ("科研机构", "research"),
    ("社会公益组织", "social_org"),
    ("法律服务机构", "legal_service"),
    ("其他", "other_org"),
    ("总计", "total"),
]


@dataclass(frozen=True)
class T3Row:
    label: str  # the official label
    metric: str
    keywords: tuple[str, ...]  # any of these in the (normalised) label identifies the row
    group: str | None = None  # the row-spanning group label it sits under, if any


# Groups: the cells that span their items' rows; an item label only counts inside its group.
T3_GROUPS: dict[str, tuple[str, ...]] = {
    "withheld": ("不予公开",),
    "unavailable": ("无法提供",),
    "not_handled": ("不予处理",),
    "other_handling": ("其他处理",),
}

T3_ROWS: list[T3Row] = [
    T3Row("一、本年新收政府信息公开申请数量", "requests.new", ("本年新收",)),
    T3Row("二、上年结转政府信息公开申请数量", "requests.carried_over", ("上年结转", "上年转结")),
    T3Row("(一)予以公开", "requests.granted", ("予以公开",)),
    T3Row("(二)部分公开", "requests.partly_granted", ("部分公开",)),
    T3Row("1.属于国家秘密", "requests.withheld.state_secret", ("国家秘密",), "withheld"),
    T3Row("2.其他法律行政法规禁止公开", "requests.withheld.prohibited_by_law", ("禁止公开",), "withheld"),
    T3Row("3.危及“三安全一稳定”", "requests.withheld.security_stability", ("三安全一稳定", "危及"), "withheld"),
    T3Row("4.保护第三方合法权益", "requests.withheld.third_party", ("第三方合法权益", "第三方"), "withheld"),
    T3Row("5.属于三类内部事务信息", "requests.withheld.internal_affairs", ("内部事务",), "withheld"),
    T3Row("6.属于四类过程性信息", "requests.withheld.process_info", ("过程性信息", "过程性"), "withheld"),
    T3Row("7.属于行政执法案卷", "requests.withheld.enforcement_files", ("行政执法案卷", "执法案卷"), "withheld"),
    T3Row("8.属于行政查询事项", "requests.withheld.admin_query", ("行政查询",), "withheld"),
    T3Row("1.本机关不掌握相关政府信息", "requests.unavailable.not_held", ("不掌握",), "unavailable"),
    T3Row("2.没有现成信息需要另行制作", "requests.unavailable.needs_creation", ("另行制作",), "unavailable"),
    T3Row("3.补正后申请内容仍不明确", "requests.unavailable.unclear", ("仍不明确", "不明确"), "unavailable"),
    T3Row("1.信访举报投诉类申请", "requests.not_handled.complaint", ("信访举报投诉", "信访"), "not_handled"),
    T3Row("2.重复申请", "requests.not_handled.duplicate", ("重复申请",), "not_handled"),
    T3Row("3.要求提供公开出版物", "requests.not_handled.publication", ("公开出版物",), "not_handled"),
    T3Row("4.无正当理由大量反复申请", "requests.not_handled.excessive", ("大量反复",), "not_handled"),
    T3Row("5.要求行政机关确认或重新出具已获取信息", "requests.not_handled.confirmation",
          ("确认或重新出具", "重新出具"), "not_handled"),
    T3Row("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
          "requests.other_handling.overdue_correction", ("逾期不补正",), "other_handling"),
    T3Row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
          "requests.other_handling.unpaid_fee", ("收费通知", "缴纳费用"), "other_handling"),
    T3Row("3.其他", "requests.other_handling.other", ("其他",), "other_handling"),
    T3Row("(六)其他处理", "requests.other_handling", ("其他处理",)),
    T3Row("(七)总计", "requests.processed", ("总计",)),
    T3Row("四、结转下年度继续办理", "requests.carried_forward", ("结转下年", "转结下年")),
]

# What table 3's numbered rows open with (一、本年新收…, 三、本年度办理结果, 四、结转下年度…): a
# flattened page may put such a label on a line of its own, which is then no section heading.
T3_NUMBERED_ROW_WORDS = tuple(k for r in T3_ROWS for k in r.keywords if r.metric in (
    "requests.new", "requests.carried_over", "requests.carried_forward")) + ("本年度办理结果",)

# Labels of table 3's header (never data rows).
T3_HEADER_WORDS = ("申请人情况", "勾稽关系", "法人或其他组织") + tuple(c for c, _ in T3_COLUMNS)

# Group sums we derive (metrics.md: source `derived`).
T3_GROUP_SUMS: dict[str, list[str]] = {
    "requests.withheld": [r.metric for r in T3_ROWS if r.group == "withheld"],
    "requests.unavailable": [r.metric for r in T3_ROWS if r.group == "unavailable"],
    "requests.not_handled": [r.metric for r in T3_ROWS if r.group == "not_handled"],
}
T3_OTHER_HANDLING_ITEMS = [r.metric for r in T3_ROWS if r.group == "other_handling"]

# The result leaves whose sum is （七）总计 (identity 2 of §3.3).
T3_RESULT_LEAVES_2019 = (
    ["requests.granted", "requests.partly_granted"]
    + [r.metric for r in T3_ROWS if r.group in ("withheld", "unavailable", "not_handled")]
    + ["requests.other_handling"]
)
T3_RESULT_LEAVES_2021 = T3_RESULT_LEAVES_2019[:-1] + T3_OTHER_HANDLING_ITEMS

# ---------------------------------------------------------------------------------------------
# Table 4 — 政府信息公开行政复议、行政诉讼情况: one data row of 15 numbers, no row label.
# ---------------------------------------------------------------------------------------------

T4_OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]  # 结果维持 结果纠正 其他结果 尚未审结 总计
T4_GROUPS = ["reviews", "lawsuits.direct", "lawsuits.after_review"]  # 行政复议 未经复议直接起诉 复议后起诉
T4_COLUMNS: list[str] = [f"{g}.{o}" for g in T4_GROUPS for o in T4_OUTCOMES]
T4_HEADER_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉")

# ---------------------------------------------------------------------------------------------
# Pre-2019: the national 政府信息公开情况统计表 (国办发〔2014〕32号) many 2014–2018 reports append
# as 附表 (report-format.md §4.3): one row per indicator, 统计指标 | 单位 | 统计数. Only the rows
# that are metrics of metrics.md are read; labels are matched without their numbering and
# bracketed notes (（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）).
# label → (metric, unit of the metric, factor from the form's unit)
# ---------------------------------------------------------------------------------------------
STATS_FORM_ROWS: dict[str, tuple[str, str, float]] = {
    "主动公开政府信息数": ("proactive.items", "条", 1),
    "收到申请数": ("requests.new", "件", 1),
    "申请办结数": ("requests.processed", "件", 1),
    "同意公开答复数": ("requests.granted", "件", 1),
    "同意部分公开答复数": ("requests.partly_granted", "件", 1),
    "不同意公开答复数": ("requests.withheld", "件", 1),
    "行政复议数量": ("reviews.total", "件", 1),
    "行政诉讼数量": ("lawsuits.total", "件", 1),
    "依申请公开信息收取的费用": ("fees.collected", "元", 10_000),  # the form counts 万元
    "政府信息公开工作专门机构数": ("org.bodies", "个", 1),
    "从事政府信息公开工作人员数": ("org.staff", "人", 1),
    "专职人员数": ("org.staff.fulltime", "人", 1),
    "兼职人员数": ("org.staff.parttime", "人", 1),
    "政府信息公开专项经费": ("org.budget", "万元", 1),
    "参加或举办新闻发布会总次数": ("proactive.press_conferences", "次", 1),
    "政策解读稿件发布数": ("proactive.interpretations", "条", 1),
}
STATS_FORM_UNITS = ("条", "件", "个", "人", "次", "篇", "万元", "元", "人次")

"""The three statistical tables in every shape real pages give them, from one set of values.

Values come from real reports: the 2019 set is the 上海市人民政府办公厅 2019 report
(corpus 001.html); the 2021 set keeps those numbers and fills the 2021-only rows (其他处理 1–3,
本年收费金额) the way 2021 reports do. Each renderer turns the same values into one shape —
HTML grids with official spans, grids with empty cells instead of spans, Word-pasted markup,
`|` rows, one cell per line, runs of empty `|`, headers split across lines — so a test can check
that every shape yields exactly the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

BREAKDOWNS = ["natural_person", "business", "research", "social_org", "legal_service", "other_org", "total"]
T3_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# (group label or None, row label, metric, 7 values; None = blank cell)
T3_2019 = [
    (None, "一、本年新收政府信息公开申请数量", "requests.new", [821, 35, None, None, 2, 1, 859]),
    (None, "二、上年结转政府信息公开申请数量", "requests.carried_over", [18, None, None, None, None, None, 18]),
    ("三、本年度办理结果", "（一）予以公开", "requests.granted", [258, 12, None, None, 1, 1, 272]),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "requests.partly_granted",
     [3, None, None, None, None, None, 3]),
    ("（三）不予公开", "1.属于国家秘密", "requests.withheld.state_secret", [14, None, None, None, None, None, 14]),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", "requests.withheld.prohibited_by_law", [0] * 7),
    ("（三）不予公开", "3.危及“三安全一稳定”", "requests.withheld.security_stability", [0] * 7),
    ("（三）不予公开", "4.保护第三方合法权益", "requests.withheld.third_party", [0] * 7),
    ("（三）不予公开", "5.属于三类内部事务信息", "requests.withheld.internal_affairs", [5, 0, 0, 0, 0, 0, 5]),
    ("（三）不予公开", "6.属于四类过程性信息", "requests.withheld.process_info", [3, 1, 0, 0, 0, 0, 4]),
    ("（三）不予公开", "7.属于行政执法案卷", "requests.withheld.enforcement_files", [0] * 7),
    ("（三）不予公开", "8.属于行政查询事项", "requests.withheld.admin_query", [10, 2, 0, 0, 0, 0, 12]),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "requests.unavailable.not_held", [252, 12, 0, 0, 1, 0, 265]),
    ("（四）无法提供", "2.没有现成信息需要另行制作", "requests.unavailable.needs_creation", [44, 3, 0, 0, 0, 0, 47]),
    ("（四）无法提供", "3.补正后申请内容仍不明确", "requests.unavailable.unclear", [25, 0, 0, 0, 0, 0, 25]),
    ("（五）不予处理", "1.信访举报投诉类申请", "requests.not_handled.complaint", [148, 1, 0, 0, 0, 0, 149]),
    ("（五）不予处理", "2.重复申请", "requests.not_handled.duplicate", [5, 4, 0, 0, 0, 0, 9]),
    ("（五）不予处理", "3.要求提供公开出版物", "requests.not_handled.publication", [0] * 7),
    ("（五）不予处理", "4.无正当理由大量反复申请", "requests.not_handled.excessive", [0] * 7),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "requests.not_handled.confirmation", [0] * 7),
    ("三、本年度办理结果", "（六）其他处理", "requests.other_handling", [0] * 7),
    ("三、本年度办理结果", "（七）总计", "requests.processed", [767, 35, 0, 0, 2, 1, 805]),
    (None, "四、结转下年度继续办理", "requests.carried_forward", [72, 0, 0, 0, 0, 0, 72]),
]

T3_2021 = T3_2019[:20] + [
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "requests.other_handling.overdue_correction", [2, 0, 0, 0, 0, 0, 2]),
    ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "requests.other_handling.unpaid_fee", [0] * 7),
    ("（六）其他处理", "3.其他", "requests.other_handling.other", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果", "（七）总计", "requests.processed", [770, 35, 0, 0, 2, 1, 808]),
    (None, "四、结转下年度继续办理", "requests.carried_forward", [69, 0, 0, 0, 0, 0, 69]),
]

# Table 2: (caption, header columns, rows [(label, metric prefix, values)])
T2_2019 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", "rules", [13, 13, 524]), ("规范性文件", "normative_docs", [60, 60, 368])]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", "licensing", [126, -8, 3421]), ("其他对外管理服务事项", "other_services", [4, 0, 17])]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", "penalty", [22, 4, 186]), ("行政强制", "coercion", [3, 0, 9])]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("行政事业性收费", "admin_fees", [2, 0])]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", "procurement", [6, 25.1])]),
]
T2_KEYS_2019 = {
    "本年新制作数量": "made", "本年新公开数量": "published", "对外公开总数量": "public_total",
    "上一年项目数量": "items_prev", "本年增/减": "items_change", "处理决定数量": "decisions",
    "采购项目数量": "projects", "采购总金额": "amount",
}
T2_2021 = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", "rules", [2, 1, 96]), ("行政规范性文件", "normative_docs", [15, 3, 102])]),
    ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing", [3421])]),
    ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalty", [186]), ("行政强制", "coercion", [9])]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "admin_fees", [12.35])]),
]
T2_KEYS_2021 = {"本年制发件数": "issued", "本年废止件数": "repealed", "现行有效件数": "in_force",
                "本年处理决定数量": "decisions", "本年收费金额（单位：万元）": "amount"}

T4_VALUES = [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]
T4_METRICS = [f"{g}.{o}" for g in ("reviews", "lawsuits.direct", "lawsuits.after_review")
              for o in ("upheld", "corrected", "other", "pending", "total")]


@dataclass
class Tables:
    layout: str

    @property
    def t2(self):
        return T2_2019 if self.layout == "2019" else T2_2021

    @property
    def t3(self):
        return T3_2019 if self.layout == "2019" else T3_2021

    def expected(self, blanks_are_zero: bool = False) -> dict[tuple[str, str], float]:
        """(metric, breakdown) → value for every figure the tables state."""
        keys = T2_KEYS_2019 if self.layout == "2019" else T2_KEYS_2021
        out: dict[tuple[str, str], float] = {}
        for _cap, cols, rows in self.t2:
            for _label, prefix, vals in rows:
                for col, v in zip(cols, vals, strict=True):
                    out[(f"{prefix}.{keys[col]}", "total")] = v
        for _g, _label, metric, vals in self.t3:
            for b, v in zip(BREAKDOWNS, vals, strict=True):
                if v is None and blanks_are_zero:
                    v = 0
                if v is not None:
                    out[(metric, b)] = v
        for m, v in zip(T4_METRICS, T4_VALUES, strict=True):
            out[(m, "total")] = v
        return out


def _fmt(v, blank_as: str = "") -> str:
    if v is None:
        return blank_as
    if isinstance(v, float) and not v.is_integer():
        return f"{v}"
    return str(int(v))


# ---------------------------------------------------------------- HTML renderings
def html_official(t: Tables, word: bool = False) -> str:
    """Official spans: captions colspan 4, T3 label cells with rowspan, T4 two header rows."""
    def td(text: str, **attrs) -> str:
        a = "".join(f' {k}="{v}"' for k, v in attrs.items())
        if word:
            return (f'<td{a} style="border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt">'
                    f'<p class="MsoNormal" align="center"><span lang="EN-US" style="font-size:10.5pt;'
                    f'font-family:宋体;mso-bidi-font-family:宋体">{text}<o:p></o:p></span></p></td>')
        return f"<td{a}>{text}</td>"

    out = ["<p>二、主动公开政府信息情况</p>", '<table border="1"><tbody>']
    for cap, cols, rows in t.t2:
        out.append(f"<tr>{td(cap, colspan=4)}</tr>")
        span = 3 // len(cols) if len(cols) in (1, 3) else 1
        head = "".join(td(c.replace("数量", "<br/>数量", 1) if c.startswith("本年新") else c,
                          **({"colspan": 3} if len(cols) == 1 else {})) for c in cols)
        pad = "" if len(cols) != 2 else td("")
        out.append(f"<tr>{td('信息内容')}{head}{pad}</tr>")
        for label, _p, vals in rows:
            cells = "".join(td(_fmt(v), **({"colspan": 3} if span == 3 else {})) for v in vals)
            out.append(f"<tr>{td(label)}{cells}{pad}</tr>")
    out.append("</tbody></table>")
    out.append("<p>三、收到和处理政府信息公开申请情况</p>")
    out.append('<table border="1"><tbody>')
    out.append(f"<tr>{td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', colspan=3, rowspan=3)}"
               f"{td('申请人情况', colspan=7)}</tr>")
    out.append(f"<tr>{td('自然人', rowspan=2)}{td('法人或其他组织', colspan=5)}{td('总计', rowspan=2)}</tr>")
    out.append("<tr>" + "".join(td(h) for h in T3_HEAD[1:6]) + "</tr>")
    n_results = sum(1 for g, *_ in t.t3 if g is not None)
    seen_groups: set[str] = set()
    for group, label, _m, vals in t.t3:
        cells = "".join(td(_fmt(v)) for v in vals)
        if group is None:
            out.append(f"<tr>{td(label, colspan=3)}{cells}</tr>")
            continue
        lead = ""
        if "三、本年度办理结果" not in seen_groups:
            seen_groups.add("三、本年度办理结果")
            lead = td("三、本年度办理结果", rowspan=n_results)
        if group == "三、本年度办理结果":
            out.append(f"<tr>{lead}{td(label, colspan=2)}{cells}</tr>")
        else:
            g = ""
            if group not in seen_groups:
                seen_groups.add(group)
                g = td(group, rowspan=sum(1 for x in t.t3 if x[0] == group))
            out.append(f"<tr>{lead}{g}{td(label)}{cells}</tr>")
    out.append("</tbody></table>")
    out.append("<p>四、政府信息公开行政复议、行政诉讼情况</p>")
    out.append('<table border="1"><tbody>')
    out.append(f"<tr>{td('行政复议', colspan=5)}{td('行政诉讼', colspan=10)}</tr>")
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out.append("<tr>" + "".join(td(h, rowspan=2) for h in heads)
               + f"{td('未经复议直接起诉', colspan=5)}{td('复议后起诉', colspan=5)}</tr>")
    out.append("<tr>" + "".join(td(h) for h in heads * 2) + "</tr>")
    out.append("<tr>" + "".join(td(_fmt(v)) for v in T4_VALUES) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def html_empty_cells(t: Tables) -> str:
    """No spans at all: the grid is padded with empty cells where spans would be."""
    out = ["<p>二、主动公开政府信息情况</p>", "<table>"]
    for cap, cols, rows in t.t2:
        out.append(f"<tr><td>{cap}</td><td></td><td></td><td></td></tr>")
        out.append("<tr><td>信息内容</td>" + "".join(f"<td>{c}</td>" for c in cols)
                   + "<td></td>" * (3 - len(cols)) + "</tr>")
        for label, _p, vals in rows:
            out.append(f"<tr><td>{label}</td>" + "".join(f"<td>{_fmt(v)}</td>" for v in vals)
                       + "<td></td>" * (3 - len(vals)) + "</tr>")
    out.append("</table><p>三、收到和处理政府信息公开申请情况</p><table>")
    out.append("<tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td></td><td></td>"
               "<td>申请人情况</td>" + "<td></td>" * 6 + "</tr>")
    out.append("<tr><td></td><td></td><td></td><td>自然人</td><td>法人或其他组织</td>" + "<td></td>" * 4
               + "<td>总计</td></tr>")
    out.append("<tr><td></td><td></td><td></td><td></td>" + "".join(f"<td>{h}</td>" for h in T3_HEAD[1:6])
               + "<td></td></tr>")
    for group, label, _m, vals in t.t3:
        if group is None:
            lead = f"<td>{label}</td><td></td><td></td>"
        elif group == "三、本年度办理结果":
            lead = f"<td></td><td>{label}</td><td></td>"
        else:
            lead = f"<td></td><td>{group}</td><td>{label}</td>"
        out.append(f"<tr>{lead}" + "".join(f"<td>{_fmt(v)}</td>" for v in vals) + "</tr>")
    out.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out.append("<tr><td>行政复议</td>" + "<td></td>" * 4 + "<td>行政诉讼</td>" + "<td></td>" * 9 + "</tr>")
    out.append("<tr>" + "".join(f"<td>{h}</td>" for h in heads) + "<td>未经复议直接起诉</td>" + "<td></td>" * 4
               + "<td>复议后起诉</td>" + "<td></td>" * 4 + "</tr>")
    out.append("<tr>" + "<td></td>" * 5 + "".join(f"<td>{h}</td>" for h in heads * 2) + "</tr>")
    out.append("<tr>" + "".join(f"<td>{_fmt(v)}</td>" for v in T4_VALUES) + "</tr></table>")
    return "\n".join(out)


# ---------------------------------------------------------------- text renderings
def _text_rows(t: Tables, blank_as: str) -> list[list[str]]:
    """The logical rows of the three tables as lists of cell texts (as a flattener sees them)."""
    rows: list[list[str]] = [["二、主动公开政府信息情况"]]
    for cap, cols, body in t.t2:
        rows.append([cap])
        rows.append(["信息内容", *cols])
        for label, _p, vals in body:
            rows.append([label, *[_fmt(v, blank_as) for v in vals]])
    rows.append(["三、收到和处理政府信息公开申请情况"])
    rows.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    rows.append(["自然人", "法人或其他组织", "总计"])
    rows.append(T3_HEAD[1:6])
    last_group = None
    for group, label, _m, vals in t.t3:
        lead = []
        if group and group != last_group:
            lead = [group]
            last_group = group
        rows.append([*lead, label, *[_fmt(v, blank_as) for v in vals]])
    rows.append(["四、政府信息公开行政复议、行政诉讼情况"])
    rows.append(["行政复议", "行政诉讼"])
    rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
    rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    rows.append([_fmt(v) for v in T4_VALUES])
    return rows


def text_pipes(t: Tables) -> str:
    """Rows joined with `|`, blank cells kept as empty positions, trailing `||` debris."""
    return "\n".join("| " + " | ".join(r) + " |" + (" ||" if len(r) == 2 else "")
                     for r in _text_rows(t, ""))


def text_cell_per_line(t: Tables, split_headers: bool = True) -> str:
    """One cell per line (blank cells written 0, as flattened pages show them); headers split
    over two lines (本年新 / 制作数量)."""
    lines = []
    for r in _text_rows(t, "0"):
        for c in r:
            if split_headers and c.startswith("本年新") and len(c) > 3:
                lines += [c[:3], c[3:]]
            else:
                lines.append(c)
    return "\n".join(lines)


def text_cell_pipe_lines(t: Tables) -> str:
    """Each cell on its own line ending with `|`, separator rows of empty `|` runs (019 style)."""
    out = []
    for r in _text_rows(t, "0"):
        out += [f"{c} |" for c in r]
        out.append("|||")
    return "\n".join(out)


def text_pipe_own_line(t: Tables, blank_as: str = "0") -> str:
    """Each cell and each `|` on its own line (055 style); blank cells written `blank_as` (an
    empty string: an empty line)."""
    out = []
    for r in _text_rows(t, blank_as):
        for c in r:
            out += [c, "|"]
    return "\n".join(out)


def text_cell_pipe_blanks(t: Tables, row_end: str = "|") -> str:
    """Each cell on its own line as `text |`, so that a blank cell is a lone `|`, and each row
    ended by `row_end` on a line of its own (`|` or `||`)."""
    out = []
    for r in _text_rows(t, ""):
        out += [f"{c} |" if c else "|" for c in r]
        out.append(row_end)
    return "\n".join(out)


def text_spaced(t: Tables) -> str:
    """A row a line, its cells separated by spaces (a PDF's or flipbook's text layer), blank
    cells written 0 (a text layer drops blanks)."""
    return "\n".join(" ".join(r) for r in _text_rows(t, "0"))


def text_cells_blank_lines(t: Tables, separator_lines: int = 0) -> str:
    """One cell per line as a web archive flattens a grid: a blank cell is an empty line, and
    some flatteners also put `separator_lines` empty lines between every two cells."""
    sep = "\n" * (separator_lines + 1)
    cells = [c for r in _text_rows(t, "") for c in r]
    return sep.join(cells)

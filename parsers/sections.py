"""Split a report's text into its sections by their numbered headings.

Headings are recognised by numbering (一、 … or, failing that, 1、) in sequence, and named by
keyword sets (report-format.md §2.2 and §4.2): the official six, the pre-2019 outlines, the
seed's separate 监督保障 section. A heading no keyword names is kept as key `extra`; text
before the first heading is the `preface`. Headings may stand on their own line or open a long
line (flattened pages run a heading and its text together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.model import Section
from parsers.tables.template import T3_NUMBERED_ROW_WORDS

# Section keys and the words that name them, tried in this order (复议 before 申请, because
# 因政府信息公开申请行政复议 is about reviews; 其他需要报告 before everything).
SECTION_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("other", ("其他需要报告", "其他需要汇报", "其他报告事项", "其他需要说明", "其他事项")),
    ("reviews", ("复议", "诉讼")),
    ("problems", ("问题", "改进", "不足", "工作打算", "下步工作", "下一步", "努力方向")),
    ("supervision", ("监督保障", "监督和保障")),
    ("fees", ("收费", "减免", "费用")),
    # 依申请公开、不予公开及咨询政府信息情况 is the requests section that also covers enquiries
    ("requests", ("依申请",)),
    ("consultations", ("咨询",)),
    ("proactive", ("主动公开",)),
    ("requests", ("申请",)),
    ("overview", ("总体情况", "概述", "概况", "基本情况", "总体", "工作情况")),
    ("appendix", ("附表", "附件", "附图")),
]

CN_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# A heading starts the text or follows a space or a stop. That test is a lookbehind over the
# heading's first character too, placed after it: a pattern that starts with a character class
# lets the regex engine skip to the numerals instead of testing every position. (A lookbehind
# reaching before the text does not match, so a negative one holds at the start.)
_CN = "[一二三四五六七八九十]"
# (also after a closing bracket: a text flattened onto one line, whose space before the heading
# normalisation removed: …联系电话:0523-86572238)一、概述)
_CN_HEADING = re.compile(rf"({_CN}(?<![^\s。:;)]{_CN}){_CN}?) ?[、.]\s*")  # 一、 and 一 、
_AR_HEADING = re.compile(r"(?:^|(?<=\n))\s*(\d{1,2})[、.]\s*")
_PART_HEADING = re.compile(rf"第(?<![^\s。]第)({_CN}{{1,2}})部分[、:\s]*")
_HEADING_END = re.compile(r"[\s。;,]|$")
# Where a heading ends when its text runs straight on (flattened pages lose the line break).
_TITLE_CUT = re.compile(r"^.{0,30}?(?:情况|事项|概述|概况|方面|措施|安排)")
MAX_HEADING = 40


def section_key(heading: str) -> str:
    for key, words in SECTION_KEYWORDS:
        if any(w in heading for w in words):
            return key
    return "extra"


def _cn_value(s: str) -> int:
    if len(s) == 1:
        return CN_NUMERALS.get(s, 0)
    if s[0] == "十":
        return 10 + CN_NUMERALS.get(s[1], 0)
    return 0


@dataclass
class _Cand:
    start: int  # where the numbering starts
    body: int  # where the section's text starts
    number: int
    heading: str  # numbering + title
    title: str
    standalone: bool  # the heading is alone on its line
    named: bool  # a keyword names it


def _candidates(text: str, pattern: re.Pattern[str], arabic: bool) -> list[_Cand]:
    out = []
    for m in pattern.finditer(text):
        num = int(m.group(1)) if arabic else _cn_value(m.group(1))
        if num <= 0:
            continue
        rest = text[m.end(): m.end() + 120]
        line = rest.split("\n", 1)[0]
        end = _HEADING_END.search(line)
        title = line[: end.start()] if end else line
        cut = _TITLE_CUT.match(title)
        if cut and len(cut.group(0)) < len(title):
            rest_of_title = title[len(cut.group(0)):]
            # (run on into the body up to its first comma or stop, as on a page flattened onto one
            # line: 二、政府信息主动公开情况城西街道2017年全年主动公开…,)
            if len(title) > MAX_HEADING or rest_of_title[0].isascii() or rest_of_title in ("无", "无。") \
                    or line[len(title): len(title) + 1] in (",", "。") or any(ch.isdigit() for ch in rest_of_title):
                title = cut.group(0)
        if len(title) > MAX_HEADING:
            continue
        if not title or line[len(title): len(title) + 1] in (",", "、") or "|" in line:
            continue  # a list item (a flattened table of contents), or a table cell
        if title.startswith(T3_NUMBERED_ROW_WORDS):
            continue  # a table-3 row label on a line of its own (一、本年新收政府…)
        title = title.rstrip(":")
        standalone = len(line.strip().rstrip(":")) == len(title)
        named = section_key(title) != "extra"
        body = m.end() + len(title)
        out.append(_Cand(m.start(), body, num, text[m.start(): m.end()].strip() + title, title,
                         standalone, named))
    return out


def _chain(cands: list[_Cand]) -> list[_Cand]:
    """The headings: numbers 1, 2, 3… in document order. For each number, a candidate a
    keyword names is preferred over one that is only alone on its line; a later candidate of
    the same number replaces an earlier one while the next number has not been seen (a table
    of contents, or a table row like 四、结转下年度继续办理 before the real 四、)."""
    chain: list[_Cand] = []
    pos = -1
    expected = 1
    if not any(c.number == 1 for c in cands):
        # an excerpt that begins inside the report: its first named heading, if an early one
        first = next((c for c in cands if c.named and c.number <= 3), None)
        if first is not None:
            expected = first.number
    while True:
        options = [c for c in cands if c.number == expected and c.start > pos]
        if not options and chain:
            # a skipped number (一、… 三、: small offices' reports do skip): the next number
            # goes on the chain only if a keyword names it
            skip = [c for c in cands if c.number == expected + 1 and c.start > pos and c.named]
            if skip:
                expected += 1
                options = skip
        if not options:
            break
        nxt = [c for c in cands if c.number == expected + 1 and c.start > pos]
        limit = nxt[0].start if nxt else None
        good = [c for c in options if c.named and (limit is None or c.start < limit)]
        if not good:
            good = [c for c in options if c.standalone and (limit is None or c.start < limit)]
        if not good:
            good = [c for c in options if c.named]
        if not good:
            break
        pick = good[0]
        if limit is not None:
            # the last named candidate before the next number (skip a table of contents)
            named_before = [c for c in good if c.start < limit and c.named]
            if named_before and pick.standalone is False:
                pick = named_before[-1]
        chain.append(pick)
        pos = pick.body
        expected += 1
    return chain


def split_sections(text: str) -> list[Section]:
    """Sections of the report body `text` (paragraphs joined with newlines)."""
    chain = _chain(_candidates(text, _CN_HEADING, arabic=False))
    if len(chain) < 2:
        chain2 = _chain(_candidates(text, _PART_HEADING, arabic=False))
        if len(chain2) >= 2:
            chain = chain2
    if not chain:
        arabic = [c for c in _candidates(text, _AR_HEADING, arabic=True) if c.named]
        chain2 = _chain(arabic)
        if len(chain2) >= 2:
            chain = chain2
    sections: list[Section] = []
    first = chain[0].start if chain else len(text)
    preface = text[:first].strip()
    if preface:
        sections.append(Section("preface", "", preface))
    for i, c in enumerate(chain):
        end = chain[i + 1].start if i + 1 < len(chain) else len(text)
        sections.append(Section(section_key(c.title), c.heading, text[c.body:end].strip(" \n:")))
    return sections

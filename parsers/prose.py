"""Figures stated in prose, found with the phrasings of `prose_catalogue.py`.

Each section's text is cut into sentences (the figure's quote) and clauses (the unit a phrasing
must fit in). A number that only looks like a figure is not one: a percentage, a year, a date,
a document number (〔2019〕60号), a phone number, or a cumulative count since some earlier date
(历年累计, 截至…累计) where the report's own year is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.model import Figure, Section
from parsers.numbers import PROSE_NUMBER, parse_number
from parsers.prose_catalogue import CATALOGUE, ProseMetric

_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
_CLAUSE_SEP = re.compile(r"[,:]")
_HAS_FIGURE_HINT = re.compile(r"[\d零〇一二两三四五六七八九十]|未|没有|无")
_CHANNEL_LIST = re.compile(r"^.*等(?:形式|平台|渠道|方式|载体|途径|媒介)")
_YEARLY = ("全年", "本年", "今年", "年度", "当年", "年内", "一年来")
_CUMULATIVE = ("历年累计", "截至", "截止", "以来累计", "累计至今", "自20")


def _expand(p: str) -> str:
    return (
        p.replace("{N}", rf"(?<![\d.])(?P<n>{PROSE_NUMBER})(?![\d.%‰])")
        .replace("{G}", r"[^,。;:!?]{0,60}?")
        .replace("{g}", r"[^,。;:!?]{0,12}?")
        .replace("{H}", r"[^,。;:!?\d]{0,40}?")
        .replace("{Q}", r"[”\"']?")
    )


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[ProseMetric, list[re.Pattern[str]], list[re.Pattern[str]], re.Pattern[str] | None]]:
    out = []
    for m in CATALOGUE:
        excl = re.compile("|".join(m.exclude)) if m.exclude else None
        out.append((m, [re.compile(_expand(p)) for p in m.patterns],
                    [re.compile(_expand(p)) for p in m.zero_patterns], excl))
    return out


@lru_cache(maxsize=1)
def _trigger_words() -> tuple[str, ...]:
    return tuple(sorted({t for m in CATALOGUE for t in m.triggers}))


@dataclass
class _Hit:
    metric: str
    value: int | float
    raw: str
    approx: bool
    quote: str
    section: str
    order: int


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The clause holding [start, end) and the clause before it."""
    seps = [m.start() for m in _CLAUSE_SEP.finditer(sentence)]
    lo = max([s + 1 for s in seps if s < start], default=0)
    hi = min([s for s in seps if s >= end], default=len(sentence))
    prev_lo = max([s + 1 for s in seps if s < lo - 1], default=0)
    return sentence[lo:hi], sentence[prev_lo: max(lo - 1, 0)]


def _is_cumulative(clause: str, prev: str) -> bool:
    if any(w in clause for w in _CUMULATIVE):
        return True
    if "累计" not in clause:
        return False
    if any(w in clause for w in _YEARLY) or re.search(r"20\d\d年(?!\d)", clause):
        return False
    # "2023年度,子长市累计办理…": a short time phrase before the clause makes it the year's.
    if len(prev) <= 10 and (any(w in prev for w in _YEARLY) or re.search(r"20\d\d年", prev)):
        return False
    return True


def _number_ok(sentence: str, m: re.Match[str]) -> bool:
    after = sentence[m.end("n"): m.end("n") + 2]
    before = sentence[max(0, m.start("n") - 1): m.start("n")]
    if after[:1] in ("%", "‰", "年", "月", "日", "号", "-") or before in ("〔", "[", "第", "-", "("):
        return False
    return True


def extract_prose(sections: list[Section], template: str | None) -> list[Figure]:
    hits: list[_Hit] = []
    order = 0
    for section in sections:
        if not _HAS_FIGURE_HINT.search(section.text):
            continue
        for sm in _SENTENCE.finditer(section.text):
            sentence = sm.group(0).strip()
            if not sentence or "|" in sentence:
                continue
            present = {w for w in _trigger_words() if w in sentence}
            for metric, patterns, zeros, excl in _compiled():
                if metric.templates and template not in metric.templates:
                    continue
                if metric.triggers and present.isdisjoint(metric.triggers):
                    continue
                name = metric.by_template.get(template or "", metric.metric)
                found = False
                for pat in patterns:
                    for m in pat.finditer(sentence):
                        if not _number_ok(sentence, m):
                            continue
                        clause, prev = _clause_bounds(sentence, m.start(), m.end())
                        # "通过网站、微信等平台公开…": a list of channels summed up by 等 is the total
                        scope = _CHANNEL_LIST.sub("", clause)
                        if excl and excl.search(scope):
                            continue
                        if _is_cumulative(clause, prev):
                            continue
                        num = parse_number(m.group("n"))
                        if num is None:
                            continue
                        order += 1
                        hits.append(_Hit(name, num.value, num.raw, num.approx, sentence, section.key, order))
                        found = True
                if not found:
                    for pat in zeros:
                        m = pat.search(sentence)
                        if m:
                            order += 1
                            hits.append(_Hit(name, 0, m.group(0), False, sentence, section.key, order))
                            break
    return _choose(hits)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, ProseMetric]:
    """Each emitted metric name (including the layout-dependent ones) → its catalogue entry."""
    out = {m.metric: m for m in CATALOGUE}
    out.update({n: m for m in CATALOGUE for n in m.by_template.values()})
    return out


def _choose(hits: list[_Hit]) -> list[Figure]:
    entry = _by_name()
    best: dict[str, _Hit] = {}
    for h in hits:
        cur = best.get(h.metric)
        if cur is None:
            best[h.metric] = h
        elif entry[h.metric].pick == "max" and h.value > cur.value:
            best[h.metric] = h
        elif cur.value == 0 and h.value != 0 and cur.raw and not cur.raw[0].isdigit():
            best[h.metric] = h  # a number stated later beats an earlier "none" phrase
    out = []
    for h in sorted(best.values(), key=lambda h: h.order):
        out.append(Figure(metric=h.metric, value=h.value, unit=entry[h.metric].unit, raw=h.raw, source="text",
                          quote=h.quote[:300], section=h.section, approx=h.approx))
    return out

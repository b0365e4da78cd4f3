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
from parsers.numbers import CN_DIGITS, PROSE_NUMBER, parse_number
from parsers.prose_catalogue import CATALOGUE, ProseMetric

_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
# Every number parse_number accepts holds one of these: a sentence without any states no figure.
_NUMERAL = re.compile(rf"[\d{CN_DIGITS}]")
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


@dataclass(frozen=True)
class _Entry:
    """A catalogue metric ready to match in one template's reports."""

    metric: ProseMetric
    name: str  # the emitted name (by_template resolved)
    patterns: tuple[re.Pattern[str], ...]
    zeros: tuple[re.Pattern[str], ...]
    exclude: re.Pattern[str] | None


@dataclass(frozen=True)
class _Plan:
    """The metrics that apply to one template, and which trigger word calls which of them (so a
    sentence only tries the few metrics its words can match, not the whole catalogue)."""

    entries: tuple[_Entry, ...]  # catalogue order: hits are numbered in this order per sentence
    # Finds, at each place a trigger word starts, the longest one starting there.
    words: re.Pattern[str]
    # A word `words` finds → the metrics of every trigger inside it (予以公开 also holds 公开).
    by_word: dict[str, frozenset[int]]
    untriggered: frozenset[int]  # metrics without triggers: tried on every sentence


@lru_cache(maxsize=8)
def _plan(template: str | None) -> _Plan:
    entries: list[_Entry] = []
    for m in CATALOGUE:
        if not m.templates or template in m.templates:
            entries.append(_Entry(
                m, m.by_template.get(template or "", m.metric),
                tuple(re.compile(_expand(p)) for p in m.patterns),
                tuple(re.compile(_expand(p)) for p in m.zero_patterns),
                re.compile("|".join(m.exclude)) if m.exclude else None))
    triggers = sorted({t for e in entries for t in e.metric.triggers}, key=lambda t: (-len(t), t))
    words = re.compile("|".join(map(re.escape, triggers)) or "(?!)")  # (?!) matches nothing
    by_word = {w: frozenset(i for i, e in enumerate(entries) if any(t in w for t in e.metric.triggers))
               for w in triggers}
    untriggered = frozenset(i for i, e in enumerate(entries) if not e.metric.triggers)
    return _Plan(tuple(entries), words, by_word, untriggered)


def _words_in(sentence: str, words: re.Pattern[str]) -> frozenset[str]:
    """The longest trigger word starting at each place one starts. Searching again from the next
    character (not after the match) keeps words that overlap (其他处理费: 其他处理, 处理费)."""
    found: set[str] = set()
    m = words.search(sentence)
    while m:
        found.add(m.group())
        m = words.search(sentence, m.start() + 1)
    return frozenset(found)


@lru_cache(maxsize=4096)
def _to_try(template: str | None, words: frozenset[str], numeral: bool) -> tuple[int, ...]:
    """Indices of the metrics a sentence holding `words` can match, in catalogue order. Without
    a numeral only a "none" phrase can match: parse_number needs a digit or a Chinese numeral."""
    plan = _plan(template)
    todo = plan.untriggered.union(*(plan.by_word[w] for w in words))
    if not numeral:
        todo = frozenset(i for i in todo if plan.entries[i].zeros)
    return tuple(sorted(todo))


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
    plan = _plan(template)
    hits: list[_Hit] = []
    for section in sections:
        if not _HAS_FIGURE_HINT.search(section.text):
            continue
        for raw in _SENTENCE.findall(section.text):
            sentence = raw.strip()
            if not sentence or "|" in sentence:
                continue
            words = _words_in(sentence, plan.words)
            if not words and not plan.untriggered:
                continue
            numeral = _NUMERAL.search(sentence) is not None
            for i in _to_try(template, words, numeral):
                _match(plan.entries[i], sentence, section.key, hits, numeral)
    return _choose(hits)


def _match(entry: _Entry, sentence: str, section: str, hits: list[_Hit], numeral: bool) -> None:
    """Append the metric's hits in `sentence`: its stated numbers, else a "none" phrase."""
    found = False
    for pat in entry.patterns if numeral else ():
        for m in pat.finditer(sentence):
            if not _number_ok(sentence, m):
                continue
            clause, prev = _clause_bounds(sentence, m.start(), m.end())
            # "通过网站、微信等平台公开…": a list of channels summed up by 等 is the total
            scope = _CHANNEL_LIST.sub("", clause)
            if entry.exclude and entry.exclude.search(scope):
                continue
            if _is_cumulative(clause, prev):
                continue
            num = parse_number(m.group("n"))
            if num is None:
                continue
            hits.append(_Hit(entry.name, num.value, num.raw, num.approx, sentence, section, len(hits) + 1))
            found = True
    if not found:
        for pat in entry.zeros:
            m = pat.search(sentence)
            if m:
                hits.append(_Hit(entry.name, 0, m.group(0), False, sentence, section, len(hits) + 1))
                break


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

"""Text normalisation before any matching: one canonical spelling of what reports write many ways.

- traditional characters to simplified (opencc), only when the text is traditional, so that a
  simplified report is never touched by a conversion table's rare mistakes; a few Taiwan phrases
  that spam mirrors' converters put in are turned back (資訊 → 信息, 網路 → 网络);
- pinyin that spam mirrors put after characters (鎮(zhèn)) removed;
- full-width digits, letters and punctuation to half-width (NFKC), so `（一）` and `(一)` match;
- `&nbsp;`, ideographic and zero-width spaces, and stray spaces inside numbers and labels
  (`本年新 制作数量`, `1128 条`) removed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from parsers.joined import map_joined

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# str.translate looks every character up in the table, which cost more than all the rest of
# normalisation: a regex lists the (few distinct) full-width characters present, and each is
# replaced in one C-speed pass.
_FULLWIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
# A space between two Han characters, or between a Han character and a digit (either way),
# or before a percent sign is layout noise, never meaning. Tested on the characters either side
# of each run of spaces: a lookbehind regex tried at every position of the text was slower.
_BEFORE_HAN_PCT = re.compile(rf"[{_HAN}\d.%）)」”]")
_HAN_PCT_AFTER = re.compile(rf"[{_HAN}%（(「“]")
_BEFORE_DIGIT = re.compile(rf"[{_HAN}（(“]")
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+)(?![\d,])(?=\s*(?:余|多)?[条件个人次元万篇项份期场])")
_HAS_THOUSANDS = re.compile(r",\d\d\d")  # a literal-led pattern: scans fast
# Pinyin with tone marks in brackets right after a character (下管鎮(zhèn)): a spam mirror's
# reading aid that splits every keyword it lands in.
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAS_TONE = re.compile(f"[{_TONE}]")
_PINYIN = re.compile(rf"(?<=[{_HAN}])\((?=[a-z{_TONE}]*[{_TONE}])[a-zü{_TONE}]{{1,6}}\)")


def _space_run(m: re.Match[str]) -> str:
    """One run of spaces (of any kind): removed between Han characters, Han and digits, digit
    and %; else one space. The characters either side of a run are never spaces."""
    text, start, end = m.string, m.start(), m.end()
    if start == 0 or end == len(text):
        return " "
    before, after = text[start - 1], text[end]
    if _BEFORE_HAN_PCT.match(before) and _HAN_PCT_AFTER.match(after):
        return ""
    if _DIGIT.match(after) and _BEFORE_DIGIT.match(before):
        return ""
    if after == "%" and _DIGIT.match(before):
        return ""
    return " "


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# The traditional copies are spam mirrors' conversions of simplified originals, some made with
# Taiwan phrases (主動公開政府資訊19條). opencc's own reverse table (tw2sp) cannot be used: it
# also turns mainland words written in traditional characters into other words (文件 → 文档,
# 执行 → 运行, 指标 → 指针), which would break the template's labels. So only phrases that
# mainland reports do not use are turned back, after t2s.
_MIRROR_PHRASES = {
    "资讯": "信息", "网路": "网络", "软体": "软件", "硬体": "硬件", "最佳化": "优化", "巨观": "宏观",
    "列印": "打印", "程式": "程序", "介面": "界面", "数位化": "数字化", "伺服器": "服务器",
    # 文件 → 檔案 in the Taiwan phrases; 档案 alone is also the mainland word for archives
    "规范性档案": "规范性文件",
    "部落格": "博客",
}
_MIRROR_PHRASE = re.compile("|".join(sorted(_MIRROR_PHRASES, key=len, reverse=True)))


def is_traditional(text: str, sample: int = 2000) -> bool:
    """True when the text is written in traditional characters: enough of its Han characters
    change under t2s. A few changes happen in simplified text too (rare variant characters),
    hence a share, not a single hit."""
    head = text[:sample]
    han = "".join(_HAN_RUN.findall(head))
    if len(han) < 4:
        return False
    converted = _t2s().convert(han)
    if converted == han:
        return False
    changed = sum(1 for a, b in zip(han, converted, strict=False) if a != b)
    return changed >= 3 and changed / len(han) >= 0.02


def to_simplified(text: str) -> str:
    return _MIRROR_PHRASE.sub(lambda m: _MIRROR_PHRASES[m.group()], _t2s().convert(text))


@lru_cache(maxsize=4096)
def _normalize_short(text: str) -> str:
    return normalize_line(text)


def normalize_line(text: str) -> str:
    """Normalise one line or cell (no traditional conversion: see Normalizer)."""
    # Full-width ASCII by a translation table (fast); NFKC only for what is left (rare forms
    # like ⒈ or ①), since NFKC over every paragraph was the costliest step of a parse.
    return _normalize_joined(text).strip()


class Normalizer:
    """Normalises every string of one document the same way (traditional → simplified decided
    once, for the whole document)."""

    def __init__(self, sample_text: str) -> None:
        self.traditional = is_traditional(sample_text)
        # mirrors that add pinyin add it everywhere: its start tells (scanning every string
        # for tone marks cost as much as the rest of a page's normalisation)
        self.pinyin = _HAS_TONE.search(sample_text, 0, 5000) is not None

    def __call__(self, text: str | None) -> str | None:
        if text is None:
            return None
        if self.traditional:
            text = to_simplified(text)
        # table cells repeat a lot ("0", "自然人"): short strings go through a cache
        return _normalize_short(text) if len(text) <= 40 else normalize_line(text)

    def many(self, texts: list[str]) -> list[str]:
        """`self(t)` for each of `texts`, in one pass over their join (see parsers.joined)."""
        return map_joined(texts, self._joined, lambda t: self(t) or "")

    def _joined(self, text: str) -> str:
        return _normalize_joined(to_simplified(text) if self.traditional else text, self.pinyin)


def _normalize_joined(text: str, pinyin: bool | None = None) -> str:
    """normalize_line without its final strip (the caller strips each string)."""
    for ch in set(_FULLWIDTH_CHAR.findall(text)):
        text = text.replace(ch, chr(_FULLWIDTH[ord(ch)]))
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    if pinyin or (pinyin is None and _HAS_TONE.search(text)):
        text = _PINYIN.sub("", text)
    # Each run of spaces becomes one space, or none where it is layout noise (see _space_run).
    text = _SPACES.sub(_space_run, text)
    if _HAS_THOUSANDS.search(text):
        text = _THOUSANDS.sub(lambda m: m.group(1).replace(",", ""), text)
    return text

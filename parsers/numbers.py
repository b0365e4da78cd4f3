"""Numbers as reports write them: `74`, `1.53万`, `7800余`, `四十余`, `二十三`, `251000元`, `-`.

Chinese numerals go through cn2an; what we add is the report conventions around them:
approximators (余/多/近/约/以上/左右), the 万/亿 multipliers after Arabic digits, and the
template's zero markers in table cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ZERO_MARKERS = {"-", "/", "—", "–", "--", "——", "无", "_", "__", "－", "／", "0"}
APPROX_BEFORE = ("近", "约", "超过", "逾", "达")
APPROX_AFTER = ("余", "多", "以上", "左右", "来")
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"

_ARABIC = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万|亿)?$")


@dataclass(frozen=True)
class Number:
    value: int | float
    approx: bool
    raw: str


def _tidy(value: float) -> int | float:
    """Integers stay integers (metrics.md); other values keep at most 6 decimals."""
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    return round(value, 6)


def parse_number(raw: str) -> Number | None:
    """Parse a number with its approximators, or None when `raw` is not one number."""
    s = raw.strip().replace(",", "").replace(" ", "")
    if not s:
        return None
    approx = False
    for p in APPROX_BEFORE:
        if s.startswith(p):
            s, approx = s[len(p):], p in ("近", "约", "超过", "逾")
            break
    for a in APPROX_AFTER:
        if s.endswith(a):
            s, approx = s[: -len(a)], True
            break
        # "7800余" before a 万 ("2万余" / "2余万" are both seen)
    m = _ARABIC.match(s)
    if m:
        sign, digits, mult = m.groups()
        v = float(digits) * {None: 1, "万": 10_000, "亿": 100_000_000}[mult]
        return Number(_tidy(-v if sign == "-" else v), approx, raw.strip())
    m = re.match(r"^(\d+(?:\.\d+)?)(余|多)(万|亿)$", s)
    if m:
        v = float(m.group(1)) * (10_000 if m.group(3) == "万" else 100_000_000)
        return Number(_tidy(v), True, raw.strip())
    if s and all(c in CN_DIGITS for c in s):
        import cn2an  # imported on first use: it is slow to import and most numbers are Arabic

        try:
            v = cn2an.cn2an(s, "smart")
        except (ValueError, KeyError):
            return None
        return Number(_tidy(float(v)), approx, raw.strip())
    return None


# A number as it appears inside prose: Arabic (with decimals, 万/亿) or Chinese numerals,
# with approximators on either side. Used by prose patterns as {N}.
PROSE_NUMBER = (
    r"(?:近|约|超过|逾)?"
    r"(?:\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?|[零〇一二两三四五六七八九十百千万]+)"
    r"(?:余|多|以上|左右)?"
)


_CHANGE = re.compile(r"^(?:增(?:加)?(?P<inc>\d+)|减(?:少)?(?P<dec>\d+)|\+\((?P<up>\d+)\)-\((?P<down>\d+)\))$")
_CELL_UNIT = re.compile(r"^(.*?)(万元|元|件|条|个|项|人|次)$")


@dataclass(frozen=True)
class Cell:
    """A table cell's number: value None means the cell holds no figure (blank, 不适用)."""

    value: int | float | None
    raw: str
    unit: str | None = None


@lru_cache(maxsize=8192)
def parse_cell(text: str | None) -> Cell | None:
    """Read one table cell. Returns None when the cell is not numeric at all (a label);
    Cell(value=None) for a blank or 不适用 cell; zero markers (`-`, `/`, `—`, `无`) are 0."""
    if text is None:
        return Cell(None, "")
    s = text.strip().replace(" ", "")
    if s[:1] in ("?", "\ufffd") and len(s) > 1:
        s = s.lstrip("?\ufffd")  # a character the page's encoding lost, before a number (? 0)
    if s == "":
        return Cell(None, "")
    if s in ("不适用", "不涉及"):
        return Cell(None, s)
    if s in ZERO_MARKERS:
        return Cell(0, s)
    m = _CHANGE.match(s)  # a change written out: 增10, 减3, +(2)-(1)
    if m:
        if m.group("up") is not None or m.group("down") is not None:
            v = float(m.group("up") or 0) - float(m.group("down") or 0)
        else:
            v = float(m.group("inc") or 0) - float(m.group("dec") or 0)
        return Cell(_tidy(v), text.strip())
    unit = None
    m = _CELL_UNIT.match(s)
    if m and m.group(1):
        s, unit = m.group(1), m.group(2)
    # a minus typed twice or as a dash (--253, −253); thousands separators (1,113)
    m = re.match(r"^([+-]?|--|[−–])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$", s)
    if not m:
        return None
    v = float(m.group(2).replace(",", ""))
    return Cell(_tidy(-v if m.group(1) not in ("", "+") else v), text.strip(), unit)


@lru_cache(maxsize=8192)  # called for every cell of every row
def is_value_cell(text: str | None) -> bool:
    return parse_cell(text) is not None

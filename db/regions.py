"""Region names, levels and parents for GB/T 2260 codes, for comparisons across the hierarchy.

Built on the parser's place index (`parsers/places.py`, from jionlp's maintained dictionary).

Codes are six digits PPCCDD: a province is PP0000, a city PPCC00, a county anything else.
Municipalities (北京 11, 天津 12, 上海 31, 重庆 50) have no city level: their districts' parent is
the province. `省直辖县级行政区划` (e.g. 429000) is kept as a pseudo-city holding the
province-administered county-level cities (仙桃 429004 …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from parsers.places import former_codes, index

MUNICIPALITIES = {"11", "12", "31", "50"}
LEVELS = ("province", "city", "county")


@dataclass
class Place:
    code: str
    name: str
    short: str
    level: str  # province | city | county
    parent: str | None
    children: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """All provinces, cities and counties by code, with their children: the place index the
    parser resolves regions with (parsers/places.py), seen level by level."""
    out: dict[str, Place] = {}
    for code, p in index().by_code.items():
        out[code] = Place(code, p.name, p.alias or p.name, LEVELS[p.level - 1], p.parent)
    for p in out.values():
        if p.parent and p.parent in out:
            out[p.parent].children.append(p.code)
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[str]]:
    idx: dict[str, list[str]] = {}
    for p in places().values():
        for key in {p.name, p.short}:
            idx.setdefault(key, []).append(p.code)
    return idx


def level_of(code: str) -> str:
    """`province`, `city` or `county`, from the dictionary, else from the shape of the code."""
    p = places().get(code)
    if p:
        return p.level
    if code.endswith("0000"):
        return "province"
    if code.endswith("00") and code[:2] not in MUNICIPALITIES:
        return "city"
    return "county"


def parent_of(code: str) -> str | None:
    p = places().get(code)
    if p:
        return p.parent
    if code.endswith("0000"):
        return None
    if code.endswith("00") or code[:2] in MUNICIPALITIES:
        return code[:2] + "0000"
    return code[:4] + "00"


def name_of(code: str | None) -> str | None:
    if not code:
        return None
    p = places().get(code)
    return p.name if p else None


def children_of(code: str) -> list[str]:
    p = places().get(code)
    return sorted(p.children) if p else []


def ancestor_at(code: str, level: str) -> str | None:
    """The region at `level` containing `code` (itself if it is at that level); None if `code`
    is above that level or, for a municipality asked for its city, has none."""
    want = LEVELS.index(level)
    cur: str | None = code
    while cur is not None:
        lv = LEVELS.index(level_of(cur))
        if lv == want:
            return cur
        if lv < want:
            return None
        cur = parent_of(cur)
    return None


def resolve(query: str) -> list[str]:
    """Codes matching a user's `--region`: a six-digit code, a code prefix (`3308`: every code
    that starts so), or a name (`衢州市`, `衢州`, `柯城区`; several codes if ambiguous).
    Raises KeyError when nothing matches."""
    q = query.strip()
    if q.isdigit():
        if len(q) == 6:
            return [q]
        hits = sorted(c for c in places() if c.startswith(q))
        if hits:
            return hits
        raise KeyError(f"no region code starts with {q}")
    hits = _by_name().get(q) or former_codes(q)  # 江干区: its code in the years it existed
    if not hits:
        raise KeyError(f"unknown region name {q!r}")
    return sorted(set(hits))

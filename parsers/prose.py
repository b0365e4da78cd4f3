"""Figures stated in prose, found with the phrasings of `prose_catalogue.py`.

Each section's text is cut into sentences (the figure's quote) and clauses (the unit a phrasing
must fit in). A number that only looks like a figure is not one: a percentage, a year, a date,
a document number (〔2019〕60号), a phone number, or a cumulative count since some earlier date
(历年累计, 截至…累计) where the report's own year is meant.

Most sentences state no figure, so each is tried only as far as it needs to be: a sentence holding
neither a number with its unit (件, 条…) nor a "none" word (未, 没有, 无) is dropped at once; the
trigger words of the others pick the metrics to try; and each pattern is run only on sentences
holding the words it needs, which are read off the pattern itself (so they cannot disagree).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from parsers.model import Figure, Section
from parsers.numbers import CN_DIGITS, PROSE_NUMBER, parse_number
from parsers.prose_catalogue import CATALOGUE, ProseMetric

_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
_CLAUSE_SEP = re.compile(r",|:(?!//)")  # (not the colon of a web address: 官网(http://…))
_HAS_FIGURE_HINT = re.compile(r"[\d零〇一二两三四五六七八九十]|未|没有|无|不存在")
_CHANNEL = r"网站|平台|微信|微博|公众号|客户端|新媒体|公开栏|公示栏|政务号|头条|抖音"
# A clause naming several channels at once counts what all of them published: a list summed up
# by 等 (通过网站、微信等平台公开…), or two channels joined by 和 (在网站和微信平台公布信息202条).
# (or the website and new media as a whole: 依托区政府网站、政务新媒体公开信息67条). Not a bare
# list (政务网站、微信、微博共发布各类信息2483条, reposts included): the channels' own
# activity, which a report states beside its count of government information.
_CHANNEL_LIST = re.compile(rf"^.*(?:等(?:形式|平台|渠道|方式|载体|途径|媒介|(?:公众|新)?媒体)"
                           rf"|(?:{_CHANNEL})[和及与](?:(?:政务|官方)?(?:{_CHANNEL})、?)+(?:平台)?"
                           rf"|网站、(?:政务)?新媒体(?:平台)?)")
# The bodies under the reporting government, as a clause's subject (市直各部门主动公开…3666条,
# 镇(区)主动公开…2064条): their counts are parts beside the government's own.
_SUB_BODIES = re.compile(r"^(?:市直|县直|区直|省直|(?:市|县|区)?(?:直属)?各(?:部门|单位)|各?乡镇|各?镇\(区\)|各街道|各乡)")
_COUNT_OF_ITEMS = re.compile(r"\d+(?:余|多)?条")
_CATEGORY_NOUN = r"(?<![各多])类(?:政府|政务)?信息"  # 执法类信息, 公文类政务信息 (not 各类信息)
_CATEGORY = re.compile(_CATEGORY_NOUN)
_CATEGORY_LIST = re.compile(rf"等[^,;。]{{0,8}}?(?:领域|方面|类)|重点领域|{_CATEGORY_NOUN}")
# A list of counts going on (…118条、政策文件29条): its first item is a part unless it counts
# information as a whole (主动公开政府信息368条、依申请公开政府信息4条).
_LIST_GOES_ON = re.compile(r"、[^,。;、]{0,20}?\d")
_GENERIC_ITEMS = re.compile(r"(?:主动公开|公开|发布|公布)(?:了)?(?:的)?(?:各类|全部)?(?:政府|政务)?信息(?:的)?"
                            r"(?:共计|共|合计|总计|总数|数量|数|为|达|有)*$")
# A count split by 其中 (发布信息共计70条,其中…): what follows in the sentence are its parts.
_SPLIT_AFTER_COUNT = re.compile(r"\d(?:余|多)?[条件篇][,:(]?其中")
# what may stand between that 其中 and the count it introduces first (其中2010年新增主动公开…14条)
_YEAR_WORD_PATTERN = r"(?:20\d\d|本|当|今|全)年"  # 2016年, 本年, 今年…
_YEAR_WORD = re.compile(_YEAR_WORD_PATTERN)
_RIGHT_AFTER_SPLIT = re.compile(rf"[,:]?(?:{_YEAR_WORD_PATTERN}度?)?(?:新增)?(?:的)?")
# A count split into the year's (…457条,其中2016年…) is a running total; one split into what was
# published (制发政府信息130件,其中主动公开18件) counts what was made.
_SPLIT_BY_YEAR = re.compile(r"[,:(]?其中[,:]?(?:20\d\d|本|今|当)年")
_SPLIT_INTO_PROACTIVE = re.compile(r"[,:(]?其中[,:]?主动公开(?:(?:各类)?(?:政府|政务)?(?:信息|文件))?(?:数|数量)?(?:为|有)?\d")
# Where a report discloses (its website, a disclosure platform, notice boards), as against new
# media (微信, 微博…), which relay and promote: a website's count beside new media's is the
# report's count, two disclosure channels' counts without a total are parts.
_DISCLOSURE = r"(?<!微信)(?<!微博)(?<!媒体)(?<!公众)(?:网站|平台|公开栏|公示栏)"  # (公众平台: WeChat's)
_DISCLOSURE_WORD = re.compile(_DISCLOSURE)
_CHANNEL_WORDS = re.compile(_CHANNEL)
_DISCLOSURE_COUNT = re.compile(rf"{_DISCLOSURE}[^,;。、]{{0,16}}?\d+(?:余|多)?条")
_COUNT_IN_PHRASE = re.compile(r"\d(?:余|多)?[条件份篇项]")
_TOTAL_WORD = re.compile(r"共|总计|合计|累计|总数|总量|全部")
# A bracket after a count that splits it (461条(微信公众号公布457条,…)) says nothing against it;
# one saying what it includes (114件(含上年结转18件)) does.
_SPLIT_BRACKET = re.compile(r"\((?!含|包括|包含|其中[^()]{0,6}新收|其中[^()]{0,8}(?:上年|上一年|20\d\d年)度?(?:结转|转结))[^()]*\)?")
_YEARLY = ("全年", "本年", "今年", "年度", "当年", "年内", "一年来")
_CUMULATIVE = ("历年累计", "截至", "截止", "以来累计", "累计至今", "自20")
_CUMULATIVE_WORDS = re.compile("|".join(map(re.escape, _CUMULATIVE)))
# (with no year named: 截至2017年12月31日共主动公开…778余条 is often the count since a start)
_YEAR_END = re.compile(r"(?:截至|截止)(?:到)?(?:12月(?:底|末|31日)|年底|年末)")
# "目前我委总计主动公开政府信息2739条", "到2011年底累计主动公开…": the running total to date
_TO_DATE = re.compile(r"(?:目前|至今|迄今)[^,。;]{0,20}?(?:总计|累计|共计|总数|总量)"
                      r"|(?:到|至)(?:20\d\d年)?(?:年)?(?:底|末)[^,。;]{0,12}?累计")
_PLACEHOLDER = re.compile(r"\{[NGgHQ]\}")


def _expand(p: str) -> str:
    return (
        p.replace("{N}", rf"(?<![\d.])(?P<n>{PROSE_NUMBER})(?![\d.%‰])")
        .replace("{G}", r"[^,。;:!?]{0,60}?")
        .replace("{g}", r"[^,。;:!?]{0,12}?")
        .replace("{H}", r"[^,。;:!?\d]{0,40}?")
        .replace("{Q}", r"[”\"']?")
    )


# What a pattern needs of a sentence is read off the regex parser's tree. Its modules are private,
# but they are the only exact reading of a pattern; anything unforeseen in a tree is read as
# "needs nothing" (or "any character"), which can only let more sentences through to the pattern.
# Should a later Python move them, nothing is read (every pattern "needs nothing"): slower, same
# figures.
try:
    from re import _constants as _sre
    from re import _parser as _sre_parse

    _REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
    _ZERO_WIDTH = (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT)
except (ImportError, AttributeError):  # pragma: no cover - depends on the Python version
    _sre = _sre_parse = None  # type: ignore[assignment]
    _REPEATS = _ZERO_WIDTH = ()
_MAX_SPELLINGS = 16  # a run of literals with character classes in it: spellings listed up to this many


@dataclass(frozen=True)
class _Reading:
    """What a catalogue pattern needs of a sentence it matches."""

    needs: tuple[tuple[str, ...], ...]  # one word of each tuple; the longest words first
    lead: tuple[str, ...]  # the words it opens with, one of them (empty: not known)
    # The characters that can follow its number, as regex class items (None: not known).
    after_number: tuple[str, ...] | None
    number_first: bool  # nothing but lookarounds before its number
    # For a number written out in the pattern with no unit after it (申请(?:共|为)?(?P<n>[0零])):
    # the characters that can come right before it and those it starts with (None: not such).
    bare_number: tuple[tuple[str, ...], tuple[str, ...]] | None = None


@cache
def _read(pattern: str) -> _Reading:
    """Read a catalogue pattern, its placeholders taken as any text (none requires a particular
    word) and its number {N} as an empty group."""
    if _sre_parse is None:
        return _Reading((), (), None, False)
    tree = _sre_parse.parse(_PLACEHOLDER.sub(lambda m: "(?P<n>)" if m[0] == "{N}" else ".*", pattern))
    if tree.state.flags & re.IGNORECASE:
        return _Reading((), (), None, False)
    nodes = tree.data
    needs = _simplest(_needs(nodes))
    opening = [node for node in nodes if node[0] not in _ZERO_WIDTH][:1]
    lead = min(_simplest(_needs(opening)), key=len, default=())
    after = bare = None
    n = tree.state.groupdict.get("n")
    at = [i for i, (op, av) in enumerate(nodes) if op is _sre.SUBPATTERN and av[0] == n]
    if at:
        edge = _edge(nodes[at[0] + 1:], last=False)
        after = tuple(edge[0]) if edge and not edge[1] else None
        if after is None:
            prior, own = _edge(nodes[:at[0]], last=True), _edge(nodes[at[0]][1][3].data, last=False)
            if prior and not prior[1] and own and not own[1]:
                bare = (tuple(prior[0]), tuple(own[0]))
    return _Reading(needs, lead, after, bool(at) and opening == [nodes[at[0]]], bare)


def _needs(nodes: list) -> list[frozenset[str]]:
    """Sets of words, one of each set in any text the parsed `nodes` match. A run of literal
    characters is a word (a class of literals in the run gives one word per spelling); an
    alternation needs one of its branches' words; an optional part needs nothing."""
    out: list[frozenset[str]] = []
    run = [""]  # the spellings of the run of literals so far
    for op, av in nodes + [(None, None)]:  # the sentinel ends the last run
        if op is _sre.LITERAL:
            run = [w + chr(av) for w in run]
            continue
        literals = op is _sre.IN and all(o is _sre.LITERAL for o, _ in av)
        if literals and len(run) * len(av) <= _MAX_SPELLINGS:
            run = [w + chr(c) for w in run for _, c in av]
            continue
        if run != [""]:
            out.append(frozenset(run))
            run = [""]
        if literals:
            out.append(frozenset(chr(c) for _, c in av))
        elif op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            out += _needs(av[3].data)
        elif op is _sre.BRANCH and all(branches := [_needs(b.data) for b in av[1]]):
            # one word of one branch's set, whichever branch matched
            out.append(frozenset().union(*(max(b, key=lambda ws: min(map(len, ws))) for b in branches)))
        elif op in _REPEATS and av[0] >= 1:
            out += _needs(av[2].data)
    return out


def _simplest(needs: list[frozenset[str]]) -> tuple[tuple[str, ...], ...]:
    """`needs` without repeats, each without words holding another of its words (a sentence
    holding 主动公开 holds 公开), the most telling (longest words, fewest) first."""
    out: list[frozenset[str]] = []
    for words in needs:
        words = frozenset(w for w in words if not any(v != w and v in w for v in words))
        if words not in out:
            out.append(words)
    out.sort(key=lambda ws: (-min(map(len, ws)), len(ws), sorted(ws)))
    return tuple(tuple(sorted(ws)) for ws in out)


def _edge(nodes: list, last: bool) -> tuple[list[str], bool] | None:
    """The characters a text matched by the parsed `nodes` can start with (`last`: end with), as
    regex class items, and whether that text can be empty. None: not worked out."""
    items: list[str] = []
    for op, av in reversed(nodes) if last else nodes:
        if op in _ZERO_WIDTH:
            continue
        sub: tuple[list[str], bool] | None = None
        if op is _sre.LITERAL:
            sub = [re.escape(chr(av))], False
        elif op is _sre.IN:
            body = _class_items(av)
            sub = None if body is None else (body, False)
        elif op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            sub = _edge(av[3].data, last)
        elif op is _sre.BRANCH:
            subs = [_edge(b.data, last) for b in av[1]]
            if None not in subs:
                sub = [i for s in subs for i in s[0]], any(s[1] for s in subs)
        elif op in _REPEATS:
            inner = _edge(av[2].data, last)
            sub = None if inner is None else (inner[0], av[0] == 0 or inner[1])
        if sub is None:
            return None
        items += sub[0]
        if not sub[1]:
            return items, False
    return items, True


def _class_items(items: list) -> list[str] | None:
    """A parsed character class as class body items again, if it lists literals, ranges, digits."""
    out = []
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _sre.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            out.append(r"\d")
        else:
            return None
    return out


def _char_class(items: Iterable[str]) -> str:
    return "[" + "".join(dict.fromkeys(items)) + "]"


@cache
def _number_edge(last: bool) -> tuple[str, ...] | None:
    """The characters a number {N} can start (`last`: end) with, as regex class items."""
    if _sre_parse is None:
        return None
    tree = _sre_parse.parse(PROSE_NUMBER)
    edge = None if tree.state.flags & re.IGNORECASE else _edge(tree.data, last)
    return tuple(edge[0]) if edge and not edge[1] else None


@dataclass(frozen=True)
class _Phrase:
    """One catalogue pattern in one template's plan. Its regex is compiled only when a sentence
    first calls for it: a report touches few of the phrasings."""

    source: str  # as written in the catalogue
    # What it needs (one word of each tuple), less what its metric's triggers guarantee: the
    # needs made of trigger words only are settled by the sentence's trigger words, the others
    # tested on the sentence (a few substring tests cost far less than running the pattern).
    scanned_needs: tuple[frozenset[str], ...]
    tested_needs: tuple[tuple[str, ...], ...]

    @cached_property
    def regex(self) -> re.Pattern[str]:
        regex = _expand(self.source)
        first = _number_edge(last=False)
        if first and _read(self.source).number_first:
            # It can only match where a number starts, at one of a few characters: looking ahead
            # for one (no change to what matches) spares the regex engine the whole number
            # pattern everywhere else in the sentence.
            regex = f"(?={_char_class(first)})" + regex
        return re.compile(regex)

    def may_match(self, sentence: str) -> bool:
        """False when `sentence` lacks one of the tested needs."""
        for words in self.tested_needs:
            for w in words:
                if w in sentence:
                    break
            else:
                return False
        return True


def _phrase(pattern: str, triggers: tuple[str, ...], scanned: frozenset[str]) -> _Phrase:
    """A pattern of a metric with these `triggers`, in a plan whose scan finds the `scanned` words."""
    needs = [ws for ws in _read(pattern).needs
             if not (triggers and all(any(w in t for w in ws) for t in triggers))]
    return _Phrase(pattern, tuple(frozenset(ws) for ws in needs if scanned.issuperset(ws)),
                   tuple(ws for ws in needs if not scanned.issuperset(ws)))


@dataclass(frozen=True)
class _Entry:
    """A catalogue metric ready to match in one template's reports."""

    metric: ProseMetric
    name: str  # the emitted name (by_template resolved)
    patterns: tuple[_Phrase, ...]
    zeros: tuple[_Phrase, ...]

    @cached_property
    def exclude(self) -> re.Pattern[str] | None:
        return re.compile("|".join(self.metric.exclude)) if self.metric.exclude else None

    @cached_property
    def exclude_sentence(self) -> re.Pattern[str] | None:
        return re.compile("|".join(self.metric.exclude_sentence)) if self.metric.exclude_sentence else None


@dataclass(frozen=True)
class _Plan:
    """The metrics that apply to one template, a quick test for sentences none of them can
    match, and the scan that finds their trigger words in the others (so a sentence only tries
    the few phrasings its words allow, not the whole catalogue)."""

    entries: tuple[_Entry, ...]  # catalogue order: hits are numbered in this order per sentence
    # Finds what every number phrase holds: a unit (件, 条…) right after a number's last character.
    numbered: re.Pattern[str]
    # Every "none" phrase opens with one of these words (未, 没有, 无). None: not known.
    none_words: frozenset[str] | None
    # Finds a sign that a phrase may match a sentence: what `numbered` finds or one of `none_words`
    # (when those are not known, any character).
    hint: re.Pattern[str]
    # Finds, at each place a trigger word starts, the longest one starting there.
    words: re.Pattern[str]
    # A word `words` finds → the trigger words inside it, itself included (予以公开 holds 公开).
    inside: dict[str, frozenset[str]]
    # Words that end with the beginning of another (其他处理, 处理费): after one, a scan resuming
    # at the end of the match could miss a word.
    straddled: frozenset[str]
    untriggered: bool  # some metric has no triggers: sentences without trigger words are tried


@lru_cache(maxsize=8)
def _plan(template: str | None) -> _Plan:
    metrics = [m for m in CATALOGUE if not m.templates or template in m.templates]
    triggers = sorted({t for m in metrics for t in m.triggers}, key=lambda t: (-len(t), t))
    scanned = frozenset(triggers)
    entries = tuple(
        _Entry(m, m.by_template.get(template or "", m.metric),
               tuple(_phrase(p, m.triggers, scanned) for p in m.patterns),
               tuple(_phrase(p, m.triggers, scanned) for p in m.zero_patterns))
        for m in metrics)
    words = re.compile("|".join(map(re.escape, triggers)) or "(?!)")  # (?!) matches nothing
    inside = {w: frozenset(t for t in triggers if t in w) for w in triggers}
    starts = {x[:i] for x in triggers for i in range(1, len(x))}  # each word's beginnings
    straddled = frozenset(w for w in triggers if any(w[k:] in starts for k in range(1, len(w))))
    leads = [_read(p).lead for m in metrics for p in m.zero_patterns]
    none_words = frozenset(w for lead in leads for w in lead) if () not in leads else None
    signs = _number_signs(metrics)
    numbered = f"{_char_class([c for _b, at in signs for c in at])}(?:{'|'.join(_behind(b, at) for b, at in signs)})"
    return _Plan(entries, re.compile(numbered), none_words, _hint(signs, none_words), words,
                 inside, straddled, any(not m.triggers for m in metrics))


def _number_signs(metrics: list[ProseMetric]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """What every number phrase holds, as pairs of regex class items (before, at): a character
    `at` that follows the number in some phrase (件, 条…), right after one a number can end with
    (`before`); for a pattern whose written-out number has no unit after it, that number's
    first character after what can precede it (为0). Failing that, a character a number ends
    with; failing that, a numeral (`before` empty)."""
    readings = [_read(p) for m in metrics for p in m.patterns]
    end, units = _number_edge(last=True), [r.after_number for r in readings if r.bare_number is None]
    if end is None:
        return [((), (r"\d", *CN_DIGITS))]  # every number parse_number accepts holds one of these
    if not units or None in units:
        return [((), end)]
    bare = [r.bare_number for r in readings if r.bare_number]
    return [(end, tuple(dict.fromkeys(u for items in units for u in items))), *dict.fromkeys(bare)]


def _behind(before: tuple[str, ...], at: tuple[str, ...]) -> str:
    """A look-behind for a number sign (see _number_signs) whose `at` character was just read."""
    return f"(?<={_char_class(before)}{_char_class(at)})" if before else f"(?<={_char_class(at)})"


def _hint(signs: list[tuple[tuple[str, ...], tuple[str, ...]]], none_words: frozenset[str] | None) -> re.Pattern[str]:
    """The plan's `hint` regex. It opens with one character class (units, and the first
    characters of "none" words), so that the regex engine skips straight to the places holding
    one, then looks around for the rest."""
    if none_words is None:
        return re.compile(".")  # any character: every sentence may hold a "none" phrase
    looks = [_behind(b, at) for b, at in signs]
    looks += [f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in sorted(none_words, key=lambda w: (-len(w), w))]
    first = _char_class([*(c for _b, at in signs for c in at), *(re.escape(w[0]) for w in sorted(none_words))])
    return re.compile(f"{first}(?:{'|'.join(looks)})")


def _kinds(sentence: str, plan: _Plan) -> tuple[bool, bool]:
    """Whether a number phrase can match `sentence` (it holds a number and its unit), and whether
    a "none" phrase can (it holds a word they open with). Most sentences hold neither."""
    if plan.none_words is None:
        return plan.numbered.search(sentence) is not None, True
    m = plan.hint.search(sentence)
    if m is None:
        return False, False
    if m.group() in plan.none_words:
        # a "none" word came first: a number and its unit may still follow
        return plan.numbered.search(sentence, m.start()) is not None, True
    for w in plan.none_words:
        if w in sentence:
            return True, True
    return True, False


def _words_in(sentence: str, plan: _Plan) -> frozenset[str]:
    """Enough of the trigger words in `sentence` to know every trigger it holds: the longest
    starting at each place one starts, less those inside a word already found."""
    found = plan.words.findall(sentence)
    if plan.straddled.isdisjoint(found):
        return frozenset(found)
    # Search again from the next character (not after the match) to keep overlapping words.
    words: set[str] = set()
    m = plan.words.search(sentence)
    while m:
        words.add(m.group())
        m = plan.words.search(sentence, m.start() + 1)
    return frozenset(words)


_Try = tuple[_Entry, tuple[_Phrase, ...], tuple[_Phrase, ...]]


@lru_cache(maxsize=4096)
def _to_try(template: str | None, words: frozenset[str], numbered: bool, negated: bool) -> tuple[_Try, ...]:
    """The metrics a sentence holding the trigger `words` can match, in catalogue order, each
    with the number and "none" phrasings those words allow (and `_kinds` of the sentence)."""
    plan = _plan(template)
    held = frozenset().union(*(plan.inside[w] for w in words))

    def allowed(phrases: tuple[_Phrase, ...]) -> tuple[_Phrase, ...]:
        return tuple(p for p in phrases if all(not held.isdisjoint(ws) for ws in p.scanned_needs))

    out: list[_Try] = []
    for e in plan.entries:
        if e.metric.triggers and held.isdisjoint(e.metric.triggers):
            continue
        patterns = allowed(e.patterns) if numbered else ()
        zeros = allowed(e.zeros) if negated else ()
        if patterns or zeros:
            out.append((e, patterns, zeros))
    return tuple(out)


@dataclass
class _Hit:
    spec: ProseMetric
    metric: str
    value: int | float
    raw: str
    approx: bool
    quote: str
    section: str
    order: int
    preferred: bool = False  # its phrase holds one of the metric's `prefer` words
    part: bool = False  # one channel's or one group of bodies' count among others' (see _is_part)
    at: int = 0  # where its phrase starts in the sentence (`quote`)


def _summed_channels(clause: str, preferred: bool = False) -> str:
    """The clause less a leading list of channels that sums up all of them, website included
    (通过门户网站、微信等平台…, 在网站和微信平台…): what follows counts them all. A list without the
    website (通过微博、微信等新媒体平台…) counts new media only, a channel of its own. So does a
    count in all the report calls 主动公开 (`preferred`) over the website and others
    (通过政务网以及…公众号主动公开各类信息共132条, 通过官网、专栏、“某某”微信公众号等主动公开信息1668条)."""
    m = _CHANNEL_LIST.match(clause)
    if m and "网" in m.group():
        return clause[m.end():]
    if preferred and "网" in clause and (_TOTAL_WORD.search(clause) or "等" in clause
                                         or len(_CHANNEL_WORDS.findall(clause)) >= 2):
        ends = [w.end() for w in _CHANNEL_WORDS.finditer(clause)]
        if ends:
            return clause[ends[-1]:]
    return clause


def _is_part(own: str, clause: str, sentence: str, start: int, end: int, preferred: bool) -> bool:
    """Whether a count (its phrase `sentence[start:end]`; `own` its clause up to the number, less a
    list of channels summed up) is one part among others in its sentence, with no total:
    - split by 其中 right after it, it is a total (…5110条,其中…), unless split into the year's
      (…457条,其中2016年…: a running total) or into what was published (制发政府信息130件,其中主动
      公开18件: what was made);
    - after such a 其中 it is a part, but for the year's or what the report calls 主动公开
      (`preferred`) right after it (其中主动公开信息1027条, 其中2016年公开…46条; not 其中…,主动公开
      财务预决算…信息11条);
    - the first of a list of categories is a part (公开执法类信息1条、人事类文件16条、…), and so is
      the first of any list of counts unless it counts information as a whole;
    - one disclosure channel's beside another's (平台公开信息93条,政府网站公开信息508条; the corpus
      then records no total), unless the report calls it 主动公开, and the sub-bodies' beside the
      government's own (市政府主动公开…2367条,市直各部门主动公开…3666条) are parts; a count in
      all over several channels or bodies (全县各部门、各乡镇共…) is not, one channel's own total is."""
    if _SPLIT_BY_YEAR.match(sentence, end) or (not preferred and _SPLIT_INTO_PROACTIVE.match(sentence, end)):
        return True
    if not preferred and sentence.startswith("其中"):
        return True  # (…共104条。其中,…更新领导信息5条: the previous sentence's parts)
    if sentence[end:end + 4].lstrip(",:(").startswith("其中"):
        return False
    split = max(_SPLIT_AFTER_COUNT.finditer(sentence, 0, start), key=lambda m: m.start(), default=None)
    if split:
        gap = sentence[split.end():start]
        if not (_RIGHT_AFTER_SPLIT.fullmatch(gap) and (preferred or _YEAR_WORD.search(gap))):
            return True
    if sentence.startswith("、", end) and (_CATEGORY.search(sentence, start, end) or (
            _LIST_GOES_ON.match(sentence, end) and not _GENERIC_ITEMS.search(own))):
        return True
    channels = set(_DISCLOSURE_WORD.findall(own))
    if _TOTAL_WORD.search(own) and len(channels) != 1:
        return False
    if _SUB_BODIES.match(clause.lstrip()) and len(_COUNT_OF_ITEMS.findall(sentence)) >= 2:
        return True
    return not preferred and bool(channels) and len(_DISCLOSURE_COUNT.findall(sentence)) >= 2


_PUBLISHING_VERB = re.compile(r"发布|公开|推送|更新|报送|上传|公布|制作")
_TOTAL_OPENING = re.compile(r"(?:共计|合计|总计|共)")


def _topic(sentence: str) -> str:
    """The sentence's first clause with a comma, when it only names a new-media channel (二是微信
    公众号“碧谷新语”, “某某发改”微信公众号): the topic of the clauses that follow. Else "" (also
    for 以局门户网站、微信公众号为载体: with the website, they count the report's)."""
    first = sentence[:sentence.find(",") + 1]
    if (1 < len(first) <= 24 and _CHANNEL_WORDS.search(first) and not _PUBLISHING_VERB.search(first)
            and not _DISCLOSURE_WORD.search(first) and not any(c.isdigit() for c in first)):
        return first
    return ""


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding position `at` starts (a clause ends at , or :, not at the colon
    of a web address)."""
    colon = sentence.rfind(":", 0, at)
    while colon >= 0 and sentence.startswith("//", colon + 1):
        colon = sentence.rfind(":", 0, colon)
    return max(sentence.rfind(",", 0, at), colon) + 1


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, str, str]:
    """Where the clause holding [start, end) starts, that clause, and the clause before it."""
    lo = _clause_start(sentence, start)
    stop = _CLAUSE_SEP.search(sentence, end)
    hi = stop.start() if stop else len(sentence)
    prev_lo = _clause_start(sentence, lo - 1) if lo > 0 else 0
    return lo, sentence[lo:hi], sentence[prev_lo: max(lo - 1, 0)]


def _without_split(clause: str, end: int) -> str:
    """The clause less a bracket right after the match (ending at `end` in the clause) that
    splits the count by channel."""
    if clause[end:end + 1] == "(":
        return clause[:end] + _SPLIT_BRACKET.sub("", clause[end:], count=1)
    return clause


def _is_cumulative(clause: str, prev: str, before: str = "", year: int | None = None) -> bool:
    """Whether a count's clause (after `prev`, the clause before it, and `before`, all of its
    sentence before it) is a running total rather than the year's."""
    # (截至12月底已回复126件: up to the end of this year is the year's)
    # 自2016年1月1日到12月31日累计…: the year, from its first day to its last
    whole_year = bool(year) and "自" in clause and re.search(
        rf"自{year}年1月1日(?:起)?(?:到|至)(?:{year}年)?12月31日", clause) is not None
    if (not whole_year and _CUMULATIVE_WORDS.search(_YEAR_END.sub("", clause))) or _TO_DATE.search(clause):
        return True
    if "累计" not in clause:
        return False
    if whole_year or any(w in clause for w in _YEARLY) or re.search(r"20\d\d年(?!\d)", clause):
        return False
    if _CUMULATIVE_WORDS.search(prev):
        return True  # 截至2019年底,累计…
    # 2024年,…在县政府网站累计公开各类政府信息共计2698条: 累计 is "in all" when the report's
    # year leads to it with no other count between (not so in 2023年度…主动公开44件,累计…2305条)
    if year and (at := before.rfind(f"{year}年")) >= 0 and not _COUNT.search(before, at):
        return False
    # "2023年度,子长市累计办理…": a short time phrase before the clause makes it the year's,
    # unless it is the date the count runs up to (截至2019年底,累计…).
    if (len(prev) <= 10 and (any(w in prev for w in _YEARLY) or re.search(r"20\d\d年", prev))
            and not _CUMULATIVE_WORDS.search(prev)):
        return False
    return True


_COUNT = re.compile(r"\d(?:余|多)?[条件篇项个次]")
# A line that breaks before a count's number (共计发布信息 / 7435条, from a PDF's text layer):
# the sentence goes on.
# (It opens with the line break, not the look-behind, so that the regex engine jumps from one
# line break to the next instead of trying the look-behind at every character.)
_NUMBER_ON_NEXT_LINE = re.compile(r"\n(?<=[^\s。;!?:,]\n)\n*(?=\d+(?:\.\d+)?(?:余|多)?[条件篇项个份次])")
_NEW_THIS_YEAR = re.compile(r"(?:本年度?|当年|今年|全年)新增")
_YEAR_NAMED = re.compile(r"(?<!\d)(20\d\d)年(?:度)?(?![\d月])")


def _other_year(clause: str, prev: str, year: int) -> bool:
    """Whether a count's clause up to it, or the short time phrase before it (2010年,我镇…), dates it to
    years other than the report's (a bare year, not a date: 2019年1月1日 is the statistics
    period)."""
    text = clause + prev if len(prev) <= 10 else clause
    if "年" not in text:
        return False
    named = {int(y) for y in _YEAR_NAMED.findall(text)}
    return bool(named) and year not in named


_COUNT_UNITS = frozenset("件条宗项个份篇次人名")


def _number_ok(sentence: str, m: re.Match[str]) -> bool:
    start, end = m.span("n")
    after = sentence[end: end + 2]
    before = sentence[max(0, start - 1): start]
    if after[:1] in ("%", "‰", "年", "月", "日", "号", "-") or before in ("〔", "[", "第", "-"):
        return False
    if before == "(" and after[:1] not in _COUNT_UNITS:  # (2019), (3); not (1件属自然人申请,…)
        return False
    # the report's own outline (…等九个部分, 共六个方面), not a count
    return not sentence.startswith(("个部分", "个方面", "部分组成", "个环节", "个步骤"), end)


def extract_prose(sections: list[Section], template: str | None, year: int | None = None) -> list[Figure]:
    """The prose figures of a report's sections. With the report's statistics `year`, a count
    the sentence dates to another year (此外,2010年我镇…公开各类政府信息24余条, in 2009's
    report) is not taken for the year's."""
    plan = _plan(template)
    hits: list[_Hit] = []
    for section in sections:
        if not _HAS_FIGURE_HINT.search(section.text):
            continue
        # Most sentences hold no sign of a figure and go no further. (Tested before stripping:
        # what the stripped sentence holds, the raw one holds too.)
        if "\n" in section.text:
            joined = _NUMBER_ON_NEXT_LINE.sub("", section.text)
            if joined != section.text:
                section = Section(section.key, section.heading, joined)
        for raw in filter(plan.hint.search, _SENTENCE.findall(section.text)):
            numbered, negated = _kinds(raw, plan)
            if not numbered and not negated:
                continue
            sentence = raw.strip()
            if not sentence or "|" in sentence:
                continue
            words = _words_in(sentence, plan)
            if not words and not plan.untriggered:
                continue
            for entry, patterns, zeros in _to_try(template, words, numbered, negated):
                _match(entry, patterns, zeros, sentence, section, hits, raw, year)
    return _choose(hits)


_NONE_COUNT = re.compile(r"(?:案件|案)?(?:共|为)?[0零](?:件|宗|起|个|项)")


def _in_context(spec: ProseMetric, text: str) -> bool:
    """Whether the last of the metric's context words in `text` (what precedes the number in its
    sentence) is one of `context`, not one of `context_not`."""
    last = max((text.rfind(w) for w in spec.context), default=-1)
    if last < 0:
        return False
    for w in spec.context_not:
        at = text.rfind(w)
        # 行政复议5宗、行政诉讼0宗，其中2宗维持…: none of the other kind, so not theirs
        if at > last and not _NONE_COUNT.match(text, at + len(w)):
            return False
    return True


def _before(section: Section, raw: str, previous: bool = False) -> str:
    """The earlier pieces of the sentence piece `raw`, when a ; cut its sentence, or with
    `previous` the sentence before it too (found again in the section's text: only needed once
    a pattern matched)."""
    text = section.text
    at = text.find(raw)
    if at <= 0:
        return ""
    start = max(text.rfind(c, 0, at - 1 if previous else at) for c in "。!?\n") + 1
    return text[start:at]


def _match(entry: _Entry, patterns: tuple[_Phrase, ...], zeros: tuple[_Phrase, ...], sentence: str,
           section: Section, hits: list[_Hit], raw: str = "", year: int | None = None) -> None:
    """Append the metric's hits in `sentence` (`raw` as cut from the section's text): its stated
    numbers, else a "none" phrase."""
    spec = entry.metric
    key = section.key
    if entry.exclude_sentence and entry.exclude_sentence.search(sentence):
        return
    found = False
    for phrase in patterns:
        if not phrase.may_match(sentence):
            continue
        for m in phrase.regex.finditer(sentence):
            if not _number_ok(sentence, m):
                continue
            lo, clause, prev = _clause_bounds(sentence, m.start(), m.end())
            # "通过网站、微信等平台公开…": a list of channels summed up by 等 is the total
            # (法定主动公开信息665篇 names a category of what was published, not the total;
            # 主动公开人事任免、…等重点领域信息1308条 a subset, beside 年内公开政府信息2715条)
            preferred = (bool(spec.prefer) and any(w in m.group(0) for w in spec.prefer)
                         and not sentence[max(0, m.start() - 2): m.start()].endswith("法定")
                         and not _CATEGORY_LIST.search(m.group(0)))
            own = _without_split(clause, m.end() - lo)
            if sentence.startswith("、", m.end()):
                own = clause[:m.end() - lo]  # 主动公开…368条、依申请公开…4条: the list's next item is not its
            if lo and not _DISCLOSURE_WORD.search(own):
                own = _topic(sentence) + own  # 二是微信公众号“碧谷新语”,…,全年发布信息720篇: the channel's
                if _TOTAL_OPENING.match(own) and not _DISCLOSURE_WORD.search(prev):
                    own = prev + "," + own  # 在微信公众平台群发信息51次,共计发送153条信息
            if entry.exclude and entry.exclude.search(_summed_channels(own, preferred)):
                continue
            before = sentence[:lo]
            if "累计" in clause and year and not before:
                before = _before(section, raw, previous=True)  # 2017年度,我单位…。我单位累计…45条
            if not spec.stock and _is_cumulative(clause, prev, before, year):
                continue
            # 2020年累计主动公开政府信息275条,…其中,本年度新增的…32条: the year's is the new ones (so
            # too 截至2012年12月30日,…共主动公开政府信息615条,今年新增94条)
            if ("累计" in clause or _CUMULATIVE_WORDS.search(prev)) and _NEW_THIS_YEAR.search(sentence, lo + len(clause)):
                continue
            # (a sentence that opens with 其中 goes on from the one before it)
            if spec.context and not _in_context(spec, _before(section, raw, previous=sentence.startswith("其中"))
                                                + sentence[:m.start("n")]):
                continue
            start = m.start("n")
            if year and not spec.stock and _other_year(sentence[_clause_start(sentence, start):start], prev, year):
                continue
            num = parse_number(m.group("n"))
            if num is None:
                continue
            # (主动公开公文3份、工作目标信息1条: a later item of a list, not the phrase's own count)
            if spec.pick == "max" and _COUNT_IN_PHRASE.search(sentence, m.start(), start):
                continue
            part = spec.pick == "max" and _is_part(_summed_channels(clause[:start - lo]), clause, sentence,
                                                   m.start(), m.end(), preferred)
            hits.append(_Hit(entry.metric, entry.name, num.value, num.raw, num.approx, sentence, key,
                             len(hits) + 1, preferred, part, m.start()))
            found = True
    if not found:
        for phrase in zeros:
            m = phrase.regex.search(sentence) if phrase.may_match(sentence) else None
            if m:
                hits.append(_Hit(entry.metric, entry.name, 0, m.group(0), False, sentence, key, len(hits) + 1,
                                 at=m.start()))
                break


QUOTE_CHARS = 300


def _quote(sentence: str, at: int) -> str:
    """The figure's sentence, or of a longer one the part around its phrase (starting at `at`),
    so that the quote always shows what was read."""
    if len(sentence) <= QUOTE_CHARS:
        return sentence
    start = max(0, min(at - QUOTE_CHARS // 3, len(sentence) - QUOTE_CHARS))
    return sentence[start:start + QUOTE_CHARS]


def _choose(hits: list[_Hit]) -> list[Figure]:
    best: dict[tuple[str, str], _Hit] = {}
    for h in hits:
        if h.part:
            continue
        key = (h.metric, h.spec.breakdown)
        cur = best.get(key)
        if cur is None:
            best[key] = h
        elif h.spec.pick == "max" and (h.preferred, h.value) > (cur.preferred, cur.value):
            best[key] = h
        elif cur.value == 0 and h.value != 0 and cur.raw and not cur.raw[0].isdigit():
            best[key] = h  # a number stated later beats an earlier "none" phrase
    out = []
    for h in sorted(best.values(), key=lambda h: h.order):
        out.append(Figure(metric=h.metric, value=h.value, unit=h.spec.unit, raw=h.raw, source="text",
                          quote=_quote(h.quote, h.at), section=h.section, approx=h.approx, breakdown=h.spec.breakdown))
    return out

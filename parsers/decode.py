"""Bytes → text: find the encoding a report page or text file was written in.

Order of evidence: byte-order mark, HTTP Content-Type charset, the page's own declaration
(`<meta charset>`, `<meta http-equiv=content-type>`, `<?xml encoding?>`), then detection.

Chinese government sites often *lie* about their charset (a template says utf-8 while the CMS
writes GBK, or an old TRS template says gb2312 around UTF-8 content; error pages say iso-8859-1).
So no declaration is trusted on its word: a declared charset is used only if a strict decode
succeeds *and* the result reads like Chinese text rather than mojibake (`looks_like_text`).
"""

from __future__ import annotations

import codecs
import re

from parsers.model import ParseError

# GB2312 and GBK are subsets of GB18030; decoding with the superset never loses a page that
# uses a GBK-only or GB18030-only character (common in personal and place names), and a page
# labelled gb2312 almost always really is GBK.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "gb_2312", "euc-cn", "euccn", "ms936",
              "windows-936", "csgb2312", "iso-ir-58", "chinese", "gb18030", "hz-gb-2312"}

# WHATWG maps these labels to windows-1252; Python's latin-1 would silently accept any bytes.
_LATIN_FAMILY = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1", "cp819",
                 "windows-1252", "cp1252"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # must precede UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),
)

_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
# One regex for both `<meta charset=x>` and `<meta http-equiv=... content="text/html; charset=x">`,
# run on the ASCII-decoded head of the bytes (the declaration must be ASCII-compatible anyway).
_META_CHARSET = re.compile(rb"<meta[^>]{0,400}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.I)
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|meta|body|p|div|table|span|\?xml)\b", re.I)


def _build_common_set() -> str:
    """The 3755 level-1 hanzi of GB2312 (lead bytes B0–D7): by design the most frequent
    characters of modern Chinese, covering well over 99% of running government prose. Derived
    from the codec at import, so no data file is needed."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # D7FA–D7FE are unassigned
    # Traditional-script reports exist (Hong Kong/Taiwan-style pages and converted copies): add
    # Big5 level 1 (常用字, A440–C67E), the traditional counterpart of the same idea.
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break
            try:
                chars.append(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return "".join(sorted(set(chars)))


_COMMON_HANZI = _build_common_set()
# Characters that genuine Chinese web text is made of besides ASCII: common hanzi, CJK and
# full-width punctuation, typographic quotes/dashes, nbsp, the ideographic space, circled and
# roman numerals used in headings. Mojibake (UTF-8 read as GBK, GBK read as Latin-1, Big5 read
# as GBK) lands mostly outside this set: rare level-2 hanzi, GBK extension hanzi, Latin-1
# letters, private-use and box-drawing characters.
_GOOD_CLASS = (
    re.escape(_COMMON_HANZI)
    + "\u3000-\u303f\uff00-\uffef\u2010-\u203b\u00a0\u00b7\u00d7\u00f7\u2160-\u217f\u2460-\u24ff"
    + "\u25a0-\u25ff\u2190-\u21ff\u2212\u2030\u2103\u00b0\u00b1\u00a7\u3200-\u32ff\ufeff"
)
# Counting the *bad* characters with one negated class is ~3x faster than counting good and
# non-ASCII ones separately (this runs on every page).
_BAD = re.compile("[^\x00-\x7f" + _GOOD_CLASS + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

_SAMPLE = 200_000  # characters looked at when judging; enough to judge, bounded for 50 MB inputs


def _too_many_controls(sample: str) -> bool:
    if not _CONTROL.search(sample):  # the usual case, decided without counting
        return False
    return len(_CONTROL.findall(sample)) > max(3, len(sample) // 200)


def looks_like_text(text: str, *, mojibake_check: bool = True) -> bool:
    """True when `text` reads like (Chinese or ASCII) text, not mojibake or binary."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    if _too_many_controls(sample):
        return False
    if not mojibake_check:
        return True
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii == 0:
        return True
    bad = len(_BAD.findall(sample))
    # 20% leaves room for level-2 hanzi in names and for stray symbols; UTF-8-as-GBK mojibake
    # has ~50-70% bad characters and GBK-as-Latin-1 100%.
    return bad <= 0.2 * non_ascii


def normalize_label(label: str) -> str | None:
    """Map a declared charset label to a Python codec name (GB family → gb18030), or None."""
    name = label.strip().strip("\"'").lower()
    if not name:
        return None
    if name in _GB_FAMILY:
        return "gb18030"
    if name in _LATIN_FAMILY:
        return "cp1252"
    if name in ("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    if name in ("big5-hkscs", "x-x-big5", "cn-big5", "csbig5"):
        return "big5hkscs" if name == "big5-hkscs" else "big5"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    """Strict decode; a multi-byte character cut off by truncation at the very end is dropped
    rather than failing the whole page (the corpus has pages truncated mid-word)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 4 and e.start > 0:
            try:
                return data[: e.start].decode(encoding)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    text = _strict(data, encoding)
    # Bytes in another encoding practically never form valid UTF-8 beyond a few characters
    # (continuation bytes are too constrained), so a strict UTF-8 decode needs only the binary
    # check; the permissive legacy codecs (GB18030 accepts most byte pairs) need the mojibake
    # check too. Skipping it for UTF-8 saves ~0.3 ms on every page.
    if text is not None and looks_like_text(text, mojibake_check=encoding not in ("utf-8", "utf-8-sig")):
        return text
    return None


def declared_charsets(data: bytes, content_type: str | None = None) -> list[str]:
    """Charsets the transport and the document declare, in order of precedence, normalized."""
    out: list[str] = []
    if content_type:
        m = _CT_CHARSET.search(content_type)
        if m:
            enc = normalize_label(m.group(1))
            if enc:
                out.append(enc)
    head = data[:8192]
    if _MARKUP.search(head):
        for rx in (_META_CHARSET, _XML_ENCODING):
            m = rx.search(head)
            if m:
                enc = normalize_label(m.group(1).decode("ascii", "replace"))
                if enc and enc not in out:
                    out.append(enc)
    return out


def decode_bytes(data: bytes, *, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page or text file. Returns (text, encoding used, as a Python codec name).

    Raises ParseError for empty input or bytes that are not text in any plausible encoding."""
    if not data:
        raise ParseError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is not None:
                return text.lstrip("\ufeff"), enc.replace("-sig", "")
            break  # a BOM followed by garbage: fall through to detection
    for enc in declared_charsets(data, content_type):
        text = _try(data, enc)
        if text is not None:
            return text, enc
    # Detection. UTF-8 and GB18030 are tried by hand first: they are nearly all of what Chinese
    # sites serve, UTF-8 validity is a near-certain signal, and charset-normalizer is both slow
    # on large pages and prone to answer big5/cp949/shift_jis for short GBK snippets.
    for enc in ("utf-8", "gb18030"):
        text = _try(data, enc)
        if text is not None:
            return text, enc
    if data.count(b"\x00") > len(data) // 8:
        # UTF-16 without BOM (Windows "Unicode" text exports); otherwise NULs mean binary.
        for enc in ("utf-16-le", "utf-16-be"):
            text = _try(data, enc)
            if text is not None:
                return text, enc
        raise ParseError("binary data, not text (many NUL bytes)")
    from charset_normalizer import from_bytes  # imported lazily: only the rare pages need it

    best = from_bytes(data[:1_000_000]).best()
    if best is not None:
        enc = normalize_label(best.encoding) or best.encoding
        text = _try(data, enc)
        if text is not None:
            return text, enc
    # Last resort: the least-damaged lenient decode, if it is text at all.
    candidates = []
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        candidates.append((text.count("\ufffd"), enc, text))
    bad, enc, text = min(candidates)
    if bad > max(8, len(text) // 50) or _too_many_controls(text[:_SAMPLE]):
        raise ParseError("binary data, not text (no encoding decodes it)")
    return text, enc

"""parsers.decode: bytes → text, with lying charset declarations (fixtures built from real report
text by tests/fixtures/formats/make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.decode import declared_charsets, decode_bytes, looks_like_text, normalize_label
from parsers.model import ParseError

FIX = Path(__file__).parent / "fixtures" / "formats"
REPORT = (FIX / "fragment_001.html").read_text(encoding="utf-8")
SENTENCE = "本年度报告中所列数据统计期限从2019年1月1日到12月31日止。"


def test_plain_utf8() -> None:
    text, enc = decode_bytes(REPORT.encode("utf-8"))
    assert enc == "utf-8" and text == REPORT


def test_undeclared_gbk_is_decoded_as_gb18030() -> None:
    text, enc = decode_bytes(REPORT.encode("gbk"))
    assert enc == "gb18030" and text == REPORT


def test_meta_says_utf8_but_page_is_gbk() -> None:
    data = (FIX / "trs_gbk_lying_meta.html").read_bytes()
    assert declared_charsets(data) == ["utf-8"]
    text, enc = decode_bytes(data)
    assert enc == "gb18030"
    assert "2019年上海市人民政府办公厅政府信息公开工作年度报告" in text
    assert text == data.decode("gbk")


def test_meta_says_gb2312_but_page_is_utf8() -> None:
    data = (FIX / "trs_utf8_says_gb2312.html").read_bytes()
    assert declared_charsets(data) == ["gb18030"]  # the gb2312 label, widened
    text, enc = decode_bytes(data)
    assert enc == "utf-8"
    assert text == data.decode("utf-8")


def test_header_lies_meta_tells_truth() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    data = (page + "<body><p>" + SENTENCE + "</p></body></html>").encode("gbk")
    text, enc = decode_bytes(data, content_type="text/html; charset=UTF-8")
    assert enc == "gb18030" and SENTENCE in text


def test_error_page_charset_iso_8859_1_is_not_trusted_for_chinese() -> None:
    data = ("<p>" + SENTENCE + "</p>").encode("gbk")
    text, enc = decode_bytes(data, content_type="text/html; charset=iso-8859-1")
    assert enc == "gb18030" and SENTENCE in text


def test_truthful_header_wins() -> None:
    data = SENTENCE.encode("gb18030")
    assert decode_bytes(data, content_type="text/plain; charset=GBK") == (SENTENCE, "gb18030")


def test_gb18030_only_characters_survive_a_gb2312_label() -> None:
    # 䶮 (U+4DAE, CJK ext. A, a character in personal names) is outside GB2312 and GBK.
    text = "<meta charset=gb2312><p>龑䶮同志负责政府信息公开工作。" + SENTENCE + "</p>"
    got, enc = decode_bytes(text.encode("gb18030"))
    assert enc == "gb18030" and got == text


@pytest.mark.parametrize("bom_codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(bom_codec: str) -> None:
    text, _ = decode_bytes(SENTENCE.encode(bom_codec))
    assert text == SENTENCE


def test_utf16_without_bom() -> None:
    assert decode_bytes(SENTENCE.encode("utf-16-le"))[0] == SENTENCE


def test_gb18030_bom() -> None:
    data = b"\x84\x31\x95\x33" + SENTENCE.encode("gb18030")
    assert decode_bytes(data) == (SENTENCE, "gb18030")


def test_truncated_mid_character_keeps_the_rest() -> None:
    data = SENTENCE.encode("utf-8")[:-2]  # cut inside the final 。
    text, enc = decode_bytes(data)
    assert enc == "utf-8" and text == SENTENCE[:-1]


def test_traditional_big5_text() -> None:
    text, enc = decode_bytes((FIX / "traditional_039_big5.txt").read_bytes())
    assert enc == "big5"
    assert "政府信息公開" in text and "年度報告" in text


def test_empty_is_an_error() -> None:
    with pytest.raises(ParseError, match="empty file"):
        decode_bytes(b"")


def test_binary_junk_is_an_error() -> None:
    import random

    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(20000))
    with pytest.raises(ParseError, match="binary"):
        decode_bytes(junk)
    with pytest.raises(ParseError, match="binary"):
        decode_bytes(b"\x00\x00\x01\x02\x03" * 1000)


def test_mojibake_is_recognised() -> None:
    assert looks_like_text(REPORT)
    assert not looks_like_text(REPORT.encode("utf-8").decode("gb18030", errors="replace"))
    assert not looks_like_text(REPORT.encode("gbk").decode("latin-1"))
    assert not looks_like_text(REPORT.encode("gbk").decode("big5", errors="replace"))
    assert looks_like_text("plain ASCII only")


def test_labels() -> None:
    assert normalize_label("GB2312") == "gb18030"
    assert normalize_label('"gbk"') == "gb18030"
    assert normalize_label("UTF8") == "utf-8"
    assert normalize_label("ISO-8859-1") == "cp1252"
    assert normalize_label("no-such-charset") is None
    assert declared_charsets(b"<?xml version='1.0' encoding='GB2312'?><datastore/>") == ["gb18030"]
    assert declared_charsets(b"plain text mentioning charset=utf-8") == []


def test_corrupt_byte_in_gbk_page_costs_one_character() -> None:
    data = bytearray(("<meta charset=gb2312>" + REPORT).encode("gbk"))
    i = data.find("一、总体情况".encode("gbk"))
    data[i + 1] = 0x20  # a broken trail byte: strict decoding fails everywhere
    text, enc = decode_bytes(bytes(data))
    assert enc == "gb18030"
    assert text.count("\ufffd") == 1 and "、总体情况" in text
    assert "2019年上海市人民政府办公厅政府信息公开工作年度报告" in text

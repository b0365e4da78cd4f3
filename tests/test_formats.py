"""parsers.formats: every input format → Document, and bad input → a one-line ParseError.
Fixtures are real report text (shared/corpus) in each format, built by make_fixtures.py."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from parsers.formats import read_document, sniff_format
from parsers.model import Grid, Paragraph, ParseError

FIX = Path(__file__).parent / "fixtures" / "formats"
TITLE = "2019年上海市人民政府办公厅政府信息公开工作年度报告"
FRAGMENT = (FIX / "fragment_001.html").read_bytes()


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def grids(doc) -> list[Grid]:
    return [b for b in doc.blocks if isinstance(b, Grid)]


# ------------------------------------------------------------------------------ dispatch


@pytest.mark.parametrize("name", ["r.html", "r.htm", "r.shtml", "r.jhtml", "R.HTML", "-", None,
                                  "http://www.example.gov.cn/art/2020/1/31/art_1229_5903.html?from=list"])
def test_html_by_suffix_or_sniffing(name: str | None) -> None:
    doc = read_document(FRAGMENT, filename=name)
    assert doc.meta["format"] == "html"
    assert len(grids(doc)) == 3


def test_corpus_page_quick_check() -> None:
    doc = read_document(FRAGMENT, filename="001.html")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.count("Grid") == 3 and kinds.count("Paragraph") == 36
    t2, t3, t4 = grids(doc)
    assert next(r for r in t2.rows if r[0] == "行政许可") == ["行政许可", "0", "0", "0", "0"]
    assert len(t3.rows[0]) == 10 and 24 <= len(t3.rows) <= 27
    assert sum(v is not None for v in t4.rows[-1]) == 6 and len(t4.rows[-1]) == 15


def test_magic_beats_suffix() -> None:
    pdf = (FIX / "report.pdf").read_bytes()
    assert read_document(pdf, filename="report.html").meta["format"] == "pdf"
    assert sniff_format((FIX / "report.docx").read_bytes(), filename=None) == "docx"


def test_download_script_url_uses_filename_parameter() -> None:
    with pytest.raises(ParseError, match=r"\.doc"):
        read_document("不是文档".encode(), filename="http://www.hzft.gov.cn/module/download/downfile.jsp?classid=0&filename=fb6f.doc")
    pdf = (FIX / "report.pdf").read_bytes()
    doc = read_document(pdf, filename="http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=fb6f.pdf")
    assert doc.meta["format"] == "pdf"


def test_content_type_hint() -> None:
    text = "一、总体情况\n<b>不是标签</b>的一行".encode()
    assert read_document(text, filename="-", content_type="text/plain; charset=utf-8").meta["format"] == "text"
    assert read_document(b"<p>\xe6\x94\xbf\xe5\xba\x9c</p>", content_type="text/html").meta["format"] == "html"


# ---------------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("name", ["trs_gbk_lying_meta.html", "trs_utf8_says_gb2312.html", "hanweb.html",
                                  "layout_table.html", "word_pasted.html"])
def test_cms_pages_give_the_same_report(name: str) -> None:
    want = read_document(FRAGMENT, filename="001.html")
    doc = read_document((FIX / name).read_bytes(), filename=name)
    assert texts(doc) == texts(want)
    assert [g.rows for g in grids(doc)] == [g.rows for g in grids(want)]
    assert doc.title == TITLE


def test_html_reports_encoding() -> None:
    doc = read_document((FIX / "trs_gbk_lying_meta.html").read_bytes(), filename="t.html")
    assert doc.meta["encoding"] == "gb18030" and doc.meta["PubDate"] == "2020-01-31 10:00"


def test_truncated_html_gives_what_could_be_read() -> None:
    data = (FIX / "hanweb.html").read_bytes()
    cut = data[: data.index("（二）依申请公开方面".encode()) + 7]  # mid-character, mid-tag
    doc = read_document(cut, filename="t.html")
    assert texts(doc)[0] == TITLE and "（一）主动公开方面" in texts(doc)


def test_huge_page_finishes() -> None:
    # ~21 MB: above the 20 MB mark where only linear work is acceptable (no timing asserted).
    body = FRAGMENT.decode("utf-8")
    page = ('<html><head><meta charset="gbk"></head><body><div class="nav"><a href="/">首页</a></div>'
            '<div class="TRS_Editor">' + body * 680 + "</div></body></html>").encode("gbk")
    assert len(page) > 20_000_000
    doc = read_document(page, filename="big.html")
    assert len(grids(doc)) == 3 * 680


# ---------------------------------------------------------------------------------- text


def test_text_lines_kept_exactly() -> None:
    data = (FIX / "pipes_015.txt").read_bytes()
    doc = read_document(data, filename="015.txt")
    raw = [line.rstrip() for line in data.decode("utf-8").splitlines() if line.strip()]
    assert texts(doc) == raw
    assert texts(doc)[0].startswith("卓尼县人民政府2020年度政府信息公开工作年度报告 | |||")
    assert "|" in texts(doc)


def test_text_whitespace_rules() -> None:
    data = "城口县人民政府机关 \n\n  （一）缩进保留\t\r\n| 项目 | 数量 |\n   \n最后一行".encode("gb18030")
    doc = read_document(data, filename="a.txt")
    assert texts(doc) == ["城口县人民政府机关", "  （一）缩进保留", "| 项目 | 数量 |", "最后一行"]
    assert doc.meta["encoding"] == "gb18030"


def test_gbk_text_file() -> None:
    doc = read_document((FIX / "plain_003_gbk.txt").read_bytes(), filename="003.txt")
    assert texts(doc)[:2] == ["城口县人民政府机关", "2020年政府信息公开工作年度报告"]
    assert doc.title == "2020年政府信息公开工作年度报告"


# ---------------------------------------------------------------------------------- DOCX


def test_docx_order_merges_and_title() -> None:
    doc = read_document((FIX / "report.docx").read_bytes(), filename="report.docx")
    want = read_document(FRAGMENT, filename="001.html")
    assert doc.meta["format"] == "docx"
    assert doc.title == TITLE and doc.meta["author"] == "上海市人民政府办公厅"
    assert [type(b).__name__ for b in doc.blocks] == [type(b).__name__ for b in want.blocks]
    assert texts(doc) == texts(want)
    t2, t3, t4 = grids(doc)
    # gridSpan and vMerge expand exactly as the HTML colspan/rowspan did.
    assert [g.rows for g in (t2, t3, t4)] == [g.rows for g in grids(want)]
    row = next(i for i, r in enumerate(t3.rows) if r[2] == "1.属于国家秘密")
    assert t3.rows[row][:2] == ["三、本年度办理结果", "（三）不予公开"]
    assert t3.cell_ids[row][0] == t3.cell_ids[row + 1][0]  # one merged cell
    assert t2.rows[1][1] == "本年新制作数量"  # the cell's two lines joined without a space


def test_docx_vmerge_continue_without_restart() -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for r in range(2):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    # A bare continue with nothing above it (seen in converted files) stays a plain cell.
    tcpr = t.cell(0, 1)._tc.get_or_add_tcPr()
    vm = tcpr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}vMerge", {})
    tcpr.append(vm)
    buf = io.BytesIO()
    d.save(buf)
    grid = grids(read_document(buf.getvalue(), filename="x.docx"))[0]
    assert grid.rows == [["00", "01", "02"], ["10", "11", "12"]]


def test_docx_text_box_read_once_and_line_breaks() -> None:
    import docx
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    d = docx.Document()
    p = d.add_paragraph("一、总体情况")
    # Word stores a text box twice: DrawingML (mc:Choice) and a VML copy (mc:Fallback).
    p._p.append(etree.fromstring(
        f'<w:r xmlns:w="{w}" xmlns:mc="{mc}"><mc:AlternateContent><mc:Choice Requires="wps"><w:t>（框）</w:t>'
        "</mc:Choice><mc:Fallback><w:t>（框）</w:t></mc:Fallback></mc:AlternateContent></w:r>"))
    p2 = d.add_paragraph("第一行")
    p2.add_run().add_break()
    p2.add_run("第二行")
    buf = io.BytesIO()
    d.save(buf)
    assert texts(read_document(buf.getvalue(), filename="a.docx")) == ["一、总体情况（框）", "第一行", "第二行"]


def test_template_leftover_title_is_not_the_title() -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = "Microsoft Word - 附件1.docx"
    d.add_paragraph("城口县人民政府机关")
    d.add_paragraph("2020年政府信息公开工作年度报告")
    buf = io.BytesIO()
    d.save(buf)
    doc = read_document(buf.getvalue(), filename="附件1.docx")
    assert doc.title == "2020年政府信息公开工作年度报告"
    assert doc.meta["title"] == "Microsoft Word - 附件1.docx"


def test_broken_docx() -> None:
    data = (FIX / "report.docx").read_bytes()
    with pytest.raises(ParseError):
        read_document(data[: len(data) // 2], filename="report.docx")
    with pytest.raises(ParseError, match="not a .docx"):
        read_document(b"hello", filename="report.docx")


# ----------------------------------------------------------------------------------- PDF


def test_pdf_text_layer() -> None:
    doc = read_document((FIX / "report.pdf").read_bytes(), filename="report.pdf")
    lines = [t.strip() for t in texts(doc)]
    assert doc.meta["format"] == "pdf" and doc.meta["pages"] == "2"
    assert doc.title == TITLE
    assert lines[0] == TITLE and lines[1] == "发布日期：2020-01-31"
    assert "一、总体情况" in lines
    # A table row keeps its cells on one line; the column gaps become `|`, the shape the
    # table stage reads for flattened grids.
    rows = [[c.strip() for c in t.split("|")] for t in texts(doc)]
    assert ["5", "0", "0", "2", "7", "8"] in rows
    assert ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"] in rows
    assert all(t == t.strip() for t in texts(doc))


def test_pdf_from_a_real_producer() -> None:
    # LibreOffice's PDF of report.docx: embedded CJK subset font, ruled tables, 7 pages.
    doc = read_document((FIX / "report_libreoffice.pdf").read_bytes(), filename="r.pdf")
    lines = texts(doc)
    assert int(doc.meta["pages"]) >= 5
    assert lines[0].strip().replace(" ", "") == TITLE
    rows = [[c.strip() for c in t.split("|")] for t in lines]
    assert ["规章", "13", "13", "524"] in rows
    assert ["行政许可", "0", "0", "0"] in rows
    assert ["5", "2", "7", "8", "1", "9"] in rows
    row = next(t for t in lines if t.startswith("一、本年新收"))
    assert [c.strip() for c in row.split("|")][1:] == ["821", "35", "2", "1", "859"]
    # prose lines wrapped at the page width are joined again, gaps and stray quotes removed
    assert any("共受理政府信息公开申请 859件,申请数量较去年回落" in t.replace("，", ",") for t in lines)


def test_scanned_pdf_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match=r"PDF has no text layer \(scanned image\?\).*OCR is not supported") as e:
        read_document((FIX / "scanned.pdf").read_bytes(), filename="scanned.pdf")
    assert "\n" not in str(e.value)


def test_scan_with_watermark_text_is_still_a_scan() -> None:
    # Scanner apps stamp a line of text on each page; that is not a text layer.
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIX / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    mf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mf)
    pdf = mf.make_pdf([[(300, 20, "扫描全能王 创建"), (290, 40, "- 1 -")], [(300, 20, "扫描全能王 创建")]])
    with pytest.raises(ParseError, match="no text layer"):
        read_document(pdf, filename="scan.pdf")


def _encrypted(user: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(FIX / "report.pdf"))
    w.encrypt(user_password=user, owner_password="owner-secret", algorithm=algorithm)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_encrypted_pdf_needs_password() -> None:
    with pytest.raises(ParseError, match="password"):
        read_document(_encrypted("secret", "RC4-128"), filename="x.pdf")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_permissions_only_pdf_opens(algorithm: str) -> None:
    doc = read_document(_encrypted("", algorithm), filename="x.pdf")
    assert texts(doc)[0].strip() == TITLE


def test_broken_pdf() -> None:
    data = (FIX / "report.pdf").read_bytes()
    with pytest.raises(ParseError):
        read_document(b"%PDF-1.4\n1 0 obj << /Type /Catalog", filename="x.pdf")
    with pytest.raises(ParseError, match="not a PDF"):
        read_document(b"<html>oops</html>", filename="x.pdf")
    # Cut before the first page's text: nothing readable is left.
    with pytest.raises(ParseError):
        read_document(data[:300], filename="x.pdf")


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("data", [b"", b"   \r\n\t "])
def test_empty(data: bytes) -> None:
    with pytest.raises(ParseError, match="^empty file$"):
        read_document(data, filename="x.html")


def test_binary_junk() -> None:
    rng = random.Random(1)
    junk = bytes(rng.randrange(256) for _ in range(50_000))
    for name in ("x.html", "x.txt", None):
        with pytest.raises(ParseError, match="binary"):
            read_document(junk, filename=name)


# ------------------------------------------------------------------------ .doc (Word 97)


def test_doc_binary_word_matches_docx() -> None:
    # report.doc is LibreOffice's "MS Word 97" export of report.docx (make_fixtures.py).
    doc = read_document((FIX / "report.doc").read_bytes(), filename="report.doc")
    want = read_document((FIX / "report.docx").read_bytes(), filename="report.docx")
    assert doc.meta["format"] == "doc" and doc.title == TITLE
    assert [type(b).__name__ for b in doc.blocks] == [type(b).__name__ for b in want.blocks]
    assert texts(doc) == texts(want)
    # Merged cells (sprmTDefTable boundaries, vertical-merge flags) expand as in DOCX/HTML.
    assert [g.rows for g in grids(doc)] == [g.rows for g in grids(want)]


def test_doc_sniffed_from_download_url() -> None:
    data = (FIX / "report.doc").read_bytes()
    doc = read_document(data, filename="http://www.hzft.gov.cn/module/download/downfile.jsp?classid=0&filename=fb6f.doc")
    assert doc.meta["format"] == "doc" and len(grids(doc)) == 3
    assert read_document(data, filename=None).meta["format"] == "doc"


def _word_document_offset(data: bytes) -> int:
    """Where the WordDocument stream starts in the compound file (its FIB begins with wIdent
    0xA5EC at a 512-byte sector boundary)."""
    for off in range(512, len(data), 512):
        if data[off:off + 2] == b"\xec\xa5":
            return off
    raise AssertionError("no FIB found")


def test_encrypted_doc() -> None:
    data = bytearray((FIX / "report.doc").read_bytes())
    off = _word_document_offset(bytes(data))
    data[off + 0x0A] |= 0x01  # fEncrypted (bit 8 of the flags word, little-endian high byte)
    data[off + 0x0B] |= 0x01
    with pytest.raises(ParseError, match="encrypted .doc"):
        read_document(bytes(data), filename="x.doc")


@pytest.mark.parametrize("name", ["report.doc", "report.wps", None])
def test_broken_ole(name: str | None) -> None:
    # The OLE2 compound-file header that .doc/.wps/.xls files start with, and nothing usable.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482
    with pytest.raises(ParseError, match="broken .doc|convert it to .docx"):
        read_document(ole, filename=name)
    data = (FIX / "report.doc").read_bytes()
    with pytest.raises(ParseError):
        read_document(data[:4096], filename=name)


def test_html_or_rtf_named_doc() -> None:
    # Word's "save as web page" output served as .doc: read as the HTML it is.
    doc = read_document((FIX / "word_pasted.html").read_bytes(), filename="report.doc")
    assert doc.meta["format"] == "html" and len(grids(doc)) == 3
    with pytest.raises(ParseError, match="RTF"):
        read_document(b"{\\rtf1\\ansi\\ansicpg936 report}", filename="report.doc")
    with pytest.raises(ParseError, match="convert it to .docx"):
        read_document("只是一些文字".encode(), filename="report.wps")
    with pytest.raises(ParseError, match="spreadsheets"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, filename="table.xls")


def test_other_containers_named() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ParseError, match="spreadsheets"):
        read_document(buf.getvalue(), filename="a.xlsx")
    with pytest.raises(ParseError, match="PNG image"):
        read_document(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, filename="a.png")
    with pytest.raises(ParseError, match="RTF"):
        read_document(b"{\\rtf1\\ansi hello}", filename=None)

"""The shared real corpus (copied into tests/fixtures/corpus): every hand-checked figure and the
region, year and template of every report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers import parse_path

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
CASES = sorted(
    (meta, next(p for p in CORPUS.glob(meta.stem + ".*") if p.suffix != ".json"))
    for meta in CORPUS.glob("*.json")
)


@pytest.mark.parametrize("meta,doc", CASES, ids=[d.name for _, d in CASES])
def test_gold(meta: Path, doc: Path) -> None:
    gold = json.loads(meta.read_text(encoding="utf-8"))["gold"]
    report = parse_path(doc)
    got: dict[tuple[str, str], list[float]] = {}
    for f in report.figures:
        got.setdefault((f.metric, f.breakdown), []).append(f.value)
    for g in gold.get("figures", []):
        key = (g["metric"], g.get("breakdown", "total"))
        assert key in got, f"{doc.name}: {key} not found"
        assert any(abs(v - g["value"]) < 1e-6 for v in got[key]), f"{doc.name}: {key} want {g['value']} got {got[key]}"
    if "region_code" in gold:
        assert report.region.code == gold["region_code"]
        assert report.region.name == gold["region_name"]
    assert report.year == gold["year"]
    assert report.template == gold["template"]


def test_seed_report_in_full() -> None:
    """kecheng-2019: traditional characters, flattened, tables lost, seven sections."""
    report = parse_path(CORPUS / "kecheng-2019.txt")
    assert [s.key for s in report.sections] == [
        "preface", "overview", "proactive", "requests", "reviews", "supervision", "problems", "other"]
    assert report.region.code == "330802" and report.region.city == "衢州市" and report.region.province == "浙江省"
    assert report.published_date == "2020-02-19"
    assert report.publisher == "柯城区" and report.publisher_kind == "government"
    figs = {f.metric: f for f in report.figures}
    assert figs["org.budget"].value == 23.1 and figs["org.budget"].unit == "万元"
    assert figs["requests.new"].quote.startswith("今年以来,我区共收到依申请公开件74件")
    assert figs["requests.new"].section == "overview" and figs["requests.new"].source == "text"
    # tables lost: their checks cannot be assessed, and say so
    assert {c.status for c in report.checks} == {"not_assessable"}


def test_001_full_page() -> None:
    report = parse_path(CORPUS / "001.html")
    assert report.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert report.published_date == "2020-01-31"
    assert report.publisher_kind == "department"
    assert not [c for c in report.checks if c.status == "fail"]

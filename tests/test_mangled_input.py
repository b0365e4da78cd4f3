"""Mangled real reports (truncated, bytes flipped, markup or separators inserted, doubled) never
crash the parser: each gives a report or a ParseError naming what is wrong. Deterministic (a
seeded generator), bounded in size."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from parsers import ParseError, parse_bytes

FIX = Path(__file__).parent / "fixtures"
FILES = sorted(
    [p for p in (FIX / "corpus").iterdir() if p.suffix in (".txt", ".html")]
    + [p for p in (FIX / "formats").iterdir() if p.suffix in (".html", ".txt", ".docx", ".pdf", ".doc")]
)
INSERTS = [b"|", b"\n", b"<td>", b"</table>", b"<tr>", b"\xff\xfe", "一、".encode(), b"0", "总计".encode(),
           "第二十条第(一)项".encode(), b"<table><tr><td rowspan='999' colspan='999'>"]


def mangle(data: bytes, rnd: random.Random) -> bytes:
    d = bytearray(data)
    op = rnd.choice(["trunc", "flip", "insert", "dup"])
    if op == "trunc" and len(d) > 2:
        d = d[: rnd.randrange(1, len(d))]
    elif op == "flip":
        for _ in range(rnd.randrange(1, 50)):
            if d:
                d[rnd.randrange(len(d))] = rnd.randrange(256)
    elif op == "insert":
        pos = rnd.randrange(len(d) + 1)
        d[pos:pos] = rnd.choice(INSERTS) * rnd.randrange(1, 20)
    else:
        d = d + d
    return bytes(d)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_mangled_input_never_crashes(path: Path) -> None:
    rnd = random.Random(path.name)
    data = path.read_bytes()
    for _ in range(12):
        try:
            report = parse_bytes(mangle(data, rnd), filename=path.name)
        except ParseError as e:
            assert str(e) and "\n" not in str(e)
        else:
            assert report.template in ("2019", "2021", "pre2019", "unknown")

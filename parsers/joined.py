"""One pass of a text transformation over many strings at once.

A page has hundreds of lines and table cells; a regex call per string costs more than the
matching itself. So the strings are joined with a separator, transformed once, and split back.
This is only right for transformations that never match the separator nor across it (the
whitespace, full-width and space-run rules of normalize.py and tables/grid.py are such: a
private-use character is not whitespace, not full-width, and no opencc phrase or NFKC
composition spans it). Not NUL: opencc's phrase conversion stops at a NUL. Should a
transformation still change the number of pieces, each string is done on its own.
"""

from __future__ import annotations

from collections.abc import Callable

SEP = "\ue000"  # a private-use character: not in report text; a string that holds it is done on its own


def map_joined(texts: list[str], transform: Callable[[str], str], one: Callable[[str], str]) -> list[str]:
    """`one(t)` for each of `texts`, computed as `transform` over their join, each piece
    stripped. `one` is the per-string equivalent, used when a string holds the separator."""
    if not texts:
        return []
    joined = SEP.join(texts)
    if joined.count(SEP) != len(texts) - 1:
        return [one(t) for t in texts]
    pieces = transform(joined).split(SEP)
    if len(pieces) != len(texts):
        return [one(t) for t in texts]
    return [t.strip() for t in pieces]

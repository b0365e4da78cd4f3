"""Every metric name the parser can emit, gathered from the template and the prose catalogue
(so that a mistyped `--metric` is an error, not an empty table)."""

from __future__ import annotations

from functools import lru_cache

from parsers.prose_catalogue import CATALOGUE
from parsers.tables import template as T


@lru_cache(maxsize=1)
def known_metrics() -> frozenset[str]:
    names: set[str] = set()
    by_label = {c.label: c for c in T.T2_COLUMNS}
    for (_layout, prefix), cols in T.T2_DEFAULT_COLUMNS.items():
        names.update(f"{prefix}.{by_label[c].key}" for c in cols)
    names.update(r.metric for r in T.T3_ROWS)
    names.update(T.T3_GROUP_SUMS)
    names.update(T.T4_COLUMNS)
    names.add("lawsuits.total")
    for m in CATALOGUE:
        names.add(m.metric)
        names.update(m.by_template.values())
    return frozenset(names)

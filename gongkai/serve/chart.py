"""Datasette plugin: `/-/chart`, a metric across places and years as lines (matplotlib SVG,
drawn on the server, so the page needs no JavaScript or network) with the numbers beneath."""

from __future__ import annotations

import io
import re

from datasette import hookimpl
from datasette.utils.asgi import Response

from db import queries


def _regions(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        out += [p for p in re.split(r"[,\s，]+", v) if p]
    return out


async def chart(datasette, request):
    args = request.args
    metric = args.get("metric") or "requests.new"
    breakdown = args.get("breakdown") or "total"
    regions_ = _regions(args.getlist("region"))
    years = args.get("years") or ""
    level = args.get("level") or None
    kind = args.get("kind") or "government"
    db = datasette.get_database()
    error = None
    result = None
    svg = ""
    try:
        parsed_years = queries.parse_years(years)
        if level not in (None, "county", "city", "province"):
            raise ValueError("level must be county, city or province")
        if kind not in ("government", "department", "township", "all"):
            raise ValueError("kind must be government, department, township or all")

        def work(conn):
            res = queries.compare(conn, metric, breakdown=breakdown, regions_=regions_ or None,
                                  years=parsed_years, level=level, publisher_kind=kind)
            buf = io.StringIO()
            queries.draw_chart(res, buf, fmt="svg")
            return res, buf.getvalue()

        result, svg = await db.execute_fn(work)
        svg = svg[svg.find("<svg"):] if "<svg" in svg else svg
    except (KeyError, ValueError) as e:
        error = str(e).strip("'\"")
    metrics = [r[0] for r in await db.execute(
        "SELECT DISTINCT CASE metric WHEN 'rules.made' THEN 'rules.issued' "
        "WHEN 'normative_docs.made' THEN 'normative_docs.issued' ELSE metric END AS m FROM figures ORDER BY m")]
    return Response.html(await datasette.render_template(
        "gongkai_chart.html",
        {
            "metric": metric, "breakdown": breakdown, "region": ", ".join(regions_), "years": years,
            "level": level or "", "kind": kind, "metrics": metrics, "result": result, "svg": svg,
            "error": error, "fmt": queries.fmt_value, "database": db.name,
        },
        request=request,
    ))


@hookimpl
def register_routes():
    return [(r"^/-/chart$", chart)]

"""`gongkai compare`, `audit`, `export` and `serve`: thin click wrappers over db/queries.py and
gongkai/serve."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import click

DEFAULT_DB = os.environ.get("GONGKAI_DB", "gongkai.db")

db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="SQLite database (env GONGKAI_DB).",
)
region_option = click.option(
    "--region", "regions_", multiple=True,
    help="Region: six-digit code (that place), name (衢州市, 衢州) or code prefix (3308: every place "
         "whose code starts so). Repeatable.",
)
years_option = click.option("--years", default=None, help="Years: 2019-2024, 2021 or 2019,2021.")


def _open(db_path: str):
    from db import schema

    if not Path(db_path).exists():
        raise click.ClickException(f"no database at {db_path}")
    return schema.connect(db_path)


def _years(spec: str | None):
    from db.queries import parse_years

    try:
        return parse_years(spec)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--years") from e


def _console():
    from rich.console import Console

    return Console(highlight=False)


@click.command()
@db_option
@click.option("--metric", required=True, help="Metric (or series), e.g. requests.new, reviews.total, rules.issued.")
@click.option("--breakdown", default="total", show_default=True, help="Applicant column for table 3 metrics.")
@region_option
@years_option
@click.option("--level", type=click.Choice(["county", "city", "province"]), default=None,
              help="Sum the places inside each region at this level (partial sums marked *).")
@click.option("--kind", "publisher_kind", type=click.Choice(["government", "department", "township", "all"]),
              default="government", show_default=True,
              help="Whose reports: the government's own (one per place and year), or departments'/"
                   "townships' (summed), or all (summed).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False), default=None,
              help="Also draw the lines to FILE.png or FILE.svg (matplotlib).")
def compare(db_path, metric, breakdown, regions_, years, level, publisher_kind, fmt, chart):
    """Regions as rows, years as columns, for one metric; blank where no report says."""
    from db import queries

    db = _open(db_path)
    try:
        result = queries.compare(db, metric, breakdown=breakdown, regions_=regions_, years=_years(years),
                                 level=level, publisher_kind=publisher_kind)
    except (KeyError, ValueError) as e:
        raise click.ClickException(str(e).strip("'\"")) from e
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        queries.compare_csv(result, buf)
        click.echo(buf.getvalue(), nl=False)
    else:
        _console().print(queries.compare_rich_table(result))
    if chart:
        queries.draw_chart(result, chart)
        click.echo(f"chart written to {chart}", err=True)


@click.command()
@db_option
@region_option
@years_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--only", multiple=True,
              type=click.Choice(["checks", "carry_chain", "in_force", "parent_sum", "late"]),
              help="Only these kinds of check (repeatable; default all).")
def audit(db_path, regions_, years, fmt, only):
    """Every failed check, worst first, with the numbers on both sides and the report URL."""
    from db import queries

    db = _open(db_path)
    kw = {"include": only} if only else {}
    try:
        rows = queries.audit(db, regions_=regions_, years=_years(years), **kw)
    except KeyError as e:
        raise click.ClickException(str(e).strip("'\"")) from e
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        queries.audit_csv(rows, buf)
        click.echo(buf.getvalue(), nl=False)
    else:
        _console().print(queries.audit_rich_table(rows))


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx"]), default="csv", show_default=True)
@click.option("--wide", is_flag=True, help="One row per report, one column per metric (unit in the header).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Output file (required for xlsx; default stdout).")
@region_option
@years_option
@click.option("--metric", "metrics", multiple=True, help="Only these metrics (repeatable).")
def export(db_path, fmt, wide, output, regions_, years, metrics):
    """Figures, long (one row per figure) or --wide, with region names, units and source URLs.
    CSV is UTF-8 with a BOM so that Excel reads the Chinese correctly."""
    from db import queries

    db = _open(db_path)
    kw = {"wide": wide, "regions_": regions_, "years": _years(years), "metrics": metrics or None}
    if fmt == "xlsx":
        if not output:
            raise click.UsageError("xlsx needs -o FILE.xlsx")
        n = queries.export(db, fmt, output, **kw)
    elif output:
        n = queries.export(db, fmt, output, **kw)
    else:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig" if fmt == "csv" else "utf-8",
                               newline="", write_through=True)
        n = queries.export(db, fmt, out, **kw)
        out.flush()
        out.detach()
    click.echo(f"{n} rows", err=True)


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path, host, port):
    """Datasette over the database, read-only (immutable), with canned comparison and audit
    queries, facets, full-text search over sections and a chart page at /-/chart."""
    from gongkai.serve import run

    if not Path(db_path).exists():
        raise click.ClickException(f"no database at {db_path}")
    run(db_path, host=host, port=port)

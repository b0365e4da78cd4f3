"""`gongkai extract` (one report → JSON or a summary) and `gongkai parse` (files → database)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gongkai.pipeline import ParseSummary, parse_paths, render_text_summary
from parsers import ParseError, parse_bytes


@click.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--region", "region_hint", help="Region hint (six-digit code or name) for reports that do not name their place.")
def extract(path: str, fmt: str, region_hint: str | None) -> None:
    """Extract one report (.html/.htm, .txt, .docx, .pdf, or - for stdin)."""
    try:
        if path == "-":
            data, name = sys.stdin.buffer.read(), None
        else:
            p = Path(path)
            if not p.is_file():
                raise ParseError("no such file")
            data, name = p.read_bytes(), p.name
        report = parse_bytes(data, filename=name, region_hint=region_hint)
    except ParseError as e:
        click.echo(f"gongkai extract: {path}: {e}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_text_summary(report))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--db", "db_path", default="gongkai.db", show_default=True, help="SQLite database file.")
@click.option("--region", "region_hint", help="Region hint for reports that do not name their place.")
@click.option("--reparse", is_flag=True, help="Re-parse every document already archived in the database.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def parse(paths: tuple[str, ...], db_path: str, region_hint: str | None, reparse: bool, quiet: bool) -> None:
    """Parse report files and folders into the database (idempotent)."""
    if not paths and not reparse:
        raise click.UsageError("give files or folders to parse, or --reparse")
    summary = ParseSummary()
    if reparse:
        from gongkai.pipeline import reparse_archived
        from scraper.crawl import reparse_all

        reparse_archived(db_path, summary, progress=not quiet and sys.stderr.isatty())
        failures: list[tuple[str, str]] = []
        crawled = reparse_all(db_path, failures)
        # the archived bytes are those stored: a re-parsed report counts as unchanged, like a
        # re-parsed local file (its rows are rewritten by the current parser all the same)
        summary.unchanged += crawled.get("parsed", 0)
        summary.errors.extend(failures)
    if paths:
        parse_paths([Path(p) for p in paths], db_path, summary, region_hint=region_hint,
                    progress=not quiet and sys.stderr.isatty())
    for name, err in summary.errors:
        click.echo(f"gongkai parse: {name}: {err}", err=True)
    if not quiet:
        click.echo(summary.line())
    if summary.errors:
        sys.exit(1)

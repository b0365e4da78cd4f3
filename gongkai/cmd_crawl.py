"""`gongkai crawl` and `gongkai demo`: thin click layers over scraper.crawl and gongkai.demo."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from scraper.config import ConfigError, load_config
from scraper.crawl import CrawlResult, crawl_async, plan, reparse_all
from scraper.frontier import LockedError

__all__ = ["crawl", "demo", "reparse_all", "print_summary"]


class _Progress:
    """Per-portal progress: a live rich display on a terminal, plain log lines otherwise."""

    def __init__(self, portals: list[str], console: Console, live: bool) -> None:
        self.console = console
        self.live = live
        self.counts: dict[str, dict[str, int]] = {p: {"fetched": 0, "reports": 0, "errors": 0} for p in portals}
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}
        if live:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.fields[portal]}"),
                                     TextColumn("{task.fields[line]}"), TimeElapsedColumn(), console=console)
            for p in portals:
                self.tasks[p] = self.progress.add_task(p, total=None, portal=p, line="starting")

    def __enter__(self) -> _Progress:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress:
            self.progress.stop()

    def __call__(self, portal: str, event: str, info: dict[str, Any]) -> None:
        c = self.counts.setdefault(portal, {"fetched": 0, "reports": 0, "errors": 0})
        if event == "fetch":
            c["fetched"] += 1
        elif event == "report" and info.get("outcome") in ("new", "changed", "unchanged"):
            c["reports"] += 1
        elif event == "error":
            c["errors"] += 1
        if self.progress:
            line = f"{c['fetched']} fetched, {c['reports']} reports, {c['errors']} errors"
            self.progress.update(self.tasks[portal], line=line)
        elif event != "fetch":
            detail = info.get("outcome") or info.get("error") or f"{info.get('found', 0)} links"
            title = info.get("title") or ""
            logging.getLogger("gongkai.crawl").info("%s: %s %s %s %s", portal, event, detail, info.get("url"), title)


def print_summary(result: CrawlResult, console: Console) -> None:
    """A table on a terminal; one plain line per portal otherwise (cron mail, logs)."""
    if not console.is_terminal:
        console.print(f"crawl run {result.run_id}{' (resumed)' if result.resumed else ''}:", highlight=False)
        for name, s in result.portals.items():
            errors = ", ".join(f"{k} {v}" for k, v in sorted(s.errors.items())) or "none"
            status = "FAILED: no reports" if s.failed else "ok"
            console.print(
                f"  {name}: {status}; requests {s.requests} ({s.not_modified} not modified), lists {s.lists}, "
                f"pages {s.pages + s.attachments}; reports new {s.reports['new']}, changed {s.reports['changed']}, "
                f"unchanged {s.reports['unchanged']}, duplicate {s.reports['duplicate']}; errors: {errors}"
                + (f"; {s.pending} left (page budget)" if s.pending else ""),
                highlight=False, soft_wrap=True,
            )
        return
    t = Table(title=f"crawl run {result.run_id}{' (resumed)' if result.resumed else ''}")
    for col in ("portal", "req", "lists", "pages", "304", "new", "chg", "same", "dup", "errors", "status"):
        t.add_column(col, justify="left" if col in ("portal", "errors", "status") else "right")
    for name, s in result.portals.items():
        errors = ", ".join(f"{k} {v}" for k, v in sorted(s.errors.items())) or "-"
        status = "FAILED: no reports" if s.failed else "ok"
        if s.pending and not s.failed:
            status = f"ok ({s.pending} left: page budget)"
        t.add_row(name, str(s.requests), str(s.lists), str(s.pages + s.attachments), str(s.not_modified),
                  str(s.reports["new"]), str(s.reports["changed"]), str(s.reports["unchanged"]),
                  str(s.reports["duplicate"]), errors, status)
    console.print(t)


@click.command()
@click.option("--config", "config_path", required=True, type=click.Path(dir_okay=False),
              help="Portals TOML (see examples/portals.toml).")
@click.option("--db", "db_path", default="gongkai.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite database; raw responses go to DB.warc/ beside it.")
@click.option("--portal", "portals", multiple=True, help="Crawl only this portal (repeatable).")
@click.option("--since", type=int, help="Skip reports whose title names a year before this.")
@click.option("--dry-run", is_flag=True, help="List what would be fetched; no network traffic.")
@click.option("--wait", "lock_wait", type=float, default=0.0, show_default=True,
              help="Seconds to wait for another crawl on the same database to finish (else refuse).")
@click.option("-v", "--verbose", is_flag=True, help="Log every request.")
def crawl(config_path: str, db_path: str, portals: tuple[str, ...], since: int | None, dry_run: bool,
          lock_wait: float, verbose: bool) -> None:
    """Crawl the annual-report columns of the portals in CONFIG into the database.

    Polite (per-host rate and concurrency limits, robots.txt), incremental (conditional requests)
    and resumable: run the same command again after a crash and it carries on. Exits 1 when any
    portal yields no report."""
    import asyncio

    err = Console(stderr=True)
    try:
        config = load_config(config_path)
        config.select(list(portals))
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    if dry_run:
        for entry in plan(db_path, config, portals=list(portals)):
            click.echo(f"# {entry['portal']}: rate {entry['rate']}/s, concurrency {entry['concurrency']}, "
                       f"hosts {', '.join(entry['hosts'])}")
            for u in entry["start_urls"]:
                click.echo(f"GET {u}")
            for u in entry["pending"]:
                click.echo(f"GET {u}  (pending from an unfinished run)")
            if entry["revalidate"]:
                click.echo(f"# and {entry['revalidate']} known pages revalidated with conditional requests")
        return
    live = err.is_terminal and not verbose
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if not verbose:
        logging.getLogger("httpx").setLevel(logging.WARNING)
    names = [p.name for p in config.select(list(portals))]
    try:
        with _Progress(names, err, live) as progress:
            result = asyncio.run(crawl_async(db_path, config, portals=list(portals), since=since,
                                             on_event=progress, lock_wait=lock_wait))
    except LockedError as e:
        raise click.ClickException(str(e)) from None
    print_summary(result, Console())
    if result.failed:
        err.print(f"[red]failed portals (no report found): {', '.join(result.failed)}[/red]")
        sys.exit(1)


@click.command()
@click.option("--db", "db_path", default="gongkai.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--keep-serving", is_flag=True, help="Keep the demo portals up after the crawl (Ctrl-C to stop).")
def demo(db_path: str, keep_serving: bool) -> None:
    """Crawl bundled real reports from two local fixture portals (TRS/GBK and Hanweb) into DB and
    compare a few figures by region and year. Offline: the server listens on 127.0.0.1 only."""
    from gongkai.demo import run_demo

    console = Console()
    if not console.is_terminal:
        console = Console(width=120)  # the comparison table's titles need the room
    code = run_demo(Path(db_path), console=console, keep_serving=keep_serving)
    sys.exit(code)

"""The `gongkai` command line: a thin click layer over parsers/, db/ and scraper/.

Each command only parses its arguments, calls one library function and prints the result.
"""

from __future__ import annotations

import click

from gongkai.cmd_compare import audit, compare, export, serve
from gongkai.cmd_crawl import crawl, demo
from gongkai.cmd_parse import extract, parse


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongkai")
def cli() -> None:
    """gongkai (公开): collect, extract and compare government information disclosure annual reports."""


cli.add_command(extract)
cli.add_command(parse)
# --- commands from other modules are registered below, one line each ---
cli.add_command(compare)
cli.add_command(audit)
cli.add_command(export)
cli.add_command(serve)
cli.add_command(crawl)
cli.add_command(demo)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()

"""The `gongkai` command line: a thin click layer over parsers/, db/ and scraper/.

Each command only parses its arguments, calls one library function and prints the result.
Commands are imported when they are run, so `gongkai extract` does not pay for the crawler's or
Datasette's imports.
"""

from __future__ import annotations

import importlib

import click

# command name → "module:function"; the order is the order of `gongkai --help`
COMMANDS = {
    "demo": "gongkai.cmd_crawl:demo",
    "crawl": "gongkai.cmd_crawl:crawl",
    "parse": "gongkai.cmd_parse:parse",
    "extract": "gongkai.cmd_parse:extract",
    "compare": "gongkai.cmd_compare:compare",
    "audit": "gongkai.cmd_compare:audit",
    "export": "gongkai.cmd_compare:export",
    "serve": "gongkai.cmd_compare:serve",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongkai")
def cli() -> None:
    """gongkai (公开): collect, extract and compare government information disclosure annual reports."""


def main() -> None:
    cli()


if __name__ == "__main__":
    main()

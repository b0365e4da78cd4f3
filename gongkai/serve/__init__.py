"""`gongkai serve`: Datasette over a gongkai database, read-only, with our metadata, canned
queries, facets, full-text search over sections and a chart page (`/-/chart`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gongkai.serve.metadata import build_metadata

HERE = Path(__file__).parent


def prepare(db_path: str | Path) -> None:
    """Make sure the schema and views are current and the WAL is folded into the main file:
    an immutable reader ignores the -wal file, so it serves what the main file holds."""
    from db import schema

    db = schema.connect(db_path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:  # a writer holds it: serve the last checkpoint
        pass
    db.conn.close()


def _register_plugins() -> None:
    from datasette.plugins import pm

    from gongkai.serve import chart

    if not pm.is_registered(chart):
        pm.register(chart, name="gongkai-chart")


def make_datasette(db_path: str | Path):
    from datasette.app import Datasette

    prepare(db_path)
    _register_plugins()
    name = Path(db_path).stem
    return Datasette(
        immutables=[str(db_path)],
        metadata=build_metadata(name),
        template_dir=str(HERE / "templates"),  # a package only so that installs ship its .html
        settings={"sql_time_limit_ms": 5000, "default_page_size": 100, "facet_time_limit_ms": 1000},
    )


def run(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    import uvicorn

    ds = make_datasette(db_path)
    print(f"gongkai: serving {db_path} read-only at http://{host}:{port}/", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")

import sys
from pathlib import Path

import pytest

# test helpers (tablegen, helpers_db) live beside the tests
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> str:
    """The comparison fixture database (tests/helpers_db.py), built once: the tests only read it."""
    from helpers_db import build_fixture_db

    path = tmp_path_factory.mktemp("fixture-db") / "fx.db"
    build_fixture_db(path).conn.close()
    return str(path)


@pytest.fixture(scope="session")
def db(db_path):
    from db import schema

    return schema.connect(db_path)

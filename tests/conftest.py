import sys
from pathlib import Path

# test helpers (tablegen, helpers_db) live beside the tests
sys.path.insert(0, str(Path(__file__).parent))

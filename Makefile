# Everything a fresh machine needs, behind two commands (see README.md):
#   make demo   install into .venv, then run gongkai's main job on the embedded default
#   make test   install what the tests need (Python packages, Debian's chromium), then run them
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test lint bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

# Debian packages the browser and spreadsheet tests use, each installed only if missing.
APT_NEEDS := chromium:/usr/bin/chromium libreoffice-calc-nogui:/usr/bin/soffice \
             fonts-noto-cjk:/usr/share/fonts/opentype/noto

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	@missing=""; for need in $(APT_NEEDS); do pkg=$${need%%:*}; path=$${need#*:}; \
	  [ -e "$$path" ] || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages for the tests:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) \
	  || echo "could not install$$missing: the tests that need them will say so"; fi

demo: install
	$(BIN)/gongkai demo

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_parse.py

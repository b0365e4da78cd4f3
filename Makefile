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

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk libreoffice-calc-nogui >/dev/null) \
	  || echo "could not install chromium"; fi

demo: install
	$(BIN)/gongkai demo

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_parse.py

# Quick start: `make demo` (run the pipeline) and `make test` (run the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# CPU torch first: a plain `torch` requirement would pull a multi-GB CUDA build.
TORCH ?= torch==2.13.0

.PHONY: demo test check-wheel venv venv-test browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q $(TORCH) || $(BIN)/pip install -q torch --index-url https://download.pytorch.org/whl/cpu

venv: $(BIN)/python
	$(BIN)/pip install -q -e .

venv-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

demo: venv
	$(BIN)/kg run -o outputs

browser:
	bash scripts/install_browser.sh $(BIN)/python

test: venv-test browser
	$(BIN)/python -m pytest

# Build the wheel, install it with its dependencies into a fresh venv outside the
# checkout, and run kg run / query / validate / eval / serve from outside it
# (a few minutes; run by .ci/run after `make test`).
check-wheel: venv-test
	PYTHON=$(BIN)/python BASE_PYTHON=$(PYTHON) TORCH=$(TORCH) bash scripts/check_wheel.sh

clean:
	rm -rf outputs/* $(VENV)
	touch outputs/.gitkeep

# framing-toolkit: `make help` lists every target.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help setup test report lab bench eval clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/framing: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	@touch $@

setup: $(BIN)/framing ## create .venv and install the toolkit with its test tools

test: setup ## run the test suite
	$(BIN)/python -m pytest

report: setup ## run every notebook headless on the sample corpus; HTML reports in reports/
	$(BIN)/framing report

lab: setup ## open JupyterLab on the notebooks with the project's environment as kernel
	$(BIN)/python -m ipykernel install --sys-prefix --name framing-toolkit --display-name "framing-toolkit"
	$(BIN)/jupyter lab --allow-root --notebook-dir=notebooks

bench: setup ## run the benchmarks side by side and print the tables
	$(BIN)/python -m benchmarks

eval: setup ## score HTML extraction against ../shared ground truth (skips when absent)
	$(BIN)/python benchmarks/eval_html_extraction.py

clean: ## remove reports, caches and build files (keeps .venv)
	rm -rf reports/ .pytest_cache build *.egg-info

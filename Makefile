# Every target creates or reuses .venv and installs what it needs (nats-server binary included).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONFIG ?= deploy/readoutwatch.toml

.PHONY: run test check lint format typecheck audit bench clean images

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)  ## run every service on embedded defaults (own nats-server, SQLite in ./data)
	$(BIN)/readoutwatch run $(if $(CONFIG),--config $(CONFIG),)

test: $(STAMP)  ## the test suite (starts its own nats-server on a free port)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

audit: $(STAMP)  ## known vulnerabilities in the pins of constraints.txt (pip-audit, PyPI's service)
	$(BIN)/python .ci/audit.py --vulnerability-service pypi --strict --disable-pip --no-deps \
		-r constraints.txt

check: lint typecheck test audit  ## everything CI checks

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)  ## benchmarks, medians and ratios against a baseline measured in the same run
	$(BIN)/python -m bench

images:  ## readoutwatch:<version>, on base images built from Debian packages if no registry answers
	PYTHON=$(PYTHON) deploy/images/build.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Every target creates or reuses .venv and installs what it needs (nats-server binary included).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONFIG ?= deploy/readoutwatch.toml
AXE_CORE ?= 4.14.1

.PHONY: run test check lint format typecheck audit bench clean images browser

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)  ## run every service on embedded defaults (own nats-server, SQLite in ./data)
	@$(BIN)/python -c "from shared.settings import load_settings as l; \
		s = l($(if $(CONFIG),'$(CONFIG)',None)).http; print(f'dashboard: http://{s.host}:{s.port}/')"
	$(BIN)/readoutwatch run $(if $(CONFIG),--config $(CONFIG),)

test: $(STAMP) browser  ## the test suite (starts its own nats-server on a free port)
	$(BIN)/python -m pytest

# Debian's Chromium and axe-core for tests/web/test_browser.py, once; those tests skip (saying
# why) where either cannot be installed, so a failure here does not stop `make test`.
browser:
	@test -x /usr/bin/chromium || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null \
		&& (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null; } \
		|| echo "make browser: no chromium installed; the browser tests will be skipped"
	@test -f .cache/axe/node_modules/axe-core/axe.min.js || { command -v npm >/dev/null \
		&& npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_CORE); } \
		|| echo "make browser: no axe-core installed; the accessibility tests will be skipped"

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

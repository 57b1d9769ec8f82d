# The two commands: `make build` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false
WAREHOUSE := $(or $(IND_WAREHOUSE),warehouse/ind.duckdb)

.PHONY: build dev watch test test-built test-quick test-python install check restore new-report mutation shell docs export lint lint-sql lint-python lint-dbt lint-dbt-warnings clean bench bench-growth report report-test report-serve chromium

# .venv must be this folder's before anything runs from it: a copied or
# moved project carries the .venv of its first folder, whose scripts start
# that folder's Python and code. The check repairs it where that needs no
# network, or stops saying what to run (indwh/plumbing/venv_relocate.py, run
# by the system's Python, importing nothing of the package). Order-only: it
# runs before every target that uses .venv without making it out of date.
.PHONY: venv-relocate
venv-relocate:
	@$(PYTHON) indwh/plumbing/venv_relocate.py $(VENV)

# The pinned dependencies (the lock), then the package itself, editable and
# without dependencies: the `indwh` command runs the code of this folder.
$(INSTALLED): requirements.txt pyproject.toml | venv-relocate
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(INSTALLED)

## build: install pinned dependencies, build, check and publish the warehouse
build: $(INSTALLED)
	$(BIN)/indwh build

## dev: rebuild only what changed since the last build (dbt state:modified+), check and publish
dev: $(INSTALLED)
	$(BIN)/indwh dev

## watch: stay running; on every change of seeds/, models/, macros/ or tests/, rebuild what it touches, check and publish
watch: $(INSTALLED)
	$(BIN)/indwh watch

# The steps of `make test` after the build (and of `make test-quick`) do not
# depend on each other: they run side by side, one per core, each step's
# output shown whole when it ends.
NPROC := $(shell nproc 2>/dev/null || echo 2)
TEST_JOBS := -j$(NPROC) --output-sync=target

## test: build, then run every test and check of the project (the report site's browser test included)
# The linters read no build: they start beside it, on the core it leaves
# idle. pytest runs in one process per core, as in test-quick (decision
# 0016): after the linters and the site's test it would end alone on one core.
test:
	$(MAKE) --no-print-directory $(TEST_JOBS) test-built lint PYTEST_WORKERS=$(NPROC)

# test-built: the build, then what reads it: pytest and the site's browser
# test, in the job slots of the make above it (the -j of make test)
test-built: build
	$(MAKE) --no-print-directory --output-sync=target test-python report-test

## test-quick: the tests that build nothing (pytest -m 'not builds') and lint, on the last build: the loop to run often
# pytest, the longest step, starts first and runs in one process per core
# (pytest-xdist, a test file per process), so that it does not end alone
# on one core after the linters (docs/decisions/0016-quick-test-loop.md).
test-quick: $(INSTALLED)
	$(MAKE) --no-print-directory $(TEST_JOBS) test-python lint PYTEST_SELECT="not builds" PYTEST_WORKERS=$(NPROC)

## test-python: pytest over tests/python (PYTEST_SELECT: a marker expression, as -m takes it; PYTEST_WORKERS: processes, pytest-xdist)
test-python: $(INSTALLED)
	$(BIN)/python -m pytest -q tests/python $(if $(PYTEST_SELECT),-m "$(PYTEST_SELECT)") \
		$(if $(PYTEST_WORKERS),--numprocesses $(PYTEST_WORKERS) --dist loadfile)

## lint: sqlfluff over models, tests and analyses; then lint-python, lint-dbt and lint-dbt-warnings; each a target of its own, side by side under make -j
lint: lint-sql lint-python lint-dbt lint-dbt-warnings

# What the linters of the dbt project (sqlfluff through dbt's templater,
# dbt's full parse, dbt-score) read: every file of models/, macros/,
# analyses/, tests/ (not tests/python/) and seeds/ but the seeds' rows, with
# the folders themselves (a file added or removed changes its folder's
# time), the configs and the installed tools. Each of those linters that
# passes leaves a stamp dated when it started, and runs again only when one
# of these is newer (docs/decisions/0019-dbt-linters-rerun-on-change.md).
DBT_LINT_INPUTS = $(INSTALLED) dbt_project.yml profiles.yml .sqlfluff .sqlfluffignore pyproject.toml \
	$(shell find models macros analyses tests seeds -path tests/python -prune -o -path 'seeds/*.csv' -o -print)

# $(call passed,command): run a linter of the dbt project; when it passes,
# its stamp $@ takes the time it started at (a file changed meanwhile is newer).
define passed
@mkdir -p $(@D) && touch $@.started
$(1)
@mv $@.started $@
endef

## lint-sql: the sqlfluff step of lint (again only when what it reads changed since it passed: target/sqlfluff/lint.passed)
lint-sql: target/sqlfluff/lint.passed

target/sqlfluff/lint.passed: $(DBT_LINT_INPUTS)
	$(call passed,$(BIN)/sqlfluff lint --disable-progress-bar models tests analyses)

## lint-python: ruff (lint and format) and mypy --strict over indwh/, indwh_tools/ and tests/python/
lint-python: $(INSTALLED)
	$(BIN)/ruff check indwh indwh_tools tests/python
	$(BIN)/ruff format --check indwh indwh_tools tests/python
	$(BIN)/mypy

## lint-dbt: dbt-score over the manifest of the full parse of the lint target (lint-dbt-warnings-lint): descriptions, owners, macro docs, example queries (docs/quality-dbt-score.md)
# Its rules, the two that are off and its thresholds: [tool.dbt-score] in pyproject.toml.
# It reads the manifest that parse writes rather than parsing again.
lint-dbt: target/parse-lint/dbt-score.passed

target/parse-lint/dbt-score.passed: target/parse-lint/parse.passed
	$(call passed,$(BIN)/dbt-score lint --manifest target/parse-lint/manifest.json)

## lint-dbt-warnings: a full parse (no partial parse) of the build and lint targets fails on any dbt warning or deprecation
# Some warnings (a duplicated yml key) show only in a full parse; `make build`
# does not stop on a warning, this does. One target per dbt target
# (lint-dbt-warnings-warehouse, lint-dbt-warnings-lint), side by side under
# make -j, each into target/parse-<target>/.
DBT_TARGETS := warehouse lint
lint-dbt-warnings: $(DBT_TARGETS:%=lint-dbt-warnings-%)

.PHONY: $(DBT_TARGETS:%=lint-dbt-warnings-%)
$(DBT_TARGETS:%=lint-dbt-warnings-%): lint-dbt-warnings-%: target/parse-%/parse.passed

target/parse-%/parse.passed: $(DBT_LINT_INPUTS)
	$(call passed,@out=$$($(BIN)/dbt --no-use-colors parse --profiles-dir . --project-dir . --target $* \
		--target-path target/parse-$* --no-partial-parse --warn-error 2>&1) && ! grep -q WARN <<<"$$out" \
		|| { printf '%s\n' "$$out" >&2; echo "dbt parse --target $*: a warning or deprecation (above)" >&2; exit 1; })

## check: run the range checks on the published warehouse (or IND_WAREHOUSE)
check: $(INSTALLED)
	$(BIN)/indwh check $(WAREHOUSE)

## new-report: add the rows of report year YEAR to every seed a report fills (make new-report YEAR=2012), to fill in; with TEXT=<its text> (make new-report YEAR=2012 TEXT=2012.txt), filled from it, a review page in target/
new-report: $(INSTALLED)
	@test -n "$(YEAR)" || { echo "Say which report year: make new-report YEAR=2012" >&2; exit 2; }
	$(BIN)/indwh new-report $(YEAR) $(if $(TEXT),--text "$(TEXT)")

## mutation: change every printed value in three ways, one at a time, and report what the build catches
mutation: $(INSTALLED)
	$(BIN)/indwh-tools mutation --confirm 10

## restore: list the backups of the warehouse (make restore), or publish one again (make restore PUBLISH=<n>)
restore: $(INSTALLED)
	$(BIN)/indwh restore $(if $(PUBLISH),$(PUBLISH),--list)

## shell: open the published warehouse read-only in the DuckDB CLI
shell: $(INSTALLED)
	$(BIN)/duckdb -readonly $(WAREHOUSE)

## docs: dbt docs (catalog of every model and column) into target/, read from a copy of the warehouse
docs: $(INSTALLED)
	$(BIN)/indwh docs

## export: every mart as Parquet and CSV in warehouse/export/ (beside $$IND_WAREHOUSE)
export: $(INSTALLED)
	$(BIN)/indwh export

## bench: measure builds, the dev loop, queries, range checks and the test loop, growth at 1 and 100 report years, against the targets (docs/performance.md), into target/bench/ and docs/performance-latest.md
bench: $(INSTALLED)
	$(BIN)/indwh-tools bench

## bench-growth: build with 1, 10, 100 and 1000 report years (synthetic), into target/bench/growth.*
bench-growth: $(INSTALLED)
	$(BIN)/indwh-tools bench --growth-only

# The report site (Evidence, reports/): Node.js and npm from the machine, the
# packages pinned by reports/package-lock.json. Long steps run under a
# timeout, so that a hang fails instead of waiting forever.
REPORT_INSTALLED := reports/node_modules/.installed
# The browser test builds and opens the site under a base path, as a host
# that serves it at /<name>/ does; at / the same links carry an empty base.
REPORT_TEST_BASE_PATH := /ind-jaarresultaten
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

$(REPORT_INSTALLED): reports/package.json reports/package-lock.json
	cd reports && timeout -k 10 900 npm ci --no-audit --no-fund
	touch $@

## report: build the report site from the published warehouse into reports/build/ (BASE_PATH=/<name>: for a host that serves it at /<name>/)
# The site is built again only when an input of it changed since its last
# build: the data `npm run sources` wrote, a file of the site's sources,
# BASE_PATH, or the versions of Evidence, node and npm
# (indwh/plumbing/site_build_stamp.py, docs/decisions/0017-skip-an-unchanged-site-build.md).
report: $(REPORT_INSTALLED)
	@test -f $(WAREHOUSE) || { echo "No warehouse at $(WAREHOUSE): run make build first." >&2; exit 1; }
	@test -z "$(BASE_PATH)" || echo "$(BASE_PATH)" | grep -Eqx '(/[A-Za-z0-9._~-]+)+' || { \
		echo "BASE_PATH=$(BASE_PATH): a base path is /<name> (more segments allowed), with no closing slash." >&2; exit 2; }
	cd reports && EVIDENCE_SOURCE__warehouse__filename=$$(realpath --relative-to=sources/warehouse $(abspath $(WAREHOUSE))) \
		timeout -k 10 300 npm run sources
	@inputs=$$($(PYTHON) indwh/plumbing/site_build_stamp.py check reports "$(BASE_PATH)") && status=0 || status=$$?; \
	case $$status in 0) echo "site unchanged since its last build: reports/build kept"; exit 0;; 1) ;; *) exit $$status;; esac; \
	rm -rf reports/build reports/build.stamp; \
	(cd reports && EVIDENCE_BASE_PATH=$(BASE_PATH) timeout -k 10 900 npm run build); \
	$(PYTHON) indwh/plumbing/site_build_stamp.py write reports "$$inputs"

## report-test: build the site under the base path /ind-jaarresultaten (or BASE_PATH), open every page in headless Chromium (screenshots in reports/screenshots/)
report-test: BASE_PATH = $(REPORT_TEST_BASE_PATH)
report-test: report $(CHROMIUM)
	cd reports && BASE_PATH=$(BASE_PATH) timeout -k 10 600 node --test tests/

## report-serve: serve the built site on http://127.0.0.1:3000/, under the base path it was built for
report-serve:
	@test -d reports/build || { echo "No site in reports/build: run make report first." >&2; exit 1; }
	node reports/tests/serve-cli.mjs

# Debian's chromium for the browser test; installed when missing and root.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser test"; \
		timeout -k 10 900 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout -k 10 900 apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser test needs Chromium at $(CHROMIUM): install Debian's chromium package or set CHROMIUM." >&2; exit 1; \
	fi

clean:
	rm -rf target logs $(VENV) reports/node_modules reports/.evidence reports/build reports/build.stamp

"""Shared fixtures: the report text, the seeds and the published warehouse."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.paths import ROOT, warehouse_path

REPORT = ROOT / "bron" / "000_ed9efccbcb18b0e0.txt"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "builds: runs the build in a copy of the project (-m 'not builds' leaves these out)")


def one(cursor: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The one row a query answers; a failure when it answers none."""
    row = cursor.fetchone()
    if row is None:
        pytest.fail("the query answered no row")
    return row


def first(pattern: re.Pattern[str], text: str) -> str:
    """The first match of `pattern` in `text`; a failure when there is none."""
    match = pattern.search(text)
    if match is None:
        pytest.fail(f"{pattern.pattern!r} not in {text!r}")
    return match.group()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def report_lines() -> list[str]:
    """The report's text, one string per line (line 1 is index 0)."""
    return REPORT.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse (built by `make build`)."""
    path = warehouse_path()
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make build` first")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()

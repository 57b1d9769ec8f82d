"""Shared fixtures: the reports' texts, the seeds, dbt's manifest and the published warehouse."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.paths import ROOT, warehouse_path
from indwh.pipeline.report_seeds import REPORT_SEEDS, REPORT_TEXT, REPORTS, YEAR


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


def report_years(root: Path = ROOT) -> set[int]:
    """Every report year the seeds of seeds/rapport hold rows of."""
    return {int(row[YEAR]) for path in sorted((root / REPORT_SEEDS).glob("*.csv")) for row in read_csv(path)}


def report_text_files(root: Path = ROOT) -> tuple[dict[int, Path], list[str]]:
    """Each report year's text, the file seeds/mappings/map_rapporten.csv
    names for it; and, as `file:line: what is wrong`, every report year of
    the seeds whose text is not named or does not exist."""
    files, problems = {}, []
    named = {}
    for line, row in enumerate(read_csv(root / REPORTS), start=2):
        named[int(row[YEAR])] = line, row[REPORT_TEXT].strip()
    for year in sorted(report_years(root)):
        if year not in named:
            problems.append(f"{REPORTS}: no row for report {year} of {REPORT_SEEDS}: add one naming its text in bron/")
            continue
        line, text = named[year]
        if not text:
            problems.append(f"{REPORTS}:{line}: column {REPORT_TEXT} is empty: name the text of report {year} (bron/<file>.txt)")
        elif not (root / text).is_file():
            problems.append(f"{REPORTS}:{line}: column {REPORT_TEXT}: {text}, the text of report {year}, does not exist")
        else:
            files[year] = root / text
    return files, problems


@pytest.fixture(scope="session")
def report_texts() -> dict[int, list[str]]:
    """Each report year's text, one string per line (line 1 is index 0);
    a failure naming the seed row when a report's text is missing."""
    files, problems = report_text_files()
    if problems:
        pytest.fail("\n".join(problems))
    return {year: path.read_text(encoding="utf-8").split("\n") for year, path in files.items()}


CONTROL_COUNTS = ROOT / "seeds" / "mappings" / "controle_aantallen.csv"  # per report: table cells and text figures
TEXT_FIGURE_MAPPING = ROOT / "seeds" / "mappings" / "map_tekstcijfers.csv"  # herhaalt: a text figure repeating a cell


def figures_by_report() -> dict[int, int]:
    """Per report year, the figures the facts hold, from the seeds: its table
    cells and text figures (controle_aantallen.csv), less the text figures
    that repeat a figure printed elsewhere (map_tekstcijfers.csv's herhaalt),
    which the facts hold once."""
    repeated: dict[int, int] = {}
    for row in read_csv(TEXT_FIGURE_MAPPING):
        if row["herhaalt"].strip():
            repeated[int(row[YEAR])] = repeated.get(int(row[YEAR]), 0) + 1
    return {
        int(row[YEAR]): int(row["tabelcellen"]) + int(row["tekstcijfers"]) - repeated.get(int(row[YEAR]), 0)
        for row in read_csv(CONTROL_COUNTS)
    }


@pytest.fixture(scope="session")
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse (built by `make build`)."""
    path = warehouse_path()
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make build` first")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    """dbt's manifest of the project (target/manifest.json, written by `make build`)."""
    path = ROOT / "target" / "manifest.json"
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make build` first")
    parsed: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return parsed

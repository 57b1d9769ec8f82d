"""The numbers the range checks expect, read from the CSV files beside this
module in the project's folder (indwh.paths.RANGE_CHECKS); each row says
where in the report its number comes from."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from typing import Any

from indwh.errors import BadExpectation
from indwh.paths import RANGE_CHECKS as HERE


def read(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(name: str, line: int, row: dict[str, str], column: str) -> float:
    try:
        return float(row[column])
    except (TypeError, ValueError):
        raise BadExpectation(f"{HERE / name}, row {line}, column {column}: {row[column]!r} is not a number") from None


@cache
def expected_rows_per_year() -> dict[int, dict[str, int]]:
    """report year -> fact -> rows: the figures of every table and
    running-text block of that report in that fact (expected_rows.csv, a
    block of rows per report), and 'alle_feiten': all of them."""
    years: dict[int, dict[str, int]] = {}
    for line, row in enumerate(read("expected_rows.csv"), start=2):
        totals = years.setdefault(int(number("expected_rows.csv", line, row, "rapportjaar")), {})
        if row["feit"]:
            totals[row["feit"]] = totals.get(row["feit"], 0) + int(number("expected_rows.csv", line, row, "cijfers"))
    for totals in years.values():
        totals["alle_feiten"] = sum(totals.values())
    return years


def report_years() -> list[int]:
    """The report years the warehouse holds: those expected_rows.csv counts."""
    return sorted(expected_rows_per_year())


def expected_rows() -> dict[str, int]:
    """fact -> rows over every report year."""
    totals: dict[str, int] = {}
    for year in expected_rows_per_year().values():
        for fact, rows in year.items():
            totals[fact] = totals.get(fact, 0) + rows
    return totals


@dataclass(frozen=True)
class KnownChange:
    """A large change from one year to the next that the report shows."""

    year: int
    table: str
    line: int
    column: str
    low: float
    high: float
    printed: str


@cache
def known_changes() -> tuple[KnownChange, ...]:
    changes = []
    for line, row in enumerate(read("known_changes.csv"), start=2):
        low, high = (number("known_changes.csv", line, row, column) for column in ("ondergrens", "bovengrens"))
        if row["kolom"] not in ("verschil_relatief", "verschil_procentpunt") or low > high:
            raise BadExpectation(f"{HERE / 'known_changes.csv'}, row {line}: kolom {row['kolom']!r}, bounds {low}..{high}")
        year = int(number("known_changes.csv", line, row, "rapportjaar"))
        changes.append(KnownChange(year, row["tabel"], int(row["regel"]), row["kolom"], low, high, row["gedrukt"]))
    return tuple(changes)


@cache
def table_rounding() -> tuple[dict[str, Any], ...]:
    """Rows of table_rounding.csv: the rule (no table named) and its exceptions."""
    return tuple(
        {**row, "afronding": number("table_rounding.csv", line, row, "afronding")}
        for line, row in enumerate(read("table_rounding.csv"), start=2)
    )

"""What the range checks expect of the marts: one place per table,
expectations grouped by what they protect."""

from __future__ import annotations

import csv
from pathlib import Path

import great_expectations as gx
from great_expectations.expectations import (
    ExpectColumnValuesToBeBetween,
    ExpectColumnValuesToBeInSet,
    ExpectColumnValuesToBeUnique,
    ExpectColumnValuesToNotBeNull,
    ExpectTableRowCountToEqual,
)

from indwh.range_checks.frames import ALWAYS, DIMENSIONS

HERE = Path(__file__).parent
REPORT_YEARS = [2011]
# The largest change from one year to the next that passes without being
# named in known_changes.csv: half (counts, amounts) and ten points (percentages).
MAX_RELATIVE_CHANGE = 50
MAX_POINT_CHANGE = 10
# Tables whose counts are not rounded to 50: the Caribbean table rounds to 5,
# the complaints table prints exact counts; 25.240 asylum decisions is
# printed to the ten. Everything else in a table is a multiple of 50.
NOT_ROUNDED_TO_50 = ("Resultaten IND-unit Caribisch Nederland", "Klachten")
NOT_ROUNDED_TO_50_VALUES = ("25.240",)


def where(condition: str) -> dict[str, str]:
    return {"row_condition": condition, "condition_parser": "pandas"}


def expected_rows() -> dict[str, int]:
    with (HERE / "expected.csv").open(encoding="utf-8") as handle:
        return {row["tabel"]: int(row["rijen"]) for row in csv.DictReader(handle)}


def known_changes() -> list[int]:
    """Report lines of the later figure of the changes the report itself shows as large."""
    with (HERE / "known_changes.csv").open(encoding="utf-8") as handle:
        return [int(row["regel"]) for row in csv.DictReader(handle)]


def units() -> list:
    """Each unit within its range: percentages 0-100, counts whole and not
    negative, grades 1-10, euros, fte and per-day figures above zero."""
    return [
        ExpectColumnValuesToBeBetween(column="waarde", min_value=0, max_value=100, **where('eenheid == "procent"')),
        ExpectColumnValuesToBeBetween(column="waarde", min_value=0, **where('eenheid == "aantal"')),
        ExpectColumnValuesToBeInSet(column="is_geheel", value_set=[True], **where('eenheid in ["aantal", "per_dag"]')),
        ExpectColumnValuesToBeBetween(column="waarde", min_value=1, max_value=10, **where('eenheid == "rapportcijfer"')),
        ExpectColumnValuesToBeBetween(
            column="waarde", min_value=0, strict_min=True, **where('eenheid in ["euro", "fte", "per_dag"]')
        ),
    ]


def keys(table: str, codes: dict[str, set[str]]) -> list:
    """observatie_id present and unique; every code in its dim_* table."""
    expectations = [
        ExpectColumnValuesToNotBeNull(column="observatie_id"),
        ExpectColumnValuesToBeUnique(column="observatie_id"),
    ]
    for column in DIMENSIONS[table] + ALWAYS:
        expectations += [
            ExpectColumnValuesToNotBeNull(column=column),
            ExpectColumnValuesToBeInSet(column=column, value_set=sorted(codes[column])),
        ]
    expectations.append(ExpectColumnValuesToBeInSet(column="kwalificatie", value_set=sorted(codes["kwalificatie"])))
    return expectations


def years_and_rows(table: str) -> list:
    """The report year, figures about that year or the one before, and
    exactly as many rows as the report prints figures for this table."""
    return [
        ExpectColumnValuesToBeInSet(column="rapportjaar", value_set=REPORT_YEARS),
        ExpectColumnValuesToBeInSet(column="jaar_verschil", value_set=[0, -1]),
        ExpectTableRowCountToEqual(value=expected_rows()[table]),
    ]


def all_facts() -> list:
    """Every printed figure in exactly one fact table: observatie_id unique
    across the three, and as many as the report prints figures."""
    return [
        ExpectColumnValuesToNotBeNull(column="observatie_id"),
        ExpectColumnValuesToBeUnique(column="observatie_id"),
        ExpectTableRowCountToEqual(value=expected_rows()["alle_feiten"]),
    ]


def rounding() -> list:
    """Every value a multiple of its rounding step, and table counts
    multiples of 50 except the named tables and values."""
    excluded_tables = " and ".join(f'bron_tabel != "{name}"' for name in NOT_ROUNDED_TO_50)
    excluded_values = " and ".join(f'bron_waarde != "{value}"' for value in NOT_ROUNDED_TO_50_VALUES)
    return [
        ExpectColumnValuesToNotBeNull(column="afronding"),
        ExpectColumnValuesToBeInSet(column="veelvoud_van_afronding", value_set=[True]),
        ExpectColumnValuesToBeInSet(
            column="veelvoud_van_50",
            value_set=[True],
            **where(f'eenheid == "aantal" and bron_tabel.notna() and {excluded_tables} and {excluded_values}'),
        ),
    ]


def year_over_year() -> list:
    """Changes within plausible bounds, unless the report shows them as large
    (known_changes.csv, by the line of the later figure)."""
    known = known_changes()
    not_known = f"~bron_regel.isin({known})"
    return [
        ExpectColumnValuesToBeBetween(
            column="verschil_relatief",
            min_value=-MAX_RELATIVE_CHANGE,
            max_value=MAX_RELATIVE_CHANGE,
            **where(f"verschil_relatief.notna() and {not_known}"),
        ),
        ExpectColumnValuesToBeBetween(
            column="verschil_procentpunt",
            min_value=-MAX_POINT_CHANGE,
            max_value=MAX_POINT_CHANGE,
            **where(f"verschil_procentpunt.notna() and {not_known}"),
        ),
        ExpectColumnValuesToBeUnique(column="observatie_id"),
    ]


def reconciliations() -> list:
    """No reconciliation of the report out of tolerance."""
    return [ExpectColumnValuesToBeInSet(column="oordeel", value_set=["ok"])]


def suites(tables: set[str], codes: dict[str, set[str]]) -> dict[str, list[tuple[str, list]]]:
    """table -> [(group, expectations)] for every table present."""
    spec: dict[str, list[tuple[str, list]]] = {}
    for table in DIMENSIONS:
        spec[table] = [
            ("units", units()),
            ("keys", keys(table, codes)),
            ("years and rows", years_and_rows(table)),
            ("rounding", rounding()),
        ]
    spec["alle_feiten"] = [("keys", all_facts())]
    for table in ("aanvragen_jaar_op_jaar", "dienstverlening_jaar_op_jaar", "financien_jaar_op_jaar"):
        spec[table] = [("year over year", year_over_year())]
    if "reconciliaties" in tables:
        spec["reconciliaties"] = [("reconciliations", reconciliations())]
    return {table: groups for table, groups in spec.items() if table in tables}


def suite(name: str, groups: list[tuple[str, list]]) -> gx.ExpectationSuite:
    result = gx.ExpectationSuite(name=name)
    for group, expectations in groups:
        for expectation in expectations:
            expectation.meta = {"group": group}
            result.add_expectation(expectation)
    return result

"""What the range checks expect of the marts: one place per table,
expectations grouped by what they protect. The numbers come from the CSV
files beside this module (expected.py); the bounds below are judgement,
written next to the check that uses them."""

from __future__ import annotations

from typing import Literal, TypedDict

import great_expectations as gx
from great_expectations.expectations import (
    ExpectColumnDistinctValuesToContainSet,
    ExpectColumnPairValuesToBeEqual,
    ExpectColumnValuesToBeBetween,
    ExpectColumnValuesToBeInSet,
    ExpectColumnValuesToBeUnique,
    ExpectColumnValuesToNotBeNull,
    ExpectCompoundColumnsToBeUnique,
    ExpectTableRowCountToBeBetween,
    ExpectTableRowCountToEqual,
)
from great_expectations.expectations.expectation import Expectation

from indwh.range_checks.expected import expected_rows, known_changes, report_years
from indwh.range_checks.frames import ALL_FACTS, ALWAYS, DIMENSIONS, RECONCILIATIONS, YEAR_OVER_YEAR

# Year over year: a count, amount or fte that moves by more than a third, or
# a percentage that moves by more than 7 points, is a change the report
# discusses (known_changes.csv names each with its size) or an error.
MAX_RELATIVE_CHANGE = 33.3
MAX_POINT_CHANGE = 7

Suite = list[tuple[str, list[Expectation]]]


class Where(TypedDict):
    """The keyword arguments that limit an expectation to some rows."""

    row_condition: str
    condition_parser: Literal["pandas"]


def where(condition: str) -> Where:
    return {"row_condition": condition, "condition_parser": "pandas"}


def units() -> list[Expectation]:
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


def keys(table: str, codes: dict[str, set[str]]) -> list[Expectation]:
    """observatie_id present and unique; every code in its dim_* table."""
    expectations: list[Expectation] = [
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


def row_count(table: str) -> list[Expectation]:
    """Exactly as many rows as the reports print figures of this table: in
    all, and per report year."""
    rows = expected_rows()[table]
    source = "indwh/range_checks/expected_rows.csv, report by report and table by table"
    return [
        ExpectTableRowCountToEqual(value=rows, notes=f"The reports print {rows} figures of {table}: {source}"),
        ExpectColumnPairValuesToBeEqual(
            column_A="rijen_in_rapportjaar",
            column_B="verwachte_rijen",
            notes=f"Each report year holds as many figures of {table} as that report prints ({source})",
        ),
    ]


def years_and_rows(table: str) -> list[Expectation]:
    """A report year the checks know, figures about that year or the one
    before, and exactly as many rows as each report prints figures of this
    fact."""
    return [
        ExpectColumnValuesToBeInSet(column="rapportjaar", value_set=report_years()),
        ExpectColumnValuesToBeInSet(column="jaar_verschil", value_set=[0, -1]),
        *row_count(table),
    ]


def all_facts() -> list[Expectation]:
    """Every printed figure in exactly one fact table: observatie_id unique
    across the three, and as many as the report prints figures."""
    return [
        ExpectColumnValuesToNotBeNull(column="observatie_id"),
        ExpectColumnValuesToBeUnique(column="observatie_id"),
        *row_count(ALL_FACTS),
    ]


def rounding() -> list[Expectation]:
    """Every value a multiple of its rounding step, and a table's counts
    rounded to the step the report uses for that table (table_rounding.csv:
    50, and the tables and values it names)."""
    return [
        ExpectColumnValuesToNotBeNull(column="afronding"),
        ExpectColumnValuesToBeInSet(column="veelvoud_van_afronding", value_set=[True]),
        ExpectColumnPairValuesToBeEqual(column_A="afronding", column_B="tabelafronding", **where("tabelafronding.notna()")),
    ]


def year_over_year(table: str) -> list[Expectation]:
    """Each change belongs to one figure of its fact, one per report line and
    report; changes within the bounds above, except the ones a report shows
    as large (known_changes.csv, by report year and the report line of the
    later figure), which must be there and have the size the printed figures
    give them."""
    known = [change for change in known_changes() if change.table == table]
    is_known = " or ".join(f"(bron_rapportjaar == {c.year} and bron_regel == {c.line})" for c in known) or "False"
    not_known = f"~({is_known})"
    expectations: list[Expectation] = [
        ExpectColumnValuesToBeUnique(column="observatie_id"),
        ExpectColumnValuesToNotBeNull(column="bron_regel"),
        ExpectCompoundColumnsToBeUnique(column_list=["bron_rapportjaar", "bron_regel"]),
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
    ]
    for year in sorted({change.year for change in known}):
        lines = [change.line for change in known if change.year == year]
        expectations.append(
            ExpectColumnDistinctValuesToContainSet(column="bron_regel", value_set=lines, **where(f"bron_rapportjaar == {year}"))
        )
    for year, column in sorted({(change.year, change.column) for change in known}):
        lines = [change.line for change in known if change.column == column and change.year == year]
        expectations.append(
            ExpectColumnValuesToNotBeNull(column=column, **where(f"bron_rapportjaar == {year} and bron_regel.isin({lines})"))
        )
    for change in known:
        expectations.append(
            ExpectColumnValuesToBeBetween(
                column=change.column,
                min_value=change.low,
                max_value=change.high,
                notes=f"Known change, report {change.year}, line {change.line}: {change.printed}",
                **where(f"bron_rapportjaar == {change.year} and bron_regel == {change.line}"),
            )
        )
    return expectations


def reconciliations() -> list[Expectation]:
    """The reconciliation mart holds its checks, and none is out of tolerance
    or missing a figure."""
    return [
        ExpectTableRowCountToBeBetween(min_value=1),
        ExpectColumnValuesToNotBeNull(column="oordeel"),
        ExpectColumnValuesToBeInSet(column="oordeel", value_set=["ok"]),
    ]


def suites(tables: set[str], codes: dict[str, set[str]]) -> dict[str, Suite]:
    """table -> [(group, expectations)] for every table given."""
    spec: dict[str, Suite] = {}
    for table in DIMENSIONS:
        spec[table] = [
            ("units", units()),
            ("keys", keys(table, codes)),
            ("years and rows", years_and_rows(table)),
            ("rounding", rounding()),
        ]
    spec[ALL_FACTS] = [("keys", all_facts())]
    for table in YEAR_OVER_YEAR:
        spec[table] = [("year over year", year_over_year(table))]
    spec[RECONCILIATIONS] = [("reconciliations", reconciliations())]
    return {table: groups for table, groups in spec.items() if table in tables}


def suite(name: str, groups: Suite) -> gx.ExpectationSuite:
    result = gx.ExpectationSuite(name=name)
    for group, expectations in groups:
        for expectation in expectations:
            expectation.meta = {"group": group}
            result.add_expectation(expectation)
    return result

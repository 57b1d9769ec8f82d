"""The columns an expectation suite reads, and a frame cut to them before
great-expectations validates it.

great-expectations' pandas engine copies the rows a row condition selects,
every column of them, once per metric: with the marts' wide text columns
(quotes, labels, sources) that copying grew with the report years while no
expectation reads those columns (docs/decisions/0013-validate-the-columns-read.md).
The cut keeps every row and the index, so row counts, uniqueness and the
offending rows a failure names are the same; a column a row condition names
is kept whenever its name stands anywhere in the condition."""

from __future__ import annotations

import pandas as pd
from great_expectations.expectations.expectation import Expectation

SuiteGroups = list[tuple[str, list[Expectation]]]  # as indwh.range_checks.spec.Suite
COLUMN_ARGUMENTS = ("column", "column_A", "column_B")  # an expectation's arguments that name one column


def columns_read(frame: pd.DataFrame, groups: SuiteGroups) -> list[str]:
    """The columns of `frame`, in its order, that an expectation of `groups`
    names: as its column(s), its column list, or within its row condition."""
    named: set[str] = set()
    conditions: list[str] = []
    for _, expectations in groups:
        for expectation in expectations:
            named.update(str(getattr(expectation, name)) for name in COLUMN_ARGUMENTS if getattr(expectation, name, None))
            named.update(str(column) for column in getattr(expectation, "column_list", None) or [])
            condition = getattr(expectation, "row_condition", None)
            if condition:
                conditions.append(str(condition))
    return [column for column in frame.columns if column in named or any(column in condition for condition in conditions)]


def cut_to_columns_read(frame: pd.DataFrame, groups: SuiteGroups) -> pd.DataFrame:
    """`frame` with only the columns the suite reads, every row and the index kept."""
    return frame[columns_read(frame, groups)]

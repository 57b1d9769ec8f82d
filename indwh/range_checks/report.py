"""A failed expectation as text for the terminal: table, column,
expectation with its arguments, and the first offending rows."""

from __future__ import annotations

from typing import Any

import pandas as pd
from great_expectations.core import ExpectationValidationResult
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from indwh.range_checks.frames import ALL_FACTS, FACTS, RECONCILIATIONS, YEAR_OVER_YEAR

FIRST_ROWS = 5
FACT_COLUMNS = ["observatie_id", "bron_regel", "bron_tabel", "bron_rij", "bron_waarde", "eenheid", "waarde", "afronding"]
SHOWN_COLUMNS = {
    **dict.fromkeys(FACTS, FACT_COLUMNS),
    **{
        table: ["bron_regel", "maatstaf", "eenheid", "waarde_vorig_jaar", "waarde", "verschil_relatief", "verschil_procentpunt"]
        for table in YEAR_OVER_YEAR
    },
    ALL_FACTS: ["observatie_id", "feit"],
    RECONCILIATIONS: [
        "code",
        "jaar",
        "omschrijving_en",
        "gerapporteerd",
        "berekend_min",
        "berekend_max",
        "tolerantie",
        "oordeel",
    ],
}
NOT_ARGUMENTS = ("batch_id", "column", "column_A", "column_B", "row_condition", "condition_parser")


def arguments(kwargs: dict[str, Any]) -> str:
    """The expectation's arguments in a line: bounds, set, and the row condition."""
    shown = {k: v for k, v in kwargs.items() if k not in NOT_ARGUMENTS and v is not None}
    if "value_set" in shown and len(shown["value_set"]) > 5:
        shown["value_set"] = f"{len(shown['value_set'])} codes"
    text = " ".join(f"{k}={v}" for k, v in shown.items())
    condition = kwargs.get("row_condition")
    if isinstance(condition, dict):
        condition = condition.get("pass_through_filter", condition)
    if condition:
        text += f" where {condition}"
    return text.strip()


def columns_of(kwargs: dict[str, Any]) -> list[str]:
    return [kwargs[k] for k in ("column", "column_A", "column_B") if kwargs.get(k)]


def config_of(result: ExpectationValidationResult) -> ExpectationConfiguration:
    """The expectation a validation result is of (every result of a run has one)."""
    if result.expectation_config is None:
        raise ValueError(f"a validation result without its expectation: {result}")
    return result.expectation_config


def offending_rows(result: ExpectationValidationResult) -> list[Any]:
    """Index labels of the offending rows, for the expectations that give them."""
    rows = result.result.get("unexpected_index_list") or []
    return [row for row in rows if not isinstance(row, dict)]


def describe(table: str, result: ExpectationValidationResult, frame: pd.DataFrame) -> str:
    """Several lines: what failed, what was observed, the first offending rows."""
    config = config_of(result)
    columns = columns_of(config.kwargs)
    name = f"{table}.{', '.join(columns)}" if columns else f"{table} (table)"
    lines = [f"FAILED {name}: {config.type} {arguments(config.kwargs)} [{config.meta.get('group', '')}]"]
    if config.notes:
        lines.append(f"  {config.notes}")
    observed = result.result.get("observed_value")
    if config.type == "expect_column_distinct_values_to_contain_set":
        lines.append(f"  missing: {sorted(set(config.kwargs['value_set']) - set(observed or []))}")
    elif observed is not None:
        lines.append(f"  observed: {observed}")
    rows = offending_rows(result)
    if rows:
        shown = list(dict.fromkeys(c for c in SHOWN_COLUMNS.get(table, []) + columns if c in frame.columns))
        lines.append(f"  {len(rows)} offending row(s), first {min(len(rows), FIRST_ROWS)}:")
        table_text = frame.loc[rows[:FIRST_ROWS], shown].to_string(index=False, max_colwidth=40)
        lines += ["    " + line for line in table_text.splitlines()]
    return "\n".join(lines)

"""indwh.range_checks.columns_read: great-expectations is handed only the
columns a suite reads, and validates them as it validates the whole frame."""

from __future__ import annotations

import pandas as pd
import pytest
from great_expectations.expectations import ExpectColumnPairValuesToBeEqual, ExpectColumnValuesToBeBetween
from great_expectations.expectations.expectation import Expectation

from indwh.paths import warehouse_path
from indwh.range_checks import run as checks
from indwh.range_checks.columns_read import columns_read, cut_to_columns_read
from indwh.range_checks.frames import read_marts
from indwh.range_checks.report import config_of
from indwh.range_checks.spec import suites, where


def test_a_column_named_only_in_a_row_condition_is_read() -> None:
    frame = pd.DataFrame({"waarde": [150.0], "eenheid": ["procent"], "bron_citaat": ["a long quote"], "b": [1], "c": [1]})
    groups: list[tuple[str, list[Expectation]]] = [
        ("units", [ExpectColumnValuesToBeBetween(column="waarde", max_value=100, **where('eenheid == "procent"'))]),
        ("pairs", [ExpectColumnPairValuesToBeEqual(column_A="b", column_B="c")]),
    ]

    assert columns_read(frame, groups) == ["waarde", "eenheid", "b", "c"]
    cut = cut_to_columns_read(frame, groups)
    assert list(cut.columns) == ["waarde", "eenheid", "b", "c"] and cut.index.equals(frame.index)


@pytest.fixture(scope="module")
def marts() -> tuple[dict[str, pd.DataFrame], dict[str, set[str]]]:
    return read_marts(warehouse_path())


def outcome(frames: dict[str, pd.DataFrame], codes: dict[str, set[str]]) -> list[tuple[str, str, bool | None, str]]:
    """Per expectation: table, kind and arguments, success, and the result great-expectations gives."""
    return [
        (table, f"{config_of(result).type} {config_of(result).kwargs}", result.success, repr(result.result))
        for table, result in checks.validate(frames, codes, result_format="COMPLETE")
    ]


# A fault per table, each in a column that only a row condition or a pair of rows shows.
FAULTS = {
    "fact_aanvragen": ("eenheid", "procent"),  # a count of thousands now a percentage: above 100
    "aanvragen_jaar_op_jaar": ("bron_regel", None),  # a figure without its report line
}


@pytest.mark.parametrize("table", sorted(FAULTS))
def test_the_cut_frame_validates_as_the_whole_one(
    marts: tuple[dict[str, pd.DataFrame], dict[str, set[str]]], table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames, codes = marts
    frame = frames[table].copy()
    column, value = FAULTS[table]
    frame.loc[frame["waarde"].astype(float).idxmax(), column] = value
    groups = suites({table}, codes)[table]
    assert len(columns_read(frame, groups)) < len(frame.columns)  # something is cut

    cut = outcome({table: frame}, codes)
    monkeypatch.setattr(checks, "cut_to_columns_read", lambda whole, _: whole)
    whole = outcome({table: frame}, codes)

    assert cut == whole and not all(success for _, _, success, _ in whole)

"""The range checks bite: each deliberately broken frame fails exactly the
expectations that protect against that break, and the intact marts pass."""

from __future__ import annotations

import pandas as pd
import pytest

from indwh.checks import validate
from indwh.paths import warehouse_path
from indwh.range_checks.frames import read_marts, with_helpers


@pytest.fixture(scope="module")
def marts() -> tuple[dict[str, pd.DataFrame], dict[str, set[str]]]:
    return read_marts(warehouse_path())


def failures(marts, table: str, frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    _, codes = marts
    return {
        (result.expectation_config.meta["group"], result.expectation_config.type, result.expectation_config.kwargs.get("column", ""))
        for _, result in validate({table: frame}, codes)
        if not result.success
    }


def fact(marts, table: str = "fact_aanvragen") -> pd.DataFrame:
    return marts[0][table].copy()


def first(frame: pd.DataFrame, condition: pd.Series) -> int:
    return frame.index[condition][0]


def test_intact_marts_pass(marts) -> None:
    frames, codes = marts
    assert [r for _, r in validate(frames, codes) if not r.success] == []


def test_percentage_above_100(marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, frame.eenheid == "procent"), "waarde"] = 140
    assert failures(marts, "fact_aanvragen", with_helpers(frame)) == {
        ("units", "expect_column_values_to_be_between", "waarde")
    }


def test_negative_count(marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, (frame.eenheid == "aantal") & (frame.bron_tabel == "Documenten")), "waarde"] = -50
    assert failures(marts, "fact_aanvragen", with_helpers(frame)) == {
        ("units", "expect_column_values_to_be_between", "waarde")
    }


def test_duplicate_key(marts) -> None:
    frame = fact(marts, "fact_dienstverlening")
    frame.loc[1, "observatie_id"] = frame.loc[0, "observatie_id"]
    assert failures(marts, "fact_dienstverlening", frame) == {
        ("keys", "expect_column_values_to_be_unique", "observatie_id")
    }


def test_unknown_code(marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "post"] = "onbekend"
    assert failures(marts, "fact_financien", frame) == {("keys", "expect_column_values_to_be_in_set", "post")}


def test_wrong_row_count(marts) -> None:
    frame = fact(marts, "fact_financien").drop(index=3)
    assert failures(marts, "fact_financien", frame) == {("years and rows", "expect_table_row_count_to_equal", "")}


def test_wrong_report_year(marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "rapportjaar"] = 2012
    assert failures(marts, "fact_financien", with_helpers(frame)) == {
        ("years and rows", "expect_column_values_to_be_in_set", "rapportjaar"),
    }


def test_year_outside_the_report(marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "jaar"] = 2009
    assert failures(marts, "fact_financien", with_helpers(frame)) == {
        ("years and rows", "expect_column_values_to_be_in_set", "jaar_verschil"),
    }


def test_value_off_its_rounding(marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, frame.bron_waarde == "49.700"), "waarde"] = 49701
    assert failures(marts, "fact_aanvragen", with_helpers(frame)) == {
        ("rounding", "expect_column_values_to_be_in_set", "veelvoud_van_afronding"),
        ("rounding", "expect_column_values_to_be_in_set", "veelvoud_van_50"),
    }


def test_unexplained_jump_between_years(marts) -> None:
    frame = marts[0]["aanvragen_jaar_op_jaar"].copy()
    frame.loc[first(frame, frame.maatstaf == "aanvragen"), "verschil_relatief"] = 80.0
    assert failures(marts, "aanvragen_jaar_op_jaar", frame) == {
        ("year over year", "expect_column_values_to_be_between", "verschil_relatief")
    }


def test_known_large_change_needs_its_name(marts) -> None:
    """The +207% of permanent regular residence documents passes only because it is named."""
    frame = marts[0]["aanvragen_jaar_op_jaar"].copy()
    frame.loc[frame.bron_regel == 667, "bron_regel"] = 9999
    assert failures(marts, "aanvragen_jaar_op_jaar", frame) == {
        ("year over year", "expect_column_values_to_be_between", "verschil_relatief")
    }


def test_figure_in_two_fact_tables(marts) -> None:
    frame = marts[0]["alle_feiten"].copy()
    frame.loc[0, "observatie_id"] = frame.loc[frame.feit == "fact_financien", "observatie_id"].iloc[0]
    assert failures(marts, "alle_feiten", frame) == {("keys", "expect_column_values_to_be_unique", "observatie_id")}

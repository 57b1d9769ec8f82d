"""The range checks bite: each deliberately broken frame fails exactly the
expectations that protect against that break, and the intact marts pass."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from indwh import definitions
from indwh.errors import NotOffline
from indwh.paths import ROOT, warehouse_path
from indwh.range_checks import expected, frames
from indwh.range_checks import run as checks
from indwh.range_checks.data_docs import LOADED, offline_text
from indwh.range_checks.expected import known_changes, read
from indwh.range_checks.frames import read_marts, with_helpers
from indwh.range_checks.report import arguments, config_of
from indwh.range_checks.spec import MAX_POINT_CHANGE, MAX_RELATIVE_CHANGE

Marts = tuple[dict[str, pd.DataFrame], dict[str, set[str]]]
# A number as the report prints it (the grammar of indwh.definitions), found
# anywhere in a line of the report's text.
NUMBER = re.compile(r"(?<![\w.,])" + definitions.dutch_number_pattern().removeprefix("^").removesuffix("$") + r"(?![\w,])")


@pytest.fixture(scope="module")
def marts() -> Marts:
    return read_marts(warehouse_path())


def failures(marts: Marts, table: str, frame: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    """(group, expectation, column, arguments) of every failed expectation."""
    _, codes = marts
    failed = set()
    for _, result in checks.validate({table: frame}, codes):
        if not result.success:
            config = config_of(result)
            column = config.kwargs.get("column") or config.kwargs.get("column_A") or ""
            failed.add((config.meta["group"], config.type, column, arguments(config.kwargs)))
    return failed


def failed(marts: Marts, table: str, frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    """(group, expectation, column) of every failed expectation."""
    return {(group, kind, column) for group, kind, column, _ in failures(marts, table, frame)}


def fact(marts: Marts, table: str = "fact_aanvragen") -> pd.DataFrame:
    return marts[0][table].copy()


def first(frame: pd.DataFrame, condition: pd.Series) -> int:
    position: int = frame.index[condition][0]
    return position


def test_intact_marts_pass(marts: Marts) -> None:
    frames, codes = marts
    results = checks.validate(frames, codes)
    assert len({table for table, _ in results}) == 8
    assert [r.expectation_config for _, r in results if not r.success] == []


# units


def test_percentage_above_100(marts: Marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, frame.eenheid == "procent"), "waarde"] = 140
    assert failed(marts, "fact_aanvragen", with_helpers(frame)) == {("units", "expect_column_values_to_be_between", "waarde")}


def test_negative_count(marts: Marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, (frame.eenheid == "aantal") & (frame.bron_tabel == "Documenten")), "waarde"] = -50
    assert failed(marts, "fact_aanvragen", with_helpers(frame)) == {("units", "expect_column_values_to_be_between", "waarde")}


def test_count_not_whole(marts: Marts) -> None:
    frame = fact(marts, "fact_dienstverlening")
    frame.loc[first(frame, frame.bron_waarde == "4.440"), "waarde"] = 4440.5
    assert failed(marts, "fact_dienstverlening", with_helpers(frame)) == {
        ("units", "expect_column_values_to_be_in_set", "is_geheel"),
        ("rounding", "expect_column_values_to_be_in_set", "veelvoud_van_afronding"),
    }


def test_grade_above_10(marts: Marts) -> None:
    frame = fact(marts, "fact_dienstverlening")
    frame.loc[first(frame, frame.eenheid == "rapportcijfer"), "waarde"] = 11
    assert failed(marts, "fact_dienstverlening", with_helpers(frame)) == {
        ("units", "expect_column_values_to_be_between", "waarde")
    }


def test_amount_of_zero_euro(marts: Marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[first(frame, frame.eenheid == "euro"), "waarde"] = 0
    assert failures(marts, "fact_financien", with_helpers(frame)) == {
        (
            "units",
            "expect_column_values_to_be_between",
            "waarde",
            'min_value=0.0 strict_min=True where eenheid in ["euro", "fte", "per_dag"]',
        )
    }


# keys


def test_duplicate_key(marts: Marts) -> None:
    frame = fact(marts, "fact_dienstverlening")
    frame.at[1, "observatie_id"] = str(frame.at[0, "observatie_id"])  # a varchar key
    assert failed(marts, "fact_dienstverlening", frame) == {("keys", "expect_column_values_to_be_unique", "observatie_id")}


def test_unknown_code(marts: Marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "post"] = "onbekend"
    assert failed(marts, "fact_financien", frame) == {("keys", "expect_column_values_to_be_in_set", "post")}


def test_missing_code(marts: Marts) -> None:
    frame = fact(marts)
    frame.loc[0, "nationaliteit"] = None
    assert failed(marts, "fact_aanvragen", frame) == {("keys", "expect_column_values_to_not_be_null", "nationaliteit")}


def test_unknown_bounding_word(marts: Marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "kwalificatie"] = "heel_veel"
    assert failed(marts, "fact_financien", frame) == {("keys", "expect_column_values_to_be_in_set", "kwalificatie")}


def test_figure_in_two_fact_tables(marts: Marts) -> None:
    frame = marts[0]["alle_feiten"].copy()
    frame.loc[0, "observatie_id"] = frame.loc[frame.feit == "fact_financien", "observatie_id"].iloc[0]
    assert failed(marts, "alle_feiten", frame) == {("keys", "expect_column_values_to_be_unique", "observatie_id")}


# years and rows


def test_wrong_row_count(marts: Marts) -> None:
    frame = fact(marts, "fact_financien").drop(index=3)
    assert failed(marts, "fact_financien", frame) == {("years and rows", "expect_table_row_count_to_equal", "")}


def test_wrong_report_year(marts: Marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "rapportjaar"] = 2012
    assert failed(marts, "fact_financien", with_helpers(frame)) == {
        ("years and rows", "expect_column_values_to_be_in_set", "rapportjaar"),
        ("years and rows", "expect_column_pair_values_to_be_equal", "rijen_in_rapportjaar"),
    }


@pytest.fixture
def two_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """expected_rows.csv as it reads with a second report, 2012, printing as many figures as 2011."""
    per_year = expected.expected_rows_per_year()
    two = {2011: per_year[2011], 2012: dict(per_year[2011])}
    monkeypatch.setattr(expected, "expected_rows_per_year", lambda: two)
    monkeypatch.setattr(frames, "expected_rows_per_year", lambda: two)


def with_a_second_report(frame: pd.DataFrame) -> pd.DataFrame:
    second = frame.assign(rapportjaar=frame.rapportjaar + 1, jaar=frame.jaar + 1, observatie_id=frame.observatie_id + "-2012")
    return pd.concat([frame, second], ignore_index=True)


def test_a_second_report_with_its_rows_passes(marts: Marts, two_reports: None) -> None:
    frame = with_a_second_report(fact(marts, "fact_financien"))
    assert failed(marts, "fact_financien", with_helpers(frame)) == set()


def test_rows_are_counted_per_report(marts: Marts, two_reports: None) -> None:
    """A figure moved from one report to the other keeps the total: the count per report year finds it."""
    frame = with_a_second_report(fact(marts, "fact_financien"))
    frame.loc[0, ["rapportjaar", "jaar"]] = [2012, 2012]
    assert failed(marts, "fact_financien", with_helpers(frame)) == {
        ("years and rows", "expect_column_pair_values_to_be_equal", "rijen_in_rapportjaar")
    }


def test_year_outside_the_report(marts: Marts) -> None:
    frame = fact(marts, "fact_financien")
    frame.loc[0, "jaar"] = 2009
    assert failed(marts, "fact_financien", with_helpers(frame)) == {
        ("years and rows", "expect_column_values_to_be_in_set", "jaar_verschil")
    }


# rounding


def test_value_off_its_rounding(marts: Marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, frame.bron_waarde == "49.700"), "waarde"] = 49701
    assert failed(marts, "fact_aanvragen", with_helpers(frame)) == {
        ("rounding", "expect_column_values_to_be_in_set", "veelvoud_van_afronding")
    }


def test_rounding_step_not_the_tables(marts: Marts) -> None:
    frame = fact(marts)
    frame.loc[first(frame, frame.bron_waarde == "49.700"), "afronding"] = 10
    assert failed(marts, "fact_aanvragen", with_helpers(frame)) == {
        ("rounding", "expect_column_pair_values_to_be_equal", "afronding")
    }


def test_rounding_exception_needs_its_name(marts: Marts) -> None:
    """The Caribbean table's counts (rounded to 5) pass only because table_rounding.csv names the table."""
    frame = fact(marts)
    frame["bron_tabel"] = frame["bron_tabel"].replace("Resultaten IND-unit Caribisch Nederland", "Onbekende tabel")
    assert failed(marts, "fact_aanvragen", with_helpers(frame)) == {
        ("rounding", "expect_column_pair_values_to_be_equal", "afronding")
    }


# year over year


def test_unexplained_jump_between_years(marts: Marts) -> None:
    frame = marts[0]["aanvragen_jaar_op_jaar"].copy()
    frame.loc[first(frame, frame.bron_regel == 109), "verschil_relatief"] = 40.0
    assert failed(marts, "aanvragen_jaar_op_jaar", frame) == {
        ("year over year", "expect_column_values_to_be_between", "verschil_relatief")
    }


def test_unexplained_jump_in_points(marts: Marts) -> None:
    frame = marts[0]["dienstverlening_jaar_op_jaar"].copy()
    frame.loc[first(frame, frame.bron_regel == 838), "verschil_procentpunt"] = -8
    assert failed(marts, "dienstverlening_jaar_op_jaar", frame) == {
        ("year over year", "expect_column_values_to_be_between", "verschil_procentpunt")
    }


def test_known_change_of_another_size(marts: Marts) -> None:
    """A digit error in the +207% of permanent regular residence documents fails its own band."""
    frame = marts[0]["aanvragen_jaar_op_jaar"].copy()
    frame.loc[frame.bron_regel == 667, "verschil_relatief"] = 2969.0
    assert failures(marts, "aanvragen_jaar_op_jaar", frame) == {
        (
            "year over year",
            "expect_column_values_to_be_between",
            "verschil_relatief",
            "min_value=206.3 max_value=207.5 where bron_rapportjaar == 2011 and bron_regel == 667",
        )
    }


def test_known_change_needs_its_name(marts: Marts) -> None:
    """The +207% passes only because known_changes.csv names it; its line must be there."""
    frame = marts[0]["aanvragen_jaar_op_jaar"].copy()
    frame.loc[frame.bron_regel == 667, "bron_regel"] = 9999
    assert failed(marts, "aanvragen_jaar_op_jaar", frame) == {
        ("year over year", "expect_column_values_to_be_between", "verschil_relatief"),
        ("year over year", "expect_column_distinct_values_to_contain_set", "bron_regel"),
    }


def test_change_without_its_figure(marts: Marts) -> None:
    frame = marts[0]["financien_jaar_op_jaar"].copy()
    frame["bron_regel"] = None
    assert failed(marts, "financien_jaar_op_jaar", frame) == {
        ("year over year", "expect_column_values_to_not_be_null", "bron_regel")
    }


def test_known_changes_are_outside_the_bounds(marts: Marts) -> None:
    """Every named change is one the bounds would stop: the list excuses nothing else."""
    for change in known_changes():
        frame = marts[0][change.table]
        (value,) = frame.loc[(frame.bron_rapportjaar == change.year) & (frame.bron_regel == change.line), change.column]
        bound = MAX_RELATIVE_CHANGE if change.column == "verschil_relatief" else MAX_POINT_CHANGE
        assert abs(value) > bound, change


# reconciliations


def test_reconciliation_out_of_tolerance(marts: Marts) -> None:
    frame = marts[0]["reconciliaties"].copy()
    frame.loc[0, "oordeel"] = "buiten_tolerantie"
    assert failed(marts, "reconciliaties", frame) == {("reconciliations", "expect_column_values_to_be_in_set", "oordeel")}


def test_no_reconciliations(marts: Marts) -> None:
    frame = marts[0]["reconciliaties"].iloc[0:0]
    assert failed(marts, "reconciliaties", frame) == {("reconciliations", "expect_table_row_count_to_be_between", "")}


# the expected numbers come from the report


def test_expected_rows_are_counted_in_the_report(report_texts: dict[int, list[str]]) -> None:
    """Each table's figures, counted in its report's lines; the text blocks
    add up to the numbered text figures."""
    rows = read("expected_rows.csv")
    for row in rows:
        if row["bron"] != "running text":
            lines = report_texts[int(row["rapportjaar"])]
            first_line, last_line = (int(n) for n in row["regels"].split("-"))
            counted = sum(len(NUMBER.findall(lines[n - 1])) for n in range(first_line, last_line + 1))
            assert counted == int(row["cijfers"]), row
    with (ROOT / "seeds" / "rapport" / "tekstcijfers.csv").open(encoding="utf-8", newline="") as handle:
        text_figures = len(list(csv.DictReader(handle)))
    assert sum(int(row["cijfers"]) for row in rows if row["bron"] == "running text") == text_figures == 51


# the command: messages, exit status, an offline report


@pytest.fixture(scope="module")
def altered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the warehouse altered by hand: a percentage of 140, a
    negative count, a deleted row."""
    path = tmp_path_factory.mktemp("altered") / "ind.duckdb"
    shutil.copy(warehouse_path(), path)
    with duckdb.connect(str(path)) as con:
        con.execute("update marts.fact_aanvragen set waarde = 140 where bron_regel = 198 and eenheid = 'procent'")
        con.execute("update marts.fact_dienstverlening set waarde = -4440 where bron_regel = 940 and jaar = 2011")
        con.execute("delete from marts.fact_financien where bron_regel = 1121")
    return path


@pytest.fixture(scope="module")
def run_on_altered(altered: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    site = tmp_path_factory.mktemp("docs")
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setenv("IND_CHECKS_DOCS", str(site))
        status = checks.check_file(altered)
    return status, out.getvalue(), site


def test_altered_warehouse_fails_naming_what_is_wrong(run_on_altered: tuple[int, str, Path]) -> None:
    status, out, _ = run_on_altered
    assert status == 1
    assert (
        "FAILED fact_aanvragen.waarde: expect_column_values_to_be_between"
        ' min_value=0.0 max_value=100.0 where eenheid == "procent" [units]' in out
    )
    assert re.search(r"\n\s+\w{32}\s+198 .* 23% procent\s+140\.0", out)
    assert (
        'FAILED fact_dienstverlening.waarde: expect_column_values_to_be_between min_value=0.0 where eenheid == "aantal" [units]'
        in out
    )
    assert re.search(r"\n\s+\w{32}\s+940 .*4\.440\s+aantal\s+-4440\.0", out)
    assert "FAILED fact_financien (table): expect_table_row_count_to_equal value=12 [years and rows]\n" in out
    assert "observed: 11" in out
    assert (
        "FAILED fact_financien.rijen_in_rapportjaar, verwachte_rijen: expect_column_pair_values_to_be_equal  [years and rows]\n"
        in out
    )
    assert "Range checks: 6 of " in out  # the two above, both again for alle_feiten, and the two values


def test_report_reads_offline(run_on_altered: tuple[int, str, Path]) -> None:
    _, _, site = run_on_altered
    pages = list(site.rglob("*.html"))
    assert (site / "index.html") in pages and len(pages) == 2 * 8 + 2  # a page per suite and per validation
    for page in pages + list(site.rglob("*.css")):
        assert LOADED.findall(page.read_text(encoding="utf-8")) == [], page
    assert "static/offline/jquery/jquery.min.js" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "static" / "offline" / "fontawesome" / "webfonts" / "fa-solid-900.woff2").exists()
    assert (site / "summary.html").read_text(encoding="utf-8").count("<tr class='failed'>") == 6


def test_unknown_address_is_not_left_to_the_network() -> None:
    page = '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script><a href="https://example.org/">x</a>'
    assert offline_text(page, "static/offline", Path("page.html")) == (
        '<script src="static/offline/jquery/jquery.min.js"></script><a href="https://example.org/">x</a>'
    )
    with pytest.raises(NotOffline, match=r"page\.html loads https://cdn\.example/x\.js"):
        offline_text('<script src="https://cdn.example/x.js"></script>', "static/offline", Path("page.html"))


def test_missing_mart_fails_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ind.duckdb"
    shutil.copy(warehouse_path(), path)
    with duckdb.connect(str(path)) as con:
        con.execute("drop table marts.reconciliaties")
    assert checks.check_file(path) == 1
    assert "has no marts.reconciliaties" in capsys.readouterr().err

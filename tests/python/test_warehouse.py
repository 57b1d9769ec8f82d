"""The published warehouse against the report: every observation traces
back to the line it was printed on, with the value printed there."""

from __future__ import annotations

import re
from typing import Any

import duckdb

from tests.python.conftest import figures_by_report, first

FACTS = ("fact_aanvragen", "fact_dienstverlening", "fact_financien")


def observations(warehouse: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    union = " union all ".join(
        f"select '{fact}', observatie_id, bron_waarde, bron_regel, bron_rij, waarde, eenheid, rapportjaar from marts.{fact}"
        for fact in FACTS
    )
    return warehouse.execute(union).fetchall()


def test_every_observation_stands_on_its_line(warehouse: duckdb.DuckDBPyConnection, report_texts: dict[int, list[str]]) -> None:
    wrong = []
    for fact, key, printed, line, _label, _, _, year in observations(warehouse):
        number = first(re.compile(r"\d[\d.,]*"), printed)
        if number not in re.findall(r"\d+(?:[.,]\d+)*", report_texts[year][line - 1]):
            wrong.append(f"{fact} {key}: {printed!r} not on line {line}")
    assert not wrong, "\n".join(wrong)


def test_facts_hold_every_figure_once(warehouse: duckdb.DuckDBPyConnection) -> None:
    """Per report, its table cells and text figures less the text figures
    that repeat another (figures_by_report, from the seeds), none in two facts."""
    rows = observations(warehouse)
    by_report: dict[int, int] = {}
    for row in rows:
        by_report[row[7]] = by_report.get(row[7], 0) + 1
    assert by_report == figures_by_report()
    assert len({row[1] for row in rows}) == len(rows)


def test_scale_follows_the_unit(warehouse: duckdb.DuckDBPyConnection) -> None:
    """No figure off by a scale: percentages as printed (99, not 0.99), counts whole."""
    for _fact, key, printed, _, _, value, unit, _ in observations(warehouse):
        if unit == "procent":
            assert printed.endswith("%") and float(value) == float(printed.rstrip("%").replace(",", ".")), key
        if unit in ("aantal", "per_dag", "fte"):
            assert float(value) == int(value), key

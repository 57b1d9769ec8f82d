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


def test_a_change_is_quoted_with_the_range_its_figures_allow(warehouse: duckdb.DuckDBPyConnection) -> None:
    """The change a reader quotes (cijfers_gedrukt.verschil_bereik_weergave)
    is never a bare or "circa" figure where ruim, bijna or minder dan stands
    on either figure; the printed change lies within its range; the two
    bounded changes of 2011 read as the range and as an open end."""
    bounding = [
        word
        for (word,) in warehouse.execute(
            "select gedrukt from marts.dim_kwalificatie where grens in ('ondergrens', 'bovengrens')"
        ).fetchall()
    ]
    rows = warehouse.execute(
        "select weergave_vorig_jaar, weergave, verschil_weergave, verschil_bereik_weergave, verschil_min, verschil, verschil_max"
        " from marts.cijfers_gedrukt where vorig_jaar is not null"
    ).fetchall()
    assert bounding and rows
    wrong, shown = [], {}
    for before, now, exact, quoted, low, change, high in rows:
        shown[before, now] = quoted
        bounded = any(figure.startswith(word + " ") for figure in (before, now) for word in bounding)
        if quoted is None or (bounded and (quoted.startswith("circa") or quoted == exact)):
            wrong.append(f"{before} -> {now}: {quoted!r} for a bounded change")
        if (low is not None and change < low) or (high is not None and change > high):
            wrong.append(f"{before} -> {now}: {change} outside [{low}, {high}]")
    assert not wrong, "\n".join(wrong)
    assert shown["ruim 2.300", "minder dan 300"] == "-87,0% tot -100,0%"
    assert shown["ruim 3.000 fte", "ongeveer 2.900 fte"] == "een daling van ten minste 1,7%"

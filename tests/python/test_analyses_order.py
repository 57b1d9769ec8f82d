"""The analyses (analyses/*.sql, also the report site's source queries) put
their rows in one order, whatever order the warehouse holds them in: a
reader gets the same list after every build, and the same figures give the
site's build the same data (indwh/plumbing/site_build_stamp.py keeps a site
whose data did not change).

Each query runs on copies of the marts whose rows stand in other orders
(shuffled with fixed seeds); an ORDER BY that leaves two rows tied lets
them swap between the copies, and the answers differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from indwh.paths import ROOT, warehouse_path
from indwh.pipeline.release import quoted

ANALYSES = sorted((ROOT / "analyses").glob("*.sql"))
SHUFFLES = (0.25, 0.5, 0.75)  # setseed() of each copy


def shuffled_marts(shuffle: float) -> duckdb.DuckDBPyConnection:
    """An in-memory copy of the published marts with their rows shuffled by `shuffle`."""
    con = duckdb.connect()
    con.execute(f"attach {quoted(str(warehouse_path()))} as published (read_only)")
    con.execute("create schema marts")
    con.execute("select setseed(?)", [shuffle])
    tables = con.execute(
        "select table_name from information_schema.tables"
        " where table_catalog = 'published' and table_schema = 'marts' and table_type = 'BASE TABLE' order by all"
    ).fetchall()
    for (table,) in tables:
        con.execute(f'create table marts."{table}" as select * from published.marts."{table}" order by random()')
    con.execute("detach published")
    return con


@pytest.fixture(scope="module")
def copies(warehouse: duckdb.DuckDBPyConnection) -> Iterator[list[duckdb.DuckDBPyConnection]]:
    """One shuffled copy of the marts per seed of SHUFFLES (the published
    warehouse must exist: the `warehouse` fixture fails, saying so, if not)."""
    made = [shuffled_marts(shuffle) for shuffle in SHUFFLES]
    yield made
    for con in made:
        con.close()


def test_there_are_analyses() -> None:
    assert len(ANALYSES) >= 2, ANALYSES


@pytest.mark.parametrize("analysis", ANALYSES, ids=[path.stem for path in ANALYSES])
def test_an_analysis_answers_in_one_order(analysis: Path, copies: list[duckdb.DuckDBPyConnection]) -> None:
    query = analysis.read_text(encoding="utf-8")
    first, *others = (con.execute(query).fetchall() for con in copies)
    assert first, f"{analysis.relative_to(ROOT)} answers no rows"
    for other in others:
        moved = next((number for number, (a, b) in enumerate(zip(first, other, strict=True), start=1) if a != b), None)
        assert moved is None, (
            f"{analysis.relative_to(ROOT)}: row {moved} differs when the warehouse holds its rows in another order:"
            f" its ORDER BY leaves rows tied ({str(first[moved - 1])[:200]} / {str(other[moved - 1])[:200]})"
        )

"""Where the rows of a failed dbt test stand in the seeds
(indwh.pipeline.located), on a small database laid out as a build file is:
a seed, a model that says where its rows stand, a mart that does not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from indwh.paths import ROOT
from indwh.pipeline import located
from indwh.pipeline.build import sql_error

SEED = "seed.ind.map_rijen"
MODEL = "model.ind.int_observaties"
MART = "model.ind.fact_aanvragen"
MANIFEST: dict[str, Any] = {
    "nodes": {
        SEED: {
            "resource_type": "seed",
            "relation_name": "raw.map_rijen",
            "original_file_path": "seeds/mappings/map_rijen.csv",
        },
        MODEL: {"resource_type": "model", "relation_name": "intermediate.int_observaties"},
        MART: {"resource_type": "model", "relation_name": "marts.fact_aanvragen"},
    },
    "parent_map": {MART: [MODEL], MODEL: [SEED], SEED: []},
}


@pytest.fixture
def lineage() -> Iterator[located.Lineage]:
    con = duckdb.connect()
    con.execute("""
        create schema raw;
        create schema intermediate;
        create schema marts;
        create table raw.map_rijen (tabel varchar, label varchar, verblijfsdoel varchar, onderwerp varchar);
        insert into raw.map_rijen values
            ('studenten', 'Aantal aanvragen mvv', 'studie', null),
            ('studenten', 'Aantal beslissingen mvv', 'studi', null),
            ('klachten', 'Aantal klachten', null, null);
        create table intermediate.int_observaties as
            select 'studi' as verblijfsdoel, 'studenten' as tabel,
                'seeds/rapport/studenten.csv:3, row with positie 2 (report line 186), column verslagjaar' as locatie
            union all
            select 'werk', 'arbeid',
                'seeds/rapport/arbeidsmigranten.csv:2, row with positie 1 (report line 320), column verslagjaar';
        create table marts.fact_aanvragen as select verblijfsdoel from intermediate.int_observaties;
    """)
    with con:
        yield located.Lineage(con, MANIFEST)


def relationships(column: str) -> dict[str, Any]:
    return {"test_metadata": {"name": "relationships", "kwargs": {"column_name": column, "to": "ref('dim')", "field": "code"}}}


def test_a_value_a_relationships_test_found_is_named_by_its_seed_line(lineage: located.Lineage) -> None:
    question = located.question_of_test(relationships("verblijfsdoel"))
    assert question is not None
    assert lineage.places(MART, question, {"from_field": "studi"}) == " at seeds/mappings/map_rijen.csv:3"


def test_without_a_seed_that_holds_it_the_nearest_model_says_where(lineage: located.Lineage) -> None:
    question = located.Question(("tabel",))
    assert lineage.places(MART, question, {"tabel": "arbeid"}) == (
        " at seeds/rapport/arbeidsmigranten.csv:2, row with positie 1 (report line 320), column verslagjaar"
    )


def test_an_empty_value_not_null_columns_found_is_named_by_its_key(lineage: located.Lineage) -> None:
    question = located.question_of_test(
        {"test_metadata": {"name": "not_null_columns", "kwargs": {"columns": ["verblijfsdoel"], "key": ["tabel", "label"]}}}
    )
    assert question is not None
    row = {"kolom": "verblijfsdoel", "tabel": "klachten", "label": "Aantal klachten"}
    assert lineage.places(SEED, question, row) == " at seeds/mappings/map_rijen.csv:4"


def test_many_places_are_counted_after_the_first(lineage: located.Lineage) -> None:
    lineage.con.execute("insert into raw.map_rijen select 'x', 'l' || i, 'studi', null from range(5) as r(i)")
    question = located.Question(("verblijfsdoel",))
    assert lineage.places(SEED, question, {"verblijfsdoel": "studi"}) == (
        " at seeds/mappings/map_rijen.csv:3, seeds/mappings/map_rijen.csv:5-6 and 3 more"
    )


def test_a_seed_loaded_again_keeps_its_lines(lineage: located.Lineage) -> None:
    """A reload (make dev) deletes the rows and inserts them again: the rowids move on, the lines do not."""
    lineage.con.execute("create table kopie as select * from raw.map_rijen order by rowid")
    lineage.con.execute("delete from raw.map_rijen")
    lineage.con.execute("insert into raw.map_rijen select * from kopie")
    question = located.Question(("verblijfsdoel",))
    assert lineage.places(SEED, question, {"verblijfsdoel": "studi"}) == " at seeds/mappings/map_rijen.csv:3"


def test_a_relation_that_lacks_the_tested_column_is_not_asked(lineage: located.Lineage) -> None:
    question = located.Question(("code",))
    assert lineage.places(MART, question, {"code": "studi", "verblijfsdoel": "studi"}) == ""


def test_a_singular_test_names_its_places_itself() -> None:
    assert located.question_of_test({"test_metadata": {}}) is None


def test_lines_that_follow_each_other_are_said_as_a_range() -> None:
    places = "a.csv:2, a.csv:3, a.csv:4, b.csv:7, a.csv:9, seeds/x.csv:2 verslagjaar=1"
    assert located.compact(places) == "a.csv:2-4, b.csv:7, a.csv:9, seeds/x.csv:2 verslagjaar=1"


# dbt's message for a model whose SQL DuckDB refuses (the form of dbt-duckdb 1.9).
TYPO = """Runtime Error in model kerncijfers (models/marts/kerncijfers.sql)
  Binder Error: Referenced table "kerncijfer" not found!
  Candidate tables: "kerncijfers", "cijfers"

  LINE 61:     kerncijfer.label_en,
               ^
"""


def test_an_error_in_a_models_sql_names_the_file_and_line_that_hold_it() -> None:
    model = "models/marts/kerncijfers.sql"
    lines = (ROOT / model).read_text(encoding="utf-8").splitlines()
    holding = [number for number, line in enumerate(lines, start=1) if line.strip() == "kerncijfers.label_en,"]
    assert len(holding) == 1, f"{model} holds the quoted SQL on one line"
    assert sql_error(TYPO.replace("kerncijfer.label_en", "kerncijfers.label_en"), model) == (
        f'{model}:{holding[0]}: Binder Error: Referenced table "kerncijfer" not found!'
        ' Candidate tables: "kerncijfers", "cijfers" (the SQL there: kerncijfers.label_en,)'
    )


def test_an_error_in_sql_the_file_does_not_hold_names_the_file() -> None:
    assert sql_error(TYPO, "models/marts/kerncijfers.sql") == (
        'models/marts/kerncijfers.sql: Binder Error: Referenced table "kerncijfer" not found!'
        ' Candidate tables: "kerncijfers", "cijfers" (the SQL as dbt compiled it: kerncijfer.label_en,)'
    )


def test_a_message_without_an_error_of_duckdb_is_left_to_essence() -> None:
    assert sql_error("Compilation Error in model x\n  'foo' is undefined\n", "models/x.sql") is None

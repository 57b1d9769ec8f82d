"""The published file is compact (indwh.pipeline.compact): at most
PUBLISHED_BYTES, in blocks of compact.BLOCK_SIZE, and the compact copy holds
every schema, table, view, column, comment and constraint of the build file,
and every row."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.errors import BuildFailed
from indwh.paths import warehouse_path
from indwh.pipeline import compact
from indwh_tools.bench.report import PUBLISHED_BYTES
from tests.python.conftest import one

# What a reader of the file finds besides the rows, from the file's own
# catalog: every column of the duckdb_* functions but internal object ids.
OWN = "where database_name = current_database()"
CATALOG = {
    "schemas": f"select schema_name, comment, tags from duckdb_schemas() {OWN}",
    "tables": f"select schema_name, table_name, comment, tags, has_primary_key, column_count, sql from duckdb_tables() {OWN}",
    "views": f"select schema_name, view_name, comment, tags, column_count, sql from duckdb_views() {OWN} and not internal",
    "columns": (
        "select schema_name, table_name, column_name, column_index, comment, column_default, is_nullable, data_type"
        f" from duckdb_columns() {OWN}"
    ),
    "constraints": (
        "select schema_name, table_name, constraint_index, constraint_type, constraint_text, expression,"
        f" constraint_column_names from duckdb_constraints() {OWN}"
    ),
    "indexes": f"select schema_name, table_name, index_name, sql from duckdb_indexes() {OWN}",
    "sequences": f"select schema_name, sequence_name, sql from duckdb_sequences() {OWN}",
    "macros": f"select schema_name, function_name, macro_definition from duckdb_functions() {OWN} and not internal",
}


def described(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of CATALOG, and each table's and view's rows (count and an order-independent hash)."""
    with duckdb.connect(str(path), read_only=True) as con:
        found = {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in CATALOG.items()}
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = current_database() order by all"
        ).fetchall()
        found["rows"] = [
            (schema, name, *one(con.execute(f'select count(*), sum(hash(t)::hugeint) from "{schema}"."{name}" as t')))
            for schema, name in relations
        ]
    return found


def block_size(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return int(one(con.execute("select block_size from pragma_database_size() where database_name = current_database()"))[0])


@pytest.fixture(scope="module")
def build_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build file as dbt leaves it: the published warehouse copied into a
    file of DuckDB's default blocks, with a table dropped after it was written."""
    path = tmp_path_factory.mktemp("build") / warehouse_path().name
    with duckdb.connect() as con:
        con.execute(f"attach '{warehouse_path()}' as published (read_only)")
        con.execute(f"attach '{path}' as \"{path.stem}\"")
        con.execute(f'copy from database published to "{path.stem}"')
        con.execute(f'create table "{path.stem}".main.weggegooid as select range as i from range(100000)')
        con.execute(f'checkpoint "{path.stem}"')
        con.execute(f'drop table "{path.stem}".main.weggegooid')
    return path


def test_the_published_file_is_compact_and_small() -> None:
    published = warehouse_path()
    assert block_size(published) == compact.BLOCK_SIZE
    assert published.stat().st_size <= PUBLISHED_BYTES, f"{published}: {published.stat().st_size} bytes"


def test_the_copy_holds_everything_of_the_build_file(build_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / 'it\'s "compacted"' / build_file.name  # quotes in the path are quoted
    copy.parent.mkdir()
    shutil.copyfile(build_file, copy)
    before, size = described(build_file), build_file.stat().st_size
    compact.compact(copy)
    assert sorted(path.name for path in copy.parent.iterdir()) == [copy.name]  # no WAL, no folder of the copy left
    assert block_size(copy) == compact.BLOCK_SIZE
    after = described(copy)
    for part, listed in before.items():
        assert after[part] == listed, part
    assert before["tables"] and before["views"] and any(comment for _, _, comment, *_ in before["tables"])
    assert any(row[3] == "PRIMARY KEY" for row in before["constraints"])
    assert any(row[3] == "NOT NULL" for row in before["constraints"])
    assert {"publicaties", "wijzigingen"} <= {row[1] for row in before["tables"] if row[0] == "marts"}
    assert copy.stat().st_size < size / 4


def test_a_copy_that_cannot_be_made_fails_and_leaves_the_build_file(
    build_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / build_file.name
    shutil.copyfile(build_file, copy)
    monkeypatch.setattr(compact, "BLOCK_SIZE", 1000)  # not a block size DuckDB accepts
    with pytest.raises(BuildFailed, match=f"compacting {copy} into .* failed: .*block"):
        compact.compact(copy)
    assert sorted(path.name for path in tmp_path.iterdir()) == [copy.name]
    assert described(copy) == described(build_file)

"""Every model and seed, and every one of their columns, is described."""

from __future__ import annotations

from typing import Any

import duckdb

from indwh.pipeline.release import HISTORY


def test_every_model_and_column_is_described(manifest: dict[str, Any], warehouse: duckdb.DuckDBPyConnection) -> None:
    missing = []
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed") or node["package_name"] != "ind":
            continue
        if not node["description"].strip():
            missing.append(f"{node['name']}: no description")
        documented = {name for name, column in node["columns"].items() if column["description"].strip()}
        actual = [
            row[0]
            for row in warehouse.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [node["schema"], node["alias"]],
            ).fetchall()
        ]
        if not actual:
            missing.append(f"{node['schema']}.{node['alias']}: not in the warehouse")
        missing += [f"{node['name']}.{column}: no description" for column in actual if column not in documented]
    assert not missing, "\n".join(missing)


def test_every_mart_table_and_column_has_its_comment(warehouse: duckdb.DuckDBPyConnection) -> None:
    """A reader of the DuckDB file sees the descriptions without dbt: every
    mart carries its description and those of its columns as comments
    (persist_docs in dbt_project.yml; the publish history, which the publish
    writes, from indwh/pipeline/release.py)."""
    tables = warehouse.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall()
    assert set(HISTORY) <= {table for table, _ in tables}, "the publish history is not in the warehouse"
    assert tables, "no table in schema marts"
    missing = [f"marts.{table}: no comment" for table, comment in tables if not (comment or "").strip()]
    columns = warehouse.execute(
        """
        select table_name, column_name, comment from duckdb_columns()
        where schema_name = 'marts'
        order by table_name, column_index
        """
    ).fetchall()
    missing += [f"marts.{table}.{column}: no comment" for table, column, comment in columns if not (comment or "").strip()]
    assert not missing, "\n".join(missing)

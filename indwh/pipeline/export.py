"""`indwh export`: every table of the marts schema as Parquet and as CSV in
export/ beside the published warehouse (warehouse/export/), for tools that
do not read DuckDB, described by a Frictionless Data Package
(datapackage.json: every file with its columns, their types and the
descriptions the warehouse carries, and the publish it comes from). Read
from the published file read-only; written into a new folder that replaces
the old one only when every file is written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import duckdb

PACKAGE = "datapackage.json"
# A DuckDB type (its first word) as a Frictionless Table Schema field type.
FIELD_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "integer",
    "SMALLINT": "integer",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "HUGEINT": "integer",
    "DECIMAL": "number",
    "DOUBLE": "number",
    "FLOAT": "number",
    "VARCHAR": "string",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "STRUCT": "object",
}


def marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def field_type(duckdb_type: str) -> str:
    """The Frictionless field type of a DuckDB column type (a list is an array)."""
    if duckdb_type.endswith("[]"):
        return "array"
    return FIELD_TYPES.get(duckdb_type.split("(")[0].split(" ")[0].upper(), "string")


def resources(con: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    """The two files of a mart as Data Package resources: the CSV with its
    Table Schema, the Parquet file (which carries its own types)."""
    comment = con.execute(
        "select comment from duckdb_tables()"
        " where database_name = current_database() and schema_name = 'marts' and table_name = ?",
        [name],
    ).fetchone()
    columns = con.execute(
        "select column_name, data_type, comment from duckdb_columns()"
        " where database_name = current_database() and schema_name = 'marts' and table_name = ? order by column_index",
        [name],
    ).fetchall()
    description = {"description": comment[0]} if comment and comment[0] else {}
    fields = [
        {"name": column, "type": field_type(kind), **({"description": text} if text else {})} for column, kind, text in columns
    ]
    return [
        {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **description,
            "schema": {"fields": fields},
        },
        {"name": f"{name}-parquet", "path": f"{name}.parquet", "format": "parquet", **description},
    ]


def package(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, Any]:
    """The Data Package of the export: the publish it comes from, and every file."""
    publish = (
        con.execute(
            "select publicatie, gepubliceerd_op::varchar, git_commit, seeds_sha256"
            " from marts.publicaties order by publicatie desc limit 1"
        ).fetchone()
        if "publicaties" in names
        else None
    )
    about = (
        {"version": str(publish[0]), "created": publish[1], "publicatie": {"git_commit": publish[2], "seeds_sha256": publish[3]}}
        if publish
        else {}
    )
    return {
        "profile": "tabular-data-package",
        "name": "ind-jaarresultaten",
        "title": "IND jaarresultaten: every printed figure of the annual results, as a warehouse",
        "description": (
            "The marts of the IND annual results warehouse: the figures in long format (fact_*), their code lists"
            " with Dutch and English labels (dim_*), year-over-year, reconciliations, revisions and the publish"
            " history. Every figure names where it stands in the report (bron_*)."
        ),
        **about,
        "resources": [resource for name in names for resource in resources(con, name)],
    }


def export(published: Path, folder: Path) -> list[Path]:
    """Write every mart to `folder` as <mart>.parquet and <mart>.csv (rows
    sorted, so exports diff cleanly), and the Data Package describing them."""
    staging = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with duckdb.connect(str(published), read_only=True) as con:
        names = marts(con)
        for name in names:
            rows = f"(select * from marts.{name} order by all)"
            con.execute(f"copy {rows} to '{staging / name}.parquet' (format parquet)")
            con.execute(f"copy {rows} to '{staging / name}.csv' (format csv, header)")
        (staging / PACKAGE).write_text(json.dumps(package(con, names), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(folder.iterdir())

"""`indwh export`: every table of the marts schema as Parquet and as CSV in
export/ beside the published warehouse (warehouse/export/), for tools that
do not read DuckDB. Read from the published file read-only; written into
a new folder that replaces the old one only when every file is written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb


def marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def export(published: Path, folder: Path) -> list[Path]:
    """Write every mart to `folder` as <mart>.parquet and <mart>.csv (rows sorted, so exports diff cleanly)."""
    staging = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with duckdb.connect(str(published), read_only=True) as con:
        for name in marts(con):
            rows = f"(select * from marts.{name} order by all)"
            con.execute(f"copy {rows} to '{staging / name}.parquet' (format parquet)")
            con.execute(f"copy {rows} to '{staging / name}.csv' (format csv, header)")
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(folder.iterdir())

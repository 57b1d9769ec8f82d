"""Every kind of reader opens the published warehouse read-only: the DuckDB
CLI running each file of analyses/, and the Parquet and CSV export for
tools that read no DuckDB file. BI tools through SQLAlchemy (duckdb-engine):
test_bi_tools.py, with the connection text of docs/bi-tools.md."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import duckdb
import pytest

from indwh.paths import ROOT, warehouse_path
from indwh.pipeline.export import PACKAGE, export
from tests.python.conftest import one
from tests.python.project import DUCKDB_CLI, sha256

ANALYSES = sorted((ROOT / "analyses").glob("*.sql"))


def test_the_cli_is_the_same_duckdb_release_as_python() -> None:
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith(f"v{duckdb.__version__} "), version


def test_there_are_analyses() -> None:
    assert len(ANALYSES) >= 5


@pytest.mark.parametrize("path", ANALYSES, ids=[path.stem for path in ANALYSES])
def test_analysis_is_plain_sql_over_schema_qualified_names(path: Path) -> None:
    """No Jinja, and every relation it reads is schema.table or one of its own CTEs."""
    sql = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
    assert not re.search(r"\{\{|\{%|\{#", sql), "Jinja in an analysis"
    ctes = set(re.findall(r"(\w+) as \(", sql))
    relations = re.findall(r"\b(?:from|join)\s+([\w.]+)", sql)
    assert relations
    assert [name for name in relations if "." not in name and name not in ctes] == []


@pytest.mark.parametrize("path", ANALYSES, ids=[path.stem for path in ANALYSES])
def test_analysis_runs_in_the_cli_read_only(path: Path) -> None:
    published = warehouse_path()
    before = sha256(published)
    result = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-bail", "-no-init", "-csv", "-f", str(path), str(published)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows, "no rows"
    assert len(set(header)) == len(header), f"a column name twice: {header}"
    assert all(len(row) == len(header) for row in rows)
    assert sha256(published) == before


def test_export_writes_every_mart_as_parquet_and_csv(tmp_path: Path) -> None:
    published = warehouse_path()
    folder = tmp_path / "export"
    files = export(published, folder)
    with duckdb.connect(str(published), read_only=True) as con:
        marts = [name for (name,) in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
        # every mart twice, the package, and the folder of the report's text (its `sources`)
        expected = sorted([f"{name}.{kind}" for name in marts for kind in ("csv", "parquet")] + [PACKAGE, "bron"])
        assert sorted(path.name for path in files) == expected
        for name in marts:
            for kind in ("parquet", "csv"):
                source = f"read_{kind}('{folder / name}.{kind}')"
                differ = one(
                    con.execute(
                        f"select count(*) from ((select * from marts.{name} except all select * from {source})"
                        f" union all (select * from {source} except all select * from marts.{name}))"
                    )
                )[0]
                assert differ == 0, f"{name}.{kind} differs from marts.{name}"
    assert not list(tmp_path.glob(".export*")), "temporary folders left"


FRICTIONLESS_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "duration"}


def test_the_export_describes_itself_as_a_data_package(tmp_path: Path) -> None:
    """datapackage.json names every file once, and each CSV's fields are its
    header, in order, each with a Table Schema type and the description the
    warehouse carries; the package says which publish it comes from."""
    folder = tmp_path / "export"
    export(warehouse_path(), folder)
    described = json.loads((folder / PACKAGE).read_text(encoding="utf-8"))
    paths = [resource["path"] for resource in described["resources"]] + [source["path"] for source in described["sources"]]
    files = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    assert sorted(paths) == sorted(name for name in files if name != PACKAGE)
    for resource in described["resources"]:
        if resource["format"] != "csv":
            continue
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        fields = resource["schema"]["fields"]
        assert [field["name"] for field in fields] == header, resource["path"]
        assert {field["type"] for field in fields} <= FRICTIONLESS_TYPES, resource["path"]
        undescribed = [field["name"] for field in fields if not field.get("description")]
        assert resource.get("description") and not undescribed, (
            f"{resource['path']}: no description for {undescribed or 'the table'}"
        )
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        last = one(con.execute("select max(publicatie) from marts.publicaties"))[0]
    assert described["version"] == str(last)

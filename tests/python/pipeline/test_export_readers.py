"""Every kind of reader opens the published warehouse read-only: the DuckDB
CLI running each file of analyses/, and the Parquet and CSV export for
tools that read no DuckDB file, as pandas reads it (through pyarrow): its
numbers as numbers, typed by the declared column type, its descriptions in
the Parquet metadata, its rows in the report's order. BI tools through
SQLAlchemy (duckdb-engine): test_bi_tools.py, with the connection text of
docs/bi-tools.md."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from indwh.definitions import fact_dimensions
from indwh.paths import ROOT, warehouse_path
from indwh.pipeline.export import MANIFEST, PACKAGE, export
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


# A DuckDB column type (its first word) as the dtype pandas must give it:
# every number a float64; an integer numpy's when declared not null,
# pandas' nullable one (which keeps an empty value empty) otherwise.
FLOATS = ("DECIMAL", "DOUBLE", "FLOAT", "REAL")
INTEGERS = {"TINYINT": "int8", "SMALLINT": "int16", "INTEGER": "int32", "BIGINT": "int64"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readers") / "export"
    export(warehouse_path(), folder)
    return folder


def declared_columns() -> dict[str, list[tuple[str, str, bool]]]:
    """Every mart's columns as the published file declares them (the
    contract dbt enforces, the tables release.py creates): name, type, nullable."""
    tables: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        for table, column, kind, nullable in con.execute(
            "select table_name, column_name, data_type, is_nullable from duckdb_columns()"
            " where database_name = current_database() and schema_name = 'marts' order by table_name, column_index"
        ).fetchall():
            tables[table].append((column, kind, nullable))
    return dict(tables)


def expected_dtype(kind: str, nullable: bool) -> str | None:
    base = kind.split("(")[0].split(" ")[0]
    if base in FLOATS:
        return "float64"
    if base in INTEGERS:
        return INTEGERS[base].capitalize() if nullable else INTEGERS[base]
    return None


def test_pandas_reads_every_number_of_the_parquet_export_as_a_number(exported: Path) -> None:
    """pd.read_parquet (pyarrow) on every file: each numeric column has the
    dtype of its declared type, whatever its values, and takes arithmetic
    (x * 0.5, its sum, describe), summing to what DuckDB sums in the file."""
    wrong: list[str] = []
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        for table, columns in declared_columns().items():
            frame = pd.read_parquet(exported / f"{table}.parquet", engine="pyarrow")
            assert list(frame.columns) == [column for column, _, _ in columns], table
            for column, kind, nullable in columns:
                dtype = expected_dtype(kind, nullable)
                if dtype is None:
                    continue
                if str(frame[column].dtype) != dtype:
                    wrong.append(f"{table}.{column} ({kind}): {frame[column].dtype}, not {dtype}")
                    continue
                half = frame[column] * 0.5
                expected, count = one(
                    con.execute(f"select sum(cast({column} as double)) * 0.5, count({column}) from marts.{table}")
                )
                assert half.count() == count, f"{table}.{column}: empty values"
                if count:
                    assert float(half.sum()) == pytest.approx(expected, rel=1e-12), f"{table}.{column}"
                    assert frame[column].describe()["mean"] == pytest.approx(2 * expected / count, rel=1e-12)
    assert wrong == []
    aanvragen = pd.read_parquet(exported / "fact_aanvragen.parquet", engine="pyarrow")
    assert (aanvragen.waarde * 0.5).max() > 0
    assert aanvragen.rang.isna().any() and aanvragen.rang.notna().any(), "rang: a nullable integer, empty for most figures"


def test_pandas_reads_every_number_of_the_csv_export_as_a_number(exported: Path) -> None:
    """pd.read_csv (pyarrow engine) on every file: each numeric column that
    holds a value is numeric, and takes arithmetic."""
    wrong: list[str] = []
    for table, columns in declared_columns().items():
        frame = pd.read_csv(exported / f"{table}.csv", engine="pyarrow")
        for column, kind, _ in columns:
            if expected_dtype(kind, True) is None or frame[column].isna().all():
                continue
            if not pd.api.types.is_numeric_dtype(frame[column]):
                wrong.append(f"{table}.{column}: {frame[column].dtype}")
                continue
            assert (frame[column] * 0.5).count() == frame[column].count()
    assert wrong == []


def parquet_metadata(path: Path) -> dict[str, str]:
    metadata = pq.read_schema(path).metadata or {}
    return {key.decode(): value.decode() for key, value in metadata.items()}


def test_every_parquet_file_carries_its_descriptions(exported: Path) -> None:
    """Each file's key-value metadata: `description`, the table's, and
    `description:<column>` for every column, as dbt's manifest has them (the
    marts dbt builds) or the file's comments (the tables release.py writes)."""
    manifest = json.loads((ROOT / MANIFEST).read_text(encoding="utf-8"))
    expected: dict[str, tuple[str, dict[str, str]]] = {
        node["alias"]: (node["description"], {name: column["description"] for name, column in node["columns"].items()})
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        for table, comment in con.execute(
            "select table_name, comment from duckdb_tables() where database_name = current_database() and schema_name = 'marts'"
        ).fetchall():
            if table not in expected:
                comments = con.execute(
                    "select column_name, comment from duckdb_columns() where database_name = current_database()"
                    " and schema_name = 'marts' and table_name = ?",
                    [table],
                ).fetchall()
                expected[table] = (comment, dict(comments))
    files = sorted(exported.glob("*.parquet"))
    assert sorted(path.stem for path in files) == sorted(expected)
    for path in files:
        metadata = parquet_metadata(path)
        about, wanted = expected[path.stem]
        assert about and metadata["description"] == about, path.name
        described = {key.removeprefix("description:"): value for key, value in metadata.items() if key.startswith("description:")}
        assert described == wanted, path.name
        assert all(wanted.values()) and "{{" not in json.dumps(described), f"{path.name}: a column undescribed"


def key_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    row = con.execute(
        "select constraint_column_names from duckdb_constraints() where database_name = current_database()"
        " and schema_name = 'marts' and table_name = ? and constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchone()
    return list(row[0]) if row else []


def test_rows_come_in_the_report_order(exported: Path) -> None:
    """Figures by report year and report line (a year-over-year row by the
    line of the figure it names), then their id; other tables by their key;
    the CSV file in the Parquet file's order."""
    facts = pd.concat(
        [
            pd.read_parquet(exported / f"{fact}.parquet", engine="pyarrow", columns=["observatie_id", "bron_regel"])
            for fact in fact_dimensions()
        ]
    )
    line = dict(zip(facts.observatie_id, facts.bron_regel, strict=True))
    checked = []
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        for table in declared_columns():
            frame = pd.read_parquet(exported / f"{table}.parquet", engine="pyarrow")
            key = key_of(con, table)
            order: list[tuple[Any, ...]]
            if key == ["observatie_id"]:
                lines = frame.bron_regel if "bron_regel" in frame else frame.observatie_id.map(line)
                assert lines.notna().all(), table
                order = list(zip(frame.rapportjaar, lines, frame.observatie_id, strict=True))
            elif key:
                order = list(frame[key].itertuples(index=False, name=None))
            else:
                continue
            assert order == sorted(order), f"{table}: rows not in the order of {key}"
            with (exported / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
                in_csv = [row[frame.columns[0]] for row in csv.DictReader(handle)]
            assert in_csv == [str(value) for value in frame[frame.columns[0]]], f"{table}.csv: not the Parquet order"
            checked.append(table)
    assert {"fact_aanvragen", "aanvragen_jaar_op_jaar", "cijfers_gedrukt", "dim_maatstaf", "kerncijfers"} <= set(checked)


def test_the_pandas_example_of_the_export_runs_as_pasted(exported: Path) -> None:
    """docs/bi-tools.md's example of the export in pandas, on an export: the
    dtypes and the description it promises."""
    page = (ROOT / "docs" / "bi-tools.md").read_text(encoding="utf-8")
    (example,) = [body for body in re.findall(r"```python\n(.*?)```", page, re.DOTALL) if "read_parquet" in body]
    code = example.replace("warehouse/export/", f"{exported.as_posix()}/") + (
        "\nprint(feiten.waarde.dtype, feiten.rang.dtype, bool((feiten.waarde * 0.5).sum() > 0))"
        "\nprint(metadata[b'description:waarde'].decode())"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    dtypes, description = result.stdout.splitlines()[:2]
    assert dtypes == "float64 Int32 True"
    manifest = json.loads((ROOT / MANIFEST).read_text(encoding="utf-8"))
    assert description == manifest["nodes"]["model.ind.fact_aanvragen"]["columns"]["waarde"]["description"].splitlines()[0]

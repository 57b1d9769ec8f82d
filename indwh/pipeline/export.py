"""`indwh export`: every table of the marts schema as Parquet and as CSV in
export/ beside the published warehouse (warehouse/export/), for tools that
do not read DuckDB, described by a Frictionless Data Package
(datapackage.json). Read from the published file read-only; written into a
new folder that replaces the old one only when every file is written.

The package is generated, never written by hand:

- each mart dbt builds is described from dbt's manifest (target/manifest.json,
  written by the build): its description and its columns' descriptions (doc
  blocks rendered), their types from the contract (`data_type`, which the
  build enforces, so the catalog would only repeat them), `required` from a
  `not_null` constraint, the primary key from a `primary_key` constraint
  (model or column level), the unit from the column's `meta` (`unit`: the one
  unit of every value; `unit_column`: the column of the same row naming it),
  and the foreign keys from the `relationships` tests between two marts;
- marts.publicaties and marts.wijzigingen, which indwh/pipeline/release.py
  writes after dbt, are described from the file: their columns, types,
  constraints and the comments release.py writes;
- the CSV files are tabular resources (`frictionless validate` reads every
  row against its schema and foreign keys); the Parquet files carry their own
  types and are listed as files with their size and SHA-256, which
  validation checks without a Parquet reader;
- the Parquet files are typed for a reader without DuckDB, from the declared
  column types (never from the values): a column of Table Schema type
  `number` (DECIMAL or DOUBLE) is a double, so that pandas reads it as
  float64 (a DECIMAL arrives as Python Decimal objects); the exact decimal
  stays in the warehouse and in the CSV. Each file carries, in its key-value
  metadata, its table's description (`description`), each column's
  (`description:<column>`) and pandas' own metadata (`pandas`), which reads
  an integer column the contract lets be empty as a nullable integer
  (`Int32`) and a not-null one as `int32`, whatever the rows hold;
- rows come in the report's order: a table of figures (keyed by
  `observatie_id`) by report year and report line (its own `bron_regel`, or
  that of the fact the id names), then its key; every other table by its key;
- the licences are LICENSE.md's (its front matter), the source each report
  of raw.map_rapporten, the version the publish in marts.publicaties.

The manifest must describe the published file: a column that differs in
name, order or type stops the export with a message saying so."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import yaml

from indwh.definitions import fact_dimensions
from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline.release import HISTORY, quoted, sha256

PACKAGE = "datapackage.json"
MANIFEST = Path("target") / "manifest.json"
LICENCE = Path("LICENSE.md")
PUBLISHER = "Immigratie- en Naturalisatiedienst (IND)"
# A type (its first word, upper case) as a Frictionless Table Schema field type.
FIELD_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "integer",
    "SMALLINT": "integer",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "HUGEINT": "integer",
    "DECIMAL": "number",
    "NUMERIC": "number",
    "DOUBLE": "number",
    "FLOAT": "number",
    "REAL": "number",
    "VARCHAR": "string",
    "TEXT": "string",
    "DATE": "date",
    "TIMESTAMP": "datetime",
}


# An integer type (its first word, upper case) as the pandas dtype of its
# column: numpy's when the column is declared not null, pandas' nullable one
# otherwise.
INTEGER_DTYPES = {"TINYINT": "int8", "SMALLINT": "int16", "INTEGER": "int32", "BIGINT": "int64"}


class Described(NamedTuple):
    """A mart as the export describes it: its description, its Table Schema
    and each column's declared type (the contract's, or the file's)."""

    description: str
    schema: dict[str, Any]
    declared: dict[str, str]


def marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def field_type(data_type: str) -> str:
    """The Frictionless field type of a column type (DuckDB's or a dbt
    contract's). A list or struct is written to CSV in DuckDB's notation, not
    JSON: a string there (its Parquet file keeps the structure)."""
    if data_type.endswith("]") or data_type.upper().startswith(("STRUCT", "MAP", "UNION")):
        return "string"
    return FIELD_TYPES.get(data_type.split("(")[0].split(" ")[0].upper(), "string")


def read_manifest(path: Path) -> dict[str, Any]:
    """dbt's manifest, as the build wrote it."""
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"{path} does not exist: run `make build` (the Data Package is described from dbt's manifest)") from None
    except (OSError, ValueError) as error:
        raise BadInput(f"{path} does not read as dbt's manifest ({error}): run `make build` again") from None
    return manifest


def dbt_marts(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each mart dbt builds (by its table name) with its node of the manifest."""
    return {
        node["alias"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }


def foreign_keys(manifest: dict[str, Any], models: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per mart, its foreign keys: each `relationships` test of one of its
    columns whose other end is a mart too (a test with a `where` holds for
    some rows only, and is no key)."""
    names = {node["unique_id"]: name for name, node in models.items()}
    keys: dict[str, list[dict[str, Any]]] = {}
    for node in manifest["nodes"].values():
        test = node.get("test_metadata") or {}
        if node["resource_type"] != "test" or test.get("name") != "relationships" or node["config"].get("where"):
            continue
        source = names.get(node.get("attached_node") or "")
        targets = [names[uid] for uid in node["depends_on"]["nodes"] if uid in names and uid != node["attached_node"]]
        if source is None or len(targets) != 1:
            continue
        keys.setdefault(source, []).append(
            {"fields": [node["column_name"]], "reference": {"resource": targets[0], "fields": [test["kwargs"]["field"]]}}
        )
    return keys


def constrained(node: dict[str, Any], kind: str) -> list[str]:
    """The columns of a model under constraints of `kind` (primary_key,
    not_null), declared on the model or on its columns, in column order."""
    columns = {
        column
        for constraint in node.get("constraints", [])
        if constraint["type"] == kind
        for column in constraint.get("columns") or []
    }
    columns |= {
        name
        for name, column in node["columns"].items()
        if any(constraint["type"] == kind for constraint in column.get("constraints", []))
    }
    return [name for name in node["columns"] if name in columns]


def unit(node: dict[str, Any], name: str) -> dict[str, str]:
    """The unit of a column as its `meta` declares it: `unit`, the one unit
    of every value, or `unit_column`, the column of the same row naming it."""
    column = node["columns"][name]
    meta = {**column.get("meta", {}), **column.get("config", {}).get("meta", {})}
    declared: dict[str, str] = {}
    if "unit" in meta:
        declared["unit"] = str(meta["unit"])
    if "unit_column" in meta:
        if meta["unit_column"] not in node["columns"]:
            raise BadInput(
                f"{node['original_file_path']}: column {name}: meta unit_column {meta['unit_column']!r}"
                f" is not a column of {node['name']}"
            )
        declared["unitField"] = str(meta["unit_column"])
    return declared


def dbt_schema(node: dict[str, Any], keys: list[dict[str, Any]]) -> Described:
    """The description, Table Schema and declared types of a mart dbt builds, from its manifest node."""
    primary = constrained(node, "primary_key")
    required = set(constrained(node, "not_null"))
    fields = [
        {
            "name": name,
            "type": field_type(column["data_type"] or ""),
            "description": column["description"],
            **unit(node, name),
            **({"constraints": {"required": True}} if name in required else {}),
        }
        for name, column in node["columns"].items()
    ]
    schema: dict[str, Any] = {"fields": fields}
    if primary:
        schema["primaryKey"] = primary
    if keys:
        schema["foreignKeys"] = sorted(keys, key=lambda key: list(node["columns"]).index(key["fields"][0]))
    return Described(node["description"], schema, {name: column["data_type"] or "" for name, column in node["columns"].items()})


def file_schema(con: duckdb.DuckDBPyConnection, name: str) -> Described:
    """The description, Table Schema and types of a mart as the file
    describes it (the tables release.py writes, with their comments)."""
    comment = con.execute(
        "select comment from duckdb_tables() where database_name = current_database() and schema_name = 'marts'"
        " and table_name = ?",
        [name],
    ).fetchone()
    columns = con.execute(
        "select column_name, data_type, comment, not is_nullable from duckdb_columns()"
        " where database_name = current_database() and schema_name = 'marts' and table_name = ? order by column_index",
        [name],
    ).fetchall()
    primary = con.execute(
        "select constraint_column_names from duckdb_constraints() where database_name = current_database()"
        " and schema_name = 'marts' and table_name = ? and constraint_type = 'PRIMARY KEY'",
        [name],
    ).fetchone()
    fields = [
        {
            "name": column,
            "type": field_type(kind),
            **({"description": text} if text else {}),
            **({"constraints": {"required": True}} if required else {}),
        }
        for column, kind, text, required in columns
    ]
    schema: dict[str, Any] = {"fields": fields}
    if primary:
        schema["primaryKey"] = list(primary[0])
    return Described(comment[0] if comment and comment[0] else "", schema, {column: kind for column, kind, _, _ in columns})


def check_described(con: duckdb.DuckDBPyConnection, name: str, schema: dict[str, Any], manifest: Path) -> None:
    """Stop when the manifest's columns of a mart are not the published file's."""
    in_file = [
        (column, field_type(kind))
        for column, kind in con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = current_database()"
            " and schema_name = 'marts' and table_name = ? order by column_index",
            [name],
        ).fetchall()
    ]
    described = [(field["name"], field["type"]) for field in schema["fields"]]
    if described != in_file:
        differ = next(
            (
                f"column {index + 1} is {a[0]} ({a[1]}) in the file, {b[0]} ({b[1]}) in the manifest"
                for index, (a, b) in enumerate(zip(in_file, described, strict=False))
                if a != b
            ),
            f"{len(in_file)} columns in the file, {len(described)} in the manifest",
        )
        raise BadInput(
            f"{manifest} does not describe marts.{name} of the published warehouse ({differ}):"
            " run `make build` to publish and describe the same project"
        )


def licences(path: Path) -> list[dict[str, str]]:
    """The licences LICENSE.md states in its front matter."""
    try:
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else None
    except (OSError, yaml.YAMLError) as error:
        raise BadInput(f"{path}: its front matter does not read ({error})") from None
    listed = front.get("licenses") if isinstance(front, dict) else None
    if not isinstance(listed, list) or not all(isinstance(item, dict) and ("name" in item or "path" in item) for item in listed):
        raise BadInput(f"{path}: its front matter (between the lines ---) must list `licenses`, each with a name or a path")
    return [{key: str(value) for key, value in item.items()} for item in listed]


def sources(con: duckdb.DuckDBPyConnection, folder: Path, root: Path) -> list[dict[str, Any]]:
    """Each report the warehouse holds figures of (raw.map_rapporten): its
    title, its publisher, its year and its text (bron/), copied into the
    export so that the package names a file it carries."""
    rows = con.execute("select rapportjaar, titel, bron from raw.map_rapporten order by rapportjaar").fetchall()
    for _, _, path in rows:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / path, folder / path)
    return [
        {
            "title": title,
            "publisher": PUBLISHER,
            "year": year,
            "path": path,
            "description": "The report's text, extracted from its PDF.",
        }
        for year, title, path in rows
    ]


def required(described: Described) -> set[str]:
    """The columns declared never empty: not null, or part of the primary key."""
    schema = described.schema
    return {field["name"] for field in schema["fields"] if field.get("constraints", {}).get("required")} | set(
        schema.get("primaryKey", [])
    )


def pandas_dtype(described: Described, name: str, kind: str) -> tuple[str, str]:
    """pandas' logical type and dtype of a column of the Parquet file, from
    its declared type: float64 for a number, numpy's integer or bool when the
    column is declared not null, pandas' nullable one (Int32, boolean) when it
    may be empty."""
    declared = described.declared[name].split("(")[0].split(" ")[0].upper()
    never_empty = name in required(described)
    if kind == "number":
        return "float64", "float64"
    if kind == "integer" and declared in INTEGER_DTYPES:
        dtype = INTEGER_DTYPES[declared]
        return dtype, dtype if never_empty else dtype.capitalize()
    if kind == "boolean":
        return "bool", "bool" if never_empty else "boolean"
    if kind == "datetime" and "TIME ZONE" in described.declared[name].upper():
        return "datetimetz", "datetime64[us, UTC]"
    if kind == "string" and field_type(described.declared[name]) == "string" and declared in ("VARCHAR", "TEXT"):
        return "unicode", "object"
    return "object", "object"


def parquet_metadata(described: Described) -> dict[str, str]:
    """The key-value metadata of a mart's Parquet file: the table's
    description, each column's, and pandas' metadata typing its columns."""
    fields = described.schema["fields"]
    columns = []
    for field in fields:
        logical, dtype = pandas_dtype(described, field["name"], field["type"])
        timezone = {"timezone": "UTC"} if logical == "datetimetz" else None
        columns.append(
            {
                "name": field["name"],
                "field_name": field["name"],
                "pandas_type": logical,
                "numpy_type": dtype,
                "metadata": timezone,
            }
        )
    pandas = {"index_columns": [], "column_indexes": [], "columns": columns, "creator": {"library": "indwh"}}
    return {
        "description": described.description,
        **{f"description:{field['name']}": field.get("description", "") for field in fields},
        "pandas": json.dumps(pandas),
    }


def report_order(name: str, described: Described, facts: list[str]) -> tuple[str, str]:
    """The join and the order by of a mart's rows in the report's order. A
    table of figures (keyed by observatie_id, or keyless with one) goes by
    publish and report year where it has them, then by report line (its own
    bron_regel, or that of the fact the id names), then by its id; every
    other table by its primary key; a table without either by all columns."""
    columns = [field["name"] for field in described.schema["fields"]]
    key = list(described.schema.get("primaryKey", []))
    every = [f'mart."{column}"' for column in columns]
    if "observatie_id" not in columns or key not in ([], ["observatie_id"]):
        return "", ", ".join(f'mart."{column}"' for column in key) if key else ", ".join(every)
    join = ""
    line = 'mart."bron_regel"'
    if "bron_regel" not in columns:
        lines = " union all ".join(f"select observatie_id, bron_regel from marts.{fact}" for fact in facts)
        join = f" left join ({lines}) as regels on regels.observatie_id = mart.observatie_id"
        line = "regels.bron_regel"
    leading = [f'mart."{column}"' for column in ("publicatie", "rapportjaar") if column in columns]
    return join, ", ".join([*leading, line, 'mart."observatie_id"', *([] if key else every)])


def write(con: duckdb.DuckDBPyConnection, folder: Path, name: str, described: Described, facts: list[str]) -> None:
    """A mart as <name>.csv, as the warehouse holds it, and <name>.parquet,
    typed for readers and described; both in the report's order."""
    join, order = report_order(name, described, facts)
    fields = described.schema["fields"]
    exact = ", ".join(f'mart."{field["name"]}"' for field in fields)
    typed = ", ".join(
        f'cast(mart."{field["name"]}" as double) as "{field["name"]}"' if field["type"] == "number" else f'mart."{field["name"]}"'
        for field in fields
    )
    metadata = ", ".join(f"{quoted(key)}: {quoted(value)}" for key, value in parquet_metadata(described).items())
    source = f"from marts.{name} as mart{join} order by {order}"
    parquet, csv = quoted(str(folder / f"{name}.parquet")), quoted(str(folder / f"{name}.csv"))
    con.execute(f"copy (select {typed} {source}) to {parquet} (format parquet, kv_metadata {{{metadata}}})")
    con.execute(f"copy (select {exact} {source}) to {csv} (format csv, header)")


def resources(folder: Path, name: str, described: Described) -> list[dict[str, Any]]:
    """The two files of a mart as Data Package resources: the CSV with its
    Table Schema, the Parquet file with its size and hash."""
    about = {"description": described.description} if described.description else {}
    parquet = folder / f"{name}.parquet"
    return [
        {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **about,
            "schema": described.schema,
        },
        {
            "name": f"{name}-parquet",
            "path": parquet.name,
            "profile": "data-resource",
            "type": "file",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "bytes": parquet.stat().st_size,
            "hash": f"sha256:{sha256(parquet)}",
            **about,
        },
    ]


def describe(con: duckdb.DuckDBPyConnection, names: list[str], root: Path = ROOT) -> dict[str, Described]:
    """Every mart of the published file as the export describes it: from
    dbt's manifest, or from the file for the tables release.py writes."""
    manifest = read_manifest(root / MANIFEST)
    models = dbt_marts(manifest)
    keys = foreign_keys(manifest, {name: node for name, node in models.items() if name in names})
    described: dict[str, Described] = {}
    for name in names:
        if name in models:
            described[name] = dbt_schema(models[name], keys.get(name, []))
            check_described(con, name, described[name].schema, root / MANIFEST)
        elif name in HISTORY:
            described[name] = file_schema(con, name)
        else:
            raise BadInput(f"marts.{name} is not in {root / MANIFEST}: run `make build` to publish and describe the same project")
    return described


def package(con: duckdb.DuckDBPyConnection, described: dict[str, Described], folder: Path, root: Path = ROOT) -> dict[str, Any]:
    """The Data Package of the export in `folder`: the publish it comes from, its licences and source, every file."""
    publish = (
        con.execute(
            "select publicatie, strftime(gepubliceerd_op at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ'), git_commit, seeds_sha256"
            " from marts.publicaties order by publicatie desc limit 1"
        ).fetchone()
        if "publicaties" in described
        else None
    )
    about = (
        {"version": str(publish[0]), "created": publish[1], "publicatie": {"git_commit": publish[2], "seeds_sha256": publish[3]}}
        if publish
        else {}
    )
    return {
        "profile": "data-package",
        "name": "ind-jaarresultaten",
        "title": "IND jaarresultaten: every printed figure of the annual results, as a warehouse",
        "description": (
            "The marts of the IND annual results warehouse: the figures in long format (fact_*), their code lists"
            " with Dutch and English labels (dim_*), year-over-year, reconciliations, revisions and the publish"
            " history. Every figure names where it stands in the report (bron_*). Each table is a CSV file with"
            " its Table Schema and the exact decimals, and a Parquet file with the same rows, its numbers as"
            " doubles and its table's and columns' descriptions in its metadata. Figures come in the report's"
            " order (report year, report line), other tables in the order of their key."
        ),
        **about,
        "licenses": licences(root / LICENCE),
        "sources": sources(con, folder, root),
        "resources": [resource for name, table in described.items() for resource in resources(folder, name, table)],
    }


def export(published: Path, folder: Path, root: Path = ROOT) -> list[Path]:
    """Write every mart to `folder` as <mart>.parquet and <mart>.csv (rows
    in the report's order, so exports read and diff as the report), and the
    Data Package describing them. On a failure the folder stays as it was."""
    staging = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            names = marts(con)
            described = describe(con, names, root)
            facts = [name for name in fact_dimensions() if name in names]
            for name, table in described.items():
                write(con, staging, name, table, facts)
            about = package(con, described, staging, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / PACKAGE).write_text(json.dumps(about, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(folder.iterdir())

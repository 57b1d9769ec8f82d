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
- the licences are LICENSE.md's (its front matter), the source each report
  of raw.map_rapporten, the version the publish in marts.publicaties.

The manifest must describe the published file: a column that differs in
name, order or type stops the export with a message saying so."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import duckdb
import yaml

from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline.release import HISTORY, sha256

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


def dbt_schema(node: dict[str, Any], keys: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The description and Table Schema of a mart dbt builds, from its manifest node."""
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
    return node["description"], schema


def file_schema(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, dict[str, Any]]:
    """The description and Table Schema of a mart as the file describes it
    (the tables release.py writes, with their comments)."""
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
    return (comment[0] if comment and comment[0] else ""), schema


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


def resources(folder: Path, name: str, description: str, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The two files of a mart as Data Package resources: the CSV with its
    Table Schema, the Parquet file with its size and hash."""
    described = {"description": description} if description else {}
    parquet = folder / f"{name}.parquet"
    return [
        {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **described,
            "schema": schema,
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
            **described,
        },
    ]


def package(con: duckdb.DuckDBPyConnection, names: list[str], folder: Path, root: Path = ROOT) -> dict[str, Any]:
    """The Data Package of the export in `folder`: the publish it comes from, its licences and source, every file."""
    manifest = read_manifest(root / MANIFEST)
    models = dbt_marts(manifest)
    keys = foreign_keys(manifest, {name: node for name, node in models.items() if name in names})
    described: dict[str, tuple[str, dict[str, Any]]] = {}
    for name in names:
        if name in models:
            described[name] = dbt_schema(models[name], keys.get(name, []))
            check_described(con, name, described[name][1], root / MANIFEST)
        elif name in HISTORY:
            described[name] = file_schema(con, name)
        else:
            raise BadInput(f"marts.{name} is not in {root / MANIFEST}: run `make build` to publish and describe the same project")
    publish = (
        con.execute(
            "select publicatie, strftime(gepubliceerd_op at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ'), git_commit, seeds_sha256"
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
        "profile": "data-package",
        "name": "ind-jaarresultaten",
        "title": "IND jaarresultaten: every printed figure of the annual results, as a warehouse",
        "description": (
            "The marts of the IND annual results warehouse: the figures in long format (fact_*), their code lists"
            " with Dutch and English labels (dim_*), year-over-year, reconciliations, revisions and the publish"
            " history. Every figure names where it stands in the report (bron_*). Each table is a CSV file with"
            " its Table Schema and a Parquet file with the same rows."
        ),
        **about,
        "licenses": licences(root / LICENCE),
        "sources": sources(con, folder, root),
        "resources": [resource for name in names for resource in resources(folder, name, *described[name])],
    }


def export(published: Path, folder: Path, root: Path = ROOT) -> list[Path]:
    """Write every mart to `folder` as <mart>.parquet and <mart>.csv (rows
    sorted, so exports diff cleanly), and the Data Package describing them.
    On a failure the folder stays as it was."""
    staging = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            names = marts(con)
            for name in names:
                rows = f"(select * from marts.{name} order by all)"
                con.execute(f"copy {rows} to '{staging / name}.parquet' (format parquet)")
                con.execute(f"copy {rows} to '{staging / name}.csv' (format csv, header)")
            described = package(con, names, staging, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / PACKAGE).write_text(json.dumps(described, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(folder.iterdir())

"""Every mart has an enforced contract with its key and its required
columns; docs/contracts.md says which, as the manifest declares them, and
the published file holds them as DuckDB constraints."""

from __future__ import annotations

import json
import re
from typing import Any

import duckdb
import pytest

from indwh.paths import ROOT

PAGE = ROOT / "docs" / "contracts.md"
TABLE_HEADING = "## The contract of each mart"


@pytest.fixture(scope="module")
def marts() -> dict[str, dict[str, Any]]:
    """The manifest's nodes of the models of schema marts, by name."""
    path = ROOT / "target" / "manifest.json"
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make build` first")
    nodes = json.loads(path.read_text(encoding="utf-8"))["nodes"].values()
    found = {node["name"]: node for node in nodes if node["resource_type"] == "model" and node["schema"] == "marts"}
    assert found, "no model of schema marts in the manifest"
    return found


def primary_key(node: dict[str, Any]) -> list[str]:
    keys = [constraint["columns"] for constraint in node["constraints"] if constraint["type"] == "primary_key"]
    assert len(keys) == 1, f"{node['name']}: {len(keys)} model-level primary keys, not one"
    return list(keys[0])


def nullable(node: dict[str, Any]) -> list[str]:
    """The columns without a not_null constraint, in column order."""
    return [name for name, column in node["columns"].items() if not any(c["type"] == "not_null" for c in column["constraints"])]


def test_every_mart_has_an_enforced_contract_with_one_key(marts: dict[str, dict[str, Any]]) -> None:
    problems = []
    for name, node in marts.items():
        if not node["config"]["contract"]["enforced"]:
            problems.append(f"{name}: contract not enforced")
        problems += [f"{name}.{column}: no data_type" for column, spec in node["columns"].items() if not spec.get("data_type")]
        problems += [
            f"{name}.{column}: primary key on the column, not on the model"
            for column, spec in node["columns"].items()
            if any(c["type"] == "primary_key" for c in spec["constraints"])
        ]
        key = primary_key(node)
        problems += [f"{name}: key column {column} is nullable" for column in key if column in nullable(node)]
    assert not problems, "\n".join(problems)


def documented() -> dict[str, tuple[list[str], list[str]]]:
    """The table of docs/contracts.md: per mart, its key and the columns that may be empty."""
    text = PAGE.read_text(encoding="utf-8")
    assert TABLE_HEADING in text, f"{PAGE}: no section {TABLE_HEADING!r}"
    section = text.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = line.strip().strip("|").split("|")
        mart, key, empty = (re.findall(r"`(\w+)`", cell) for cell in cells[:3])
        table[mart[0]] = (key, empty)
    return table


def test_the_contract_page_lists_every_mart_as_the_manifest_declares_it(marts: dict[str, dict[str, Any]]) -> None:
    declared = {name: (primary_key(node), nullable(node)) for name, node in marts.items()}
    page = documented()
    assert sorted(page) == sorted(declared), f"{PAGE}: the marts of the table differ from the manifest's"
    differ = [f"{name}: page {page[name]}, manifest {declared[name]}" for name in declared if page[name] != declared[name]]
    assert not differ, f"{PAGE} differs from the manifest (key, may be empty):\n" + "\n".join(differ)


def test_the_published_file_holds_every_key_and_not_null(
    marts: dict[str, dict[str, Any]], warehouse: duckdb.DuckDBPyConnection
) -> None:
    """DuckDB took the constraints dbt rendered: each mart's primary key and
    exactly its not_null columns (and key columns) are not null in the file."""
    keys = dict(
        warehouse.execute(
            """
            select table_name, constraint_column_names from duckdb_constraints()
            where schema_name = 'marts' and constraint_type = 'PRIMARY KEY'
            """
        ).fetchall()
    )
    empty: dict[str, list[str]] = {}
    for table, column in warehouse.execute(
        "select table_name, column_name from duckdb_columns() where schema_name = 'marts' and is_nullable order by column_index"
    ).fetchall():
        empty.setdefault(table, []).append(column)
    for node in marts.values():
        assert keys.get(node["alias"]) == primary_key(node), f"marts.{node['alias']}: primary key in the file"
        assert empty.get(node["alias"], []) == nullable(node), f"marts.{node['alias']}: nullable columns in the file"

"""Replay `dbt build` after one seed changed, inside one DuckDB connection.

`dbt build --select <seed>+` starts dbt, parses the project and opens a
connection per node for every change. The replay does none of that: it runs
what dbt ran in the same project, read from the artefacts of that build:
target/manifest.json for the graph and the compiled SQL of every model,
target/run/ for every data test's query as dbt wraps it (failures,
should_warn, should_error), and the test's own compiled query for the
first rows it fails on, shown as the build shows them
(indwh.pipeline.build.failing_rows). For a changed seed it rebuilds every
model downstream of it, in dependency order, and runs every data test
downstream of it; a mart (a model with an enforced contract) is emptied and
refilled rather than replaced, so that its constraints hold it as in the
build. Unit tests are left out: they read fixed inputs, not the seeds.

The warehouse is copied into memory once; each change is undone by
restoring the seed's value and rebuilding the same models again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from indwh.pipeline.build import failing_rows


@dataclass(frozen=True)
class Node:
    """A model to rebuild or a data test to run (with, for a test, the query of its failing rows)."""

    unique_id: str
    name: str
    sql: str
    rows: str = ""


class Replay:
    """The models and tests of one built project, over an in-memory copy of its warehouse."""

    def __init__(self, project: Path, warehouse: Path) -> None:
        manifest = json.loads((project / "target" / "manifest.json").read_text(encoding="utf-8"))
        self.project = project
        self.nodes = manifest["nodes"]
        self.children: dict[str, list[str]] = manifest["child_map"]
        self.parents: dict[str, list[str]] = manifest["parent_map"]
        catalog = warehouse.stem
        self.con = duckdb.connect()
        self.con.execute(f"attach '{warehouse}' as pristine (read_only)")
        self.con.execute(f"attach ':memory:' as \"{catalog}\"")
        self.con.execute(f'copy from database pristine to "{catalog}"')
        self.con.execute("detach pristine")
        self.con.execute(f'use "{catalog}"')
        self._plans: dict[frozenset[str], tuple[list[Node], list[Node]]] = {}

    def close(self) -> None:
        self.con.close()

    def downstream(self, *seeds: str) -> tuple[list[Node], list[Node]]:
        """The table models below the seeds in build order, and the data tests below them."""
        key = frozenset(seeds)
        if key not in self._plans:
            todo = [f"seed.ind.{seed}" for seed in seeds]
            unknown = [uid for uid in todo if uid not in self.nodes]
            if unknown:
                raise KeyError(f"{', '.join(unknown)} not in {self.project / 'target' / 'manifest.json'}")
            below: set[str] = set(todo)
            while todo:
                for child in self.children.get(todo.pop(), []):
                    if child not in below:
                        below.add(child)
                        todo.append(child)
            order = TopologicalSorter({uid: [p for p in self.parents.get(uid, []) if p in below] for uid in below}).static_order()
            models, tests = [], []
            for uid in order:
                node = self.nodes.get(uid)
                if node is None:  # unit tests
                    continue
                if node["resource_type"] == "model" and node["config"]["materialized"] == "table":
                    relation, select = node["relation_name"], node["compiled_code"]
                    if node["config"].get("contract", {}).get("enforced"):
                        # refilled, so the table keeps its contract's constraints, which DuckDB checks as in the build
                        sql = f"delete from {relation};\ninsert into {relation} by name (\n{select}\n)"
                    else:
                        sql = f"create or replace table {relation} as (\n{select}\n)"
                    models.append(Node(uid, node["name"], sql))
                elif node["resource_type"] == "test":
                    wrapped = (self.project / node["build_path"]).read_text(encoding="utf-8")
                    tests.append(Node(uid, node["name"], wrapped, node.get("compiled_code") or ""))
                elif node["resource_type"] == "model" and node["config"]["materialized"] != "view":
                    raise ValueError(f"{uid}: cannot replay materialization {node['config']['materialized']}")
            self._plans[key] = (models, tests)
        return self._plans[key]

    def rebuild(self, *seeds: str) -> list[str]:
        """Rebuild the models below the seeds; the model that fails, if one does
        (dbt would skip what lies below it)."""
        models, _ = self.downstream(*seeds)
        for model in models:
            try:
                self.con.execute(model.sql)
            except duckdb.Error as error:
                return [f"model {model.name}: {first_line(error)}"]
        return []

    def test(self, *seeds: str) -> list[str]:
        """Run the data tests below the seeds; those that fail, as dbt judges
        them, with the first rows they fail on, as the build lists them."""
        _, tests = self.downstream(*seeds)
        failed = []
        for test in tests:
            try:
                [(failures, _, should_error)] = self.con.execute(test.sql).fetchall()
            except duckdb.Error as error:
                failed.append(f"test {test.name}: {first_line(error)}")
                continue
            if should_error:
                rows = failing_rows(self.con, test.rows) if test.rows else ""
                failed.append(f"test {test.name}: {failures} failing row(s){rows}")
        return failed


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]

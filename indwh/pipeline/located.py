"""Where the rows of a failed dbt test or a broken contract stand in the
seeds: the seed file and CSV line of each (`seeds/mappings/map_rijen.csv:8`),
as the seed file check names them.

A generic test (relationships, unique, accepted_values, not_null_columns,
code_or_reason, ...) returns values, not where they come from. Each row it
returned is looked up in the tested relation and the relations upstream of
it that say where their rows stand (dbt's manifest): every seed, whose
rows stand one a line in the order of the file (the macro seed_rows), and
every model with a column `locatie` (staging and intermediate models: the
seed file, line, row and column of a printed figure). A relation is asked
when it holds every column the test names (the tested column, the columns
of a key); its rows that agree with the failing row on every column they
share are the ones named, the tested column standing for the value a test
reports under its own name (`from_field`, `value_field`, `unique_field`),
and `kolom` of not_null_columns naming the column that is empty. A broken
contract's rows are looked up the same way, the empty column or the
primary key standing for the tested columns.

Singular tests (tests/*.sql) name where their rows stand themselves, in a
column `vindplaats`."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import Any

import duckdb

from indwh import definitions

# The column of a failing row that names where it stands (singular tests,
# the macro seed_rows), and of a model the place of each of its rows.
WHERE_COLUMN = "vindplaats"
MODEL_WHERE_COLUMN = "locatie"
# How dbt's generic tests name the tested column's value in their rows.
VALUE_COLUMNS = ("from_field", "value_field", "unique_field")
# The places named for one failing row; more are counted.
SHOWN_PLACES = 3


@dataclass(frozen=True)
class Relation:
    """A relation of the build file that can say where its rows stand."""

    name: str  # as dbt renders it: "ind"."raw"."map_rijen"
    place: str  # SQL expression for where a row stands
    columns: frozenset[str]
    seed: bool


@dataclass(frozen=True)
class Question:
    """What a failing row is looked up by: the columns a relation must hold,
    the column that stands for a test's reported value, the column of the
    row that names an empty column (not_null_columns' `kolom`), and the
    columns that are empty in every row (a broken not_null constraint)."""

    named: tuple[str, ...]
    tested: str | None = None
    empty_named_by: str | None = None
    empty: tuple[str, ...] = ()


def seed_place(path: str) -> str:
    """Where a row of a seed stands, as the macro seed_rows says it (the var seed_line)."""
    return f"'{path}:' || ({definitions.seed_line()})"


class Lineage:
    """The relations of a dbt run that say where their rows stand, read
    from its manifest and the build file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, manifest: dict[str, Any]) -> None:
        self.con = con
        self.nodes: dict[str, Any] = manifest.get("nodes", {})
        self.parents: dict[str, list[str]] = manifest.get("parent_map", {})
        self.relations: dict[str, Relation | None] = {}

    def relation(self, unique_id: str) -> Relation | None:
        if unique_id not in self.relations:
            self.relations[unique_id] = self.read_relation(unique_id)
        return self.relations[unique_id]

    def read_relation(self, unique_id: str) -> Relation | None:
        node = self.nodes.get(unique_id) or {}
        name = node.get("relation_name")
        if not name or node.get("resource_type") not in ("seed", "model"):
            return None
        try:
            cursor = self.con.execute(f"select * from {name} limit 0")
        except duckdb.Error:
            return None
        columns = frozenset(column[0] for column in cursor.description or [])
        if node["resource_type"] == "seed":
            return Relation(name, seed_place(node["original_file_path"]), columns, seed=True)
        if MODEL_WHERE_COLUMN not in columns:
            return None
        return Relation(name, f'"{MODEL_WHERE_COLUMN}"', columns, seed=False)

    def upstream(self, unique_id: str) -> list[Relation]:
        """The relation and those it is built from that say where their
        rows stand, nearer ones first."""
        seen = {unique_id}
        queue = deque([unique_id])
        found: list[Relation] = []
        while queue:
            current = queue.popleft()
            relation = self.relation(current)
            if relation is not None:
                found.append(relation)
            for parent in self.parents.get(current, []):
                if parent not in seen:
                    seen.add(parent)
                    queue.append(parent)
        return found

    def places(self, unique_id: str, question: Question, row: dict[str, Any]) -> str:
        """Where a failing row stands, as ' at a, b and N more', or '': in
        every seed that holds it, and in the nearest model that does."""
        conditions, empty = conditions_of(question, row)
        places: list[str] = []
        total = 0
        relations = self.upstream(unique_id)
        for relation in [r for r in relations if r.seed] + [r for r in relations if not r.seed]:
            if not relation.seed and total:
                break
            found = self.find(relation, question, conditions, empty)
            total += len(found)
            places += found[: max(0, SHOWN_PLACES - len(places))]
        if not places:
            return ""
        more = f" and {total - len(places)} more" if total > len(places) else ""
        return f" at {compact(', '.join(places))}{more}"

    def find(self, relation: Relation, question: Question, conditions: list[tuple[str, Any]], empty: list[str]) -> list[str]:
        """Where the rows of a relation that agree with a failing row stand;
        none when the relation does not hold what the test names."""
        if not set(question.named) <= relation.columns:
            return []
        shared = [(column, value) for column, value in conditions if column in relation.columns]
        empty = [column for column in empty if column in relation.columns]
        if not shared and not empty:
            return []
        tests = [f'"{column}" is not distinct from ?' for column, _ in shared] + [f'"{column}" is null' for column in empty]
        rows = f"(select {relation.place} as place, * from {relation.name}) as rijen"
        sql = f"select place from {rows} where {' and '.join(tests)} order by length(place), place"
        try:
            return [place for (place,) in self.con.execute(sql, [value for _, value in shared]).fetchall()]
        except duckdb.Error:
            return []


# One place of a list: a seed file and a line, or anything else.
PLACE = re.compile(r"^(?P<file>\S+\.csv):(?P<line>\d+)$")


def compact(places: str) -> str:
    """A list of places ("a.csv:2, a.csv:3, a.csv:4, b.csv:7") with the
    lines that follow each other in one file as a range ("a.csv:2-4, b.csv:7")."""
    out: list[list[Any]] = []  # [file, first, last] or [text]
    for place in places.split(", "):
        found = PLACE.match(place)
        if found is None:
            out.append([place])
            continue
        file, line = found["file"], int(found["line"])
        if out and len(out[-1]) == 3 and out[-1][0] == file and out[-1][2] == line - 1:
            out[-1][2] = line
        else:
            out.append([file, line, line])
    said = [item[0] if len(item) == 1 else f"{item[0]}:{item[1]}" + (f"-{item[2]}" if item[2] > item[1] else "") for item in out]
    return ", ".join(said)


def conditions_of(question: Question, row: dict[str, Any]) -> tuple[list[tuple[str, Any]], list[str]]:
    """The columns a failing row is found by, with their values, and the
    columns it names as empty."""
    conditions: list[tuple[str, Any]] = []
    empty = list(question.empty)
    for column, value in row.items():
        if column in VALUE_COLUMNS and question.tested:
            conditions.append((question.tested, value))
        elif column == question.empty_named_by and isinstance(value, str):
            empty.append(value)
        elif column != WHERE_COLUMN:
            conditions.append((column, value))
    return conditions, empty


def question_of_test(node: dict[str, Any]) -> Question | None:
    """What the rows of a generic test are looked up by; None for a
    singular test (its rows name where they stand themselves)."""
    metadata = node.get("test_metadata") or {}
    if not metadata:
        return None
    arguments = metadata.get("kwargs") or {}
    tested = arguments.get("column_name") or node.get("column_name")
    named = [tested] if tested else []
    for argument in ("columns", "key", "combination_of_columns"):
        named += [column for column in arguments.get(argument) or [] if isinstance(column, str)]
    if metadata.get("name") == "not_null_columns":
        # one row per empty value: its column (kolom) and the key of its row
        return Question(tuple(arguments.get("key") or ()), empty_named_by="kolom")
    return Question(tuple(dict.fromkeys(named)), tested=tested)

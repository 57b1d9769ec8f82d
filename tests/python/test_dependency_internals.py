"""The code of dbt-core, dbt-duckdb and great-expectations that is not
theirs to keep stable but that the package relies on, each with the
decision record that explains why. An upgrade of one of them runs these
first: a name gone or changed in shape fails here, naming its record,
before a build or the watch can misbehave.

- Every private attribute (`_name`) of those packages that `indwh/` uses is
  listed in PRIVATE; using one that is not listed fails.
- Each listed name still has the shape the package uses.
- The great-expectations stores that the range checks carry from a forked
  child (docs/decisions/0003-two-core-validation.md), not private by name
  but not in great-expectations' public API either, still list, pickle and
  take back what a validation stored."""

from __future__ import annotations

import ast
import inspect
import pickle
import threading
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest

from indwh.paths import ROOT, warehouse_path

DEPENDENCIES = ("dbt", "great_expectations")  # dbt-core and dbt-duckdb (dbt.adapters.duckdb), great-expectations
DECISIONS = ROOT / "docs" / "decisions"


@dataclass(frozen=True)
class Private:
    module: str  # the dependency's module it is imported from
    name: str  # the attribute path in that module
    used_in: str  # the module of indwh that uses it
    record: str  # the decision record that says why, in docs/decisions/

    def __str__(self) -> str:
        return f"{self.module}.{self.name} (used in {self.used_in}; docs/decisions/{self.record})"


WATCH = "0007-watch-in-process-dbt.md"
PRIVATE = (
    Private("dbt.adapters.duckdb.connections", "DuckDBConnectionManager._LOCK", "indwh/pipeline/watch.py", WATCH),
    Private("dbt.adapters.duckdb.connections", "DuckDBConnectionManager._ENV", "indwh/pipeline/watch.py", WATCH),
)


def dependency_names(tree: ast.Module) -> dict[str, tuple[str, list[str]]]:
    """The names a module binds to something of a dependency: name -> (the
    dependency's module, the attribute path of the name in it)."""
    names: dict[str, tuple[str, list[str]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in DEPENDENCIES:
            names.update({alias.asname or alias.name: (node.module, [alias.name]) for alias in node.names})
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in DEPENDENCIES:
                    # `import dbt.adapters.duckdb` binds `dbt`; `import great_expectations as gx` the module itself.
                    names[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0],
                        [],
                    )
    return names


def private_uses(path: Path) -> set[tuple[str, str, int]]:
    """(module, attribute path in it, line) of every private attribute of a dependency that `path` reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = dependency_names(tree)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in DEPENDENCIES:
            # a private module, or a private name imported from one
            found |= {
                (node.module, alias.name, node.lineno)
                for alias in node.names
                if alias.name.startswith("_") or any(part.startswith("_") for part in node.module.split("."))
            }
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        chain = [node.attr]
        value = node.value
        while isinstance(value, ast.Attribute):
            chain.insert(0, value.attr)
            value = value.value
        if isinstance(value, ast.Name) and value.id in imported:
            module, prefix = imported[value.id]
            found.add((module, ".".join(prefix + chain), node.lineno))
    return found


def test_every_private_name_of_a_dependency_is_listed_with_its_record() -> None:
    listed = {(item.module, item.name, item.used_in) for item in PRIVATE}
    unlisted = []
    for path in sorted((ROOT / "indwh").rglob("*.py")):
        shown = str(path.relative_to(ROOT))
        for module, name, line in sorted(private_uses(path)):
            if (module, name, shown) not in listed:
                unlisted.append(f"{shown}:{line}: {module}.{name}")
    assert not unlisted, (
        "private code of a dependency used without a guard: list each in PRIVATE "
        "with the decision record that says why, or use its public API instead:\n" + "\n".join(unlisted)
    )


def test_every_listed_private_name_is_still_used() -> None:
    used = {
        (module, name, str(path.relative_to(ROOT)))
        for path in (ROOT / "indwh").rglob("*.py")
        for module, name, _ in private_uses(path)
    }
    stale = [str(item) for item in PRIVATE if (item.module, item.name, item.used_in) not in used]
    assert not stale, f"no longer used, take it out of PRIVATE (and out of its decision record): {stale}"


@pytest.mark.parametrize("item", PRIVATE, ids=str)
def test_every_listed_private_name_exists_and_has_its_record(item: Private) -> None:
    assert (DECISIONS / item.record).is_file(), f"{item}: no such decision record"
    assert item.name.split(".")[-1] in (DECISIONS / item.record).read_text(encoding="utf-8"), (
        f"{item}: the decision record does not name it"
    )
    owner: object = import_module(item.module)
    for part in item.name.split("."):
        assert hasattr(owner, part), f"{item}: {part} is gone; the speed-up of the record must go or be rewritten"
        owner = getattr(owner, part)


def test_dbt_duckdb_keeps_its_database_in_a_class_attribute_under_a_lock() -> None:
    """What indwh.pipeline.watch.close_database does: under
    `DuckDBConnectionManager._LOCK` (entered with `with`), close
    `DuckDBConnectionManager._ENV` when it is not None. That holds only
    while dbt-duckdb keeps the environment it opened there (a class
    attribute it assigns when it opens a connection) and an environment
    can be closed."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.duckdb.environments import Environment

    record = f"docs/decisions/{WATCH}"
    assert isinstance(DuckDBConnectionManager._LOCK, type(threading.RLock())), (
        f"DuckDBConnectionManager._LOCK is no longer a reentrant lock ({record})"
    )
    assert DuckDBConnectionManager._ENV is None or isinstance(DuckDBConnectionManager._ENV, Environment), (
        f"DuckDBConnectionManager._ENV is neither None nor an Environment ({record})"
    )
    assert callable(getattr(Environment, "close", None)), f"dbt-duckdb's Environment has no close() ({record})"
    opened = ast.parse(inspect.getsource(DuckDBConnectionManager))
    assigned = [
        node
        for node in ast.walk(opened)
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Attribute) and target.attr == "_ENV" for target in node.targets)
        and isinstance(node.value, ast.Call)
    ]
    assert assigned, f"DuckDBConnectionManager no longer stores the environment it creates in _ENV ({record})"


def test_great_expectations_stores_carry_over_from_a_forked_child(tmp_path: Path) -> None:
    """What indwh.range_checks.run.validate_on_two_cores does with the
    child's context: list the keys of its expectations and validation
    results stores, get each value, pickle them through a pipe and set them
    into the parent's context, whose Data Docs then show them."""
    from indwh.range_checks import run as checks
    from indwh.range_checks.frames import read_marts

    record = "docs/decisions/0003-two-core-validation.md"
    frames, codes = read_marts(warehouse_path())
    table = min(frames, key=lambda name: len(frames[name]))  # one table is enough
    theirs = checks.context()
    for name in checks.STORES:
        store = getattr(theirs, name, None)
        missing = [method for method in ("list_keys", "get", "set") if not callable(getattr(store, method, None))]
        assert not missing, f"great-expectations' context has no {name} with {', '.join(missing)} ({record})"
    checks.validate({table: frames[table]}, codes, theirs, "BASIC")
    carried = pickle.loads(pickle.dumps(checks.stored(theirs), protocol=pickle.HIGHEST_PROTOCOL))
    assert [name for name, _ in carried] == list(checks.STORES), record
    assert all(items for _, items in carried), f"a store of the child's context lists nothing after a validation ({record})"
    mine = checks.context(tmp_path)
    for name, items in carried:
        for key, value in items:
            getattr(mine, name).set(key, value)

    def keys(stored: checks.Stored) -> list[tuple[str, list[str]]]:
        return [(name, sorted(str(key) for key, _ in items)) for name, items in stored]

    assert keys(checks.stored(mine)) == keys(carried), f"the parent's stores do not hold what the child's held ({record})"
    mine.build_data_docs(site_names=[checks.SITE])
    pages = [page.read_text(encoding="utf-8") for page in (tmp_path / "validations").rglob("*.html")]
    assert any(table in page for page in pages), f"the Data Docs show no validation of {table} carried over ({record})"

"""The dev loop (`make watch` and `make dev`) builds the same warehouse as a
full build, and a failing change leaves the published warehouse as it was.

In one copy of the project, with the manifest of the build that made its
published file kept (as `make build` leaves it), with the watch running: a
seed value that dbt cannot read (reported with file, row and column;
nothing published); a model broken, then the seed value changed by one rounding step (nothing
published: the broken model is built with the seed's change); the model
mended (published); the value back (a change of a seed alone: as many
nodes as `make dev` runs). Then the watch stops, the value goes up by the
step again and `make dev` (indwh build --changed) publishes it; one full
build of those seeds, the seeds the watch published with the model
mended, is compared with both, table by table.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.pipeline import release
from indwh.pipeline.dbt_command import is_node
from indwh_tools.bench.steps import DEV_LOOP_COLUMN, DEV_LOOP_ROW, DEV_LOOP_SEED, DEV_LOOP_STEP, edit_seed_value
from tests.python.conftest import one
from tests.python.project import Project, copy_project, sha256

pytestmark = pytest.mark.builds

BROKEN = ("Aantal aanvragen mvv,8.200,", 'Aantal aanvragen mvv,"49,700",')
BROKEN_MESSAGE = 'seeds/rapport/studenten.csv:2, row with positie 1 (report line 184), column verslagjaar: cannot read "49,700"'
READY = "Watching "
BROKEN_MODEL = "models/marts/dim_domein.sql"


def contents(path: Path) -> dict[str, tuple[Any, ...]]:
    """Every table and view of a warehouse file: its row count and an
    order-independent hash of its rows; not the publish history, which
    records each publish itself (tests/python/pipeline/test_release.py)."""
    with duckdb.connect(str(path), read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = current_database() order by all"
        ).fetchall()
        return {
            f"{schema}.{name}": one(con.execute(f'select count(*), sum(hash(t)::hugeint) from "{schema}"."{name}" as t'))
            for schema, name in relations
            if not (schema == "marts" and name in release.HISTORY)
        }


def keep(published: Path, folder: Path) -> Path:
    """A copy of the published file under the same name (views name their catalog by it)."""
    folder.mkdir()
    return Path(shutil.copyfile(published, folder / published.name))


class Output:
    """The lines a process prints, read as they come."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.fresh: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self.read, args=(process,), daemon=True).start()

    def read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.fresh.put(line)
        self.fresh.put("")  # the process ended

    def until(self, text: str, timeout: float = 300) -> str:
        """Wait for a line with `text`; everything printed up to it."""
        start, deadline = len(self.lines), time.monotonic() + timeout
        while True:
            try:
                line = self.fresh.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {text!r} within {timeout} s:\n{''.join(self.lines[-50:])}") from None
            if not line:
                raise AssertionError(f"the process ended before {text!r}:\n{''.join(self.lines[-50:])}")
            self.lines.append(line)
            if text in line:
                return "".join(self.lines[start:])


@dataclass
class Loop:
    original: dict[str, tuple[Any, ...]]
    failure_output: str
    published_before_failure: str
    published_after_failure: str
    leftovers_after_failure: list[str]
    after_broken_model: str
    published_after_broken_model: str
    watch_output: str
    watch: dict[str, tuple[Any, ...]]
    watch_full: dict[str, tuple[Any, ...]]
    seed_only_output: str
    after_watch: dict[str, tuple[Any, ...]]
    dev_nodes: int
    dev: dict[str, tuple[Any, ...]]


def nodes_run(project: Project) -> int:
    """How many nodes the last dbt command of the copy ran."""
    results = json.loads((project.root / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    return sum(is_node(result["unique_id"]) for result in results)


def full_build(project: Project) -> dict[str, tuple[Any, ...]]:
    result = project.run("build")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return contents(project.published)


def write(path: Path, text: str) -> None:
    """Replace a file in one step, as editors save."""
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def changed_value(seed: Path, text: str, change: int) -> str:
    """`text` (a seed's) with the benchmark's value changed by `change`."""
    scratch = seed.with_name(f".{seed.name}.scratch")
    scratch.write_text(text, encoding="utf-8")
    edit_seed_value(scratch, DEV_LOOP_ROW, DEV_LOOP_COLUMN, change)
    changed = scratch.read_text(encoding="utf-8")
    scratch.unlink()
    return changed


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> Loop:
    folder = tmp_path_factory.mktemp("dev_loop")
    project = copy_project(folder / "project")
    project.keep_manifest_of_the_build()
    seed, model = project.root / DEV_LOOP_SEED, project.root / BROKEN_MODEL
    original_text, model_text = seed.read_text(encoding="utf-8"), model.read_text(encoding="utf-8")
    up = changed_value(seed, original_text, DEV_LOOP_STEP)
    original = contents(project.published)

    watch = project.start("watch")
    try:
        output = Output(watch)
        output.until(READY)
        before = sha256(project.published)
        write(seed, original_text.replace(*BROKEN))  # a value dbt cannot read
        failure_output = output.until(READY)
        after, leftovers = sha256(project.published), project.leftovers()
        write(model, "select no_such_column as code\n")  # a model the change of the seed does not touch
        output.until(READY)
        write(seed, up)  # a good seed, but the broken model is still to build
        after_broken_model = output.until(READY)
        published_after_broken_model = sha256(project.published)
        write(model, model_text)
        watch_output = output.until(READY)
        watched = contents(keep(project.published, folder / "watch"))
        write(seed, original_text)  # a change of a seed alone
        seed_only_output = output.until(READY)
    finally:
        watch.terminate()
        watch.wait(timeout=60)
    after_watch = contents(keep(project.published, folder / "after_watch"))

    # `make dev` from what the watch published last to the seeds the watch
    # published with the model mended; one full build of those serves both.
    write(seed, up)
    result = project.run("build", "--changed")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    dev_nodes = nodes_run(project)
    dev = contents(keep(project.published, folder / "dev"))
    watch_full = full_build(project)
    return Loop(
        original,
        failure_output,
        before,
        after,
        leftovers,
        after_broken_model,
        published_after_broken_model,
        watch_output,
        watched,
        watch_full,
        seed_only_output,
        after_watch,
        dev_nodes,
        dev,
    )


def test_a_failing_change_leaves_the_published_warehouse(loop: Loop) -> None:
    assert BROKEN_MESSAGE in loop.failure_output, loop.failure_output[-3000:]
    assert "is unchanged" in loop.failure_output
    assert "Published " not in loop.failure_output
    assert loop.published_after_failure == loop.published_before_failure, "the published warehouse changed"
    assert loop.leftovers_after_failure == [], f"files left beside the published warehouse: {loop.leftovers_after_failure}"


def test_a_seed_change_after_a_broken_model_is_not_published_without_it(loop: Loop) -> None:
    assert "dim_domein" in loop.after_broken_model and "is unchanged" in loop.after_broken_model, loop.after_broken_model[-3000:]
    assert loop.published_after_broken_model == loop.published_before_failure, "published with the model unbuilt"


def test_the_watch_publishes_what_a_full_build_makes(loop: Loop) -> None:
    assert "Published " in loop.watch_output, loop.watch_output[-3000:]
    assert loop.watch != loop.original, "the change did not reach the warehouse"
    assert loop.watch == loop.watch_full


def test_the_watch_runs_every_node_make_dev_runs(loop: Loop) -> None:
    assert f": {loop.dev_nodes} dbt nodes" in loop.seed_only_output, loop.seed_only_output[-3000:]


def test_make_dev_publishes_what_a_full_build_makes(loop: Loop) -> None:
    assert loop.dev != loop.after_watch, "the change did not reach the warehouse"
    assert loop.dev == loop.watch_full

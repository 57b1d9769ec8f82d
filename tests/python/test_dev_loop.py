"""The dev loop (`make watch` and `make dev`) builds the same warehouse as a
full build, and a failing change leaves the published warehouse as it was.

In one copy of the project: the watch starts, a seed value is broken (the
watch reports it with file, row and column and publishes nothing), then
changed by one rounding step (the watch publishes); the watch stops and a
full build of the same seeds is compared with what the watch published,
table by table. Then the value goes one step the other way, `make dev`
(python -m indwh.build --changed) publishes, and a full build again is
compared with it.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from indwh.bench.steps import DEV_LOOP_COLUMN, DEV_LOOP_ROW, DEV_LOOP_SEED, DEV_LOOP_STEP, edit_seed_value
from tests.python.project import Project, copy_project, sha256

pytestmark = pytest.mark.builds

BROKEN = ("Aantal aanvragen mvv,8.200,", 'Aantal aanvragen mvv,"49,700",')
BROKEN_MESSAGE = 'seeds/rapport/studenten.csv, row with positie 1 (report line 184), column verslagjaar: cannot read "49,700"'
READY = "Watching "


def contents(path: Path) -> dict[str, tuple[int, int]]:
    """Every table and view of a warehouse file: its row count and an
    order-independent hash of its rows."""
    with duckdb.connect(str(path), read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = current_database() order by all"
        ).fetchall()
        return {
            f"{schema}.{name}": con.execute(f'select count(*), sum(hash(t)::hugeint) from "{schema}"."{name}" as t').fetchone()
            for schema, name in relations
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
    original: dict[str, tuple[int, int]]
    failure_output: str
    published_before_failure: str
    published_after_failure: str
    leftovers_after_failure: list[str]
    watch_output: str
    watch: dict[str, tuple[int, int]]
    watch_full: dict[str, tuple[int, int]]
    dev_nodes: int
    dev: dict[str, tuple[int, int]]
    dev_full: dict[str, tuple[int, int]]


def nodes_run(project: Project) -> int:
    """How many nodes the last dbt command of the copy ran."""
    return len(json.loads((project.root / "target" / "run_results.json").read_text(encoding="utf-8"))["results"])


def full_build(project: Project) -> dict[str, tuple[int, int]]:
    result = project.run("indwh.build")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return contents(project.published)


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> Loop:
    folder = tmp_path_factory.mktemp("dev_loop")
    project = copy_project(folder / "project")
    seed = project.root / DEV_LOOP_SEED
    original_text = seed.read_text(encoding="utf-8")
    original = contents(project.published)

    watch = project.start("indwh.watch")
    try:
        output = Output(watch)
        output.until(READY)
        before = sha256(project.published)
        seed.write_text(original_text.replace(*BROKEN), encoding="utf-8")
        failure_output = output.until(READY)
        after, leftovers = sha256(project.published), project.leftovers()
        seed.write_text(original_text, encoding="utf-8")
        edit_seed_value(seed, DEV_LOOP_ROW, DEV_LOOP_COLUMN, DEV_LOOP_STEP)
        watch_output = output.until(READY)
    finally:
        watch.terminate()
        watch.wait(timeout=60)
    watched = contents(keep(project.published, folder / "watch"))
    watch_full = full_build(project)

    edit_seed_value(seed, DEV_LOOP_ROW, DEV_LOOP_COLUMN, -2 * DEV_LOOP_STEP)
    result = project.run("indwh.build", "--changed")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    dev_nodes = nodes_run(project)
    dev = contents(keep(project.published, folder / "dev"))
    dev_full = full_build(project)
    return Loop(original, failure_output, before, after, leftovers, watch_output, watched, watch_full, dev_nodes, dev, dev_full)


def test_a_failing_change_leaves_the_published_warehouse(loop: Loop) -> None:
    assert BROKEN_MESSAGE in loop.failure_output, loop.failure_output[-3000:]
    assert "is unchanged" in loop.failure_output
    assert "Published " not in loop.failure_output
    assert loop.published_after_failure == loop.published_before_failure, "the published warehouse changed"
    assert loop.leftovers_after_failure == [], f"files left beside the published warehouse: {loop.leftovers_after_failure}"


def test_the_watch_publishes_what_a_full_build_makes(loop: Loop) -> None:
    assert "Published " in loop.watch_output, loop.watch_output[-3000:]
    assert loop.watch != loop.original, "the change did not reach the warehouse"
    assert loop.watch == loop.watch_full


def test_the_watch_runs_every_node_make_dev_runs(loop: Loop) -> None:
    assert f": {loop.dev_nodes} dbt nodes" in loop.watch_output, loop.watch_output[-3000:]


def test_make_dev_publishes_what_a_full_build_makes(loop: Loop) -> None:
    assert loop.dev != loop.watch, "the change did not reach the warehouse"
    assert loop.dev == loop.dev_full

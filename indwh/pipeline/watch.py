"""The dev loop as one long-lived process (`indwh watch`).

It loads dbt, parses the project once and keeps the range checks loaded
in a second process; then, whenever a file of the project changes, it does
what `make dev` does, without starting either again: check the seeds, copy
the published warehouse, let dbt build what the change touches and test
it, run the range checks, and publish by the same atomic rename. A failing
change leaves the published warehouse as it was and the watch goes on.

What it builds:
- a change to seed files only: the changed seeds and everything downstream
  of them (`--select <seed>+`), with the project parsed at the start;
  this is what `--select state:modified+` selects for such a change
  (tests/python/pipeline/test_dev_loop.py compares both, and the warehouse with a
  full build's);
- any other change (a model, a macro, a test, a yml file): the project is
  parsed again and dbt builds `--select state:modified+` against the last
  published build, as `make dev` does.

dbt runs in two steps: the seeds and models first, then every test of
the selection, while the second process checks the ranges of the marts
just built on the other core. Only when all of it passed is the
warehouse published. After publishing, the project is parsed again and
its manifest kept for the next `make dev` (as `make dev` keeps it).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from indwh.errors import BuildFailed, Busy, IndwhError, MissingTable
from indwh.paths import ROOT, build_path
from indwh.pipeline import build, dbt_command, dev_state
from indwh.pipeline.publish import finalise_and_publish
from indwh.plumbing import offline

if TYPE_CHECKING:  # dbt is imported when the watch starts
    from dbt.cli.main import dbtRunnerResult
    from dbt.contracts.graph.manifest import Manifest
    from dbt.contracts.graph.nodes import SeedNode

# The files whose change can change the warehouse (analyses are not built).
WATCHED = ("seeds", "models", "macros", "tests", "dbt_project.yml", "profiles.yml")
POLL_SECONDS = 0.05


Snapshot = dict[str, tuple[int, int]]


def snapshot() -> Snapshot:
    """Modification time and size of every watched file, by path relative to the root."""
    files: Snapshot = {}
    for name in WATCHED:
        top = ROOT / name
        paths = [top] if top.is_file() else (Path(folder) / f for folder, _, names in os.walk(top) for f in names)
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            files[str(path.relative_to(ROOT))] = (stat.st_mtime_ns, stat.st_size)
    return files


def changes(before: Snapshot, after: Snapshot) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def settled() -> Snapshot:
    time.sleep(POLL_SECONDS)
    return snapshot()


def checker(connection: Connection) -> None:
    """The second process: loads the range checks once, then checks the marts it is sent."""
    offline.apply()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the watch stops this process
    from indwh.range_checks.run import check

    connection.send("ready")
    while (job := connection.recv()) is not None:
        frames, codes = job
        try:
            connection.send(check(frames, codes))
        except Exception as error:  # noqa: BLE001 - reported by the watch, which goes on
            print(f"Range checks: FAILED: {error!r}", file=sys.stderr, flush=True)
            connection.send(1)


def close_database() -> None:
    """Close the DuckDB database that dbt-duckdb keeps open in this process
    after a command (pinned dbt-duckdb: its environment's connection), so
    that nothing of dbt's writes to the build file once dbt is done with it,
    and it can be opened read-only, checkpointed and renamed."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()


def seed_nodes(manifest: Manifest) -> list[SeedNode]:
    """The seeds of a parsed project."""
    from dbt.contracts.graph.nodes import SeedNode

    return [node for node in manifest.nodes.values() if isinstance(node, SeedNode)]


class Watch:
    def __init__(self, published: Path) -> None:
        self.published = published
        context = multiprocessing.get_context("spawn")
        self.checks, theirs = context.Pipe()
        self.checker = context.Process(target=checker, args=(theirs,), daemon=True)
        self.checker.start()  # imports great-expectations while dbt loads here
        os.environ["IND_BUILD_PATH"] = dbt_command.profile_path(build_path(published))
        from dbt.cli.main import dbtRunner

        self.runner = dbtRunner
        self.manifest: Manifest | None = None
        self.seeds: dict[str, str] = {}

    def dbt(self, *arguments: str) -> dbtRunnerResult:
        """An in-process dbt command of the project, with the parsed manifest when there is one."""
        common = (
            *("--profiles-dir", str(ROOT), "--project-dir", str(ROOT)),
            # Errors still print; what goes is each node's line, the debug
            # log file and the JSON files (the manifest is written after publishing).
            *("--quiet", "--log-level-file", "none", "--no-write-json"),
        )
        try:
            result = self.runner(manifest=self.manifest).invoke([*arguments, *common])
        finally:
            close_database()
        if isinstance(result.exception, (KeyboardInterrupt, SystemExit)):
            raise result.exception
        if result.exception is not None:
            raise BuildFailed(f"dbt {arguments[0]} failed: {result.exception}")
        return result

    def parse(self) -> None:
        """Parse the project (partial parse: only what changed), writing
        target/manifest.json for `make dev`; keep the manifest."""
        self.manifest = None
        manifest = self.parsed()
        if any(node.root_path != str(ROOT) for node in seed_nodes(manifest)):
            # A parse cache made in another copy of the project keeps that
            # copy's folder for the seeds that did not change, and a seed
            # that changes later would be loaded from there: parse anew.
            manifest = self.parsed("--no-partial-parse")
        manifest.write(str(ROOT / "target" / "manifest.json"))  # type: ignore[no-untyped-call]  # untyped in dbt
        self.manifest = manifest
        self.seeds = {node.original_file_path: node.name for node in seed_nodes(manifest)}

    def parsed(self, *arguments: str) -> Manifest:
        """`dbt parse <arguments>`: the project's manifest."""
        from dbt.contracts.graph.manifest import Manifest

        manifest = self.dbt("parse", *arguments).result
        if not isinstance(manifest, Manifest):
            raise BuildFailed(f"dbt parse gave no manifest: {manifest!r}")
        return manifest

    def selection(self, changed_files: set[str]) -> list[str]:
        """--select arguments for a change: the changed seeds and everything
        downstream when only known seeds changed, else a new parse and
        everything modified since the last published build, downstream included."""
        if self.manifest is not None and changed_files and all(path in self.seeds for path in changed_files):
            return ["--select", " ".join(f"{self.seeds[path]}+" for path in sorted(changed_files))]
        self.parse()
        state = dev_state.state_dir(self.published)
        if not (self.published.exists() and (state / "manifest.json").exists()):
            return []
        return ["--select", "state:modified+", "--state", str(state)]

    def range_checks(self, target: Path) -> Callable[[], int]:
        """Read the marts of the build file and hand them to the second
        process; returns what waits for its answer (0 when every range holds)."""
        from indwh.range_checks.frames import read_marts

        try:
            job = read_marts(target)
        except MissingTable as error:
            raise BuildFailed(f"range checks: {error}") from None
        self.checks.send(job)
        return self.checks.recv

    def run_dbt(self, what: str, target: Path, selection: list[str], types: list[str]) -> int:
        """One dbt build step into the build file `target`; the number of
        nodes it ran. BuildFailed naming what failed, with the rows of the
        build file that a failed test or a broken constraint names."""
        from dbt.artifacts.schemas.run import RunExecutionResult

        result = self.dbt("build", *selection, *types)
        if not isinstance(result.result, RunExecutionResult):
            raise BuildFailed(f"{what} gave no results: {result.result!r}")
        results = [
            {
                "status": str(r.status),
                "message": r.message,
                "unique_id": r.node.unique_id,
                "compiled_code": getattr(r.node, "compiled_code", None),
            }
            for r in result.result.results
        ]
        if not result.success:
            raise build.failed(what, build.failures_of(results, target))
        return sum(dbt_command.is_node(r.node.unique_id) for r in result.result.results)

    def rebuild(self, changed_files: set[str]) -> None:
        """What `make dev` does for a change, in this process."""
        started = time.perf_counter()
        build.check_seeds()
        before = snapshot()
        selection = self.selection(changed_files)
        if not selection:
            print("No published build to start from: building everything.", flush=True)
            build.build()
        else:
            with build.staging(self.published) as (target, _):
                shutil.copyfile(self.published, target)
                nodes = self.run_dbt("dbt build of the seeds and models", target, selection, ["--exclude-resource-type", "test"])
                answer = self.range_checks(target)
                try:
                    nodes += self.run_dbt("dbt tests", target, selection, ["--resource-type", "test"])
                finally:
                    range_checks = answer()
                if range_checks != 0:
                    raise BuildFailed("range checks failed (see the messages above)")
                recorded = finalise_and_publish(target, self.published)
            print(f"Published {self.published} in {time.perf_counter() - started:.2f} s: {nodes} dbt nodes.", flush=True)
            print(recorded.summary(), flush=True)
        if snapshot() == before:
            self.parse()
            dev_state.remember(self.published)
        else:  # changed while building: the kept manifest would not describe the warehouse
            (dev_state.state_dir(self.published) / "manifest.json").unlink(missing_ok=True)

    def run(self, on_failure: Callable[[IndwhError, Path], object]) -> None:
        """Rebuild on every change until interrupted; `on_failure` tells
        why a rebuild did not publish (the build command's message)."""
        if self.checks.recv() != "ready":
            raise RuntimeError("the range checks did not start")
        seen = snapshot()
        pending = {"(start: what changed since the last published build)"}
        # What failed to build is built again with the next change, so that a
        # seed changed after a broken model does not publish without the model.
        unbuilt: set[str] = set()
        while True:
            if pending:
                try:
                    self.rebuild(pending | unbuilt)
                    unbuilt = set()
                except (BuildFailed, Busy) as error:
                    unbuilt |= pending
                    on_failure(error, self.published)
                print(f"Watching {', '.join(WATCHED)} for changes (Ctrl-C stops).", flush=True)
            time.sleep(POLL_SECONDS)
            now = snapshot()
            if now != seen:  # wait until the files stand still for one poll: an editor may still be writing
                while (steady := settled()) != now:
                    now = steady
            pending, seen = changes(seen, now), now

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # already ended: a SIGTERM to the process group ends both
            self.checks.send(None)
        self.checker.join(timeout=5)

"""Proof that the tests bite: change one printed value of a seed at a time
(x10, one rounding step up, two digits swapped) and record whether the
build catches it: a model that refuses it, a dbt test or reconciliation
that fails, or a range check.

    indwh-tools mutation [--sample N] [--random-seed S] [--confirm K]

The project is copied to a temporary directory, with dbt's parse cache, and
built there once with `dbt build`. Each change is then replayed in memory
(indwh_tools.mutation.replay): the seed value changed, every model below it rebuilt from the SQL dbt
compiled, every data test below it run as dbt ran it and, when those all
pass, the range checks over the marts, as `make build` runs them; then the
value is put back. --confirm K repeats K of the changes (caught and not
caught alike) with the real `dbt build --select <seed>+` and range checks
in the copy, and fails when the two disagree. Prints the kill rate per
kind of change and every value no test or check caught; writes every
outcome to target/mutation/outcomes.csv.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from indwh.errors import SandboxBuildFailed
from indwh.paths import DEFAULT_WAREHOUSE, ROOT, build_path
from indwh.pipeline.dbt_command import COMMAND as DBT
from indwh_tools.mutation.changes import KINDS, Cell, cells, mutate
from indwh_tools.mutation.replay import Replay
from indwh_tools.sandbox import PARSE_CACHE, copy_project

RECONCILIATION_TEST = "assert_rapport_klopt_binnen_afronding"
OUTCOMES = ROOT / "target" / "mutation" / "outcomes.csv"
# The build file of the default warehouse, relative to the project: the path
# `make build` gives dbt (indwh.pipeline.dbt_command.profile_path), so the
# sandbox's dbt, given the same path, keeps the copied parse cache of the
# project (dbt parses afresh when the profile's path differs). Relative, it
# lies in the sandbox; the published warehouse, $IND_WAREHOUSE wherever it
# is, is never read for it.
BUILD_FILE = build_path(Path(DEFAULT_WAREHOUSE))


@dataclass(frozen=True)
class Outcome:
    cell: Cell
    kind: str
    value: str
    caught_by: tuple[str, ...]

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)

    @property
    def catcher(self) -> str:
        """What caught it first in the order the build runs: reconciliation,
        dbt (a model or another dbt test), range (the range checks), or ''."""
        if any(RECONCILIATION_TEST in item for item in self.caught_by):
            return "reconciliation"
        if any(item.startswith(("model ", "test ")) for item in self.caught_by):
            return "dbt"
        return "range" if self.caught_by else ""


class Sandbox:
    """A copy of the project, with dbt's parse cache, built once with dbt
    build into its own file."""

    def __init__(self) -> None:
        if BUILD_FILE.is_absolute() or ".." in BUILD_FILE.parts:
            raise SandboxBuildFailed(f"the sandbox's build file {BUILD_FILE} would not lie in the sandbox")
        self.dir = Path(tempfile.mkdtemp(prefix="ind-mutation-"))
        self.project = copy_project(self.dir / "project", parse_cache=True)
        self.pristine = self.dir / "pristine" / "ind.duckdb"
        self.pristine.parent.mkdir()
        self.dbt = str(DBT)
        self.build_file = self.project / BUILD_FILE
        self.build_file.parent.mkdir(parents=True)

    def run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        """`command` (dbt) in the copy, building the sandbox's build file."""
        env = dict(os.environ, IND_BUILD_PATH=str(BUILD_FILE), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        return subprocess.run(command, cwd=self.project, env=env, capture_output=True, text=True, check=False)

    def build(self) -> Path:
        """dbt build of the unchanged copy: the warehouse (kept aside as
        the pristine file) and target/ the replay reads."""
        done = self.run([self.dbt, "build", "--profiles-dir", ".", "--quiet"])
        if done.returncode != 0:
            raise SandboxBuildFailed(f"dbt build of the unchanged project failed:\n{done.stdout}{done.stderr}")
        os.replace(self.build_file, self.pristine)
        return self.pristine

    def confirm(self, cell: Cell, value: str) -> tuple[bool, str]:
        """The change made in the seed file and built for real: `dbt build
        --select <seed>+` on a copy of the unchanged warehouse, then the range
        checks. (caught, what the build printed or the checks that failed)."""
        path = self.project / "seeds" / "rapport" / f"{cell.seed}.csv"
        original = path.read_text(encoding="utf-8")
        path.write_text(changed_csv(original, cell, value), encoding="utf-8")
        shutil.copy(self.pristine, self.build_file)
        # Its own target/, so that the replay's stays as the build left it; the parse cache of the build in it.
        target = self.dir / "confirm" / "target"
        target.mkdir(parents=True, exist_ok=True)
        if (self.project / PARSE_CACHE).exists():
            shutil.copyfile(self.project / PARSE_CACHE, target / PARSE_CACHE.name)
        try:
            command = [self.dbt, "build", "--select", f"{cell.seed}+", "--profiles-dir", ".", "--target-path", str(target)]
            done = self.run(command)
            if done.returncode != 0:
                return True, done.stdout + done.stderr
            failed = range_check_failures(self.build_file)
            return bool(failed), "\n".join(failed)
        finally:
            path.write_text(original, encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def range_check_failures(warehouse: Path) -> list[str]:
    """The range checks as `make build` runs them on its new file (without Data Docs)."""
    from indwh.range_checks.frames import read_marts
    from indwh.range_checks.report import config_of
    from indwh.range_checks.run import validate

    frames, codes = read_marts(warehouse)
    return [f"range {table}: {config_of(result).type}" for table, result in validate(frames, codes) if not result.success]


def changed_csv(text: str, cell: Cell, value: str) -> str:
    """The seed file with the one value changed, every other byte as it was."""
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    index = {name: i for i, name in enumerate(header)}
    wanted = {"rapportjaar": str(cell.rapportjaar), **{name: str(v) for name, v in cell.row}}
    hits = []
    for number, line in enumerate(lines[1:], start=1):
        fields = next(csv.reader([line]))
        if all(fields[index[name]] == v for name, v in wanted.items()):
            hits.append(number)
    if len(hits) != 1 or next(csv.reader([lines[hits[0]]]))[index[cell.column]] != cell.printed:
        raise ValueError(f"{cell.where}: expected one row printing {cell.printed!r}, found {len(hits)}")
    line = lines[hits[0]]
    fields = next(csv.reader([line]))
    fields[index[cell.column]] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if line.endswith("\r\n") else "\n").writerow(fields)
    lines[hits[0]] = out.getvalue()
    return "".join(lines)


def set_value(con: duckdb.DuckDBPyConnection, cell: Cell, old: str, new: str) -> None:
    """Change the value in the loaded seed (schema raw), as dbt seed would load it."""
    conditions = " and ".join(f'"{name}" = ?' for name, _ in cell.row)
    [(count,)] = con.execute(
        f'update raw."{cell.seed}" set "{cell.column}" = ? where rapportjaar = ? and {conditions} and "{cell.column}" = ?',
        [new, cell.rapportjaar, *[v for _, v in cell.row], old],
    ).fetchall()
    if count != 1:
        raise ValueError(f"{cell.where}: expected one row printing {old!r} in raw.{cell.seed}, found {count}")


class RangeChecks:
    """The range checks of `make build` over the marts of the replay. A mart
    that is row for row the unchanged one passes as it did unchanged, so
    only the marts a change reaches are validated."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        from indwh.range_checks.frames import marts_from

        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        self.con = con
        self.read = marts_from
        frames, _ = marts_from(con)
        self.unchanged = {table: fingerprint(frame) for table, frame in frames.items()}

    def failures(self, everything: bool = False) -> list[str]:
        from indwh.range_checks.report import config_of
        from indwh.range_checks.run import validate

        frames, codes = self.read(self.con)
        if not everything:
            frames = {table: frame for table, frame in frames.items() if fingerprint(frame) != self.unchanged.get(table)}
        if not frames:
            return []
        return [
            f"range {table}.{config_of(result).kwargs.get('column', '(table)')}: {config_of(result).type}"
            for table, result in validate(frames, codes, result_format="BOOLEAN_ONLY")
            if not result.success
        ]


def fingerprint(frame: pd.DataFrame) -> list[int]:
    """The rows of a frame, whatever their order; a list in a cell
    (deel_van) counts by its items."""
    hashable = frame.apply(lambda column: column.map(lambda value: tuple(value) if is_list(value) else value))
    return sorted(pd.util.hash_pandas_object(hashable, index=False).tolist())


def is_list(value: object) -> bool:
    return isinstance(value, list | tuple | np.ndarray)


def evaluate(replay: Replay, checks: RangeChecks, cell: Cell, value: str) -> tuple[str, ...]:
    """What catches the changed value: failed models and dbt tests, else failed range checks."""
    set_value(replay.con, cell, cell.printed, value)
    try:
        caught = replay.rebuild(cell.seed) or replay.test(cell.seed)
        return tuple(caught or checks.failures())
    finally:
        set_value(replay.con, cell, value, cell.printed)
        broken = replay.rebuild(cell.seed)
        if broken:
            raise RuntimeError(f"{cell.where}: the unchanged value no longer builds: {broken}")


def baseline(replay: Replay, checks: RangeChecks, seeds: Iterable[str]) -> list[str]:
    """Failures of the unchanged project under the replay (there must be none)."""
    every = sorted(set(seeds))
    return (replay.rebuild(*every) or replay.test(*every)) + checks.failures(everything=True)


def selection(all_cells: list[Cell], per_kind: int, random_seed: int) -> list[tuple[Cell, str, str]]:
    """Every (value, kind of change, changed value), or a random sample of
    per_kind changes of each kind."""
    rng = random.Random(random_seed)
    changes = []
    for kind in KINDS:
        of_kind = [(c, kind, new) for c in all_cells if (new := mutate(c.printed, kind, c.step)) is not None]
        changes += rng.sample(of_kind, per_kind) if 0 < per_kind < len(of_kind) else of_kind
    return changes


def run(replay: Replay, checks: RangeChecks, changes: list[tuple[Cell, str, str]]) -> list[Outcome]:
    outcomes = []
    for number, (cell, kind, value) in enumerate(changes, start=1):
        outcomes.append(Outcome(cell, kind, value, evaluate(replay, checks, cell, value)))
        if number % 100 == 0:
            print(f"  {number}/{len(changes)} changes", file=sys.stderr, flush=True)
    return outcomes


def summary(outcomes: list[Outcome], seconds: float) -> str:
    lines = [
        f"{len(outcomes)} changes of {len({o.cell.key for o in outcomes})} printed values in {seconds:.0f} s",
        f"  {'kind':12} {'caught':>16}  {'reconciliation':>14} {'other dbt':>9} {'range only':>10}",
    ]
    for kind in (*KINDS, "all"):
        group = [o for o in outcomes if kind in (o.kind, "all")]
        if not group:
            continue
        caught = sum(o.caught for o in group)
        by = {name: sum(o.catcher == name for o in group) for name in ("reconciliation", "dbt", "range")}
        lines.append(
            f"  {kind:12} {caught:>5}/{len(group):<4} ({100 * caught / len(group):3.0f}%)"
            f"  {by['reconciliation']:>14} {by['dbt']:>9} {by['range']:>10}"
        )
    checked = [o for o in outcomes if o.cell.checks]
    if checked:
        caught = sum(o.caught for o in checked)
        lines.append(f"  values in a reconciliation: {caught}/{len(checked)} caught ({100 * caught / len(checked):.0f}%)")
    survivors = [o for o in outcomes if not o.caught]
    if survivors:
        lines.append("Not caught by any test or check:")
        for o in sorted(survivors, key=lambda o: (o.cell.where, KINDS.index(o.kind))):
            checks = f"in {', '.join(o.cell.checks)}" if o.cell.checks else "in no reconciliation"
            lines.append(f"  {o.cell.where}: {o.cell.printed} -> {o.value} ({o.kind}; {checks})")
        tried: dict[Cell, list[Outcome]] = {}
        for o in outcomes:
            tried.setdefault(o.cell, []).append(o)
        never = sorted(
            cell.where
            for cell, results in tried.items()
            if not any(o.caught for o in results)
            and {o.kind for o in results} == {k for k in KINDS if mutate(cell.printed, k, cell.step)}
        )
        if never:
            lines.append(f"Values no change of any kind was caught for ({len(never)}):")
            lines += [f"  {where}" for where in never]
    return "\n".join(lines)


def write_outcomes(outcomes: list[Outcome], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["cel_sleutel", "plaats", "gedrukt", "soort_wijziging", "gewijzigd", "gevangen", "door", "reconciliaties"]
        )
        for o in outcomes:
            writer.writerow(
                [
                    o.cell.key,
                    o.cell.where,
                    o.cell.printed,
                    o.kind,
                    o.value,
                    o.catcher,
                    " | ".join(o.caught_by),
                    " ".join(o.cell.checks),
                ]
            )


def confirmations(sandbox: Sandbox, outcomes: list[Outcome], count: int, random_seed: int) -> list[str]:
    """Repeat `count` outcomes with the real build, half caught and half not
    where there are; the disagreements."""
    rng = random.Random(random_seed)
    caught = [o for o in outcomes if o.caught]
    survived = [o for o in outcomes if not o.caught]
    chosen = rng.sample(survived, min(len(survived), count // 2))
    chosen += rng.sample(caught, min(len(caught), count - len(chosen)))
    disagreements = []
    for o in chosen:
        real, output = sandbox.confirm(o.cell, o.value)
        verdict = "agrees" if real == o.caught else "DISAGREES"
        print(f"  {verdict}: {o.cell.where} {o.cell.printed} -> {o.value}: real build {'fails' if real else 'passes'}")
        if real != o.caught:
            disagreements.append(f"{o.cell.where} {o.cell.printed} -> {o.value}: replay {o.caught}, build {real}\n{output}")
    return disagreements


def mutation_test(sample: int = 0, random_seed: int = 2011, confirm: int = 0) -> int:
    """Every change (or `sample` of each kind), replayed; `confirm` of them
    repeated with the real build. 0 when the replay and the build agree."""
    started = time.monotonic()
    sandbox = Sandbox()
    try:
        replay = Replay(sandbox.project, sandbox.build())
        print(f"Built a copy of the project in {time.monotonic() - started:.0f} s")
        changes = selection(cells(replay.con), sample, random_seed)
        checks = RangeChecks(replay.con)
        failures = baseline(replay, checks, [cell.seed for cell, _, _ in changes])
        if failures:
            print("The unchanged project fails under the replay:\n  " + "\n  ".join(failures))
            return 1
        started = time.monotonic()
        outcomes = run(replay, checks, changes)
        print(summary(outcomes, time.monotonic() - started))
        write_outcomes(outcomes, OUTCOMES)
        print(f"Every outcome: {OUTCOMES.relative_to(ROOT)}")
        if confirm:
            print(f"Repeating {confirm} changes with the real dbt build:")
            disagreements = confirmations(sandbox, outcomes, confirm, random_seed)
            if disagreements:
                print("The replay and the real build disagree:\n" + "\n".join(disagreements))
                return 1
        replay.close()
    except SandboxBuildFailed as error:
        print(error)
        return 1
    finally:
        sandbox.close()
    return 0

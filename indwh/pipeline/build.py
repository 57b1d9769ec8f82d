"""The build (`indwh build`): check the seeds, build the warehouse beside
the published file, check it, and publish it by an atomic rename only when
everything passed.

Whatever happens to a build (a broken seed, a failing test, a kill at any
moment), the published file is never opened for writing: it is either the
last good warehouse, byte for byte, or the new one, whole. The build folder
a killed build leaves behind is removed by the next build; the locks die
with the process that held them."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from indwh.errors import BuildFailed
from indwh.paths import ROOT, build_dir, build_path, lock_path, project_lock_path, warehouse_path
from indwh.pipeline import dbt_command, dev_state, located, published_file, seed_files
from indwh.pipeline.machine_failures import NO_SPACE, machine_failures, megabytes
from indwh.pipeline.publish import destination, finalise_and_publish
from indwh.pipeline.release import Release
from indwh.plumbing import offline
from indwh.plumbing.file_lock import exclusive


def check_seeds() -> None:
    """Every seed file readable as the yml declares it, before dbt starts."""
    problems = seed_files.check_seeds(ROOT)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise BuildFailed(seed_files.count(problems))


def dbt_failures(since: float, database: Path | None = None) -> list[str]:
    """The messages of the nodes that failed in the dbt run that started at
    `since`; with the build file, a failed data test's first rows too."""
    results = ROOT / "target" / "run_results.json"
    if not results.exists() or results.stat().st_mtime < since:
        return []
    return failures_of(json.loads(results.read_text(encoding="utf-8"))["results"], database)


SHOWN_ROWS = 5
# Where a row stands, for the rows a failed data test or a broken contract shows.
Locate = Callable[[dict[str, Any]], str]


def failing_rows(con: duckdb.DuckDBPyConnection, sql: str, locate: Locate | None = None) -> str:
    """The first rows a failed data test returns from the build file, as
    ": (kolom=onderwerp, volgorde=9) at seeds/presentatie/selectie_kerncijfers.csv:10; ...",
    or "" when they cannot be read. Where a row stands is its column
    vindplaats (a singular test names it), or else what `locate` finds."""
    try:
        cursor = con.execute(f"select * from ({sql}) limit {SHOWN_ROWS + 1}")
        names = [column[0] for column in cursor.description or []]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.Error:
        return ""
    shown = list(dict.fromkeys(shown_row(row, locate) for row in rows[:SHOWN_ROWS]))  # each once
    return (": " + "; ".join(shown) + ("; ..." if len(rows) > SHOWN_ROWS else "")) if shown else ""


def shown_row(row: dict[str, Any], locate: Locate | None) -> str:
    """A failing row as "(name=value, ...)", then where it stands."""
    said = "(" + ", ".join(f"{name}={value}" for name, value in row.items() if name != located.WHERE_COLUMN) + ")"
    if row.get(located.WHERE_COLUMN):
        return f"{said} at {located.compact(str(row[located.WHERE_COLUMN]))}"
    return said + (locate(row) if locate is not None else "")


@contextmanager
def reader(database: Path | None) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection to the build file, or None without one (or when it cannot be opened)."""
    if database is None:
        yield None
        return
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        yield None
        return
    with con:
        yield con


# How DuckDB names the kind of an error: "Binder Error: ...", "Parser Error: ...".
DUCKDB_ERROR = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* Error: ")
# The line of the SQL that DuckDB quotes under its message: "LINE 12: select ...".
DUCKDB_LINE = re.compile(r"^LINE (\d+):\s?(.*)$")


def essence(text: str) -> str:
    """What a dbt message says, on one line: the error a model raised
    (DuckDB's "Invalid Input Error: ..."), or a table dbt prints (the
    columns of a broken contract) row by row after the sentence that
    introduces it, or else its last line; never dbt's "> called by" trail."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith(">")]
    raised = next((line for line in lines if line.startswith("Invalid Input Error: ")), None)
    if raised is not None or not lines:
        return raised or text.strip()
    table = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if line.startswith("|")]
    if len(table) > 2:  # a header, its rule, rows
        introduction = " ".join([line for line in lines if not line.startswith("|")][:2])
        rows = "; ".join(", ".join(f"{name}={cell}" for name, cell in zip(table[0], row, strict=False)) for row in table[2:])
        return f"{introduction.rstrip('.')}: {rows}"
    return lines[-1]


def sql_error(text: str, path: str) -> str | None:
    """DuckDB's error in the SQL of a node, with the node's file: its
    message, and the line DuckDB quotes, found in the file when it stands
    there once ("models/marts/kerncijfers.sql:12: Binder Error: ...");
    None when the message holds no DuckDB error."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip() and not line.strip().startswith(">")]
    start = next((number for number, line in enumerate(lines) if DUCKDB_ERROR.match(line.strip())), None)
    if start is None:
        return None
    message: list[str] = []
    quoted = None
    for line in lines[start:]:
        found = DUCKDB_LINE.match(line.strip())
        if found is not None:
            quoted = found.group(2).strip()
            break
        message.append(line.strip())
    said = " ".join(message)
    if quoted is None:
        return f"{path}: {said}"
    number = line_in_file(path, quoted)
    if number is not None:
        return f"{path}:{number}: {said} (the SQL there: {quoted})"
    return f"{path}: {said} (the SQL as dbt compiled it: {quoted})"


def line_in_file(path: str, quoted: str) -> int | None:
    """The line of a project file that holds a line DuckDB quoted (which
    it may cut short with "..." at either end), when exactly one does."""
    try:
        text = (ROOT / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    needle = " ".join(quoted.strip().strip(".").split())
    if len(needle) < 4:
        return None
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in " ".join(line.split())]
    return found[0] if len(found) == 1 else None


# How DuckDB says that a row broke a constraint of a mart's contract.
CONSTRAINT_ERROR = "Constraint Error: "
NOT_NULL_FAILED = re.compile(r"NOT NULL constraint failed: [^.\s]+\.(\w+)")
# The columns that say where a mart's row stands in the report, shown beside its key.
LOCATION_COLUMNS = ("bron_tabel", "bron_rij", "bron_kolom", "bron_regel")


def needs_rows(result: dict[str, Any]) -> bool:
    """Whether the failure of a dbt node is told with rows of the build file:
    a failed data test, or a model whose rows broke a constraint of its contract."""
    if not result.get("compiled_code"):
        return False
    return result["status"] == "fail" or (result["status"] == "error" and CONSTRAINT_ERROR in (result.get("message") or ""))


def read_manifest() -> dict[str, Any]:
    """The manifest of the dbt run (target/manifest.json); empty without one."""
    try:
        manifest: dict[str, Any] = json.loads((ROOT / "target" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest


def contract_of(node: dict[str, Any]) -> tuple[str, list[str]]:
    """The yml that holds a model's contract and its primary key; ("", []) without it."""
    key = next((c.get("columns") or [] for c in node.get("constraints", []) if c.get("type") == "primary_key"), [])
    return (node.get("patch_path") or "").partition("://")[2], key


def broken_constraint(lineage: located.Lineage, result: dict[str, Any], node: dict[str, Any], raised: str) -> str:
    """What a model's broken constraint is, said with the rows that break it:
    the mart, the column or key, the constraint and the yml that declares
    it, and the first rows (their key, where they stand in the report and
    in the seeds), read by running the model's SQL on the build file."""
    con = lineage.con
    model = result["unique_id"].split(".")[2]
    sql = result["compiled_code"]
    yml, key = contract_of(node)
    where = f" in {yml}" if yml else ""
    try:
        names = [column[0] for column in con.execute(f"select * from ({sql}) as model limit 0").description or []]
    except duckdb.Error:
        return raised
    empty = NOT_NULL_FAILED.search(raised)
    shown = [*key, *(name for name in LOCATION_COLUMNS if name in names)] or names
    listed = ", ".join(f'"{name}"' for name in shown)
    if empty is not None:
        column = empty.group(1)
        said = f"{model}.{column} may not be empty (not_null constraint{where}); rows without it"
        question = located.Question((column,), empty=(column,))
        rows = failing_rows(
            con,
            f'select {listed} from ({sql}) as model where "{column}" is null',
            lambda row: lineage.places(result["unique_id"], question, row),
        )
    elif key:
        keys = ", ".join(f'"{name}"' for name in key)
        said = f"{model}: rows repeat the primary key ({', '.join(key)}) (primary_key constraint{where})"
        repeated = f"qualify count(*) over (partition by {keys}) > 1 order by {keys}"
        question = located.Question(tuple(shown))  # the key and where the row stands: one row, not all of a year
        rows = failing_rows(
            con,
            f"select {listed} from ({sql}) as model {repeated}",
            lambda row: lineage.places(result["unique_id"], question, row),
        )
    else:
        return f"{model}: {raised}"
    return said + (rows or f": {raised}")


def failures_of(results: list[dict[str, Any]], database: Path | None = None) -> list[str]:
    """The messages of the failed nodes among dbt results (each with status,
    message and unique_id, as in run_results.json), each message once with
    the nodes that gave it. Given the build file, a failed data test's
    message carries the first rows it returned (which column, which row)
    and where each stands in the seeds (file and line, indwh.pipeline.located),
    and a model whose rows broke a constraint of its contract says which
    rows (broken_constraint). DuckDB's error in the SQL of a model or test
    is said with the node's file (sql_error)."""
    messages: dict[str, list[str]] = {}
    manifest = read_manifest()
    nodes: dict[str, Any] = manifest.get("nodes", {})
    with reader(database if any(needs_rows(result) for result in results) else None) as con:
        lineage = located.Lineage(con, manifest) if con is not None else None
        for result in results:
            if result["status"] not in ("error", "fail"):
                continue
            node = nodes.get(result["unique_id"]) or {}
            path = sql_file(manifest, result["unique_id"])
            text = result.get("message") or result["status"]
            message = essence(text)
            if lineage is not None and needs_rows(result):
                if result["status"] == "fail":
                    message += failing_rows(lineage.con, result["compiled_code"], locator(lineage, node))
                else:
                    message = broken_constraint(lineage, result, node, message)
            elif path and not any(said in text for said in (CONSTRAINT_ERROR, "Invalid Input Error: ")):
                message = sql_error(text, path) or message
            messages.setdefault(message.removeprefix("Invalid Input Error: "), []).append(result["unique_id"].split(".")[2])
    return [f"{message} [{', '.join(sorted(set(nodes)))}]" for message, nodes in messages.items()]


def sql_file(manifest: dict[str, Any], unique_id: str) -> str:
    """The file that holds the SQL a dbt node runs: a model's or a test's
    own, for a unit test the model it tests; "" when the manifest does not say."""
    node = manifest.get("nodes", {}).get(unique_id)
    if node is None:
        unit_test = manifest.get("unit_tests", {}).get(unique_id) or {}
        tested = next(iter((unit_test.get("depends_on") or {}).get("nodes") or []), "")
        node = manifest.get("nodes", {}).get(tested) or {}
    return str(node.get("original_file_path") or "")


def locator(lineage: located.Lineage, node: dict[str, Any]) -> Locate | None:
    """How the rows of a failed generic test are found in the seeds; None
    for a singular test (its rows name where they stand)."""
    question = located.question_of_test(node)
    tested = node.get("attached_node") or next(iter((node.get("depends_on") or {}).get("nodes") or []), None)
    if question is None or tested is None:
        return None
    return lambda row: lineage.places(tested, question, row)


def failed(what: str, failures: list[str]) -> BuildFailed:
    """The error for a failed dbt command, listing its failures."""
    listed = "".join(f"\n  {failure}" for failure in failures)
    return BuildFailed(f"{what} failed{':' if failures else ' (see the messages above)'}{listed}")


def run_dbt(target: Path, keep_fds: tuple[int, ...], arguments: tuple[str, ...] = ()) -> None:
    """Check the seed files, then `dbt build` (seeds, models, tests) into the
    build file. The seed files are checked while dbt loads (dbt starts only
    when they pass, so a broken seed stops the build before dbt has printed
    or opened anything); while dbt runs, this process imports the range
    checks (great-expectations takes seconds to import) on the core that
    dbt leaves idle."""
    started = time.time()
    if dbt_command.run(["build", *arguments], target, keep_fds, while_running=load_range_checks, before_start=check_seeds) != 0:
        raise failed("dbt build", dbt_failures(started, target))


def load_range_checks() -> None:
    """Import the range checks ahead of run_range_checks, if they are installed
    (a failed import is reported by run_range_checks), on the core that dbt
    leaves idle. At the build's own priority: at a lower one, a machine
    busy with other work starves the import, and the build waits for it
    after dbt (docs/decisions/0009-import-at-lowest-priority.md)."""
    with contextlib.suppress(ImportError):
        import indwh.range_checks.run  # noqa: F401  (loaded for run_range_checks)


def run_range_checks(target: Path) -> None:
    """The great-expectations range checks over the marts of the build file."""
    from indwh.range_checks import run  # imported here: great-expectations takes seconds to import

    if run.check_file(target) != 0:
        raise BuildFailed("range checks failed (see the messages above)")


def build(only_changed: bool = False, new_history: bool = False) -> tuple[Path, Release]:
    """Check the seeds, build, check and publish; with only_changed, rebuild
    only what changed since the last published build (`make dev`); with
    new_history, start a new history, moving the published file aside.
    Returns the published file and what its publish recorded.

    Before anything is written, what lies at the published path is
    examined (published_file): a build replaces only a warehouse of this
    project (or nothing)."""
    published = destination(warehouse_path())
    examined = None
    if new_history:
        published_file.check_path_for_new_history(published)
    else:
        examined = published_file.examine(published).stamp
        published_file.check_backups_without_file(published)
    with staging(published) as (target, locks):
        with machine_failures(published):
            selection = dev_state.selection(published, target) if only_changed and not new_history else ()
        try:
            run_dbt(target, keep_fds=locks, arguments=selection)
        except BuildFailed as error:
            raise filled_up(error, published) from None
        offline.apply()
        run_range_checks(target)
        recorded = finalise_and_publish(target, published, new_history=new_history, examined=examined)
    try:
        dev_state.remember(published)
    except OSError as error:  # published already: only the next `make dev` rebuilds more
        print(f"The manifest for `make dev` was not kept: {error}", file=sys.stderr)
    return published, recorded


# Free space a build needs beside the published file: the build file and
# its write-ahead log, about the published file's size each (a backup is the
# replaced file itself, no new space); at least SPACE_WITHOUT_FILE.
SPACE_FACTOR = 2
SPACE_WITHOUT_FILE = 64 * 2**20


def space_needed(published: Path) -> int:
    """The free space a build of `published` needs beside it, in bytes."""
    return max(SPACE_FACTOR * (published.stat().st_size if published.exists() else 0), SPACE_WITHOUT_FILE)


def filled_up(error: BuildFailed, published: Path) -> BuildFailed:
    """A dbt build that failed as the disk beside the published file filled
    up (dbt then says so only in its own output): the failure says so too."""
    free = shutil.disk_usage(published.parent).free
    if free >= space_needed(published):
        return error
    return BuildFailed(f"{error}\n{NO_SPACE} beside {published}: {megabytes(free)} left, the disk filled up while dbt ran")


def check_machine(published: Path, workdir: Path) -> None:
    """What a build needs of the machine, checked before dbt starts: room
    for the build file, and a published file that can be kept as a backup
    (a hard link: refused for an immutable file) and replaced."""
    needed = space_needed(published)
    free = shutil.disk_usage(published.parent).free
    if free < needed:
        raise BuildFailed(
            f"not enough free space beside {published}: {megabytes(free)} free, a build needs about {megabytes(needed)}"
            f" (the build file beside it, {SPACE_FACTOR} times the published file's size). Free space on that file "
            "system, or set IND_WAREHOUSE to a folder on another one, then build again"
        )
    if published.exists():
        trial = workdir / "backup-trial"
        os.link(published, trial)
        trial.unlink()


@contextmanager
def staging(published: Path) -> Iterator[tuple[Path, tuple[int, int]]]:
    """Hold the build's locks and an empty build folder beside `published`;
    yields the build file's path and the locks' file descriptors. The
    folder is removed afterwards, whatever happened. What the machine does
    not allow (a folder or file that cannot be written, too little space)
    fails the build here, before dbt starts."""
    published = destination(published)
    with contextlib.ExitStack() as stack:
        with machine_failures(published):
            published.parent.mkdir(parents=True, exist_ok=True)
            warehouse_lock = stack.enter_context(exclusive(lock_path(published), f"a build of {published}"))
            project_lock = stack.enter_context(exclusive(project_lock_path(), f"a dbt command in {ROOT}"))
            workdir = build_dir(published)
            shutil.rmtree(workdir, ignore_errors=True)  # leftovers of an interrupted build
            workdir.mkdir()
            stack.callback(shutil.rmtree, workdir, ignore_errors=True)
            check_machine(published, workdir)
        yield build_path(published), (warehouse_lock, project_lock)

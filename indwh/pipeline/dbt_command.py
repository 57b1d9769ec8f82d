"""Run a dbt command of the project on a database file that is not the
published warehouse (a build file, or a copy for the docs)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from indwh.paths import ROOT
from indwh.plumbing import offline
from indwh.plumbing.forked import die_with_parent

GO = b"go"  # what indwh.plumbing.gated_dbt waits for before it runs dbt
COMMAND = Path(sys.executable).parent / "dbt"  # the dbt command of this Python's environment


def is_node(unique_id: str) -> bool:
    """Whether a result of a dbt run (its unique_id) is a node of the project
    (a seed, model, test...), not a project hook: every run also runs the
    on-run-end hook of dbt_project.yml, which is no part of what it builds."""
    return not unique_id.startswith("operation.")


def profile_path(database: Path) -> str:
    """IND_BUILD_PATH for `database`: relative to the project root where it
    lies inside it, so that dbt's parse cache is the same for every build
    of the same warehouse path, in any copy of the project."""
    return os.path.relpath(database, ROOT) if database.is_relative_to(ROOT) else str(database)


def run(
    arguments: list[str],
    database: Path,
    keep_fds: tuple[int, ...] = (),
    while_running: Callable[[], None] | None = None,
    before_start: Callable[[], None] | None = None,
) -> int:
    """`dbt <arguments>` with the profile pointed at `database`; `keep_fds`
    (locks) are handed to dbt, so they are held for as long as it runs.

    The path is given relative to the project root where it lies inside it,
    so the profile, and with it dbt's parse cache, is the same for every
    build of the same warehouse path, in any copy of the project.
    `before_start` is called in this process while dbt loads (indwh.plumbing.gated_dbt),
    and dbt starts only when it has returned; when it raises, dbt is stopped
    before it printed or opened anything, and the exception goes on.
    `while_running` is called in this process while dbt runs.
    """
    path = profile_path(database)
    options = [*arguments, "--profiles-dir", str(ROOT), "--project-dir", str(ROOT)]
    if before_start is None:
        gate = told = None
        command = [str(COMMAND), *options]
    else:
        gate, told = os.pipe()
        command = [sys.executable, "-m", "indwh.plumbing.gated_dbt", str(gate), *options]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=offline.environment(IND_BUILD_PATH=path),
        pass_fds=keep_fds if gate is None else (*keep_fds, gate),
        preexec_fn=die_with_parent(os.getpid()),
    )
    if before_start is not None:
        assert gate is not None and told is not None  # made with before_start
        os.close(gate)
        with os.fdopen(told, "wb") as pipe:  # closed without GO when before_start raises
            try:
                before_start()
            except BaseException:
                process.kill()
                process.wait()
                raise
            pipe.write(GO)
    try:
        if while_running is not None:
            while_running()
    finally:
        returncode = process.wait()
    return returncode

"""`make docs`: dbt's documentation (every model and column, with the
catalog of the published warehouse) into target/.

dbt reads the catalog from a copy of the published file placed where a
build would write, so the published file is never opened for writing,
locked against readers or changed, and dbt sees the same profile as a
build (its parse cache stays warm). A build and `make docs` take the same
locks, so they never run at once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from indwh import dbt
from indwh.lock import Busy, exclusive
from indwh.paths import ROOT, build_dir, build_path, lock_path, project_lock_path, warehouse_path


def generate(published: Path) -> int:
    with (
        exclusive(lock_path(published), f"a build of {published}") as warehouse_lock,
        exclusive(project_lock_path(), f"a dbt command in {ROOT}") as project_lock,
    ):
        workdir = build_dir(published)
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir()
        copy = build_path(published)
        try:
            shutil.copyfile(published, copy)
            return dbt.run(["docs", "generate"], copy, (warehouse_lock, project_lock))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    published = warehouse_path()
    if not published.exists():
        print(f"{published} does not exist: run `make build` first", file=sys.stderr)
        return 1
    try:
        returncode = generate(published)
    except Busy as busy:
        print(f"Docs not generated: {busy}.", file=sys.stderr)
        return 1
    if returncode == 0:
        print(f"\nDocumentation in {ROOT / 'target'}: open it with .venv/bin/dbt docs serve --profiles-dir .")
    return returncode


if __name__ == "__main__":
    sys.exit(main())

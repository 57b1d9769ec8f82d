"""`make build`: build the warehouse beside the published file, check it,
and publish it by an atomic rename only when everything passed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from indwh import changed
from indwh.paths import ROOT, build_dir, build_path, warehouse_path


class BuildFailed(Exception):
    """A step of the build failed; the published warehouse is untouched."""


def run_dbt(target: Path, arguments: tuple[str, ...] = ()) -> None:
    """`dbt build` (seeds, models, tests) into the build file. While dbt
    runs, this process loads the range checks (importing great-expectations
    takes seconds), on the core that dbt leaves idle."""
    env = dict(os.environ, IND_BUILD_PATH=str(target), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    command = [str(Path(sys.executable).parent / "dbt"), "build", "--profiles-dir", str(ROOT), "--project-dir", str(ROOT), *arguments]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        load_range_checks()
    finally:
        returncode = process.wait()
    if returncode != 0:
        raise BuildFailed("dbt build failed (see the messages above)")


def load_range_checks() -> None:
    """Import the range checks ahead of run_range_checks, if they are installed."""
    try:
        from indwh import checks  # noqa: F401
    except ImportError:
        pass


def run_range_checks(target: Path) -> None:
    """The great-expectations range checks over the marts of the build file."""
    try:
        from indwh import checks
    except ImportError:  # range checks not installed in this tree
        return
    if not checks.main([str(target)]) == 0:
        raise BuildFailed("range checks failed (see the messages above)")


def finalise(target: Path) -> None:
    """Fold the write-ahead log into the file so the rename moves everything."""
    with duckdb.connect(str(target)) as con:
        con.execute("checkpoint")
    wal = target.with_name(target.name + ".wal")
    if wal.exists():
        raise BuildFailed(f"{wal} still exists after checkpoint")


def publish(target: Path, published: Path) -> None:
    """Atomically replace the published file with the build file."""
    os.replace(target, published)


def build(only_changed: bool = False) -> Path:
    """Build, check and publish; with only_changed, rebuild only what
    changed since the last published build (`make dev`)."""
    published = warehouse_path()
    published.parent.mkdir(parents=True, exist_ok=True)
    workdir = build_dir(published)
    shutil.rmtree(workdir, ignore_errors=True)  # leftovers of an interrupted build
    workdir.mkdir()
    target = build_path(published)
    try:
        run_dbt(target, changed.selection(published, target) if only_changed else ())
        run_range_checks(target)
        finalise(target)
        publish(target, published)
        changed.remember(published)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return published


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        published = build(only_changed="--changed" in args)
    except BuildFailed as error:
        print(f"\nBuild failed: {error}.\nThe published warehouse {warehouse_path()} is unchanged.", file=sys.stderr)
        return 1
    shown = published.relative_to(ROOT) if published.is_relative_to(ROOT) else published
    print(f"\nWarehouse published: {shown}")
    print(f'Query it read-only:  .venv/bin/duckdb -readonly {shown} -c "select * from marts.fact_aanvragen limit 5"')
    print("Or open a shell:     make shell")
    print("Range checks report: target/range_checks/summary.html (Data Docs: target/range_checks/index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

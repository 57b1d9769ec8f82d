"""A copied and a moved project each build in place: `make build` in the
copy publishes the copy's change into the copy's warehouse and leaves the
first folder's warehouse byte for byte as it was; after a move, the same in
the new place. The copies carry a small .venv (tests/python/project.py), made
for the first folder, and dbt's parse cache, as `cp -a` and `mv` carry the
real ones."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from indwh.paths import warehouse_path
from indwh_tools import sandbox
from indwh_tools.bench.steps import DEV_LOOP_COLUMN, DEV_LOOP_ROW, DEV_LOOP_SEED, DEV_LOOP_STEP, edit_seed_value
from tests.python.project import make, sha256, small_venv

pytestmark = pytest.mark.builds

PUBLISHED = Path("warehouse") / "ind.duckdb"


def last_changes(published: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """The last publish number and what it changed: (soort, old, new) per figure."""
    with duckdb.connect(str(published), read_only=True) as con:
        number = con.execute("select max(publicatie) from marts.publicaties").fetchone()
        assert number is not None
        changes = con.execute(
            "select soort, bron_waarde_oud, bron_waarde_nieuw from marts.wijzigingen where publicatie = ? order by all",
            [number[0]],
        ).fetchall()
    return number[0], changes


def built(folder: Path) -> str:
    done = make(folder, "build")
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return done.stdout


def test_a_copied_and_then_moved_project_builds_and_publishes_itself(tmp_path: Path) -> None:
    first = sandbox.copy_project(tmp_path / "first", parse_cache=True)
    (first / PUBLISHED).parent.mkdir()
    shutil.copyfile(warehouse_path(), first / PUBLISHED)
    small_venv(first)
    number, _ = last_changes(first / PUBLISHED)
    unchanged = sha256(first / PUBLISHED)

    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(first), str(copy)], check=True)
    old = edit_seed_value(copy / DEV_LOOP_SEED, DEV_LOOP_ROW, DEV_LOOP_COLUMN, 0)
    new = edit_seed_value(copy / DEV_LOOP_SEED, DEV_LOOP_ROW, DEV_LOOP_COLUMN, DEV_LOOP_STEP)
    said = built(copy)
    assert f"repaired for {copy}" in said and "This dbt command wrote" not in said
    assert last_changes(copy / PUBLISHED) == (number + 1, [("gewijzigd", old, new)])
    assert sha256(first / PUBLISHED) == unchanged

    moved = tmp_path / "moved"
    shutil.move(copy, moved)
    newer = edit_seed_value(moved / DEV_LOOP_SEED, DEV_LOOP_ROW, DEV_LOOP_COLUMN, DEV_LOOP_STEP)
    said = built(moved)
    assert f"repaired for {moved}" in said
    assert last_changes(moved / PUBLISHED) == (number + 2, [("gewijzigd", new, newer)])
    assert sha256(first / PUBLISHED) == unchanged and not copy.exists()

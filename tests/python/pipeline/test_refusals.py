"""`indwh build` in a copy of the project, against what an operator meets:
a published path that holds something other than a warehouse of this
project, and a machine that does not allow the build (an immutable folder
or file, a read-only file system, a full disk, before and while dbt runs).
Each ends in "Build failed: ... The published warehouse ... is unchanged."
with what to do, never a traceback, and the published file as it was;
what can be found before dbt starts is found then (dbt never ran).

Immutable files need `chattr` (root, a file system with attributes) and
the file systems need `mount` (root): without them those cases are skipped,
saying why."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from indwh.pipeline import published_file
from indwh.pipeline.build import SPACE_FACTOR, SPACE_WITHOUT_FILE
from tests.python.project import Project, copy_project, sha256

pytestmark = pytest.mark.builds


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("refusals") / "project")


def start(project: Project, published: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        project.command("build"),
        cwd=project.root,
        env=project.environment() | {"IND_WAREHOUSE": str(published), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def build(project: Project, published: Path, timeout: float = 600) -> tuple[int, str, str]:
    process = start(project, published)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def refused_before_dbt(project: Project, published: Path, said: str) -> str:
    """Build into `published`: refused with `said`, the file (if any) unchanged, dbt never started."""
    before = sha256(published) if published.is_file() else None
    results = project.root / "target" / "run_results.json"
    results.unlink(missing_ok=True)
    returncode, out, err = build(project, published, timeout=120)
    assert returncode == 1, out + err
    assert "Traceback" not in out + err
    assert err.strip().startswith("Build failed: ") and said in err, err
    assert err.rstrip().endswith(f"The published warehouse {published} is unchanged."), err
    assert "Running with dbt" not in out and not results.exists(), "dbt started"
    if before is not None:
        assert sha256(published) == before
    return err


def a_warehouse(project: Project, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(project.published, folder / "ind.duckdb")
    return folder / "ind.duckdb"


def test_another_duckdb_database_is_not_replaced(project: Project, tmp_path: Path) -> None:
    other = tmp_path / "data.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("create table metingen as select 1 as waarde")
    refused_before_dbt(project, other, "is another DuckDB database, not a warehouse of this project")


def test_a_partial_history_is_not_replaced(project: Project, tmp_path: Path) -> None:
    published = a_warehouse(project, tmp_path)
    with duckdb.connect(str(published)) as con:
        con.execute("drop table marts.wijzigingen")
    refused_before_dbt(project, published, "holds a partial history: marts.publicaties without marts.wijzigingen")


def test_an_empty_file_is_not_replaced(project: Project, tmp_path: Path) -> None:
    published = tmp_path / "ind.duckdb"
    published.write_bytes(b"")
    said = refused_before_dbt(project, published, "is damaged: it is empty (0 bytes)")
    assert "indwh restore --list" in said and "--new-history" in said


def test_a_deleted_file_with_backups_is_not_started_anew(project: Project, tmp_path: Path) -> None:
    """The backups of a deleted file's history hold its publish numbers: a new history would use them again."""
    published = tmp_path / "ind.duckdb"
    kept = a_warehouse(project, tmp_path / ".ind.backups" / "4")
    said = refused_before_dbt(project, published, f"{published} is gone, but {tmp_path / '.ind.backups'} holds the backups")
    assert f"restore the last backup, publish 4 ({kept})" in said and "--new-history" in said
    assert not published.exists()


def test_a_leftover_write_ahead_log_is_not_replayed_or_deleted(project: Project, tmp_path: Path) -> None:
    published = a_warehouse(project, tmp_path)
    published_file.wal_of(published).write_bytes(b"writes of someone")
    refused_before_dbt(project, published, "ind.duckdb.wal lies beside the published file")
    assert published_file.wal_of(published).read_bytes() == b"writes of someone"


def test_a_directory_is_not_replaced(project: Project, tmp_path: Path) -> None:
    (tmp_path / "ind.duckdb").mkdir()
    refused_before_dbt(project, tmp_path / "ind.duckdb", "is a directory")


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not allowed here ({done.stderr.strip()}): needs root and a file system with attributes")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextlib.contextmanager
def tmpfs(folder: Path, size: int) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here ({done.stderr.strip()}): needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_an_immutable_folder_fails_the_build_before_dbt(project: Project, tmp_path: Path) -> None:
    published = a_warehouse(project, tmp_path / "warehouse")
    with immutable(published.parent):
        said = refused_before_dbt(project, published, "Operation not permitted")
    assert "chattr -i" in said


def test_an_immutable_published_file_fails_the_build_before_dbt(project: Project, tmp_path: Path) -> None:
    published = a_warehouse(project, tmp_path / "warehouse")
    with immutable(published):
        said = refused_before_dbt(project, published, "Operation not permitted")
    assert "chattr -i" in said


def test_a_read_only_file_system_fails_the_build_before_dbt(project: Project, tmp_path: Path) -> None:
    size = project.published.stat().st_size
    with tmpfs(tmp_path / "ro", 3 * size) as folder:
        published = a_warehouse(project, folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        refused_before_dbt(project, published, "Read-only file system")


def test_too_little_space_fails_the_build_before_dbt(project: Project, tmp_path: Path) -> None:
    size = project.published.stat().st_size
    with tmpfs(tmp_path / "small", size + 8 * 2**20) as folder:
        published = a_warehouse(project, folder)
        refused_before_dbt(project, published, "not enough free space beside")


def test_a_disk_that_fills_up_while_dbt_runs_fails_the_build(project: Project, tmp_path: Path) -> None:
    size = project.published.stat().st_size
    with tmpfs(tmp_path / "filling", size + max(SPACE_FACTOR * size, SPACE_WITHOUT_FILE) + 16 * 2**20) as folder:
        published = a_warehouse(project, folder)
        before = sha256(published)
        process = start(project, published)
        building = folder / ".ind.build" / "ind.duckdb"
        deadline = time.monotonic() + 300
        while not building.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if not building.exists():
            process.kill()
            pytest.fail(f"dbt did not start writing the build file: {process.communicate()}")
        with (folder / "filler").open("wb") as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 2**20)
                filler.flush()
        out, err = process.communicate(timeout=600)
        assert process.returncode == 1, out[-3000:] + err
        assert "Traceback" not in out + err
        assert "Build failed: " in err and "No space left on device" in err and "The disk is full" in err, err
        assert err.rstrip().endswith(f"The published warehouse {published} is unchanged."), err
        assert sha256(published) == before

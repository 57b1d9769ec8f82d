"""What lies at the published path, examined before a build starts
(indwh.pipeline.published_file), on small files made here (no dbt): only
nothing or a whole warehouse of this project passes; everything else is
refused with what it is and what to do."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from indwh.pipeline import backups, published_file, release
from tests.python.pipeline.history_files import FIGURES, hold_for_writing, make_layout_1, make_project, publish


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A warehouse published twice, the first publish kept as a backup."""
    project = make_project(tmp_path / "project")
    publish(tmp_path, FIGURES, project)
    path = tmp_path / "warehouse" / "ind.duckdb"
    backups.keep(path, 1)
    publish(tmp_path, FIGURES, project)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(published_file.Refused) as refused:
        published_file.examine(path)
    return str(refused.value)


def change(path: Path, *statements: str) -> None:
    with duckdb.connect(str(path)) as con:
        for statement in statements:
            con.execute(statement)


def test_nothing_at_the_path_is_a_new_history(tmp_path: Path) -> None:
    assert published_file.examine(tmp_path / "ind.duckdb") == published_file.Found(None, None)


def test_a_warehouse_of_this_project_passes_with_its_layout_and_last_publish(published: Path) -> None:
    assert published_file.examine(published) == published_file.Found(release.LAYOUT, 2)


def test_a_file_of_layout_1_passes(tmp_path: Path) -> None:
    path = make_layout_1(tmp_path / "ind.duckdb")
    assert published_file.examine(path) == published_file.Found(1, 2)


def test_another_duckdb_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ind.duckdb"
    change(path, "create table klanten as select 1 as id")
    said = refusal(path)
    assert "is another DuckDB database, not a warehouse of this project" in said and "main.klanten" in said
    assert "--new-history" in said


def test_a_warehouse_of_another_project_is_refused(published: Path) -> None:
    change(published, f"update {release.MARKER} set project = 'elders'")
    assert "is not a warehouse of this project" in refusal(published)


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda data: b"", "it is empty (0 bytes)"),
        (lambda data: data[: len(data) // 2], "damaged"),
        (lambda data: data[: len(data) - 4096], "truncated"),
        (lambda data: os.urandom(len(data)), "damaged or not a DuckDB database"),
    ],
    ids=["zero bytes", "half", "last block cut", "garbage"],
)
def test_a_damaged_file_is_refused_naming_the_backup_to_restore(published: Path, damage: object, said: str) -> None:
    assert callable(damage)
    published.write_bytes(damage(published.read_bytes()))
    message = refusal(published)
    assert said in message
    backup = published.parent / ".ind.backups" / "1" / "ind.duckdb"
    assert f"restore the last backup, publish 1 ({backup}): `.venv/bin/indwh restore 1`" in message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ind.duckdb").mkdir()
    assert "is a directory, not a warehouse file" in refusal(tmp_path / "ind.duckdb")


def test_a_partial_history_is_refused(published: Path) -> None:
    change(published, "drop table marts.wijzigingen")
    assert "holds a partial history: marts.publicaties without marts.wijzigingen" in refusal(published)


def test_publish_numbers_with_a_gap_are_refused(published: Path) -> None:
    change(published, "update marts.publicaties set publicatie = 3 where publicatie = 2")
    assert "publish numbers are not 1 to 2 without a gap" in refusal(published)


def test_publish_numbers_recorded_as_lost_fill_the_gap(published: Path) -> None:
    """A publish whose file went without a backup (a restore over a damaged
    file) is recorded as lost by the next: its number is no gap."""
    change(published, "update marts.publicaties set publicatie = 3, verloren = [2] where publicatie = 2")
    assert published_file.examine(published) == published_file.Found(release.LAYOUT, 3)


@pytest.mark.parametrize(
    ("lost", "said"),
    [
        ("[1]", "not 1 to 3 without a gap (those recorded as lost included: 3 numbers, 2 different"),
        ("[4]", "not 1 to 3 without a gap (those recorded as lost included: 3 numbers, 3 different, from 1 to 4"),
        ("[2, 2]", "not 1 to 4 without a gap"),
    ],
    ids=["a publish's own number", "after the publish that records it", "twice"],
)
def test_publish_numbers_recorded_as_lost_must_be_lost_once_before(published: Path, lost: str, said: str) -> None:
    change(published, f"update marts.publicaties set publicatie = 3, verloren = {lost} where publicatie = 2")
    assert said in refusal(published)


def test_changes_of_no_publish_are_refused(published: Path) -> None:
    change(published, "update marts.wijzigingen set publicatie = 7 where observatie_id = 'a' and publicatie = 1")
    assert "1 rows of marts.wijzigingen belong to no publish (publicatie 7" in refusal(published)


def test_a_history_of_a_newer_layout_is_refused(published: Path) -> None:
    change(published, f"update {release.MARKER} set indeling = {release.LAYOUT + 1}")
    said = refusal(published)
    assert f"holds a history of layout {release.LAYOUT + 1}" in said and "git pull" in said


def test_a_leftover_write_ahead_log_is_refused(published: Path) -> None:
    """A read-write connection ended without a checkpoint leaves a .wal; a read-only
    reader would replay it, so the build refuses instead of reading or deleting it."""
    wal = published.with_name("ind.duckdb.wal")
    wal.write_bytes(b"left by a writer")
    said = refusal(published)
    assert f"{wal} lies beside the published file" in said and f"rm {wal}" in said
    assert wal.read_bytes() == b"left by a writer"


def test_a_file_held_open_for_writing_is_refused_as_such_not_as_damage(published: Path) -> None:
    holder = hold_for_writing(published)
    try:
        said = refusal(published)
    finally:
        holder.communicate(timeout=60)
    assert "Could not set lock" in said and "open the warehouse read-only" in said and "damaged" not in said

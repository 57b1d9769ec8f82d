"""Publishing on small files made here (no dbt): the replaced file kept as
a backup without a copy, the newest backups kept, a restore as a new
publish, a new history that moves the old file aside, a symbolic link
published through, and no write slipping in between the history copy and
the rename."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.errors import BuildFailed
from indwh.main import main
from indwh.pipeline import backups, publish, published_file, release, restore
from tests.python.pipeline.history_files import FIGURES, hold_for_writing, make_build
from tests.python.project import sha256


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The published path of a warehouse in tmp_path (IND_WAREHOUSE), with a lock of its own for dbt commands."""
    path = tmp_path / "warehouse" / "ind.duckdb"
    path.parent.mkdir()
    monkeypatch.setenv("IND_WAREHOUSE", str(path))
    monkeypatch.setattr("indwh.pipeline.build.project_lock_path", lambda: tmp_path / ".dbt.lock")
    yield path


def build_and_publish(published: Path, figures: dict[str, tuple[object, ...]] | None = None, **options: Any) -> Any:
    build = make_build(published.parent / ".ind.build", FIGURES if figures is None else figures)
    return publish.finalise_and_publish(build, published, **options)


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_replaced_file_is_kept_as_a_backup_without_a_copy(published: Path) -> None:
    build_and_publish(published)
    first = published.stat()
    digest = sha256(published)
    build_and_publish(published)
    backup = published.parent / ".ind.backups" / "1" / "ind.duckdb"
    assert backup.stat().st_ino == first.st_ino and sha256(backup) == digest  # the same file, not a copy
    assert published.stat().st_ino != first.st_ino
    assert [(b.number, b.path) for b in backups.listed(published)] == [(1, backup)]


def test_the_newest_backups_are_kept(published: Path) -> None:
    for _ in range(backups.KEPT + 3):
        build_and_publish(published)
    last = backups.KEPT + 3
    assert [backup.number for backup in backups.listed(published)] == list(range(last - backups.KEPT, last))
    assert rows(published, "select max(publicatie) from marts.publicaties") == [(last,)]


def test_a_restore_is_a_new_publish_that_says_which_it_restores(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_and_publish(published)  # publish 1: a, b, c
    build_and_publish(published, {"a": FIGURES["a"]})  # publish 2
    build_and_publish(published, {"d": (2011, 2011, 1, "1", "T", "r", "2011", 5)})  # publish 3
    assert main(["restore", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "publish 1: " in listed and "publish 2: " in listed and "publish 3" not in listed
    assert main(["restore", "1"]) == 0
    assert "Publish 4 restores the file of publish 1. 4 figures changed since publish 3" in capsys.readouterr().out
    assert rows(published, "select publicatie, hersteld_uit from marts.publicaties order by 1") == [
        (1, None),
        (2, None),
        (3, None),
        (4, 1),
    ]
    assert rows(published, "select observatie_id from marts.fact_proef order by 1") == [("a",), ("b",), ("c",)]
    assert rows(published, "select soort, count(*) from marts.wijzigingen where publicatie = 4 group by 1 order by 1") == [
        ("nieuw", 3),
        ("vervallen", 1),
    ]
    assert [backup.number for backup in backups.listed(published)] == [1, 2, 3]


def test_a_damaged_file_is_restored_from_the_newest_readable_backup(published: Path) -> None:
    build_and_publish(published)
    build_and_publish(published, {"a": FIGURES["a"]})
    build_and_publish(published)
    damaged = b"\0" * 10000
    published.write_bytes(damaged)
    with pytest.raises(published_file.Refused, match=r"restore the last backup, publish 2 .*indwh restore 2"):
        published_file.examine(published)
    _, recorded = restore.restore(2)
    assert (recorded.number, recorded.previous, recorded.restored) == (4, 2, 2)  # 3 went with the damaged file
    assert rows(published, "select publicatie, hersteld_uit from marts.publicaties order by 1") == [(1, None), (2, None), (4, 2)]
    (aside,) = backups.set_aside(published)
    assert aside.read_bytes() == damaged  # moved aside, never deleted


def numbers(published: Path) -> list[tuple[Any, ...]]:
    return rows(published, "select publicatie, hersteld_uit, verloren from marts.publicaties order by 1")


def test_a_restore_over_a_damaged_file_never_uses_a_number_again(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The damaged file's publishes are lost with it: the restore is numbered
    after them and records them as lost, and so is every publish after it,
    even when the restored file is damaged in turn before any backup of it."""
    for _ in range(3):
        build_and_publish(published)  # publishes 1 to 3; backups 1 and 2
    with published.open("r+b") as file:  # damaged in place
        file.write(b"\0" * 8192)
    assert main(["restore", "1"]) == 0
    said = capsys.readouterr().out
    assert "Publish 4 restores the file of publish 1. Publish 3 went with a file that could not be read" in said
    assert numbers(published) == [(1, None, []), (2, None, []), (4, 1, [3])]
    assert published_file.examine(published) == published_file.Found(release.LAYOUT, 4)  # a whole history: 3 is recorded as lost
    with published.open("r+b") as file:  # the restored file damaged too, before anything replaced it
        file.write(b"\0" * 8192)
    with pytest.raises(published_file.Refused, match=r"restore the last backup, publish 2 .*indwh restore 2"):
        published_file.examine(published)  # the newest backup that can be read, not the damaged file of 3
    assert main(["restore", "2"]) == 0
    assert numbers(published) == [(1, None, []), (2, None, []), (5, 2, [3, 4])]  # 4 is not used again
    assert build_and_publish(published).number == 6  # nor by a build
    assert [number for number, *_ in numbers(published)] == [1, 2, 5, 6]


def test_a_restore_over_a_deleted_file_never_uses_its_number_again(published: Path) -> None:
    for _ in range(3):
        build_and_publish(published)
    published.unlink()
    _, recorded = restore.restore(2)
    assert (recorded.number, recorded.lost) == (4, (3,))
    published.write_bytes(b"")  # and the restored file damaged before anything replaced it
    _, recorded = restore.restore(2)
    assert (recorded.number, recorded.lost) == (5, (3, 4))


def test_a_build_killed_between_keeping_the_backup_and_the_rename_loses_no_number(published: Path) -> None:
    """The backup of the last publish kept, then killed: that backup is the
    published file itself, which no later publish replaced (no number lost)."""
    for _ in range(2):
        build_and_publish(published)
    backups.keep(published, 2)  # as the killed build left it
    recorded = build_and_publish(published)
    assert (recorded.number, recorded.lost) == (3, ())


def test_a_build_over_a_deleted_file_with_backups_is_refused(published: Path) -> None:
    """Without its file, a build would start a new history whose numbers its backups hold already."""
    for _ in range(2):
        build_and_publish(published)
    published.unlink()
    with pytest.raises(published_file.Refused, match=r"is gone, but .*\.ind\.backups holds the backups .*indwh restore 1"):
        published_file.check_backups_without_file(published)
    recorded = build_and_publish(published, new_history=True)  # asked for: the backups are moved aside
    assert (recorded.number, backups.listed(published)) == (1, [])
    assert (published.parent / ".ind.aside").is_dir() and list((published.parent / ".ind.aside").glob("*/backups/1/ind.duckdb"))


def test_a_new_history_moves_the_old_file_aside(published: Path) -> None:
    with duckdb.connect(str(published)) as con:
        con.execute("create table klanten as select 1 as id")
    before = sha256(published)
    with pytest.raises(published_file.Refused, match="another DuckDB database"):
        published_file.examine(published)
    published_file.wal_of(published).write_bytes(b"writes of someone")
    recorded = build_and_publish(published, new_history=True)
    assert (recorded.number, recorded.previous) == (1, None)
    (aside,) = backups.set_aside(published)
    assert aside.name == "ind.duckdb" and sha256(aside) == before
    assert aside.with_name("ind.duckdb.wal").read_bytes() == b"writes of someone"
    assert not published_file.wal_of(published).exists()
    assert published_file.examine(published) == published_file.Found(release.LAYOUT, 1)


def test_a_symbolic_link_publishes_into_the_folder_of_its_target(published: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "ind.duckdb"
    real.parent.mkdir()
    build_and_publish(real)
    published.symlink_to(real)
    inode = real.stat().st_ino
    build_and_publish(published)
    assert published.is_symlink() and published.resolve() == real
    assert real.stat().st_ino != inode  # replaced by the rename, which the link's readers see
    assert rows(published, "select max(publicatie) from marts.publicaties") == [(2,)]
    assert backups.newest(real) is not None and not (published.parent / ".ind.backups").exists()


def test_a_symbolic_link_to_a_file_of_another_name_is_refused(published: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "other.duckdb"
    real.parent.mkdir()
    real.write_bytes(b"")
    published.symlink_to(real)
    with pytest.raises(BuildFailed, match="a file of another name"):
        build_and_publish(published)


WRITER = """
import duckdb, sys
try:
    con = duckdb.connect(sys.argv[1])
    con.execute("create table geschreven as select 1 as x")
    con.close()
    print("wrote")
except duckdb.Error as error:
    print(error)
"""


def test_no_write_slips_in_between_the_history_copy_and_the_rename(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process opens the published file read-write inside the window
    (after the history was copied, before the rename): it is refused, and
    nothing it would have written reaches the new file or a .wal beside it."""
    build_and_publish(published)
    answers = []
    check = publish.check_every_relation_answers

    def check_and_write(target: Path) -> None:
        answers.append(subprocess.run([sys.executable, "-c", WRITER, str(published)], capture_output=True, text=True).stdout)
        check(target)

    monkeypatch.setattr(publish, "check_every_relation_answers", check_and_write)
    build_and_publish(published)
    assert len(answers) == 1 and "Could not set lock" in answers[0], answers
    assert not published.with_name("ind.duckdb.wal").exists()
    assert rows(published, "select count(*) from duckdb_tables() where table_name = 'geschreven'") == [(0,)]
    assert rows(published, "select max(publicatie) from marts.publicaties") == [(2,)]


def test_a_file_held_for_writing_when_its_history_is_copied_fails_the_publish(published: Path) -> None:
    build_and_publish(published)
    before = sha256(published)
    holder = hold_for_writing(published)
    try:
        with pytest.raises(BuildFailed, match="Could not set lock"):
            build_and_publish(published)
    finally:
        holder.communicate(timeout=60)
    assert sha256(published) == before


def test_a_file_written_into_while_the_build_ran_is_not_published_over(published: Path) -> None:
    """Someone opens the published file for writing while dbt runs, writes and
    closes: the build stops rather than carry over writes it did not examine."""
    build_and_publish(published)
    examined = published_file.examine(published).stamp
    with duckdb.connect(str(published)) as con:
        con.execute("update marts.fact_proef set waarde = 1053600 where observatie_id = 'a'")
    written = sha256(published)
    with pytest.raises(published_file.Refused, match="changed while the build ran"):
        build_and_publish(published, examined=examined)
    assert sha256(published) == written

"""A copied and a moved project each build in place: `make build` in the
copy publishes the copy's change into the copy's warehouse and leaves the
first folder's warehouse byte for byte as it was; after a move, the same in
the new place. The copies carry a small .venv (tests/python/project.py), made
for the first folder, and dbt's parse cache, as `cp -a` and `mv` carry the
real ones.

The copy's change is a figure of a printed table and a figure of the running
text, so that its build also shows the change log: the closing message and
marts.wijzigingen name what each figure is about and its measure, as
marts.cijfers_gedrukt labels it; every change of the history carried over
has them too (the project's published file, which the copy starts from, may
be of an earlier layout)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.paths import warehouse_path
from indwh_tools import sandbox
from indwh_tools.bench.steps import DEV_LOOP_COLUMN, DEV_LOOP_ROW, DEV_LOOP_SEED, DEV_LOOP_STEP, edit_seed_value
from tests.python.conftest import one
from tests.python.project import make, sha256, small_venv

pytestmark = pytest.mark.builds

PUBLISHED = Path("warehouse") / "ind.duckdb"
# The copy's figure of a printed table is the benchmark's: 8.200 applications
# for an mvv to study (report line 184), one rounding step up. A figure of the
# running text: "bijna 2.200" calls a day at the front desk (report line 820).
TABLE_LINE = 184
TEXT_SEED = Path("seeds/rapport/tekstcijfers.csv")
TEXT_LINE = 820
TEXT_ROW = f",{TEXT_LINE},Dienstverlening,Bereikbaarheid telefonische dienstverlening,2011,bijna,2.200,"
TEXT_CHANGED = TEXT_ROW.replace(",2.200,", ",2.300,")


def last_changes(published: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """The last publish number and what it changed: (soort, old, new) per figure."""
    with duckdb.connect(str(published), read_only=True) as con:
        number = one(con.execute("select max(publicatie) from marts.publicaties"))[0]
        changes = con.execute(
            "select soort, bron_waarde_oud, bron_waarde_nieuw from marts.wijzigingen where publicatie = ? order by all",
            [number],
        ).fetchall()
    return number, changes


@dataclass(frozen=True)
class ChangeLog:
    """The change log of the copy's build."""

    output: str  # what `make build` printed
    changes: list[tuple[Any, ...]]  # of the last publish: bron_regel, bron_waarde_oud, _nieuw and the four labels
    labels: dict[int, tuple[Any, ...]]  # cijfers_gedrukt's labels of the figures on those lines
    unlabelled: int  # changes of any publish without labels


def change_log(published: Path, output: str) -> ChangeLog:
    last = "(select max(publicatie) from marts.publicaties)"
    with duckdb.connect(str(published), read_only=True) as con:
        changes = con.execute(
            "select bron_regel, bron_waarde_oud, bron_waarde_nieuw, onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en"
            f" from marts.wijzigingen where publicatie = {last} order by bron_regel"
        ).fetchall()
        labels = {
            line: (nl, en, measure_nl, measure_en)
            for line, nl, en, measure_nl, measure_en in con.execute(
                "select bron_regel, onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en from marts.cijfers_gedrukt"
                f" where observatie_id in (select observatie_id from marts.wijzigingen where publicatie = {last})"
            ).fetchall()
        }
        unlabelled = one(
            con.execute(
                "select count(*) from marts.wijzigingen where onderwerp_nl is null or onderwerp_en is null"
                " or maatstaf_nl is null or maatstaf_en is null"
            )
        )[0]
    return ChangeLog(output, changes, labels, unlabelled)


@dataclass(frozen=True)
class Folders:
    number: int  # the last publish of the first folder's warehouse
    unchanged: str  # its hash
    copy: Path
    copy_output: str
    copy_changes: tuple[int, list[tuple[str, str, str]]]
    table: tuple[str, str]  # the table figure, old and new
    change_log: ChangeLog
    first_after_copy: str
    moved: Path
    moved_output: str
    moved_changes: tuple[int, list[tuple[str, str, str]]]
    newer: str  # the table figure after the move
    first_after_move: str


def built(folder: Path) -> str:
    done = make(folder, "build")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    return output


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Folders:
    tmp_path = tmp_path_factory.mktemp("project_folder")
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
    text = (copy / TEXT_SEED).read_text(encoding="utf-8")
    assert text.count(TEXT_ROW) == 1, f"{TEXT_ROW!r} is not in {TEXT_SEED} once"
    (copy / TEXT_SEED).write_text(text.replace(TEXT_ROW, TEXT_CHANGED), encoding="utf-8")
    copy_output = built(copy)
    copy_changes = last_changes(copy / PUBLISHED)
    log = change_log(copy / PUBLISHED, copy_output)
    first_after_copy = sha256(first / PUBLISHED)

    moved = tmp_path / "moved"
    shutil.move(copy, moved)
    newer = edit_seed_value(moved / DEV_LOOP_SEED, DEV_LOOP_ROW, DEV_LOOP_COLUMN, DEV_LOOP_STEP)
    moved_output = built(moved)
    return Folders(
        number,
        unchanged,
        copy,
        copy_output,
        copy_changes,
        (old, new),
        log,
        first_after_copy,
        moved,
        moved_output,
        last_changes(moved / PUBLISHED),
        newer,
        sha256(first / PUBLISHED),
    )


def test_a_copied_and_then_moved_project_builds_and_publishes_itself(folders: Folders) -> None:
    old, new = folders.table
    assert f"repaired for {folders.copy}" in folders.copy_output and "This dbt command wrote" not in folders.copy_output
    assert folders.copy_changes == (folders.number + 1, sorted([("gewijzigd", old, new), ("gewijzigd", "2.200", "2.300")]))
    assert folders.first_after_copy == folders.unchanged

    assert f"repaired for {folders.moved}" in folders.moved_output
    assert folders.moved_changes == (folders.number + 2, [("gewijzigd", new, folders.newer)])
    assert folders.first_after_move == folders.unchanged and not folders.copy.exists()


def test_a_build_names_what_each_changed_figure_is_about(folders: Folders) -> None:
    log = folders.change_log
    assert [(line, old, new) for line, old, new, *_ in log.changes] == [
        (TABLE_LINE, "8.200", "8.250"),
        (TEXT_LINE, "2.200", "2.300"),
    ]
    table, text = log.labels[TABLE_LINE], log.labels[TEXT_LINE]
    assert [row[3:] for row in log.changes] == [table, text]
    assert all(table) and all(text)
    _, table_en, _, table_measure = table
    _, text_en, _, text_measure = text
    assert f"fact_aanvragen: {table_en}, {table_measure} (Studenten, row Aantal aanvragen mvv, column 2011," in log.output
    assert f"fact_dienstverlening: {text_en}, {text_measure} (report line {TEXT_LINE}): 2.200 -> 2.300" in log.output


def test_every_change_of_the_history_carried_over_is_labelled(folders: Folders) -> None:
    """The copy's history (of the project's published file, whatever its layout) names figures that still exist."""
    assert folders.change_log.unlabelled == 0

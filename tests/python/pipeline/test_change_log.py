"""The change log of a real build: one build of a copy of the project with a
figure of a printed table and a figure of the running text changed in their
seeds. The closing message and marts.wijzigingen name what each figure is
about and its measure, as marts.cijfers_gedrukt labels it; every change of
the history carried over has them too (the project's published file, which
the copy starts from, may be of an earlier layout)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import Any

import duckdb
import pytest

from tests.python.project import copy_project

pytestmark = pytest.mark.builds

# A figure of a printed table: 8.200 applications for an mvv to study (report line 184), one rounding step up.
TABLE_SEED = "studenten"
TABLE_ROW = "Aantal aanvragen mvv,8.200,"
TABLE_CHANGED = "Aantal aanvragen mvv,8.250,"
# A figure of the running text: "bijna 2.200" calls a day at the front desk (report line 820).
TEXT_SEED = "tekstcijfers"
TEXT_ROW = ",820,Dienstverlening,Bereikbaarheid telefonische dienstverlening,2011,bijna,2.200,"
TEXT_CHANGED = TEXT_ROW.replace(",2.200,", ",2.300,")


@dataclass(frozen=True)
class Built:
    result: subprocess.CompletedProcess[str]
    changes: list[tuple[Any, ...]]  # of the last publish: bron_regel, bron_waarde_oud, _nieuw and the four labels
    labels: dict[int, tuple[Any, ...]]  # cijfers_gedrukt's labels of the figures on those lines
    unlabelled: int  # changes of any publish without labels


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_project(tmp_path_factory.mktemp("change_log") / "project")
    for name, row, changed in ((TABLE_SEED, TABLE_ROW, TABLE_CHANGED), (TEXT_SEED, TEXT_ROW, TEXT_CHANGED)):
        seed = project.seed(name)
        text = seed.read_text(encoding="utf-8")
        assert text.count(row) == 1, f"{row!r} is not in {seed} once"
        seed.write_text(text.replace(row, changed), encoding="utf-8")
    result = project.run("build", timeout=900)
    with duckdb.connect(str(project.published), read_only=True) as con:
        changes = con.execute(
            "select bron_regel, bron_waarde_oud, bron_waarde_nieuw, onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en"
            " from marts.wijzigingen where publicatie = (select max(publicatie) from marts.publicaties) order by bron_regel"
        ).fetchall()
        labels = {
            line: (nl, en, measure_nl, measure_en)
            for line, nl, en, measure_nl, measure_en in con.execute(
                "select bron_regel, onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en from marts.cijfers_gedrukt"
                " where observatie_id in (select observatie_id from marts.wijzigingen"
                " where publicatie = (select max(publicatie) from marts.publicaties))"
            ).fetchall()
        }
        unlabelled = con.execute(
            "select count(*) from marts.wijzigingen where onderwerp_nl is null or onderwerp_en is null"
            " or maatstaf_nl is null or maatstaf_en is null"
        ).fetchone()
    assert unlabelled is not None
    return Built(result, changes, labels, unlabelled[0])


def test_a_build_names_what_each_changed_figure_is_about(built: Built) -> None:
    output = built.result.stdout + built.result.stderr
    assert built.result.returncode == 0, output[-3000:]
    assert [(line, old, new) for line, old, new, *_ in built.changes] == [
        (184, "8.200", "8.250"),
        (820, "2.200", "2.300"),
    ]
    table, text = built.labels[184], built.labels[820]
    assert [row[3:] for row in built.changes] == [table, text]
    assert all(table) and all(text)
    _, table_en, _, table_measure = table
    _, text_en, _, text_measure = text
    assert f"fact_aanvragen: {table_en}, {table_measure} (Studenten, row Aantal aanvragen mvv, column 2011," in output
    assert f"fact_dienstverlening: {text_en}, {text_measure} (report line 820): 2.200 -> 2.300" in output


def test_every_change_of_the_history_carried_over_is_labelled(built: Built) -> None:
    """The copy's history (of the project's published file, whatever its layout) names figures that still exist."""
    assert built.result.returncode == 0
    assert built.unlabelled == 0

"""The history a published file carries: marts.publicaties and marts.wijzigingen,
on small warehouse files made here (no dbt), and in the published warehouse."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.errors import BuildFailed
from indwh.paths import warehouse_path
from indwh.pipeline import published_file, release
from tests.python.conftest import figures_by_report
from tests.python.pipeline.history_files import (
    FIGURES,
    LAYOUT_1,
    hold_for_writing,
    labels,
    make_build,
    make_layout_1,
    make_layout_2,
    make_project,
    publish,
)


def rows(published: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(published), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with two seed files, under git, committed."""
    return make_project(tmp_path / "project")


def test_the_first_publish_starts_the_history_with_every_figure_new(tmp_path: Path, project: Path) -> None:
    recorded = publish(tmp_path, FIGURES, project)
    published = tmp_path / "warehouse" / "ind.duckdb"
    assert (recorded.number, recorded.previous, recorded.counts) == (1, None, {"nieuw": 3, "vervallen": 0, "gewijzigd": 0})
    assert rows(published, "select publicatie, observatie_id, soort from marts.wijzigingen order by all") == [
        (1, "a", "nieuw"),
        (1, "b", "nieuw"),
        (1, "c", "nieuw"),
    ]
    assert recorded.summary() == "Publish 1: a new history, 3 figures, all new (marts.wijzigingen)."


def test_a_publish_lists_exactly_what_changed_and_carries_the_history_over(tmp_path: Path, project: Path) -> None:
    publish(tmp_path, FIGURES, project)
    changed: dict[str, tuple[object, ...]] = dict(FIGURES)
    changed["a"] = (2011, 2011, 49750, "49.750", *FIGURES["a"][4:])  # one rounding step up
    del changed["c"]
    changed["d"] = (2011, 2011, 7.3, "7,3", "Klanttevredenheid", "Rapportcijfer", "2011", 900)
    recorded = publish(tmp_path, changed, project)
    published = tmp_path / "warehouse" / "ind.duckdb"
    assert (recorded.number, recorded.previous) == (2, 1)
    assert recorded.counts == {"nieuw": 1, "vervallen": 1, "gewijzigd": 1}
    assert rows(
        published,
        "select observatie_id, soort, waarde_oud, waarde_nieuw, bron_waarde_oud, bron_waarde_nieuw, bron_regel"
        " from marts.wijzigingen where publicatie = 2 order by observatie_id",
    ) == [
        ("a", "gewijzigd", 49700, 49750, "49.700", "49.750", 110),
        ("c", "vervallen", 99, None, "99%", None, 188),
        ("d", "nieuw", None, Decimal("7.30"), None, "7,3", 900),
    ]
    assert rows(published, "select publicatie, nieuw, vervallen, gewijzigd from marts.publicaties order by 1") == [
        (1, 3, 0, 0),
        (2, 1, 1, 1),
    ]
    assert rows(published, "select count(*) from marts.wijzigingen where publicatie = 1") == [(3,)]
    summary = recorded.summary()
    assert summary.startswith("3 figures changed since publish 1:\n")
    assert (
        "fact_proef: Provisional residence permit (mvv), Applications (Totaaloverzicht Regulier, row Totaal aanvragen mvv,"
        " column 2011, report line 110): 49.700 -> 49.750"
    ) in summary
    assert (
        "fact_proef: Study, Grant rate (Studenten, row Inwilligingen mvv, column 2011, report line 188): removed 99%" in summary
    )
    assert (
        "fact_proef: subject d, measure d (Klanttevredenheid, row Rapportcijfer, column 2011, report line 900): new 7,3"
        in summary
    )
    # Each change is stored with its labels: the new build's, or, for a figure it removed, the replaced file's.
    assert rows(
        published,
        "select observatie_id, onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en from marts.wijzigingen"
        " where publicatie = 2 order by observatie_id",
    ) == [(key, *labels(key)) for key in "acd"]


def test_a_changed_text_figure_is_named_by_what_it_is_about_and_its_measure(tmp_path: Path, project: Path) -> None:
    """A figure of the running text has no table, row or column: its labels say what it is."""
    text = (2011, 2011, 2200, "bijna 2.200", None, None, None, 820)
    publish(tmp_path, {**FIGURES, "t": text}, project)
    recorded = publish(tmp_path, {**FIGURES, "t": (*text[:2], 2300, "bijna 2.300", *text[4:])}, project)
    assert recorded.summary() == (
        "1 figure changed since publish 1:\n  fact_proef: subject t, measure t (report line 820): bijna 2.200 -> bijna 2.300"
    )
    assert rows(
        tmp_path / "warehouse" / "ind.duckdb",
        "select onderwerp_en, maatstaf_en from marts.wijzigingen where publicatie = 2",
    ) == [("subject t", "measure t")]


def test_an_unchanged_build_is_a_publish_without_changes(tmp_path: Path, project: Path) -> None:
    publish(tmp_path, FIGURES, project)
    recorded = publish(tmp_path, FIGURES, project)
    assert (recorded.number, recorded.changed) == (2, 0)
    assert recorded.summary() == "Publish 2: no figure changed since publish 1."


def test_many_changes_are_counted_not_named(tmp_path: Path, project: Path) -> None:
    many = {f"k{i}": (2011, 2011, i, str(i), "T", "r", "2011", i) for i in range(release.NAMED_AT_MOST + 1)}
    publish(tmp_path, {}, project)
    recorded = publish(tmp_path, many, project)
    assert recorded.named == ()
    assert recorded.summary() == (
        f"{release.NAMED_AT_MOST + 1} figures changed since publish 1 ({release.NAMED_AT_MOST + 1} nieuw):"
        " marts.wijzigingen (publicatie = 2) lists them."
    )


def test_deleting_the_published_file_starts_a_new_history(tmp_path: Path, project: Path) -> None:
    publish(tmp_path, FIGURES, project)
    publish(tmp_path, FIGURES, project)
    (tmp_path / "warehouse" / "ind.duckdb").unlink()
    recorded = publish(tmp_path, FIGURES, project)
    assert (recorded.number, recorded.previous) == (1, None)
    assert rows(tmp_path / "warehouse" / "ind.duckdb", "select publicatie from marts.publicaties") == [(1,)]


def test_a_published_file_held_open_for_writing_fails_the_build_with_its_reason(tmp_path: Path, project: Path) -> None:
    """A BI tool connected without read-only locks the file; the next build
    cannot carry the history over and says why, instead of a traceback."""
    publish(tmp_path, FIGURES, project)
    published = tmp_path / "warehouse" / "ind.duckdb"
    holder = hold_for_writing(published)
    try:
        with pytest.raises(BuildFailed, match=r"(?s)cannot be read.*Could not set lock.*open the warehouse read-only"):
            release.record(make_build(tmp_path / "build", FIGURES), published, project, [project / "seeds"])
    finally:
        holder.communicate(timeout=60)


def test_a_publish_records_commit_seeds_versions_and_row_counts(tmp_path: Path, project: Path) -> None:
    commit = subprocess.run(
        ["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    publish(tmp_path, FIGURES, project)
    (project / "seeds" / "codes.csv").write_text("code\ny\n", encoding="utf-8")  # a seed changed by hand, not committed
    publish(tmp_path, FIGURES, project)
    recorded = rows(
        tmp_path / "warehouse" / "ind.duckdb",
        "select publicatie, git_commit, git_gewijzigd, seeds, seeds_sha256, dbt_versie, duckdb_versie, marts"
        " from marts.publicaties order by publicatie",
    )
    (_, commit1, dirty1, seeds1, all1, dbt1, duckdb1, marts1), (_, commit2, dirty2, seeds2, all2, *_) = recorded
    assert (commit1, dirty1, commit2, dirty2) == (commit, False, commit, True)
    assert [seed["bestand"] for seed in seeds1] == ["seeds/codes.csv", "seeds/rapport/studenten.csv"]
    assert seeds1[0]["sha256"] != seeds2[0]["sha256"] and seeds1[1] == seeds2[1] and all1 != all2
    assert dbt1 and duckdb1 == duckdb.__version__
    assert marts1 == [
        {"tabel": "cijfers_gedrukt", "rijen": 3},
        {"tabel": "dim_proef", "rijen": 1},
        {"tabel": "fact_proef", "rijen": 3},
    ]


def test_outside_a_checkout_of_its_own_there_is_no_commit(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    assert release.git_state(tmp_path) == (None, None)


def test_the_published_warehouse_holds_its_history(warehouse: duckdb.DuckDBPyConnection) -> None:
    """`make build` recorded itself: the last publish covers every figure of the facts."""
    last, figures = warehouse.execute(
        "select max(publicatie), (select count(*) from marts.fact_aanvragen) + (select count(*) from marts.fact_dienstverlening)"
        " + (select count(*) from marts.fact_financien) from marts.publicaties"
    ).fetchone() or (None, None)
    assert last is not None and last >= 1, f"no publish recorded in {warehouse_path()}"
    missing = warehouse.execute(
        "select count(*) from (select observatie_id from marts.fact_aanvragen"
        " union all select observatie_id from marts.fact_dienstverlening"
        " union all select observatie_id from marts.fact_financien) f"
        " where observatie_id not in (select observatie_id from marts.wijzigingen where soort = 'nieuw')"
    ).fetchone()
    assert figures == sum(figures_by_report().values()) and missing == (0,)
    twice = warehouse.execute(
        "select count(*) from (select publicatie, observatie_id from marts.wijzigingen group by all having count(*) > 1)"
    ).fetchone()
    assert twice == (0,), "a publish lists a figure more than once in marts.wijzigingen"


def test_the_history_tables_are_created_with_the_columns_of_the_layout(tmp_path: Path, project: Path) -> None:
    """The layout the code writes (CREATE_*) is the layout it declares (LAYOUT_1 and ADDED), and the file says so."""
    publish(tmp_path, FIGURES, project)
    published = tmp_path / "warehouse" / "ind.duckdb"
    for table, columns in release.layout_columns(release.LAYOUT).items():
        created = rows(published, f"select column_name from duckdb_columns() where table_name = '{table}' order by column_index")
        assert tuple(name for (name,) in created) == columns
    assert rows(published, f"select project, indeling from {release.MARKER}") == [(release.PROJECT, release.LAYOUT)]
    assert rows(published, "select comment from duckdb_tables() where table_name = 'bestand'") == [(release.MARKER_DESCRIPTION,)]


def test_every_column_of_the_history_is_described_in_the_file(tmp_path: Path, project: Path) -> None:
    """The descriptions are written into the file as comments (the exports and dbt's catalog read them)."""
    publish(tmp_path, FIGURES, project)
    published = tmp_path / "warehouse" / "ind.duckdb"
    for table, columns in release.layout_columns(release.LAYOUT).items():
        about, described = release.DESCRIPTIONS[table]
        assert rows(published, f"select comment from duckdb_tables() where table_name = '{table}'") == [(about,)]
        comments = dict(rows(published, f"select column_name, comment from duckdb_columns() where table_name = '{table}'"))
        assert comments == {column: described[column] for column in columns} and all(comments.values())


def carried_over(tmp_path: Path, project: Path) -> list[tuple[Any, ...]]:
    """Publish the figures over the file at tmp_path/warehouse; the history of publish 1 and 2 afterwards."""
    recorded = publish(tmp_path, {**FIGURES, "d": (2011, 2011, 1, "1", "T", "r", "2011", 5)}, project)
    assert (recorded.number, recorded.previous, recorded.counts) == (3, 2, {"nieuw": 1, "vervallen": 0, "gewijzigd": 0})
    return rows(
        tmp_path / "warehouse" / "ind.duckdb",
        "select publicatie, git_commit, git_gewijzigd, seeds_sha256, marts, nieuw, hersteld_uit"
        " from marts.publicaties where publicatie < 3 order by publicatie",
    )


def labelled_changes(published: Path) -> list[tuple[Any, ...]]:
    return rows(
        published,
        "select publicatie, observatie_id, onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en from marts.wijzigingen"
        " where publicatie < 3 order by all",
    )


@pytest.mark.parametrize("make_layout", [make_layout_1, make_layout_2], ids=["layout 1", "layout 2"])
def test_the_changes_of_an_earlier_layout_get_the_labels_of_the_figures_they_name(
    tmp_path: Path, project: Path, make_layout: Any
) -> None:
    """Rows recorded before the labels were: the new build's labels of the
    figure where it still holds it, else those of the file it replaces, else
    none."""
    published = make_layout(tmp_path / "warehouse" / "ind.duckdb")
    with duckdb.connect(str(published)) as con:  # a figure removed before the file was published: in neither file
        con.execute(
            "insert into marts.wijzigingen (publicatie, observatie_id, soort, feit) values (2, 'z', 'vervallen', 'fact_proef')"
        )
    build = make_build(tmp_path / "build", {key: FIGURES[key] for key in "ab"})  # c removed
    with duckdb.connect(str(build)) as con:
        con.execute("update marts.cijfers_gedrukt set onderwerp_en = 'Provisional residence permit' where observatie_id = 'a'")
    recorded = release.record(build, published, project, [project / "seeds"])
    assert (recorded.number, recorded.counts) == (3, {"nieuw": 0, "vervallen": 1, "gewijzigd": 0})
    relabelled_a = (labels("a")[0], "Provisional residence permit", *labels("a")[2:])
    assert labelled_changes(build) == [
        (1, "a", *relabelled_a),  # the build's label
        (1, "b", *labels("b")),
        (2, "c", *labels("c")),  # the replaced file's: the build no longer holds c
        (2, "z", None, None, None, None),  # neither holds z
    ]


LAYOUT_1_CARRIED = [
    (1, "abc", False, "all1", [{"tabel": "fact_proef", "rijen": 2}], 2, None),
    (2, "def", True, "all2", [{"tabel": "fact_proef", "rijen": 3}], 1, None),
]


def test_a_history_of_layout_1_is_migrated(tmp_path: Path, project: Path) -> None:
    """Today's files (no beheer.bestand) are layout 1: carried over, hersteld_uit empty, every change kept."""
    make_layout_1(tmp_path / "warehouse" / "ind.duckdb")
    assert carried_over(tmp_path, project) == LAYOUT_1_CARRIED
    published = tmp_path / "warehouse" / "ind.duckdb"
    assert rows(published, "select publicatie, observatie_id, waarde_nieuw from marts.wijzigingen order by all") == [
        (1, "a", 49700),
        (1, "b", 55050),
        (2, "c", 99),
        (3, "d", 1),
    ]


def test_a_history_is_carried_over_by_column_name_not_position(tmp_path: Path, project: Path) -> None:
    """The same columns in another order land in their own columns (by position they would swap silently)."""
    reordered = LAYOUT_1.replace(
        "git_commit varchar,\n    git_gewijzigd boolean,", "git_gewijzigd boolean,\n    git_commit varchar,"
    )
    reordered = reordered.replace("'abc', false", "false, 'abc'").replace("'def', true", "true, 'def'")
    assert reordered != LAYOUT_1
    make_layout_1(tmp_path / "warehouse" / "ind.duckdb", reordered)
    assert carried_over(tmp_path, project) == LAYOUT_1_CARRIED


def test_a_history_of_layout_2_is_migrated(tmp_path: Path, project: Path) -> None:
    """Files of layout 2 (beheer.bestand, hersteld_uit): carried over, hersteld_uit kept, no publish lost."""
    make_layout_2(tmp_path / "warehouse" / "ind.duckdb")
    history = carried_over(tmp_path, project)
    assert [(number, restored) for number, *_, restored in history] == [(1, None), (2, 1)]
    assert rows(tmp_path / "warehouse" / "ind.duckdb", "select publicatie, verloren from marts.publicaties order by 1") == [
        (1, []),
        (2, []),
        (3, []),
    ]


def test_a_history_of_the_current_layout_is_carried_over(tmp_path: Path, project: Path) -> None:
    publish(tmp_path, {key: FIGURES[key] for key in "ab"}, project)
    publish(tmp_path, FIGURES, project)
    history = carried_over(tmp_path, project)
    assert [(number, restored) for number, *_, restored in history] == [(1, None), (2, None)]


def test_a_history_table_with_a_column_of_no_layout_is_refused(tmp_path: Path, project: Path) -> None:
    """One column more than its layout: refused, saying which column, never a traceback or a guess."""
    published = make_layout_1(tmp_path / "warehouse" / "ind.duckdb")
    with duckdb.connect(str(published)) as con:
        con.execute("alter table marts.publicaties add column extra varchar")
    with pytest.raises(published_file.Refused, match=r"inconsistent history: marts\.publicaties is not of layout 1.*extra"):
        release.record(make_build(tmp_path / "build", FIGURES), published, project, [project / "seeds"])

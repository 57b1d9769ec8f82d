"""Small warehouse files for the tests of the publish history (no dbt): a
build file with one fact table and the labels of its figures (as
marts.cijfers_gedrukt holds them), published with its history, and files of
the history's layouts 1 and 2 as earlier builds wrote them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import duckdb

from indwh.pipeline import release

FACT = """
create table marts.fact_proef (
    observatie_id varchar, rapportjaar integer, jaar integer, waarde decimal(18, 2), bron_waarde varchar,
    bron_tabel varchar, bron_rij varchar, bron_kolom varchar, bron_regel integer
)
"""
FIGURES = {
    "a": (2011, 2011, 49700, "49.700", "Totaaloverzicht Regulier", "Totaal aanvragen mvv", "2011", 110),
    "b": (2011, 2010, 55050, "55.050", "Totaaloverzicht Regulier", "Totaal aanvragen mvv", "2010", 110),
    "c": (2011, 2011, 99, "99%", "Studenten", "Inwilligingen mvv", "2011", 188),
}

# What each figure is about and its measure, as marts.cijfers_gedrukt labels
# it (onderwerp_nl, onderwerp_en, maatstaf_nl, maatstaf_en); a figure not
# named here gets labels made of its key.
LABELS = {
    "a": ("Machtiging tot voorlopig verblijf (mvv)", "Provisional residence permit (mvv)", "Aanvragen", "Applications"),
    "b": ("Machtiging tot voorlopig verblijf (mvv)", "Provisional residence permit (mvv)", "Aanvragen", "Applications"),
    "c": ("Studie", "Study", "Inwilligingspercentage", "Grant rate"),
}


def labels(key: str) -> tuple[str, str, str, str]:
    return LABELS.get(key, (f"onderwerp {key}", f"subject {key}", f"maatstaf {key}", f"measure {key}"))


# The history as layout 1 wrote it (no beheer.bestand), column for column.
LAYOUT_1 = """
create table marts.publicaties (
    publicatie integer primary key, gepubliceerd_op timestamp with time zone not null, git_commit varchar,
    git_gewijzigd boolean, seeds struct(bestand varchar, sha256 varchar)[] not null, seeds_sha256 varchar not null,
    dbt_versie varchar, dbt_duckdb_versie varchar, duckdb_versie varchar, great_expectations_versie varchar,
    marts struct(tabel varchar, rijen bigint)[] not null, nieuw integer not null, vervallen integer not null,
    gewijzigd integer not null
);
create table marts.wijzigingen (
    publicatie integer not null, observatie_id varchar not null, soort varchar not null, feit varchar not null,
    rapportjaar integer, jaar integer, waarde_oud decimal(18, 2), waarde_nieuw decimal(18, 2), bron_waarde_oud varchar,
    bron_waarde_nieuw varchar, bron_tabel varchar, bron_rij varchar, bron_kolom varchar, bron_regel integer
);
insert into marts.publicaties values
    (1, '2026-01-01 10:00:00+00', 'abc', false, [{'bestand': 'seeds/a.csv', 'sha256': 'x'}], 'all1',
     '1.10', '1.9', '1.5', '1.24', [{'tabel': 'fact_proef', 'rijen': 2}], 2, 0, 0),
    (2, '2026-01-02 10:00:00+00', 'def', true, [{'bestand': 'seeds/a.csv', 'sha256': 'y'}], 'all2',
     '1.10', '1.9', '1.5', '1.24', [{'tabel': 'fact_proef', 'rijen': 3}], 1, 0, 0);
insert into marts.wijzigingen values
    (1, 'a', 'nieuw', 'fact_proef', 2011, 2011, null, 49700, null, '49.700', 'Totaaloverzicht Regulier',
     'Totaal aanvragen mvv', '2011', 110),
    (1, 'b', 'nieuw', 'fact_proef', 2011, 2010, null, 55050, null, '55.050', 'Totaaloverzicht Regulier',
     'Totaal aanvragen mvv', '2010', 110),
    (2, 'c', 'nieuw', 'fact_proef', 2011, 2011, null, 99, null, '99%', 'Studenten', 'Inwilligingen mvv', '2011', 188);
"""


def make_build(folder: Path, figures: Mapping[str, tuple[object, ...]]) -> Path:
    """A build file named like the warehouse (ind.duckdb) with one fact table,
    a dimension and the labels of its figures (marts.cijfers_gedrukt)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ind.duckdb"
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(FACT)
        con.execute("create table marts.dim_proef as select 'x' as code")
        con.execute(
            "create table marts.cijfers_gedrukt (observatie_id varchar, onderwerp_nl varchar, onderwerp_en varchar,"
            " maatstaf_nl varchar, maatstaf_en varchar)"
        )
        for key, row in figures.items():
            con.execute("insert into marts.fact_proef values (?, ?, ?, ?, ?, ?, ?, ?, ?)", [key, *row])
            con.execute("insert into marts.cijfers_gedrukt values (?, ?, ?, ?, ?)", [key, *labels(key)])
    return path


def make_layout_1(path: Path, history: str = LAYOUT_1) -> Path:
    """A published file of layout 1 with two publishes, holding figures a, b and c."""
    path.parent.mkdir(parents=True, exist_ok=True)
    build = make_build(path.parent / "layout1-build", FIGURES)
    with duckdb.connect(str(build)) as con:
        con.execute(history)
    shutil.move(build, path)
    return path


def make_layout_2(path: Path) -> Path:
    """A published file of layout 2 (beheer.bestand, publicaties.hersteld_uit)
    with the two publishes of make_layout_1, the second a restore of the first."""
    make_layout_1(path)
    with duckdb.connect(str(path)) as con:
        con.execute("alter table marts.publicaties add column hersteld_uit integer")
        con.execute("update marts.publicaties set hersteld_uit = 1 where publicatie = 2")
        con.execute("create schema beheer")
        con.execute(f"create table {release.MARKER} as select '{release.PROJECT}' as project, 2 as indeling")
    return path


def publish(tmp_path: Path, figures: Mapping[str, tuple[object, ...]], project: Path) -> release.Release:
    """Record a build of `figures` against the published file in tmp_path/warehouse, then publish it."""
    published = tmp_path / "warehouse" / "ind.duckdb"
    build = make_build(tmp_path / "build", figures)
    recorded = release.record(build, published, project, [project / "seeds"])
    published.parent.mkdir(exist_ok=True)
    shutil.move(build, published)
    return recorded


def make_project(root: Path) -> Path:
    """A project folder with two seed files, under git, committed."""
    (root / "seeds" / "rapport").mkdir(parents=True)
    (root / "seeds" / "rapport" / "studenten.csv").write_text("rapportjaar,positie\n2011,1\n", encoding="utf-8")
    (root / "seeds" / "codes.csv").write_text("code\nx\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seeds"]):
        subprocess.run(["git", "-C", str(root), *command], check=True)
    return root


def hold_for_writing(path: Path) -> subprocess.Popen[str]:
    """Another process with a read-write connection to `path`, open until its stdin closes."""
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print(flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "\n"
    return holder

"""Every publish is a release: the warehouse file holds its own history.

Before a build is published, two tables are written into it:

- `marts.publicaties`: one row per publish, this one and every earlier one
  carried over from the file it replaces: the publish number, the time, the
  project's git commit (and whether the working tree had uncommitted
  changes), a hash of every seed file, the versions of the tools that built
  it, and the row count of every mart;
- `marts.wijzigingen`: per publish, every figure added, removed or changed
  against the file it replaces, by `observatie_id`, with its old and new
  value, what it is about and its measure (the labels of
  marts.cijfers_gedrukt) and where it stands in the report.

The history is carried over, never rebuilt: without a published file it
starts again at publish 1, whose changes list every figure as new. A build
that fails is never published, so it adds nothing. A publish number is never
used twice: a publish is numbered after every publish known, in the history
and in the backups folder; the numbers of publishes whose file was lost
(damaged or deleted, their history not carried over) are recorded as lost
(`verloren`) on the publish that follows them.

The tables are carried over by column name, and the file says which layout
of them it holds (`beheer.bestand`, with the project's name: how a build
recognises a warehouse of this project). A file of an earlier layout is
carried over by its migration: the columns a later layout added get the
value it gives an earlier publish (ADDED). Files without `beheer.bestand`
hold layout 1.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import duckdb

PUBLICATIES = "marts.publicaties"
WIJZIGINGEN = "marts.wijzigingen"
HISTORY = ("publicaties", "wijzigingen")
PREVIOUS = "vorige"  # the catalog name of the file being replaced, attached read-only
BUILD = "bouw"  # the catalog name of the build file, while the publish is recorded
KINDS = ("nieuw", "vervallen", "gewijzigd")  # soort of marts.wijzigingen
NAMED_AT_MOST = 10  # the build names the changed figures when there are this many or fewer
TOOLS = {  # column of marts.publicaties -> the installed distribution
    "dbt_versie": "dbt-core",
    "dbt_duckdb_versie": "dbt-duckdb",
    "duckdb_versie": "duckdb",
    "great_expectations_versie": "great-expectations",
}

# The layouts of the history. Layout 1 (files without beheer.bestand): its
# columns, as they were. Each later layout: the columns it adds to a table,
# each with the value an earlier publish gets when its history is carried
# over (the migration from every earlier layout).
LAYOUT_1: dict[str, tuple[str, ...]] = {
    "publicaties": (
        "publicatie",
        "gepubliceerd_op",
        "git_commit",
        "git_gewijzigd",
        "seeds",
        "seeds_sha256",
        "dbt_versie",
        "dbt_duckdb_versie",
        "duckdb_versie",
        "great_expectations_versie",
        "marts",
        "nieuw",
        "vervallen",
        "gewijzigd",
    ),
    "wijzigingen": (
        "publicatie",
        "observatie_id",
        "soort",
        "feit",
        "rapportjaar",
        "jaar",
        "waarde_oud",
        "waarde_nieuw",
        "bron_waarde_oud",
        "bron_waarde_nieuw",
        "bron_tabel",
        "bron_rij",
        "bron_kolom",
        "bron_regel",
    ),
}
# What a figure is about and its measure, as the marts label it: the
# columns of marts.cijfers_gedrukt that marts.wijzigingen repeats (one
# definition of the labels: the dims and cijfers_gedrukt's SQL).
LABELS_FROM = "cijfers_gedrukt"
LABELS = ("onderwerp_nl", "onderwerp_en", "maatstaf_nl", "maatstaf_en")
# The labels of every figure of the build file, and of the figures only the
# replaced file holds, by observatie_id: a temporary table while a publish is
# recorded (labelled_figures), read by compare and by the migration to layout 3.
LABELLED_TABLE = "etiketten"
LABELLED = f"temp.main.{LABELLED_TABLE}"
# A value in ADDED is SQL over a row of the earlier layout's table (`h`).
ADDED: dict[int, dict[str, dict[str, str]]] = {
    2: {"publicaties": {"hersteld_uit": "null::integer"}},  # and beheer.bestand
    3: {
        "publicaties": {"verloren": "[]::integer[]"},
        "wijzigingen": {
            label: f"(select e.{label} from {LABELLED} as e where e.observatie_id = h.observatie_id)" for label in LABELS
        },
    },
}
LAYOUT = max(ADDED)  # the layout this code writes
MARKER = "beheer.bestand"  # one row: the project and the layout of the file's history
PROJECT = "ind"  # the name of the project (dbt_project.yml), in beheer.bestand


def layout_columns(layout: int) -> dict[str, tuple[str, ...]]:
    """The columns of each history table in `layout`, in their order."""
    columns: dict[str, tuple[str, ...]] = dict(LAYOUT_1)
    for version in range(2, layout + 1):
        for table, added in ADDED[version].items():
            columns[table] = (*columns[table], *added)
    return columns


def migrated(table: str, layout: int, catalog: str) -> str:
    """The rows of marts.<table> in `catalog`, a history of `layout`, as a
    query of this code's columns of the table, by name."""
    have = set(layout_columns(layout)[table])
    added = {column: value for version in ADDED for column, value in ADDED[version].get(table, {}).items()}
    selected = [f'"{column}"' if column in have else f'{added[column]} as "{column}"' for column in layout_columns(LAYOUT)[table]]
    return f"select {', '.join(selected)} from {catalog}.marts.{table} as h"


CREATE_MARKER = f"create table {MARKER} as select '{PROJECT}' as project, {LAYOUT} as indeling"

CREATE_PUBLICATIES = f"""
create table {PUBLICATIES} (
    publicatie integer primary key,
    gepubliceerd_op timestamp with time zone not null,
    git_commit varchar,
    git_gewijzigd boolean,
    seeds struct(bestand varchar, sha256 varchar)[] not null,
    seeds_sha256 varchar not null,
    {", ".join(f"{column} varchar" for column in TOOLS)},
    marts struct(tabel varchar, rijen bigint)[] not null,
    nieuw integer not null,
    vervallen integer not null,
    gewijzigd integer not null,
    hersteld_uit integer,
    verloren integer[] not null
)
"""

CREATE_WIJZIGINGEN = f"""
create table {WIJZIGINGEN} (
    publicatie integer not null,
    observatie_id varchar not null,
    soort varchar not null,
    feit varchar not null,
    rapportjaar integer,
    jaar integer,
    waarde_oud decimal(18, 2),
    waarde_nieuw decimal(18, 2),
    bron_waarde_oud varchar,
    bron_waarde_nieuw varchar,
    bron_tabel varchar,
    bron_rij varchar,
    bron_kolom varchar,
    bron_regel integer,
    {", ".join(f"{label} varchar" for label in LABELS)}
)
"""
# marts.wijzigingen's key is (publicatie, observatie_id): a publish lists a
# figure once, since it compares figures by their unique observatie_id. It is
# not declared as a primary key: the index would cost most of what recording
# a publish costs at many report years (its history is most of the rows);
# tests/python/pipeline/test_release.py holds the table to it.

# What the two tables hold, written into the file as comments (as dbt does
# for the marts it builds), so that a reader of the file or of an export
# finds them described (docs/warehouse.md has the same, with examples).
DESCRIPTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "publicaties": (
        "One row per publish of this file, the earlier ones carried over from the file each replaced.",
        {
            "publicatie": "The publish number, from 1.",
            "gepubliceerd_op": "When the file was published.",
            "git_commit": "The project's git commit the build ran from; empty outside a git checkout of its own.",
            "git_gewijzigd": "Whether the working tree had uncommitted changes; empty with git_commit.",
            "seeds": "Every seed file by its path in the project, with the SHA-256 of its bytes.",
            "seeds_sha256": "One SHA-256 over every seed file's path and hash: equal when the seeds were byte for byte the same.",
            "dbt_versie": "Version of dbt-core.",
            "dbt_duckdb_versie": "Version of dbt-duckdb.",
            "duckdb_versie": "Version of DuckDB.",
            "great_expectations_versie": "Version of great-expectations.",
            "marts": "Every other table of schema marts with its row count.",
            "nieuw": "Figures this publish added.",
            "vervallen": "Figures this publish removed.",
            "gewijzigd": "Figures this publish changed.",
            "hersteld_uit": "The publish whose file this one restores (indwh restore); empty for a build.",
            "verloren": (
                "The publish numbers this publish follows whose records were lost: publishes of a damaged or deleted"
                " file that no backup carried on, their details gone with that file (indwh restore); empty as a rule."
            ),
        },
    ),
    "wijzigingen": (
        "Per publish, every figure it added, removed or changed against the file it replaced (the first lists all).",
        {
            "publicatie": "The publish (publicaties.publicatie).",
            "observatie_id": "The figure's key in its fact table.",
            "soort": "nieuw (added), vervallen (removed) or gewijzigd (another value or printed text).",
            "feit": "The fact table the figure is in.",
            "rapportjaar": "The report the figure comes from.",
            "jaar": "The year the figure is about.",
            "waarde_oud": "The value before this publish; empty for a new figure.",
            "waarde_nieuw": "The value after it; empty for a removed figure.",
            "bron_waarde_oud": "The figure as printed, before.",
            "bron_waarde_nieuw": "The figure as printed, after.",
            "bron_tabel": "Title of the printed table; empty for a figure of the running text.",
            "bron_rij": "Row label as printed.",
            "bron_kolom": "Column heading as printed.",
            "bron_regel": "Line of the report's text the figure stands on.",
            "onderwerp_nl": (
                "What the figure is about, in Dutch, as cijfers_gedrukt labels it; for a publish before the labels were"
                " recorded, empty when neither the build that carried its history on nor the file it replaced holds the figure."
            ),
            "onderwerp_en": "What the figure is about, in English, as cijfers_gedrukt labels it; empty as onderwerp_nl.",
            "maatstaf_nl": "The figure's measure, in Dutch, as cijfers_gedrukt labels it; empty as onderwerp_nl.",
            "maatstaf_en": "The figure's measure, in English, as cijfers_gedrukt labels it; empty as onderwerp_nl.",
        },
    ),
}


MARKER_DESCRIPTION = (
    "What this file is: a warehouse of the project (project), with its publish history in layout indeling."
    " A build replaces only a file that carries it (docs/publishing.md)."
)


def describe(con: duckdb.DuckDBPyConnection) -> None:
    """The descriptions of the two tables and of the marker, as comments in the file."""
    con.execute(f"comment on table {MARKER} is {quoted(MARKER_DESCRIPTION)}")
    for table, (about, columns) in DESCRIPTIONS.items():
        con.execute(f"comment on table marts.{table} is {quoted(about)}")
        for column, text in columns.items():
            con.execute(f"comment on column marts.{table}.{column} is {quoted(text)}")


def quoted(text: str) -> str:
    """`text` as an SQL string literal (a path: str(path))."""
    return "'" + text.replace("'", "''") + "'"


FIGURE_COLUMNS = (
    "observatie_id",
    "rapportjaar",
    "jaar",
    "waarde",
    "bron_waarde",
    "bron_tabel",
    "bron_rij",
    "bron_kolom",
    "bron_regel",
)


@dataclass(frozen=True)
class Change:
    """One figure that a publish changed."""

    soort: str
    feit: str
    bron_tabel: str | None
    bron_rij: str | None
    bron_kolom: str | None
    bron_regel: int | None
    old: str | None
    new: str | None
    onderwerp: str | None = None  # what the figure is about (onderwerp_en)
    maatstaf: str | None = None  # its measure (maatstaf_en)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.bron_tabel,
                f"row {self.bron_rij}" if self.bron_rij else "",
                f"column {self.bron_kolom}" if self.bron_kolom else "",
                f"report line {self.bron_regel}" if self.bron_regel is not None else "",
            )
            if part
        )
        values = {"nieuw": f"new {self.new}", "vervallen": f"removed {self.old}"}.get(self.soort, f"{self.old} -> {self.new}")
        about = ", ".join(part for part in (self.onderwerp, self.maatstaf) if part)
        return f"{self.feit}{': ' + about if about else ''} ({where}): {values}"


@dataclass(frozen=True)
class Release:
    """What a publish recorded: its number, the one it follows, what it
    changed, and the publish it restores (indwh restore)."""

    number: int
    previous: int | None
    counts: dict[str, int]
    named: tuple[Change, ...]
    restored: int | None = None
    lost: tuple[int, ...] = ()  # publish numbers lost with a file (verloren)

    @property
    def changed(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """One line (and the changed figures when they are few) for the end of
        a build; a restore and the publishes lost before this one said first."""
        head = ""
        if self.restored is not None:
            head = f"Publish {self.number} restores the file of publish {self.restored}. "
        if self.lost:
            numbers = ", ".join(str(number) for number in self.lost)
            them = "it" if len(self.lost) == 1 else "them"
            head += (
                f"Publish {numbers} went with a file that could not be read, and no backup carried {them} on:"
                " recorded as lost (marts.publicaties.verloren), never numbered again. "
            )
        if not head:
            return self.changes()
        rest = self.changes().removeprefix(f"Publish {self.number}: ")
        return f"{head}{rest[0].upper()}{rest[1:]}"

    def changes(self) -> str:
        if self.previous is None:
            return f"Publish {self.number}: a new history, {self.counts['nieuw']} figures, all new (marts.wijzigingen)."
        if not self.changed:
            return f"Publish {self.number}: no figure changed since publish {self.previous}."
        figures = "figure" if self.changed == 1 else "figures"
        head = f"{self.changed} {figures} changed since publish {self.previous}"
        if self.named:
            return f"{head}:" + "".join(f"\n  {change}" for change in self.named)
        kinds = ", ".join(f"{count} {soort}" for soort, count in self.counts.items() if count)
        return f"{head} ({kinds}): marts.wijzigingen (publicatie = {self.number}) lists them."


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_hashes(root: Path, folders: list[Path]) -> list[dict[str, str]]:
    """Every seed file (CSV) in `folders` with the SHA-256 of its bytes, by path from `root`."""
    files = sorted(path for folder in folders for path in folder.rglob("*.csv"))
    return [{"bestand": str(path.relative_to(root)), "sha256": sha256(path)} for path in files]


def git_state(root: Path) -> tuple[str | None, bool | None]:
    """The commit checked out in `root` and whether its working tree has
    uncommitted changes; (None, None) outside a git checkout."""

    def git(*arguments: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    if (git("rev-parse", "--show-toplevel") or "").strip() != str(root.resolve()):
        return None, None  # not a checkout of its own (a copy inside another repository, or none)
    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain")
    return (commit.strip() if commit else None), (bool(status.strip()) if status is not None else None)


def versions() -> dict[str, str | None]:
    """The installed versions of the tools that build the warehouse."""
    found: dict[str, str | None] = {}
    for column, distribution in TOOLS.items():
        try:
            found[column] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            found[column] = None
    return found


def scalar(con: duckdb.DuckDBPyConnection, sql: str, parameters: list[object] | None = None) -> object:
    """The first value of the first row of a query (None without rows)."""
    row = con.execute(sql, parameters or []).fetchone()
    return row[0] if row else None


def tables(con: duckdb.DuckDBPyConnection, catalog: str, like: str = "%") -> list[str]:
    """The tables of schema marts in `catalog` whose name is like `like`, by name."""
    rows = con.execute(
        "select table_name from duckdb_tables()"
        " where database_name = ? and schema_name = 'marts' and table_name like ? escape '!' order by table_name",
        [catalog, like],
    ).fetchall()
    return [name for (name,) in rows]


def figures(con: duckdb.DuckDBPyConnection, catalog: str) -> str:
    """A query of every figure of the fact tables (marts.fact_*) in `catalog`, with the fact it belongs to."""
    columns = ", ".join(FIGURE_COLUMNS)
    facts = tables(con, catalog, "fact!_%")
    return " union all ".join(f"select '{table}' as feit, {columns} from {catalog}.marts.{table}" for table in facts)


def labelled_figures(con: duckdb.DuckDBPyConnection, carried: bool) -> None:
    """Create LABELLED: the labels (LABELS) of every figure of the build
    file's marts.cijfers_gedrukt, and, with `carried`, of the figures only
    the replaced file's holds (PREVIOUS). A file whose cijfers_gedrukt lacks
    the label columns (or the table) adds none."""
    sources = []
    for catalog in (BUILD, PREVIOUS) if carried else (BUILD,):
        have = {
            column
            for (column,) in con.execute(
                "select column_name from duckdb_columns() where database_name = ? and schema_name = 'marts' and table_name = ?",
                [catalog, LABELS_FROM],
            ).fetchall()
        }
        if {"observatie_id", *LABELS} <= have:
            sources.append(f"{catalog}.marts.{LABELS_FROM}")
    columns = ", ".join(LABELS)
    parts = [f"select observatie_id, {columns} from {source}" for source in sources]
    if len(parts) == 2:  # the build's label of a figure both files hold
        parts[1] += f" where observatie_id not in (select observatie_id from {sources[0]})"
    empty = f"select null::varchar as observatie_id, {', '.join(f'null::varchar as {label}' for label in LABELS)} where false"
    con.execute(f"create or replace temp table {LABELLED_TABLE} as {' union all '.join(parts) or empty}")


def history_row(con: duckdb.DuckDBPyConnection, catalog: str, number: int) -> list[object]:
    """What marts.publicaties of `catalog` says of publish `number`, in the
    columns of layout 1 from git_commit to great_expectations_versie."""
    columns = layout_columns(1)["publicaties"][2:10]
    row = con.execute(
        f"select {', '.join(columns)} from {catalog}.{PUBLICATIES} where publicatie = ?",
        [number],
    ).fetchone()
    if row is None:
        raise ValueError(f"publish {number} is not in its own history")
    return list(row)


@contextmanager
def recording(
    build_file: Path,
    previous: Path | None,
    root: Path,
    seed_folders: list[Path],
    restored: int | None = None,
    examined: tuple[int, int, int] | None = None,
    known: int | None = None,
) -> Iterator[Release]:
    """Write this publish into `build_file`: the history of `previous` (the
    published file; None for a new history) carried over by column name,
    this publish added, and its changes against the figures of `previous`.
    Yields what was recorded, with the build file written and closed.

    `previous` stays open read-only in this process until the block ends,
    by the connection that read its history: no other process can open it
    for writing in between (DuckDB's lock), so nothing is written into it
    after its history was copied. Nothing else in this process may open and
    close `previous` meanwhile (that would drop the lock).

    With `restored`, the build file is a copy of the file of that publish
    (indwh restore): the new publish records what built that file. With
    `examined` (the stamp of `previous` before the build started), refused
    when `previous` changed since. `known`: the highest publish number known
    outside the history (backups.highest_known); the publish is numbered after
    it and after every number of the history, and the numbers between the
    history's last and this one are recorded as lost (verloren)."""
    from indwh.pipeline import published_file

    commit, dirty = git_state(root)
    seeds = seed_hashes(root, seed_folders)
    seeds_sha256 = hashlib.sha256("".join(f"{seed['bestand']}\0{seed['sha256']}\n" for seed in seeds).encode()).hexdigest()
    built: list[object] = [commit, dirty, seeds, seeds_sha256, *versions().values()]
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach {quoted(str(build_file))} as {BUILD}")
        con.execute(f"use {BUILD}")
        if restored is not None:
            built = history_row(con, BUILD, restored)
        last = None
        if previous is not None:
            published_file.attach(con, previous, PREVIOUS)
            if examined is not None:
                published_file.check_unchanged(previous, examined)
            layout, last = published_file.inspect(con, PREVIOUS, previous)
        con.execute(f"drop schema if exists {MARKER.split('.')[0]} cascade")
        for name in HISTORY:
            con.execute(f"drop table if exists marts.{name}")  # a copy of the published file (make dev) brings them along
        con.execute(f"create schema {MARKER.split('.')[0]}")
        con.execute(CREATE_MARKER)
        con.execute(CREATE_PUBLICATIES)
        con.execute(CREATE_WIJZIGINGEN)
        describe(con)
        labelled_figures(con, carried=last is not None)
        if last is not None:
            for name in HISTORY:
                order = " order by publicatie, observatie_id" if name == "wijzigingen" else ""
                columns = ", ".join(f'"{column}"' for column in layout_columns(LAYOUT)[name])
                con.execute(f"insert into marts.{name} ({columns}) {migrated(name, layout, PREVIOUS)}{order}")
        # After every number known: the history's (its last publish is its
        # highest number, lost ones included) and the backups folder's.
        number = max(last, known or 0) + 1 if last is not None else 1
        lost = tuple(range(last + 1, number)) if last is not None else ()
        counts, named = compare(con, number, last)
        marts = [
            {"tabel": table, "rijen": scalar(con, f'select count(*) from marts."{table}"')}
            for table in tables(con, BUILD)
            if table not in HISTORY
        ]
        con.execute(
            f"insert into {PUBLICATIES} values ({', '.join('?' for _ in range(12 + len(TOOLS)))})",
            [number, datetime.now(UTC), *built, marts, *counts.values(), restored, list(lost)],
        )
        con.execute("use memory")
        con.execute(f"detach {BUILD}")  # writes the build file out (a checkpoint) and closes it
        yield Release(number, last, counts, named, restored, lost)
    finally:
        con.close()


def record(build_file: Path, published: Path, root: Path, seed_folders: list[Path]) -> Release:
    """Write this publish into `build_file` (recording), carrying the history
    of `published` over when it exists. Returns what was recorded."""
    with recording(build_file, published if published.exists() else None, root, seed_folders) as recorded:
        return recorded


def compare(con: duckdb.DuckDBPyConnection, number: int, last: int | None) -> tuple[dict[str, int], tuple[Change, ...]]:
    """Write into marts.wijzigingen, as publish `number`, every figure of the
    build file (the current catalog) added, removed or changed against
    PREVIOUS (all new when there is no history to carry over, `last` None),
    with its labels (LABELLED: the build's, or the replaced file's for a
    figure removed); how many of each kind, and the changes when they are few enough to name."""
    # Without a history to carry over, the history starts anew: every figure is new.
    old = figures(con, PREVIOUS) if last is not None else "select * from nieuw where false"
    con.execute(
        f"""
        insert into {WIJZIGINGEN}
        with
        nieuw as ({figures(con, BUILD)}),
        oud as ({old}),
        vergeleken as (
            select
                coalesce(nieuw.observatie_id, oud.observatie_id) as observatie_id,
                case
                    when oud.observatie_id is null then 'nieuw'
                    when nieuw.observatie_id is null then 'vervallen'
                    else 'gewijzigd'
                end as soort,
                coalesce(nieuw.feit, oud.feit) as feit,
                coalesce(nieuw.rapportjaar, oud.rapportjaar) as rapportjaar,
                coalesce(nieuw.jaar, oud.jaar) as jaar,
                oud.waarde as waarde_oud,
                nieuw.waarde as waarde_nieuw,
                oud.bron_waarde as bron_waarde_oud,
                nieuw.bron_waarde as bron_waarde_nieuw,
                coalesce(nieuw.bron_tabel, oud.bron_tabel) as bron_tabel,
                coalesce(nieuw.bron_rij, oud.bron_rij) as bron_rij,
                coalesce(nieuw.bron_kolom, oud.bron_kolom) as bron_kolom,
                coalesce(nieuw.bron_regel, oud.bron_regel) as bron_regel
            from nieuw
            full outer join oud on nieuw.observatie_id = oud.observatie_id
            where
                oud.observatie_id is null
                or nieuw.observatie_id is null
                or nieuw.waarde is distinct from oud.waarde
                or nieuw.bron_waarde is distinct from oud.bron_waarde
        )
        select
            {number}, vergeleken.observatie_id, soort, feit, rapportjaar, jaar, waarde_oud, waarde_nieuw,
            bron_waarde_oud, bron_waarde_nieuw, bron_tabel, bron_rij, bron_kolom, bron_regel,
            {", ".join(f"etiketten.{label}" for label in LABELS)}
        from vergeleken
        left join {LABELLED} as etiketten on vergeleken.observatie_id = etiketten.observatie_id
        order by vergeleken.observatie_id
        """
    )
    counted = dict(
        con.execute(f"select soort, count(*) from {WIJZIGINGEN} where publicatie = ? group by soort", [number]).fetchall()
    )
    counts = {soort: int(counted.get(soort, 0)) for soort in KINDS}
    named: tuple[Change, ...] = ()
    if last is not None and 0 < sum(counts.values()) <= NAMED_AT_MOST:
        rows = con.execute(
            f"""
            select
                soort, feit, bron_tabel, bron_rij, bron_kolom, bron_regel, bron_waarde_oud, bron_waarde_nieuw,
                onderwerp_en, maatstaf_en
            from {WIJZIGINGEN} where publicatie = ?
            order by feit, rapportjaar, bron_tabel, bron_regel, observatie_id
            """,
            [number],
        ).fetchall()
        named = tuple(Change(*row) for row in rows)
    return counts, named

"""Every publish is a release: the warehouse file holds its own history.

Before a build is published, two tables are written into it:

- `marts.publicaties`: one row per publish, this one and every earlier one
  carried over from the file it replaces: the publish number, the time, the
  project's git commit (and whether the working tree had uncommitted
  changes), a hash of every seed file, the versions of the tools that built
  it, and the row count of every mart;
- `marts.wijzigingen`: per publish, every figure added, removed or changed
  against the file it replaces, by `observatie_id`, with its old and new
  value and where it stands in the report.

The history is carried over, never rebuilt: without a published file it
starts again at publish 1, whose changes list every figure as new. A build
that fails is never published, so it adds nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import duckdb

from indwh.errors import BuildFailed

PUBLICATIES = "marts.publicaties"
WIJZIGINGEN = "marts.wijzigingen"
HISTORY = ("publicaties", "wijzigingen")
PREVIOUS = "vorige"  # the catalog name of the file being replaced, attached read-only
KINDS = ("nieuw", "vervallen", "gewijzigd")  # soort of marts.wijzigingen
NAMED_AT_MOST = 10  # the build names the changed figures when there are this many or fewer
TOOLS = {  # column of marts.publicaties -> the installed distribution
    "dbt_versie": "dbt-core",
    "dbt_duckdb_versie": "dbt-duckdb",
    "duckdb_versie": "duckdb",
    "great_expectations_versie": "great-expectations",
}

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
    gewijzigd integer not null
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
    bron_regel integer
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
        },
    ),
}


def describe(con: duckdb.DuckDBPyConnection) -> None:
    """The two tables' descriptions as comments in the file."""
    for table, (about, columns) in DESCRIPTIONS.items():
        con.execute(f"comment on table marts.{table} is {quoted(about)}")
        for column, text in columns.items():
            con.execute(f"comment on column marts.{table}.{column} is {quoted(text)}")


def quoted(text: str) -> str:
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
        return f"{self.feit} ({where}): {values}"


@dataclass(frozen=True)
class Release:
    """What a publish recorded: its number, the one it follows, and what it changed."""

    number: int
    previous: int | None
    counts: dict[str, int]
    named: tuple[Change, ...]

    @property
    def changed(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """One line (and the changed figures when they are few) for the end of a build."""
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


def attach_published(con: duckdb.DuckDBPyConnection, published: Path) -> None:
    """Attach the file being replaced, read-only, as PREVIOUS; a failure
    naming the file when it cannot be read, as when another program holds it
    open for writing."""
    try:
        con.execute(f"attach '{published}' as {PREVIOUS} (read_only)")
    except duckdb.IOException as error:
        raise BuildFailed(
            f"the published file cannot be read to carry its history over: {error}\n"
            "A program that opened it without read-only (a BI tool, a DuckDB shell, a dbt command) locks it: "
            "close that connection, open the warehouse read-only (docs/bi-tools.md), and build again"
        ) from None


def record(build_file: Path, published: Path, root: Path, seed_folders: list[Path]) -> Release:
    """Write this publish into `build_file`: the history of `published` (if
    it holds one) carried over, this publish added, and its changes against
    the figures of `published`. Returns what was recorded."""
    commit, dirty = git_state(root)
    seeds = seed_hashes(root, seed_folders)
    seeds_sha256 = hashlib.sha256("".join(f"{seed['bestand']}\0{seed['sha256']}\n" for seed in seeds).encode()).hexdigest()
    with duckdb.connect(str(build_file)) as con:
        catalog = str(scalar(con, "select current_database()"))
        for name in HISTORY:
            con.execute(f"drop table if exists marts.{name}")  # a copy of the published file (make dev) brings them along
        con.execute(CREATE_PUBLICATIES)
        con.execute(CREATE_WIJZIGINGEN)
        describe(con)
        previous = None
        if published.exists():
            attach_published(con, published)
            if set(HISTORY) <= set(tables(con, PREVIOUS)):
                con.execute(f"insert into {PUBLICATIES} select * from {PREVIOUS}.{PUBLICATIES}")
                con.execute(
                    f"insert into {WIJZIGINGEN} select * from {PREVIOUS}.{WIJZIGINGEN} order by publicatie, observatie_id"
                )
                previous = int(str(scalar(con, f"select max(publicatie) from {PUBLICATIES}")))
        number = (previous or 0) + 1
        # Without a history to carry over, the history starts anew: every figure is new.
        old = figures(con, PREVIOUS) if previous is not None else "select * from nieuw where false"
        con.execute(
            f"""
            insert into {WIJZIGINGEN}
            with
            nieuw as ({figures(con, catalog)}),
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
                {number}, observatie_id, soort, feit, rapportjaar, jaar, waarde_oud, waarde_nieuw,
                bron_waarde_oud, bron_waarde_nieuw, bron_tabel, bron_rij, bron_kolom, bron_regel
            from vergeleken
            order by observatie_id
            """
        )
        counted = dict(
            con.execute(f"select soort, count(*) from {WIJZIGINGEN} where publicatie = ? group by soort", [number]).fetchall()
        )
        counts = {soort: int(counted.get(soort, 0)) for soort in KINDS}
        marts = [
            {"tabel": table, "rijen": scalar(con, f'select count(*) from marts."{table}"')}
            for table in tables(con, catalog)
            if table not in HISTORY
        ]
        con.execute(
            f"insert into {PUBLICATIES} values ({', '.join('?' for _ in range(10 + len(TOOLS)))})",
            [number, datetime.now(UTC), commit, dirty, seeds, seeds_sha256, *versions().values(), marts, *counts.values()],
        )
        named: tuple[Change, ...] = ()
        if previous is not None and 0 < sum(counts.values()) <= NAMED_AT_MOST:
            rows = con.execute(
                f"""
                select soort, feit, bron_tabel, bron_rij, bron_kolom, bron_regel, bron_waarde_oud, bron_waarde_nieuw
                from {WIJZIGINGEN} where publicatie = ?
                order by feit, rapportjaar, bron_tabel, bron_regel, observatie_id
                """,
                [number],
            ).fetchall()
            named = tuple(Change(*row) for row in rows)
        if published.exists():
            con.execute(f"detach {PREVIOUS}")
    return Release(number, previous, counts, named)

"""What lies at the published warehouse's path, found before a build
starts (no dbt process started, nothing written) and again when its
history is carried over: nothing (a new history), a warehouse of this
project (its history of a layout this code knows, whole), or anything else,
refused with what it is and what to do: a directory, another DuckDB
database, a damaged file, a partial or inconsistent history, a history of a
newer layout, a write-ahead log left beside the file, a file another
program holds open for writing."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from indwh.errors import BuildFailed
from indwh.pipeline import backups, release

# A DuckDB file: three headers of 4 KiB, then its blocks (pragma database_size), at
# least the used ones (free blocks at the end are cut off).
HEADERS = 3 * 4096


class Refused(BuildFailed):
    """The published path holds something a build must not replace."""


Stamp = tuple[int, int, int]  # a file's inode, size and time of its last change


@dataclass(frozen=True)
class Found:
    """What the published path holds: None for nothing, else the layout of
    its history and its last publish; and the file's stamp when examined."""

    layout: int | None
    last: int | None
    stamp: Stamp | None = field(default=None, compare=False)


def stamp(path: Path) -> Stamp:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def check_unchanged(path: Path, examined: Stamp) -> None:
    """Refused when the file at `path` is not the one examined before the
    build started, as it was then (someone wrote into it meanwhile)."""
    if stamp(path) != examined:
        raise Refused(
            f"{path} changed while the build ran: a program opened it for writing and wrote into it, and the build "
            "will not publish over writes it did not examine. Open the warehouse read-only (docs/bi-tools.md), "
            "then build again"
        )


NEW_HISTORY = "start a new history with `.venv/bin/indwh build --new-history` (it moves the file aside, never deletes it)"


def newest_readable(path: Path) -> backups.Backup | None:
    """The newest backup of the warehouse at `path` that holds a whole history
    (a backup may be the damaged file a restore replaced: backups.mark_lost)."""
    for backup in reversed(backups.listed(path)):
        try:
            examine(backup.path)
        except Refused:
            continue
        return backup
    return None


def to_restore(path: Path) -> str:
    """What to restore to publish the warehouse at `path` again: the newest readable backup, and how."""
    newest = newest_readable(path)
    if newest is None:
        return "there is no backup to restore (`.venv/bin/indwh restore --list`); "
    return f"restore the last backup, publish {newest.number} ({newest.path}): `.venv/bin/indwh restore {newest.number}`, or "


def damaged(path: Path, what: str) -> Refused:
    """The refusal of a file that cannot be read as a warehouse: which
    backup to restore, and how."""
    return Refused(f"{path} {what}. To publish again, {to_restore(path)}{NEW_HISTORY}")


def locked(path: Path, error: duckdb.Error) -> Refused:
    return Refused(
        f"the published file cannot be read to carry its history over: {error}\n"
        "A program that opened it without read-only (a BI tool, a DuckDB shell, a dbt command) locks it: "
        "close that connection, open the warehouse read-only (docs/bi-tools.md), and build again"
    )


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def check_path(path: Path) -> bool:
    """Whether something lies at `path` that may be a warehouse file;
    refused when it cannot be one (a directory, a leftover write-ahead log)."""
    if path.is_dir():
        raise Refused(f"{path} is a directory, not a warehouse file: set IND_WAREHOUSE to a file (such as {path / 'ind.duckdb'})")
    if wal_of(path).exists():
        raise Refused(
            f"{wal_of(path)} lies beside the published file: a program opened it read-write and is still writing, or "
            "ended without closing it, and what it wrote is in that write-ahead log, not in any publish. Close that "
            f"program; if the .wal stays, delete it to drop those writes (`rm {wal_of(path)}`), then build again"
        )
    if not path.exists():
        return False
    if not stat.S_ISREG(path.stat().st_mode):
        raise Refused(f"{path} is not a regular file: set IND_WAREHOUSE to a file")
    return True


def attach(con: duckdb.DuckDBPyConnection, path: Path, alias: str) -> None:
    """Attach `path` read-only as `alias`; refused when it cannot be read
    (held open for writing, unreadable, damaged)."""
    if not os.access(path, os.R_OK):
        raise Refused(f"{path} cannot be read (permission denied): let this user read it (chmod u+r), then build again")
    try:
        con.execute(f"attach {release.quoted(str(path))} as {alias} (read_only)")
    except duckdb.IOException as error:
        if "Could not set lock" in str(error):
            raise locked(path, error) from None
        if path.stat().st_size == 0:
            raise damaged(path, "is damaged: it is empty (0 bytes)") from None
        if "Could not read enough bytes" in str(error):
            raise damaged(path, f"is damaged: it is truncated ({path.stat().st_size} bytes; {error})") from None
        raise damaged(path, f"is damaged or not a DuckDB database ({error})") from None
    except duckdb.Error as error:
        raise damaged(path, f"is damaged ({error})") from None


def inspect(con: duckdb.DuckDBPyConnection, catalog: str, path: Path) -> tuple[int, int]:
    """The layout and last publish of the history in `catalog` (the file at
    `path`, attached); refused when it is not a whole history of this
    project's warehouse, of a layout this code knows."""
    try:
        return whole_history(con, catalog, path)
    except duckdb.Error as error:
        raise damaged(path, f"is damaged ({error})") from None


def whole_history(con: duckdb.DuckDBPyConnection, catalog: str, path: Path) -> tuple[int, int]:
    size = con.execute("select block_size, used_blocks from pragma_database_size() where database_name = ?", [catalog]).fetchone()
    if size is not None and path.stat().st_size < HEADERS + size[0] * size[1]:
        expected = HEADERS + size[0] * size[1]
        raise damaged(path, f"is damaged: it is truncated ({path.stat().st_size} bytes of {expected})")
    tables = {
        f"{schema}.{name}"
        for schema, name in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = ?", [catalog]
        ).fetchall()
    }
    history = {f"marts.{name}" for name in release.HISTORY}
    layout = 1
    if release.MARKER in tables:
        marker = con.execute(f"select project, indeling from {catalog}.{release.MARKER}").fetchall()
        if len(marker) != 1 or marker[0][0] != release.PROJECT:
            raise Refused(
                f"{path} is not a warehouse of this project ({release.MARKER}: {marker}): set IND_WAREHOUSE to another "
                f"file, or {NEW_HISTORY}"
            )
        layout = int(marker[0][1])
        if layout > release.LAYOUT:
            raise Refused(
                f"{path} holds a history of layout {layout}, which a newer version of this project wrote; this code knows "
                f"layouts up to {release.LAYOUT}: build with the newer code (git pull), or set IND_WAREHOUSE to another file"
            )
    elif not tables & history:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "") if tables else "no tables"
        raise Refused(
            f"{path} is another DuckDB database, not a warehouse of this project (no {release.MARKER}, no "
            f"{' or '.join(sorted(history))}; it holds {shown}): set IND_WAREHOUSE to another file, or {NEW_HISTORY}"
        )
    if not history <= tables:
        raise damaged(
            path,
            f"holds a partial history: {', '.join(sorted(history & tables))} without {', '.join(sorted(history - tables))}",
        )
    expected = release.layout_columns(layout)
    for name in release.HISTORY:
        columns = [
            column
            for (column,) in con.execute(
                "select column_name from duckdb_columns() where database_name = ? and schema_name = 'marts'"
                " and table_name = ? order by column_index",
                [catalog, name],
            ).fetchall()
        ]
        if set(columns) != set(expected[name]):
            extra, missing = sorted(set(columns) - set(expected[name])), sorted(set(expected[name]) - set(columns))
            raise damaged(
                path,
                f"holds an inconsistent history: marts.{name} is not of layout {layout}"
                + (f" (columns it lacks: {', '.join(missing)})" if missing else "")
                + (f" (columns layout {layout} does not have: {', '.join(extra)})" if extra else ""),
            )
    # Every publish number from 1 to n once: a publish's, or one recorded as
    # lost (verloren) by a later publish, whose file went without a backup.
    numbers = con.execute(
        f"""
        with
        publicaties as ({release.migrated("publicaties", layout, catalog)}),
        nummers as (
            select publicatie as nummer, publicatie as door from publicaties
            union all
            select unnest(verloren) as nummer, publicatie as door from publicaties
        )
        select count(*), count(distinct nummer), min(nummer), max(nummer), count(*) filter (where nummer > door),
            (select count(*) from publicaties)
        from nummers
        """
    ).fetchone()
    assert numbers is not None
    count, distinct, first, last, late, publishes = numbers
    if publishes == 0 or count != distinct or first != 1 or last != count or late:
        raise damaged(
            path,
            f"holds an inconsistent history: its publish numbers are not 1 to {count} without a gap"
            f" (those recorded as lost included: {count} numbers, {distinct} different, from {first} to {last}"
            + (f", {late} recorded as lost by an earlier publish" if late else "")
            + ")",
        )
    strays = con.execute(
        f"select count(*), min(publicatie) from {catalog}.{release.WIJZIGINGEN}"
        f" where publicatie not in (select publicatie from {catalog}.{release.PUBLICATIES})"
    ).fetchone()
    if strays is not None and strays[0]:
        raise damaged(
            path,
            f"holds an inconsistent history: {strays[0]} rows of marts.wijzigingen belong to no publish"
            f" (publicatie {strays[1]}, not in marts.publicaties)",
        )
    for name in release.HISTORY:  # every block of the history read, so a damaged one shows here
        con.execute(f"select sum(hash(t)) from {catalog}.marts.{name} as t").fetchall()
    return layout, int(last)


def examine(path: Path) -> Found:
    """What lies at the published path, before a build starts; refused when
    a build must not replace it."""
    if not check_path(path):
        return Found(None, None)
    examined = stamp(path)
    with duckdb.connect(":memory:") as con:
        attach(con, path, release.PREVIOUS)
        layout, last = inspect(con, release.PREVIOUS, path)
    return Found(layout, last, examined)


def check_backups_without_file(path: Path) -> None:
    """Refused when nothing lies at `path` but its backups folder holds the
    files of a history: a new history would use their publish numbers again
    (and its backups would replace theirs)."""
    if path.exists() or not backups.numbers(path):
        return
    raise Refused(
        f"{path} is gone, but {backups.folder(path)} holds the backups of its history (publishes up to"
        f" {backups.numbers(path)[-1]}). To publish again, {to_restore(path)}{NEW_HISTORY}"
    )


def check_not_held(path: Path) -> None:
    """Refused when another program holds `path` open for writing (whatever the file holds)."""
    with duckdb.connect(":memory:") as con:
        try:
            con.execute(f"attach {release.quoted(str(path))} as {release.PREVIOUS} (read_only)")
        except duckdb.IOException as error:
            if "Could not set lock" in str(error):
                raise locked(path, error) from None
        except duckdb.Error:
            pass  # not a DuckDB file it can read: nothing holds it as one


def check_path_for_new_history(path: Path) -> None:
    """What a new history may replace: any file, moved aside, but not a directory or a file held open for writing."""
    if path.is_dir():
        check_path(path)
    if path.exists():
        check_not_held(path)

"""The last steps of a build: record the publish in the build file, fold
the write-ahead log into it, check that every relation answers a reader,
keep the published file as a backup, and rename the build file onto it.

From the moment the history of the published file is copied until just
after the rename, this process holds the published file open read-only
(release.recording): no other process can open it for writing in between,
so nothing is written into a file after its history was copied."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

from indwh.errors import BuildFailed
from indwh.paths import ROOT
from indwh.pipeline import backups, compact, published_file, release, seed_files
from indwh.pipeline.machine_failures import machine_failures


def destination(path: Path) -> Path:
    """The file a publish replaces: `path`, or the file a symbolic link at
    `path` points to (the rename goes into that file's folder, so readers
    of the link and of its target see the publish). Refused when the link
    and its target have different file names: the views name their catalog
    after the file name."""
    resolved = path.resolve()
    if resolved.name != path.name:
        raise BuildFailed(
            f"{path} is a symbolic link to {resolved}, a file of another name; the views name their catalog after the "
            f"file name, so they would break there: link to a file named {path.name}, or set IND_WAREHOUSE to {resolved}"
        )
    return resolved


def check_every_relation_answers(target: Path) -> None:
    """Every table and view of the build file answers a query from a
    read-only connection, as readers will open the published file."""
    with duckdb.connect(str(target), read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = current_database() order by all"
        ).fetchall()
        for schema, name in relations:
            try:
                con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            except duckdb.Error as error:
                raise BuildFailed(f"{schema}.{name} does not answer from a read-only connection: {error}") from None


def finalise(target: Path) -> None:
    """Fold the write-ahead log into the file so the rename moves everything."""
    with duckdb.connect(str(target)) as con:
        con.execute("checkpoint")
    wal = target.with_name(target.name + ".wal")
    if wal.exists():
        raise BuildFailed(f"{wal} still exists after checkpoint")


def publish(target: Path, published: Path, kept: int | None, aside: bool = False, with_backups: bool = True) -> None:
    """Atomically replace the published file with the build file. The file
    replaced is kept first: as the backup of publish `kept`, or, with
    `aside`, moved aside (with its backups when `with_backups`).

    A write-ahead log beside the published file can only come from someone
    who opened it read-write; it would be replayed onto the new file, so
    the build stops instead."""
    if aside and (published.exists() or (with_backups and backups.numbers(published))):
        backups.move_aside(published, with_backups=with_backups)  # its .wal too
    wal = published_file.wal_of(published)
    if wal.exists():
        raise BuildFailed(
            f"{wal} appeared beside the published file during the build: a program opened it for writing. "
            "Close that program, open the warehouse read-only (docs/bi-tools.md), and build again"
        )
    if not aside and kept is not None and published.exists():
        backups.keep(published, kept)
    os.replace(target, published)
    folder = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a crash of the machine
    finally:
        os.close(folder)


def finalise_and_publish(
    target: Path,
    published: Path,
    new_history: bool = False,
    restored: int | None = None,
    history: Path | None = None,
    examined: published_file.Stamp | None = None,
) -> release.Release:
    """The last steps of every build, once dbt and the range checks passed;
    returns what the publish recorded (marts.publicaties, marts.wijzigingen).
    With `new_history`, the published file is moved aside, not carried on.
    A restore (indwh restore) gives the publish it restores and, when the
    published file cannot be read, the backup whose history it carries on.
    `examined`: the published file's stamp when the build examined it
    before dbt started; refused when it changed since."""
    published = destination(published)
    if new_history and published.exists():
        published_file.check_not_held(published)
    previous = history or (published if published.exists() and not new_history else None)
    known = backups.highest_known(published) if previous is not None else None
    with (
        machine_failures(published),
        release.recording(target, previous, ROOT, seed_files.seed_dirs(ROOT), restored, examined, known) as recorded,
    ):
        finalise(target)
        compact.compact(target)
        check_every_relation_answers(target)
        replaced_aside = new_history or history is not None
        if history is not None and recorded.lost:
            backups.mark_lost(published, recorded.lost[-1])  # the number of the file the restore replaces
        publish(target, published, recorded.previous, aside=replaced_aside, with_backups=new_history)
    try:
        backups.prune(published)
    except OSError as error:
        print(f"Old backups of {published} not removed: {error}", file=sys.stderr)
    return recorded

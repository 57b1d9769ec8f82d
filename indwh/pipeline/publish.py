"""The last steps of a build: record the publish in the build file, fold
the write-ahead log into it, check that every relation answers a reader,
and rename the build file onto the published one."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from indwh.errors import BuildFailed
from indwh.paths import ROOT
from indwh.pipeline import release, seed_files


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


def publish(target: Path, published: Path) -> None:
    """Atomically replace the published file with the build file.

    A write-ahead log beside the published file can only come from someone
    who opened it read-write; it belongs to the file being replaced and
    would be replayed onto the new one, so it goes first.
    """
    published.with_name(published.name + ".wal").unlink(missing_ok=True)
    os.replace(target, published)
    folder = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a crash of the machine
    finally:
        os.close(folder)


def finalise_and_publish(target: Path, published: Path) -> release.Release:
    """The last steps of every build, once dbt and the range checks passed;
    returns what the publish recorded (marts.publicaties, marts.wijzigingen)."""
    recorded = release.record(target, published, ROOT, seed_files.seed_dirs(ROOT))
    finalise(target)
    check_every_relation_answers(target)
    publish(target, published)
    return recorded

"""Compact the build file before it is published: the same database copied
into a new file of small blocks, which replaces the build file.

DuckDB writes a file in blocks of 256 KiB by default, and a warehouse of a
few hundred figures in some sixty tables fills most of its blocks with
nothing; the space of the tables dbt dropped and re-created stays in the
file too. A copy made with `copy from database` into a file attached with
`block_size 16384` holds the same schemas, tables, views, comments and
constraints in a sixth of the space (docs/decisions/0011-compact-published-file.md).

The copy keeps the build file's name (in a folder of its own beside it),
because DuckDB names a file's catalog after it and the views name their
tables by that catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from indwh.errors import BuildFailed
from indwh.pipeline.release import quoted

BLOCK_SIZE = 16384  # bytes; the smallest block DuckDB accepts
COPY = "compacted"  # the catalog name of the copy while it is written
THREADS = 1  # DuckDB threads of the copy (docs/decisions/0014-compact-on-one-thread.md)


def copy_path(build_file: Path) -> Path:
    """Where the compact copy of `build_file` is written: a folder beside it, the same file name."""
    return build_file.parent / ".compacted" / build_file.name


def compact(build_file: Path) -> None:
    """Replace `build_file` (checkpointed: no write-ahead log) by a copy of
    its database in a file of BLOCK_SIZE blocks; BuildFailed naming the file
    when the copy cannot be written (a full disk), the build file left as it was."""
    copy = copy_path(build_file)
    shutil.rmtree(copy.parent, ignore_errors=True)
    try:
        copy.parent.mkdir()
        with duckdb.connect() as con:
            con.execute("set enable_progress_bar = false")
            con.execute(f"set threads = {THREADS}")
            catalog = '"' + build_file.stem.replace('"', '""') + '"'  # the name it has when opened alone, which its views use
            con.execute(f"attach {quoted(str(build_file))} as {catalog} (read_only)")
            con.execute(f"attach {quoted(str(copy))} as {COPY} (block_size {BLOCK_SIZE})")
            con.execute(f"copy from database {catalog} to {COPY}")
            con.execute(f"detach {COPY}")  # checkpoints the copy: everything in the file
    except (duckdb.Error, OSError) as error:
        shutil.rmtree(copy.parent, ignore_errors=True)
        raise BuildFailed(f"compacting {build_file} into {copy} failed: {error}") from None
    wal = copy.with_name(copy.name + ".wal")
    if wal.exists():
        raise BuildFailed(f"{wal} still exists after the compact copy was closed")
    copy.replace(build_file)
    copy.parent.rmdir()

"""Failures of the machine (a full disk, a folder or file this user may not
write, a read-only file system) said as build failures, with what to do,
instead of a traceback."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from indwh.errors import BuildFailed

# What DuckDB (and dbt, quoting it) says for each, and what to do.
NO_SPACE = "No space left on device"
ADVICE = {
    NO_SPACE: "the disk is full: free space on the file system of {folder} ({free} free now), then build again",
    "Permission denied": (
        "this user may not write there: give it write access to {folder}, or set IND_WAREHOUSE to a folder it may write"
    ),
    "Operation not permitted": (
        "the file or folder is immutable or protected (`lsattr -d {folder}`; `chattr -i` lifts the immutable "
        "attribute), or set IND_WAREHOUSE to a folder this user may write"
    ),
    "Read-only file system": "the file system of {folder} is mounted read-only: set IND_WAREHOUSE to a writable folder",
}
SAID = {errno.ENOSPC: NO_SPACE, errno.EDQUOT: NO_SPACE, errno.EACCES: "Permission denied"}
SAID |= {errno.EPERM: "Operation not permitted", errno.EROFS: "Read-only file system"}


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


def advice(message: str, published: Path) -> str:
    """What to do about a failure of the machine the message names; "" for another failure."""
    folder = published.parent
    for said, todo in ADVICE.items():
        if said in message:
            free = shutil.disk_usage(folder).free if folder.exists() else 0
            return todo.format(folder=folder, free=megabytes(free))
    return ""


@contextmanager
def machine_failures(published: Path) -> Iterator[None]:
    """Turn a failure of the machine into BuildFailed saying what failed and what to do."""
    try:
        yield
    except OSError as error:
        said = SAID.get(error.errno or 0, error.strerror or str(error))
        where = f": {error.filename}" if error.filename else ""
        todo = advice(said, published)
        raise BuildFailed(f"{said}{where}" + (f"\n{todo[0].upper()}{todo[1:]}" if todo else "")) from None
    except duckdb.Error as error:
        todo = advice(str(error), published)
        if not todo:
            raise
        raise BuildFailed(f"{error}\n{todo[0].upper()}{todo[1:]}") from None

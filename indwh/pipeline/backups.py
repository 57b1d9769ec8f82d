"""The published files a publish replaced, kept beside the warehouse:
`.<stem>.backups/<publish>/<name>` (warehouse/.ind.backups/7/ind.duckdb
holds publish 7), each under the warehouse's own file name, since the
views name their catalog after it. A backup is the replaced file itself,
given a second name before the rename (a hard link): it costs no copy and
no time, only the disk space the replaced file would otherwise give back.
The newest KEPT are kept.

The folder's names are also what a publish is numbered after when the
published file cannot be read (highest_known): a folder <n> is made only
once a publish after n replaced the file of n, so no number is used twice.
A restore over a damaged or deleted file keeps the mark of that file's
publish the same way (mark_lost): the damaged file as its backup, or an
empty folder when the file is gone.

A file moved aside to start a new history (`indwh build --new-history`), or
a damaged file a restore replaced, goes to `.<stem>.aside/<time>/<name>`,
with the backups of its history; these are never removed."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

KEPT = 5  # backups kept: `make watch` publishes on every save


@dataclass(frozen=True)
class Backup:
    number: int  # the last publish the file records
    path: Path


def folder(published: Path) -> Path:
    """Where the backups of `published` are kept."""
    return published.parent / f".{published.stem}.backups"


def aside_folder(published: Path) -> Path:
    """Where files moved aside from `published` are kept."""
    return published.parent / f".{published.stem}.aside"


def listed(published: Path) -> list[Backup]:
    """The backups of `published`, oldest first."""
    if not folder(published).is_dir():
        return []
    found = [
        Backup(int(entry.name), entry / published.name)
        for entry in folder(published).iterdir()
        if entry.name.isdigit() and (entry / published.name).is_file()
    ]
    return sorted(found, key=lambda backup: backup.number)


def numbers(published: Path) -> list[int]:
    """The publish numbers of the backups folder's folders: a backup, or the mark of a publish lost with its file."""
    if not folder(published).is_dir():
        return []
    return sorted(int(entry.name) for entry in folder(published).iterdir() if entry.name.isdigit() and entry.is_dir())


def highest_known(published: Path) -> int | None:
    """The highest publish number the backups folder knows of (None without
    one): the folder <n> of the highest number exists only once a later
    publish replaced the file of n, so the published file's last publish is
    at least n + 1; n itself when the published file is that backup (a build
    killed between keeping it and the rename)."""
    found = numbers(published)
    if not found:
        return None
    highest = found[-1]
    kept = folder(published) / str(highest) / published.name
    if published.is_file() and kept.is_file() and os.path.samefile(published, kept):
        return highest
    return highest + 1


def mark_lost(published: Path, number: int) -> Path:
    """Keep the mark of publish `number`, whose file a restore replaces
    without carrying its history on (damaged or gone): that file as its
    backup when it is there, else an empty folder; highest_known reads it."""
    destination = folder(published) / str(number) / published.name
    if published.is_file():
        link(published, destination)
    else:
        destination.parent.mkdir(parents=True, exist_ok=True)
    return destination


def newest(published: Path) -> Backup | None:
    found = listed(published)
    return found[-1] if found else None


def set_aside(published: Path) -> list[Path]:
    """The files moved aside from `published` (and the backups of their histories), oldest first."""
    place = aside_folder(published)
    return sorted(place.glob(f"*/{published.name}")) if place.is_dir() else []


def link(source: Path, destination: Path) -> None:
    """Give `source` a second name, `destination` (replacing what is there)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    ready = destination.with_name(destination.name + ".new")
    ready.unlink(missing_ok=True)
    os.link(source, ready)
    os.replace(ready, destination)


def keep(published: Path, number: int) -> Path:
    """Keep the published file, which records publishes up to `number`, as a backup."""
    destination = folder(published) / str(number) / published.name
    link(published, destination)
    return destination


def move_aside(published: Path, with_backups: bool = True) -> Path:
    """Give the file at `published` (and its write-ahead log, and, with
    `with_backups`, the backups of its history) a place aside, before a new
    history or a restore replaces it; the file itself is linked, so that the
    rename that follows replaces it. Without the file, its backups alone."""
    place = aside_folder(published) / datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    place.mkdir(parents=True)
    if published.exists():
        link(published, place / published.name)
    wal = published.with_name(published.name + ".wal")
    if wal.exists():
        os.rename(wal, place / wal.name)
    if with_backups and folder(published).exists():
        os.rename(folder(published), place / "backups")
    return place / published.name


def prune(published: Path) -> list[Path]:
    """Remove the backups beyond the newest KEPT; what was removed."""
    removed = [backup.path.parent for backup in listed(published)[:-KEPT]]
    for path in removed:
        shutil.rmtree(path)
    return removed

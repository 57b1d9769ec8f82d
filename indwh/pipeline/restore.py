"""`indwh restore`: publish the file of an earlier publish again, from its
backup (indwh.pipeline.backups). A restore is a new publish, numbered after
every publish known, that records which publish it restores (`hersteld_uit`)
and what it changed against the file it replaces; the numbers never go back.

The history carried on is the published file's; when that file cannot be
read (damaged) or is gone, the newest backup's that can be, and the file
at the published path is moved aside, never deleted. The publishes only
that file recorded are lost with it: the restore is numbered after them
(the backups folder knows their numbers) and records them as lost
(`verloren`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from indwh.errors import BadInput
from indwh.paths import warehouse_path
from indwh.pipeline import backups, dev_state, published_file
from indwh.pipeline.build import staging
from indwh.pipeline.machine_failures import machine_failures, megabytes
from indwh.pipeline.publish import destination, finalise_and_publish
from indwh.pipeline.release import PUBLICATIES, Release


def described(path: Path) -> str:
    """When the last publish a file records was made, and its size; or why it cannot be read."""
    try:
        published_file.examine(path)
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute(f"select max(gepubliceerd_op) from {PUBLICATIES}").fetchone()
    except (published_file.Refused, duckdb.Error) as error:
        return f"cannot be read: {str(error).splitlines()[0]}"
    when = row[0].strftime("%Y-%m-%d %H:%M:%S %Z") if row and row[0] else "?"
    return f"published {when}, {megabytes(path.stat().st_size)}"


def listing() -> list[str]:
    """The backups of the published warehouse and the files moved aside, one a line."""
    published = destination(warehouse_path())
    lines = [f"Backups of {published} (the newest {backups.KEPT} are kept):"]
    found = backups.listed(published)
    lines += [f"  publish {backup.number}: {backup.path} ({described(backup.path)})" for backup in found] or ["  none"]
    aside = backups.set_aside(published)
    if aside:
        lines.append("Moved aside (kept, not restored by number):")
        lines += [f"  {path}" for path in aside]
    return lines


def history_to_carry(published: Path) -> Path | None:
    """None when the published file is a warehouse whose history goes on;
    else the newest backup whose history can be read."""
    published_file.check_path(published)  # a directory, a .wal: refused
    if published.exists():
        published_file.check_not_held(published)
        try:
            published_file.examine(published)
            return None
        except published_file.Refused:
            pass
    newest = published_file.newest_readable(published)
    if newest is None:
        raise BadInput(f"no backup of {published} can be read (`indwh restore --list`)")
    return newest.path


def restore(number: int) -> tuple[Path, Release]:
    """Publish the backup of publish `number` as a new publish."""
    published = destination(warehouse_path())
    chosen = next((backup for backup in backups.listed(published) if backup.number == number), None)
    if chosen is None:
        raise BadInput(f"there is no backup of publish {number} beside {published}: `indwh restore --list` lists them")
    published_file.examine(chosen.path)
    history = history_to_carry(published)
    with staging(published) as (target, _):
        with machine_failures(published):
            target.write_bytes(chosen.path.read_bytes())
        recorded = finalise_and_publish(target, published, restored=number, history=history)
    (dev_state.state_dir(published) / "manifest.json").unlink(missing_ok=True)  # `make dev` builds everything next
    return published, recorded

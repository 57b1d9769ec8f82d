"""The one way to copy the project into another folder (a temporary one for
the tests and the mutation run, target/bench/work/ for the benchmark), to
build or break it there without touching the project itself.

A copy holds the project's sources: what is not copied is listed here
once. Commands run in a copy from the copy's folder (indwh.paths.ROOT is the
project of the current directory) with PYTHONPATH set to it, so that they
run the copy's own code on the copy."""

from __future__ import annotations

import shutil
from fnmatch import fnmatch
from pathlib import Path

from indwh.paths import ROOT

# Left out at the top of the project: installation, version control, dbt's
# output, the published warehouse, logs, the report site.
NOT_COPIED = {".git", ".venv", "target", "warehouse", "logs", "dbt_packages", "reports", "build"}
# Left out wherever they are: caches and installed metadata.
NOT_COPIED_ANYWHERE = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "node_modules", ".evidence", "*.egg-info"}
PARSE_CACHE = Path("target") / "partial_parse.msgpack"


def not_copied(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree's ignore: the names in `folder` a copy leaves out."""
    top = Path(folder).resolve() == ROOT
    return {
        name for name in names if any(fnmatch(name, pattern) for pattern in NOT_COPIED_ANYWHERE) or (top and name in NOT_COPIED)
    }


def copy_project(destination: Path, *, parse_cache: bool = False, link_venv: bool = False) -> Path:
    """A copy of the project's sources in `destination` (replacing what is
    there). With `parse_cache`, dbt's parse cache too, so that the copy
    builds as fast as the project does; with `link_venv`, the project's
    installed .venv linked in, for `make` in the copy with PYTHONPATH set to
    it (make accepts another folder's .venv only so:
    indwh/plumbing/venv_relocate.py)."""
    shutil.rmtree(destination, ignore_errors=True)
    # copy2 keeps mtimes: make sees the linked .venv as current.
    shutil.copytree(ROOT, destination, ignore=not_copied, symlinks=True)
    if parse_cache and (ROOT / PARSE_CACHE).exists():
        (destination / PARSE_CACHE).parent.mkdir()
        shutil.copyfile(ROOT / PARSE_CACHE, destination / PARSE_CACHE)
    if link_venv:
        (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination

"""Where the project, the published warehouse and its staging file live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = "warehouse/ind.duckdb"


def warehouse_path() -> Path:
    """The published warehouse: $IND_WAREHOUSE, relative paths from the project root."""
    path = Path(os.environ.get("IND_WAREHOUSE") or DEFAULT_WAREHOUSE)
    return path if path.is_absolute() else ROOT / path


def build_dir(published: Path) -> Path:
    """Folder beside the published file in which a build is made.

    The build file keeps the published file's name, so DuckDB's catalog
    name (taken from the file name) is the same before and after the
    rename, and views keep resolving.
    """
    return published.parent / f".{published.stem}.build"


def build_path(published: Path) -> Path:
    """The file a build writes, renamed onto the published file when it passes."""
    return build_dir(published) / published.name


def lock_path(published: Path) -> Path:
    """Held by the build that writes the build folder of `published` and publishes it."""
    return published.parent / f".{published.stem}.build.lock"


def project_lock_path() -> Path:
    """Held by the dbt command that writes the project's target/ folder."""
    return ROOT / "target" / ".dbt.lock"

"""Where the project, the published warehouse and its staging file live.

The project is the folder a command runs in: the nearest folder, from the
current directory upwards, that holds the project's dbt_project.yml. It is
never the folder the package was installed from: a copied or moved project
builds itself, and an installed (not editable) package reads the seeds, the
models and the range checks' files of the project it runs in."""

from __future__ import annotations

import os
import re
from pathlib import Path

from indwh.errors import NotInProject

PROJECT_FILE = "dbt_project.yml"
PROJECT_NAME = "ind"  # the `name:` of the project's dbt_project.yml
# The project's top-level `name:` in dbt_project.yml, read without a YAML
# parser so that finding the project costs nothing.
NAME_LINE = re.compile(r"""^name:[ \t]*["']?([^"'\s#]+)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)


def project_root(start: Path | None = None) -> Path:
    """The project of `start` (default: the current directory): the nearest
    folder upwards holding a dbt_project.yml; NotInProject when there is
    none or when the nearest is another dbt project."""
    try:
        here = (start or Path.cwd()).resolve()
    except FileNotFoundError:
        raise NotInProject("The current directory no longer exists: cd into the project's folder and try again.") from None
    for folder in (here, *here.parents):
        project = folder / PROJECT_FILE
        if project.is_file():
            found = NAME_LINE.search(project.read_text(encoding="utf-8", errors="replace"))
            name = found[1] if found else "not given"
            if name != PROJECT_NAME:
                raise NotInProject(
                    f"{project} is another dbt project than the IND warehouse (its name: {name}; the warehouse's:"
                    f" {PROJECT_NAME}): run the command in the warehouse's project folder."
                )
            return folder
    raise NotInProject(
        f"{here} is not inside a project of the IND warehouse: neither it nor a folder above it holds {PROJECT_FILE}."
        " Run the command in the project's folder (or a folder inside it)."
    )


def foreign_code(root: Path, code: Path) -> str | None:
    """Why the code at `code` (the folder holding the running indwh package)
    must not work on the project `root`, or None when it may: it may when it
    is the project's own code, or an installed package (a folder that is no
    project). The code of another project folder (a copied or moved
    project's .venv still running the original's editable install) may not."""
    if code.resolve() == root.resolve() or not (code / PROJECT_FILE).is_file():
        return None
    return (
        f"This indwh runs the code of {code}, but the project here is {root}: its own code would not run."
        f" Run {root}'s own .venv/bin/indwh; when that .venv was copied or moved from another folder, `make install`"
        f" in {root} repairs it first (every make target does)."
    )


ROOT = project_root()
DEFAULT_WAREHOUSE = "warehouse/ind.duckdb"
# The range checks' expectations and the Data Docs' offline assets: files of
# the project, read from its folder like the seeds, not from the package.
RANGE_CHECKS = ROOT / "indwh" / "range_checks"


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

"""The facts the dbt project and the Python code share, read from the vars
of dbt_project.yml, where they are defined (and described) once: the
grammar of a printed Dutch number, the CSV line of a seed's row, the printed tables of the report with
their value columns, and the dimensions of each fact table."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from indwh.paths import ROOT

PROJECT = ROOT / "dbt_project.yml"


def dbt_vars(project: Path = PROJECT) -> dict[str, Any]:
    """The vars block of a dbt_project.yml (read once while the file stays as
    it is: the seed check asks for it once per seed file). Not to be changed."""
    stat = project.stat()
    return read_vars(project, stat.st_mtime_ns, stat.st_size)


@cache
def read_vars(project: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """The vars block of `project` as it is at that modification time and size."""
    variables: dict[str, Any] = yaml.safe_load(project.read_text(encoding="utf-8"))["vars"]
    return variables


def dutch_number_pattern() -> str:
    """The regular expression of a number as the report prints it (groups:
    euro sign, integer part, decimals, unit)."""
    return str(dbt_vars()["dutch_number_pattern"])


def largest_digits() -> int:
    """The most digits a value may have before its decimal comma (a million counting as six)."""
    return int(dbt_vars()["dutch_number_largest_digits"])


def million_units() -> tuple[str, ...]:
    """The units that stand for a million (" milj.", " miljoen")."""
    return tuple(dbt_vars()["dutch_number_million_units"])


def seed_line() -> str:
    """The CSV line a row of a loaded seed stands on, as SQL (the macro seed_rows says the same)."""
    return str(dbt_vars()["seed_line"])


def report_tables(project: Path = PROJECT) -> dict[str, tuple[str, ...]]:
    """Each seed of seeds/rapport that holds a printed table, with its value
    columns in printed order (staged by stg_ind__<seed>)."""
    return {seed: tuple(columns) for seed, columns in dbt_vars(project)["report_tables"].items()}


def fact_dimensions() -> dict[str, tuple[str, ...]]:
    """The dimension columns of each fact table (fact_aanvragen, ...), in column order."""
    return {
        f"fact_{feit}": tuple(entry["dimensie"] for entry in dimensions)
        for feit, dimensions in dbt_vars()["fact_dimensions"].items()
    }

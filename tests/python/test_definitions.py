"""The printed tables are listed once, in the var report_tables of
dbt_project.yml; what dbt needs besides (a seed file, its yml entry, a
staging model calling stage_report_table, its yml entry) must agree with
it. Every disagreement is named: the seed, model or entry that is missing.
The dimensions of each fact are listed once too, in the var
fact_dimensions; the fact tables and year-over-year marts, which name them
in their SQL and yml, must agree with it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from indwh import definitions
from indwh.paths import ROOT

TEXT = "tekstcijfers"  # the figures of the running text: a seed of seeds/rapport, staged on its own
SEEDS = Path("seeds/rapport")
STAGING = Path("models/staging")
MARTS = Path("models/marts")
CALL = re.compile(r"\{\{\s*stage_report_table\(\s*'(\w+)'")


def yml_entries(folder: Path, kind: str) -> dict[str, dict[str, Any]]:
    """name -> entry of every `kind` (seeds, models) in the yml files of a folder."""
    entries = {}
    for path in sorted(folder.glob("*.yml")):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(kind) or []:
            entries[entry["name"]] = entry
    return entries


def disagreements(root: Path) -> list[str]:
    """What the seeds of seeds/rapport, their yml, the staging models, their
    yml and the var report_tables of dbt_project.yml do not agree on."""
    tables = definitions.report_tables(root / "dbt_project.yml")
    seeds = {path.stem: path for path in sorted((root / SEEDS).glob("*.csv"))}
    seed_entries = yml_entries(root / SEEDS, "seeds")
    models = {path.stem: path for path in sorted((root / STAGING).glob("*.sql"))}
    model_entries = yml_entries(root / STAGING, "models")
    found = []
    for seed in seeds.keys() - tables.keys() - {TEXT}:
        found.append(f"{SEEDS / seed}.csv: not in the var report_tables of dbt_project.yml")
    for seed in tables.keys() - seeds.keys():
        found.append(f"dbt_project.yml, var report_tables: {seed} has no seed {SEEDS / seed}.csv")
    for seed in seeds.keys() - seed_entries.keys():
        found.append(f"{SEEDS / seed}.csv: no entry in the yml of {SEEDS}")
    for seed in seed_entries.keys() - seeds.keys():
        found.append(f"{SEEDS}: yml entry {seed} has no seed file")
    for seed in sorted(seeds.keys() | tables.keys()):
        model = f"stg_ind__{seed}"
        if model not in models:
            found.append(f"{SEEDS / seed}.csv: no staging model {STAGING / model}.sql")
        elif seed in tables and CALL.findall(models[model].read_text(encoding="utf-8")) != [seed]:
            found.append(f"{STAGING / model}.sql: does not call stage_report_table('{seed}')")
    for model in models.keys() - {f"stg_ind__{seed}" for seed in seeds}:
        found.append(f"{STAGING / model}.sql: no seed {SEEDS}/{model.removeprefix('stg_ind__')}.csv")
    for model in models.keys() - model_entries.keys():
        found.append(f"{STAGING / model}.sql: no entry in the yml of {STAGING}")
    for model in model_entries.keys() - models.keys():
        found.append(f"{STAGING}: yml entry {model} has no model file")
    for seed, columns in tables.items():
        if seed not in seeds or seed not in seed_entries:
            continue
        header = seeds[seed].read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        typed = (seed_entries.get(seed, {}).get("config") or {}).get("column_types") or {}
        for column in columns:
            if column not in header or column not in typed:
                found.append(f"dbt_project.yml, var report_tables: {seed} has no value column {column} (seed header and yml)")
    return sorted(found)


def test_the_printed_tables_agree_everywhere() -> None:
    assert definitions.report_tables(), "the var report_tables is empty"
    assert disagreements(ROOT) == []


def edit_yaml(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def drop_entry(kind: str, name: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.__setitem__(kind, [entry for entry in data[kind] if entry["name"] != name])


BREAKS: dict[str, tuple[Callable[[Path], object], str]] = {
    "var entry missing": (
        lambda root: edit_yaml(root / "dbt_project.yml", lambda data: data["vars"]["report_tables"].pop("klachten")),
        "seeds/rapport/klachten.csv: not in the var report_tables of dbt_project.yml",
    ),
    "seed missing": (
        lambda root: (root / SEEDS / "klachten.csv").unlink(),
        "dbt_project.yml, var report_tables: klachten has no seed seeds/rapport/klachten.csv",
    ),
    "seed yml entry missing": (
        lambda root: edit_yaml(root / SEEDS / "_rapport__seeds.yml", drop_entry("seeds", "klachten")),
        "seeds/rapport/klachten.csv: no entry in the yml of seeds/rapport",
    ),
    "staging model missing": (
        lambda root: (root / STAGING / "stg_ind__klachten.sql").unlink(),
        "seeds/rapport/klachten.csv: no staging model models/staging/stg_ind__klachten.sql",
    ),
    "staging model of another table": (
        lambda root: (root / STAGING / "stg_ind__klachten.sql").write_text("{{ stage_report_table('documenten') }}\n"),
        "models/staging/stg_ind__klachten.sql: does not call stage_report_table('klachten')",
    ),
    "staging yml entry missing": (
        lambda root: edit_yaml(root / STAGING / "_staging__models.yml", drop_entry("models", "stg_ind__klachten")),
        "models/staging/stg_ind__klachten.sql: no entry in the yml of models/staging",
    ),
    "value column unknown": (
        lambda root: edit_yaml(
            root / "dbt_project.yml",
            lambda data: data["vars"]["report_tables"].__setitem__("klachten", ["verslagjaar", "vorigjaar"]),
        ),
        "dbt_project.yml, var report_tables: klachten has no value column vorigjaar (seed header and yml)",
    ),
}


@pytest.mark.parametrize("name", BREAKS)
def test_a_disagreement_is_named(name: str, tmp_path: Path) -> None:
    shutil.copy(ROOT / "dbt_project.yml", tmp_path / "dbt_project.yml")
    shutil.copytree(ROOT / SEEDS, tmp_path / SEEDS)
    shutil.copytree(ROOT / STAGING, tmp_path / STAGING)
    assert disagreements(tmp_path) == []
    change, message = BREAKS[name]
    change(tmp_path)
    assert message in disagreements(tmp_path)


def dimension_disagreements(root: Path) -> list[str]:
    """The fact tables and year-over-year marts whose yml columns between the
    year and the measure (their dimensions; the enforced contract holds the
    SQL to the yml) are not those of the var fact_dimensions, in its order."""
    dimensions = definitions.dbt_vars(root / "dbt_project.yml")["fact_dimensions"]
    entries = yml_entries(root / MARTS, "models")
    found = []
    for feit, listed in dimensions.items():
        expected = [entry["dimensie"] for entry in listed]
        for model, year in ((f"fact_{feit}", "jaar"), (f"{feit}_jaar_op_jaar", "vorig_jaar")):
            columns = [column["name"] for column in (entries.get(model) or {}).get("columns") or []]
            if year not in columns or "maatstaf" not in columns:
                found.append(f"{MARTS}: {model} has no yml entry with columns {year} and maatstaf")
                continue
            declared = columns[columns.index(year) + 1 : columns.index("maatstaf")]
            if declared != expected:
                found.append(
                    f"{MARTS}, {model}: dimensions {declared}; the var fact_dimensions of dbt_project.yml has {expected}"
                )
    return sorted(found)


def test_the_dimensions_of_each_fact_agree_everywhere() -> None:
    assert definitions.fact_dimensions(), "the var fact_dimensions is empty"
    assert dimension_disagreements(ROOT) == []


def swap_columns(model: str, first: str, second: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        columns = next(entry for entry in data["models"] if entry["name"] == model)["columns"]
        names = [column["name"] for column in columns]
        i, j = names.index(first), names.index(second)
        columns[i], columns[j] = columns[j], columns[i]

    return change


DIMENSION_BREAKS: dict[str, tuple[Callable[[Path], object], str]] = {
    "dimension added to the var": (
        lambda root: edit_yaml(
            root / "dbt_project.yml",
            lambda data: data["vars"]["fact_dimensions"]["financien"].append({"dimensie": "klantdirectie"}),
        ),
        "models/marts, financien_jaar_op_jaar: dimensions ['categorie', 'post']; the var fact_dimensions"
        " of dbt_project.yml has ['categorie', 'post', 'klantdirectie']",
    ),
    "dimensions of a fact reordered": (
        lambda root: edit_yaml(root / MARTS / "_facts.yml", swap_columns("fact_dienstverlening", "onderwerp", "klantdirectie")),
        "models/marts, fact_dienstverlening: dimensions ['klantdirectie', 'onderwerp']; the var fact_dimensions"
        " of dbt_project.yml has ['onderwerp', 'klantdirectie']",
    ),
    "year-over-year mart missing": (
        lambda root: (root / MARTS / "aanvragen_jaar_op_jaar.yml").unlink(),
        "models/marts: aanvragen_jaar_op_jaar has no yml entry with columns vorig_jaar and maatstaf",
    ),
}


@pytest.mark.parametrize("name", DIMENSION_BREAKS)
def test_a_dimension_disagreement_is_named(name: str, tmp_path: Path) -> None:
    shutil.copy(ROOT / "dbt_project.yml", tmp_path / "dbt_project.yml")
    shutil.copytree(ROOT / MARTS, tmp_path / MARTS)
    assert dimension_disagreements(tmp_path) == []
    change, message = DIMENSION_BREAKS[name]
    change(tmp_path)
    assert message in dimension_disagreements(tmp_path)

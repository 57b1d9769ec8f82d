"""The projects the benchmark builds besides its copies of this project
(indwh_tools.sandbox): a tiny reference dbt project that shows dbt's own
floor on this machine, and what the commands in a copy are given."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from indwh.pipeline.dbt_command import is_node

REFERENCE_SEEDS = 5
REFERENCE_ROWS = 20
CATEGORIES = ("a", "b", "c", "d")


def environment(project: Path) -> dict[str, str]:
    """The environment the Makefile gives its commands, with PYTHONPATH set
    to `project`, so that the copy runs its own code."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("IND_WAREHOUSE", "IND_BUILD_PATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    }
    env.update(DBT_SEND_ANONYMOUS_USAGE_STATS="false", DO_NOT_TRACK="1", PYTHONPATH=str(project))
    return env


def executed_nodes(project: Path) -> int | None:
    """How many nodes (seeds, models, tests) the last dbt command in `project` ran."""
    results = project / "target" / "run_results.json"
    if not results.exists():
        return None
    return sum(is_node(result["unique_id"]) for result in json.loads(results.read_text(encoding="utf-8"))["results"])


def write_reference(destination: Path) -> Path:
    """A tiny dbt project on DuckDB: 5 seeds, 10 models, 50 tests."""
    shutil.rmtree(destination, ignore_errors=True)
    (destination / "seeds").mkdir(parents=True)
    (destination / "models").mkdir()
    (destination / "dbt_project.yml").write_text(
        "name: reference\nversion: '1.0.0'\nconfig-version: 2\nprofile: reference\n"
        "seeds:\n  reference:\n    +column_types: {id: integer, categorie: varchar, waarde: integer}\n"
        "models:\n  reference:\n    staging:\n      +materialized: view\n    marts:\n      +materialized: table\n",
        encoding="utf-8",
    )
    (destination / "profiles.yml").write_text(
        "reference:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        f"      path: {destination / 'reference.duckdb'}\n      threads: 4\n",
        encoding="utf-8",
    )
    staging, marts, properties = destination / "models" / "staging", destination / "models" / "marts", []
    staging.mkdir()
    marts.mkdir()
    for number in range(1, REFERENCE_SEEDS + 1):
        rows = ["id,categorie,waarde"] + [f"{i},{CATEGORIES[i % 4]},{i * number}" for i in range(1, REFERENCE_ROWS + 1)]
        (destination / "seeds" / f"bron_{number}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        (staging / f"stg_{number}.sql").write_text(
            f"select id, categorie, waarde from {{{{ ref('bron_{number}') }}}}\n", encoding="utf-8"
        )
        (marts / f"totaal_{number}.sql").write_text(
            f"select categorie, count(*) as aantal, sum(waarde) as waarde"
            f" from {{{{ ref('stg_{number}') }}}} group by categorie\n",
            encoding="utf-8",
        )
        accepted = "{accepted_values: {arguments: {values: [" + ", ".join(CATEGORIES) + "]}}}"
        properties += [
            f"  - name: stg_{number}\n    columns:\n"
            f"      - name: id\n        data_tests: [unique, not_null]\n"
            f"      - name: categorie\n        data_tests: [not_null, {accepted}]\n"
            f"      - name: waarde\n        data_tests: [not_null]\n",
            f"  - name: totaal_{number}\n    columns:\n"
            f"      - name: categorie\n        data_tests: [unique, not_null, {accepted}]\n"
            f"      - name: aantal\n        data_tests: [not_null]\n"
            f"      - name: waarde\n        data_tests: [not_null]\n",
        ]
    (destination / "models" / "models.yml").write_text("version: 2\nmodels:\n" + "".join(properties), encoding="utf-8")
    return destination

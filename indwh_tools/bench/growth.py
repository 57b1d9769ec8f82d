"""Growth by report years: the project with 1, 10, 100 and 1000 report
years (synthetic years after 2011, indwh_tools.synthetic_years), each built from
scratch and again, in its own copy, and what recording a publish of it costs."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path
from typing import Any

from indwh.pipeline.dbt_command import is_node
from indwh_tools.bench import recording
from indwh_tools.bench.measure import Sample, run
from indwh_tools.bench.projects import environment, executed_nodes
from indwh_tools.sandbox import copy_project
from indwh_tools.synthetic_years import add_years

SIZES = (1, 10, 100, 1000)


def dbt_outcome(project: Path) -> dict[str, int]:
    """How many nodes of the last dbt command ended in each status (pass, success, fail, error...)."""
    results = json.loads((project / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    return dict(collections.Counter(result["status"] for result in results if is_node(result["unique_id"])))


def range_check_summary(log: Path) -> str:
    """What the range checks said of the build (`Range checks: all N expectations hold`)."""
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("Range checks: ")]
    return lines[-1].removeprefix("Range checks: ").split(" (")[0] if lines else "not run"


def build(project: Path, years: int, log: Path) -> Sample:
    """`indwh build` in the copy, as `make build` runs it: every
    dbt test, reconciliation and range check must pass, or the benchmark
    stops (the synthetic years are told to the range checks by the rows
    the generator adds to expected_rows.csv, as a real report would be)."""
    sample, _ = run([sys.executable, "-m", "indwh", "build"], project, environment(project), log)
    sample.nodes = executed_nodes(project)
    return sample


def measure(work: Path, sizes: list[int], runs: int, logs: Path) -> list[dict[str, Any]]:
    """Per size: a copy with that many report years, built from scratch once,
    then `runs` times again, the sizes in turns (a change in the machine's
    load hits every size alike); then, per size, the recording of a publish
    against what the last build published."""
    projects = {}
    for years in sizes:
        projects[years] = copy_project(work / f"years-{years}", link_venv=True)
        add_years(projects[years], years)
    samples: dict[int, dict[str, list[Sample]]] = {years: {"build_cold": [], "build_warm": []} for years in sizes}
    for years, project in projects.items():
        samples[years]["build_cold"].append(build(project, years, logs / f"years-{years}-cold.log"))
    for i in range(runs):
        for years, project in projects.items():
            log = logs / f"years-{years}-warm-{i}.log"
            samples[years]["build_warm"].append(build(project, years, log))
    for years, project in projects.items():
        samples[years]["recording"] = recording.measure(project, work / f"recording-{years}")
    return [
        {
            "years": years,
            "samples": samples[years],
            "warehouse_bytes": (project / "warehouse" / "ind.duckdb").stat().st_size,
            "seed_rows": sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in (project / "seeds").glob("**/*.csv")),
            "dbt": dbt_outcome(project),
            "range_checks": range_check_summary(logs / f"years-{years}-cold.log"),
            "project": str(project),
        }
        for years, project in projects.items()
    ]

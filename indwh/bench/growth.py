"""Growth by report years: the project with 1, 10, 100 and 1000 report
years (synthetic years after 2011, indwh.synthetic_years), each built from
scratch and again, in its own copy."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from indwh.bench.measure import Sample, run
from indwh.bench.projects import copy_project, environment, executed_nodes
from indwh.synthetic_years import add_years

SIZES = (1, 10, 100, 1000)

# `python -m indwh.build`, except that a failed range check is reported and
# the build goes on to publish, so that the warehouse of every size can be
# measured even where a check expects the 2011 report alone.
BUILD_RECORDING_RANGE_CHECKS = """
import sys
from indwh import build
checked = getattr(build, "run_range_checks", None)
def run_range_checks(target):
    try:
        checked(target)
    except build.BuildFailed as error:
        print(f"Range checks did not pass: {error}")
if checked:
    build.run_range_checks = run_range_checks
sys.exit(build.main())
"""


def dbt_outcome(project: Path) -> dict[str, int]:
    """How many nodes of the last dbt command ended in each status (pass, success, fail, error...)."""
    results = json.loads((project / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    return dict(collections.Counter(result["status"] for result in results))


def range_check_failures(log: Path) -> list[str]:
    """The expectations the range checks reported as failed."""
    return [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("FAILED ")]


def measure_size(work: Path, years: int, runs: int, logs: Path) -> dict:
    project = copy_project(work / f"years-{years}")
    add_years(project, years)
    env, command = environment(project), [sys.executable, "-c", BUILD_RECORDING_RANGE_CHECKS]
    samples: dict[str, list[Sample]] = {"build_cold": [], "build_warm": []}
    for kind, count in (("build_cold", 1), ("build_warm", runs)):
        for i in range(count):
            log = logs / f"years-{years}-{kind}-{i}.log"
            sample, _ = run(command, project, env, log)
            sample.nodes = executed_nodes(project)
            samples[kind].append(sample)
    warehouse = project / "warehouse" / "ind.duckdb"
    return {
        "years": years,
        "samples": samples,
        "warehouse_bytes": warehouse.stat().st_size,
        "seed_rows": sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in (project / "seeds").glob("**/*.csv")),
        "dbt": dbt_outcome(project),
        "range_check_failures": range_check_failures(log),
        "project": str(project),
    }

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

# `python -m indwh.build` for a project with synthetic years. Two
# expectations of the range checks hard-code facts of the 2011 report alone
# (the report year is 2011; the facts hold 259, 31 and 12 rows); they are
# told the synthetic years and their row counts (the 2011 counts per year),
# every other expectation runs as is. Should the range checks change so
# that this no longer applies, a failed range check is reported and the
# build goes on, so that every size is still built and measured.
BUILD_WITH_SYNTHETIC_YEARS = """
import sys
from indwh import build
years = int(sys.argv[1])
try:
    from indwh.range_checks import spec
except ImportError:
    spec = None
if spec is not None and hasattr(spec, "REPORT_YEARS") and hasattr(spec, "expected_rows"):
    rows_per_year = spec.expected_rows()
    spec.REPORT_YEARS = [spec.REPORT_YEARS[0] + i for i in range(years)]
    spec.expected_rows = lambda: {table: years * rows for table, rows in rows_per_year.items()}
    print(f"range checks told: report years {spec.REPORT_YEARS[0]}-{spec.REPORT_YEARS[-1]}, rows {spec.expected_rows()}")
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


def build(project: Path, years: int, log: Path) -> Sample:
    sample, _ = run([sys.executable, "-c", BUILD_WITH_SYNTHETIC_YEARS, str(years)], project, environment(project), log)
    sample.nodes = executed_nodes(project)
    return sample


def measure(work: Path, sizes: list[int], runs: int, logs: Path) -> list[dict]:
    """Per size: a copy with that many report years, built from scratch once,
    then `runs` times again, the sizes in turns (a change in the machine's
    load hits every size alike)."""
    projects = {}
    for years in sizes:
        projects[years] = copy_project(work / f"years-{years}")
        add_years(projects[years], years)
    samples = {years: {"build_cold": [], "build_warm": []} for years in sizes}
    for years, project in projects.items():
        samples[years]["build_cold"].append(build(project, years, logs / f"years-{years}-cold.log"))
    for i in range(runs):
        for years, project in projects.items():
            log = logs / f"years-{years}-warm-{i}.log"
            samples[years]["build_warm"].append(build(project, years, log))
    return [
        {
            "years": years,
            "samples": samples[years],
            "warehouse_bytes": (project / "warehouse" / "ind.duckdb").stat().st_size,
            "seed_rows": sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in (project / "seeds").glob("**/*.csv")),
            "dbt": dbt_outcome(project),
            "range_check_failures": range_check_failures(logs / f"years-{years}-warm-{runs - 1}.log"),
            "project": str(project),
        }
        for years, project in projects.items()
    ]

"""What recording a publish costs: `release.record` (marts.publicaties and
marts.wijzigingen, indwh.pipeline.release), in-process, on a copy of a
project copy's build file against that project's published file.

The build file is gone once it is published; what dbt left in it is the
published file without the two history tables, so that is what each run
records into (a fresh copy per run, made before the clock starts). One run
first, untimed, loads what the build process has loaded by then.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb

from indwh.pipeline import release, seed_files
from indwh_tools.bench.measure import Sample

RUNS = 5  # several even when the builds around it run once: a run takes a second or two


def build_file(project: Path, destination: Path) -> Path:
    """`destination`: the project's published file as dbt left it in the build file, without its history."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(project / "warehouse" / "ind.duckdb", destination)
    with duckdb.connect(str(destination)) as con:
        for name in release.HISTORY:
            con.execute(f"drop table if exists marts.{name}")
        con.execute("checkpoint")
    return destination


def measure(project: Path, work: Path, runs: int = RUNS) -> list[Sample]:
    """Wall and CPU seconds (this process, DuckDB's threads included) of
    `runs` recordings of a publish of `project`, after one untimed."""
    published = project / "warehouse" / "ind.duckdb"
    built = build_file(project, work / "build.duckdb")
    target, folders = work / "recording" / "ind.duckdb", seed_files.seed_dirs(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    samples = []
    for i in range(runs + 1):
        shutil.copyfile(built, target)
        wall, cpu = time.perf_counter(), time.process_time()
        release.record(target, published, project, folders)
        if i:
            samples.append(Sample(time.perf_counter() - wall, time.process_time() - cpu))
    shutil.rmtree(target.parent)
    built.unlink()
    return samples

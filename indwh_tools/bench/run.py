"""`make bench`: measure, then write target/bench/results.json and results.md,
and the same page as docs/performance-latest.md.

    indwh-tools bench [--runs 5] [--sizes 1,100] [--growth-runs 1]
    indwh-tools bench --growth-only [--sizes 1,10,100,1000]    (make bench-growth)

The default run measures everything but growth five times, and growth with
1 and 100 report years (the sizes of the growth target, report.GROWTH_YEARS).
`make bench-growth` builds 1, 10, 100 and 1000 report years (1000 for
information) and writes target/bench/growth.json and growth.md
(docs/performance-latest.md shows them from the next `make bench` on).

The builds are measured in copies under target/bench/work/ (kept for
inspection until the next run). `make test` and `make test-quick` run in
the working tree as typed there (the site's browser test needs its
installed packages), publishing into its warehouse as they always do.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from indwh.paths import ROOT
from indwh_tools.bench import growth, queries, recording, steps
from indwh_tools.bench.measure import load, machine, summary
from indwh_tools.bench.projects import write_reference
from indwh_tools.bench.report import GROWTH_YEARS, checks, page, targets
from indwh_tools.sandbox import copy_project

OUT = ROOT / "target" / "bench"
LATEST = ROOT / "docs" / "performance-latest.md"
BENCH_SIZES = (1, GROWTH_YEARS)  # the growth series of `make bench`


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench(
    runs: int = 5, growth_runs: int = 1, sizes: str | None = None, growth_only: bool = False, dev_loop_only: bool = False
) -> int:
    """Measure what the options select and write it into target/bench/."""
    work, logs = OUT / "work", OUT / "logs"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": machine(),
        "load_before": load(),
        "runs": runs,
    }
    years = [int(size) for size in (sizes or ",".join(map(str, growth.SIZES if growth_only else BENCH_SIZES))).split(",") if size]
    if growth_only:
        results |= {"runs": growth_runs, "project": {}, "reference": {}, "queries": []}
        return write(results, growth_series(results, work, years, growth_runs, logs), "growth")

    project = copy_project(work / "project", link_venv=True)
    if dev_loop_only:
        progress("make build once, then the dev loop: make dev, and make watch running")
        steps.make(project, "build", logs / "build.log")
        measured = {"dev_loop": steps.dev_loop(project, runs, logs)}
        measured |= steps.watch_loop(project, runs, logs, after=runs)
        results |= {"project": {name: summary(samples) for name, samples in measured.items()}, "reference": {}, "queries": []}
        results["growth"] = []
        return write(results, {}, "dev_loop")
    progress(f"project copy in {project.relative_to(ROOT)}: make build cold, warm, and dbt build alone, {runs} runs each")
    measured = steps.builds(project, runs, logs)
    progress("queries")
    results["queries"] = queries.time_queries(project, project / "warehouse" / "ind.duckdb")
    progress("range checks")
    measured |= steps.range_checks(project, runs, logs) or {}
    progress("recording a publish (release.record, in-process)")
    measured["recording"] = recording.measure(project, work / "recording", runs)
    progress("dev loop: one seed value changed, make dev")
    measured["dev_loop"] = steps.dev_loop(project, runs, logs)
    progress("dev loop: one seed value changed, make watch running")
    measured |= steps.watch_loop(project, runs, logs, after=runs)
    results["published_bytes"] = (project / "warehouse" / "ind.duckdb").stat().st_size
    progress("the test loop, once each, in the working tree: make test-quick, make test")
    measured |= steps.test_loop(logs)
    results["project"] = {name: summary(samples) for name, samples in measured.items()}

    progress("reference project: cold, warm, dev loop")
    reference = write_reference(work / "reference")
    results["reference"] = {name: summary(samples) for name, samples in steps.reference(reference, runs, logs).items()}

    return write(results, growth_series(results, work, years, growth_runs, logs), "results")


def growth_series(results: dict[str, Any], work: Path, sizes: list[int], runs: int, logs: Path) -> dict[str, Any]:
    progress(f"growth: {', '.join(map(str, sizes))} report years, built once from scratch, then {runs} time(s) in turns")
    results["growth"] = growth.measure(work, sizes, runs, logs)
    for size in results["growth"]:
        size["samples"] = {name: summary(samples) for name, samples in size["samples"].items()}
    return results


def write(results: dict[str, Any], _: dict[str, Any], name: str) -> int:
    results["load_after"] = load()
    results["targets"], results["checks"] = targets(results), checks(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = page(results)
    (OUT / f"{name}.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    written = [OUT / f"{name}.json", OUT / f"{name}.md"]
    if name == "results":  # a whole `make bench`: the docs' figures, with the latest growth series
        series = OUT / "growth.json"
        LATEST.write_text(
            page(results, json.loads(series.read_text(encoding="utf-8")) if series.exists() else None), encoding="utf-8"
        )
        written.append(LATEST)
    print(f"Written: {', '.join(str(path.relative_to(ROOT)) for path in written)}")
    return 0

"""`make bench`: measure, then write target/bench/results.json and results.md.

    python -m indwh.bench [--runs 5] [--sizes 1,10] [--growth-runs 1]
    python -m indwh.bench --growth-only [--sizes 1,10,100,1000]    (make bench-growth)

The default run keeps to a few minutes on a 2-core machine: every
measurement but growth five times, and growth with 1 and 10 report years.
`make bench-growth` builds 1, 10, 100 and 1000 report years and writes
target/bench/growth.json and growth.md.

Everything is built in copies under target/bench/work/ (kept for
inspection until the next run); the working tree and its warehouse are
left alone.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from indwh.bench import growth, queries, steps
from indwh.bench.measure import load, machine, summary
from indwh.bench.projects import copy_project, write_reference
from indwh.bench.report import markdown, targets
from indwh.paths import ROOT

OUT = ROOT / "target" / "bench"


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m indwh.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--growth-runs", type=int, default=1, help="builds per size after the first, from scratch, one (default 1)")
    parser.add_argument("--sizes", help="report years to build (default 1,10; with --growth-only 1,10,100,1000)")
    parser.add_argument("--growth-only", action="store_true", help="only the growth series, into growth.json and growth.md")
    parser.add_argument("--dev-loop-only", action="store_true", help="only the dev loop (make dev, make watch), into dev_loop.json and .md")
    return parser.parse_args(argv)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = arguments(sys.argv[1:] if argv is None else argv)
    work, logs = OUT / "work", OUT / "logs"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M:%S %z"), "machine": machine(), "load_before": load(), "runs": args.runs}
    sizes = [int(size) for size in (args.sizes or ",".join(map(str, growth.SIZES if args.growth_only else (1, 10)))).split(",") if size]
    if args.growth_only:
        results |= {"runs": args.growth_runs, "project": {}, "reference": {}, "queries": []}
        return write(results, growth_series(results, work, sizes, args.growth_runs, logs), "growth")

    project = copy_project(work / "project")
    if args.dev_loop_only:
        progress("make build once, then the dev loop: make dev, and make watch running")
        steps.make(project, "build", logs / "build.log")
        measured = {"dev_loop": steps.dev_loop(project, args.runs, logs)}
        measured |= steps.watch_loop(project, args.runs, logs, after=args.runs)
        results |= {"project": {name: summary(samples) for name, samples in measured.items()}, "reference": {}, "queries": []}
        results["growth"] = []
        return write(results, {}, "dev_loop")
    progress(f"project copy in {project.relative_to(ROOT)}: make build cold, warm, and dbt build alone, {args.runs} runs each")
    measured = steps.builds(project, args.runs, logs)
    progress("queries")
    results["queries"] = queries.time_queries(project, project / "warehouse" / "ind.duckdb")
    progress("range checks")
    measured |= steps.range_checks(project, args.runs, logs) or {}
    progress("dev loop: one seed value changed, make dev")
    measured["dev_loop"] = steps.dev_loop(project, args.runs, logs)
    progress("dev loop: one seed value changed, make watch running")
    measured |= steps.watch_loop(project, args.runs, logs, after=args.runs)
    results["project"] = {name: summary(samples) for name, samples in measured.items()}

    progress("reference project: cold, warm, dev loop")
    reference = write_reference(work / "reference")
    results["reference"] = {name: summary(samples) for name, samples in steps.reference(reference, args.runs, logs).items()}

    return write(results, growth_series(results, work, sizes, args.growth_runs, logs), "results")


def growth_series(results: dict, work: Path, sizes: list[int], runs: int, logs: Path) -> dict:
    progress(f"growth: {', '.join(map(str, sizes))} report years, built once from scratch, then {runs} time(s) in turns")
    results["growth"] = growth.measure(work, sizes, runs, logs)
    for size in results["growth"]:
        size["samples"] = {name: summary(samples) for name, samples in size["samples"].items()}
    return results


def write(results: dict, _: dict, name: str) -> int:
    results["load_after"] = load()
    results["targets"] = targets(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    (OUT / f"{name}.md").write_text(table, encoding="utf-8")
    print("\n" + table)
    print(f"Written: {(OUT / f'{name}.json').relative_to(ROOT)}, {(OUT / f'{name}.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark's figures against its targets, and the one page of Markdown
they are written as: target/bench/<name>.md and docs/performance-latest.md.
The page holds no date, clock time or commit: only figures and the machine."""

from __future__ import annotations

from typing import Any

DEV_LOOP_SECONDS = 6.0
BUILD_OVER_DBT = 1.3
QUERY_MILLISECONDS = 10.0
GROWTH_FACTOR = 2.0
RECORDING_SECONDS = 0.3  # release.record at one report year
RECORDING_LARGEST_SECONDS = 2.0  # ... and at RECORDING_LARGEST_YEARS
RECORDING_LARGEST_YEARS = 1000
TEST_SECONDS = 300.0  # make test, warm
TEST_QUICK_SECONDS = 90.0  # make test-quick
PUBLISHED_BYTES = 5_000_000  # the published warehouse at one report year (indwh.pipeline.compact)

ROWS = (  # project measurement, its reference counterpart, label
    ("build_cold", "build_cold", "make build, clean target/ (full parse)"),
    ("build_warm", "build_warm", "make build, again (partial parse)"),
    ("dbt_alone", "build_warm", "dbt build alone (the command make build runs)"),
    ("dev_loop", "dev_loop", "dev loop: one seed value changed, make dev"),
    ("watch_published", "dev_loop", "dev loop: one seed value changed, make watch running: until republished"),
    ("watch_ready", None, "  make watch: until watching again (manifest kept for make dev)"),
    ("range_checks", None, "range checks alone (indwh check)"),
    ("range_checks_import", None, "  of which importing them (python -c 'import indwh.range_checks.run')"),
    ("test_quick", None, "make test-quick (no builds: pytest -m 'not builds', lint), once"),
    ("test", None, "make test, warm (a previous build, the site's packages installed), once"),
)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured value and whether it is met."""
    project, found = results["project"], []

    def add(name: str, value: float | None, limit: float, unit: str) -> None:
        if value is not None:
            found.append({"target": name, "value": value, "limit": limit, "unit": unit, "met": value <= limit})

    if project:
        add("dev loop, make dev (median)", project["dev_loop"]["median"], DEV_LOOP_SECONDS, "s")
        if "watch_published" in project:
            add(
                "dev loop, make watch: change to republished (median)",
                project["watch_published"]["median"],
                DEV_LOOP_SECONDS,
                "s",
            )
    if "test" in project:
        add("make test, warm", project["test"]["median"], TEST_SECONDS, "s")
    if "test_quick" in project:
        add("make test-quick", project["test_quick"]["median"], TEST_QUICK_SECONDS, "s")
    if results.get("published_bytes"):
        add("published file, one report year", results["published_bytes"] / 1e6, PUBLISHED_BYTES / 1e6, "MB")
    if "build_warm" in project:
        ratio = project["build_warm"]["median"] / project["dbt_alone"]["median"]
        add("make build warm / dbt build alone (medians)", ratio, BUILD_OVER_DBT, "x")
    analyses = [q for q in results["queries"] if q["query"].startswith("analyses/")]
    if analyses:
        add("slowest analyses/ query (median)", max(q.get("median_ms", float("inf")) for q in analyses), QUERY_MILLISECONDS, "ms")
    sizes = {g["years"]: g for g in results["growth"]}
    if sizes:
        nodes = {g["samples"]["build_warm"]["nodes"] for g in sizes.values()}
        found.append({"target": "same node count for every size", "value": sorted(map(str, nodes)), "met": len(nodes) == 1})
        # exposures end as no-op: dbt build has nothing to run for them
        passed = all(set(g["dbt"]) <= {"pass", "success", "no-op"} for g in sizes.values())
        found.append(
            {
                "target": "every dbt node passes at every size",
                "value": {g["years"]: g["dbt"] for g in sizes.values()},
                "met": passed,
            }
        )
    one = project.get("recording") or sizes.get(1, {}).get("samples", {}).get("recording")
    if one:
        add("recording a publish, one report year (median)", one["median"], RECORDING_SECONDS, "s")
    largest = sizes.get(RECORDING_LARGEST_YEARS, {}).get("samples", {}).get("recording")
    if largest:
        add(
            f"recording a publish, {RECORDING_LARGEST_YEARS} report years (median)",
            largest["median"],
            RECORDING_LARGEST_SECONDS,
            "s",
        )
    if 1 in sizes and len(sizes) > 1:
        largest = max(sizes)
        ratio = sizes[largest]["samples"]["build_warm"]["median"] / sizes[1]["samples"]["build_warm"]["median"]
        add(f"build with {largest} report years / with 1 (warm)", ratio, GROWTH_FACTOR, "x")
    return found


def short(failure: str) -> str:
    """`FAILED fact_aanvragen.rapportjaar: expect_column_values_to_be_in_set value_set=[2011] [years and rows]`
    -> `fact_aanvragen.rapportjaar in_set [2011]`."""
    where, _, rest = failure.removeprefix("FAILED ").partition(": ")
    expectation, _, arguments = rest.partition(" ")
    arguments = arguments.rsplit(" [", 1)[0].split("=", 1)[-1]
    return (
        f"{where} {expectation.removeprefix('expect_').removeprefix('column_values_to_be_').removeprefix('table_')} {arguments}"
    )


INTRO = """\
# Latest figures

The figures of the latest `make bench` (and of `make bench-growth`, when it
has run); `make bench` rewrites this file. What is measured, and how, is in
[performance.md](performance.md)."""


def table(header: list[str], rows: list[list[str]], left: tuple[int, ...] = (0,)) -> list[str]:
    """A Markdown table, after an empty line; the columns numbered in `left` aligned left, the others right."""
    rule = ["---" if i in left else "---:" for i in range(len(header))]
    return ["", "| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"] + [
        "| " + " | ".join(row) + " |" for row in rows
    ]


def seconds(summary: dict[str, Any]) -> list[str]:
    return [f"{summary[key]:.2f}" for key in ("median", "min", "max", "cpu_median")]


def machine(results: dict[str, Any]) -> str:
    m = results["machine"]
    return (
        f"Machine: {m['nproc']} cores ({m['cpu_model'] or 'CPU model unknown'}), {m.get('ram_gib', '?')} GiB RAM,"
        f" Python {m['python']}, {m['system']}; load average {results['load_before']:.2f} before and"
        f" {results['load_after']:.2f} after the run; {results['runs']} run(s) of each measurement."
    )


def node_counts(results: dict[str, Any]) -> str:
    """The dbt nodes a build, the dev loop and each growth size ran."""
    project, parts = results["project"], []
    for name, what in (("build_warm", "make build"), ("dev_loop", "the dev loop")):
        if isinstance(project.get(name, {}).get("nodes"), int):
            parts.append(f"{what} {project[name]['nodes']}")
    by_count: dict[str, list[str]] = {}
    for g in results["growth"]:
        by_count.setdefault(str(g["samples"]["build_warm"]["nodes"]), []).append(str(g["years"]))
    parts += [f"{count} at {', '.join(years)} report years" for count, years in by_count.items()]
    return f"dbt nodes: {'; '.join(parts)}." if parts else ""


def target_rows(found: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for t in found:
        value = f"{t['value']:.2f} {t['unit']}" if isinstance(t["value"], float) else str(t["value"])
        limit = f"{t['limit']} {t['unit']}" if "limit" in t else ""
        rows.append([t["target"], value, limit, "yes" if t["met"] else "NO"])
    return rows


def growth_table(results: dict[str, Any]) -> list[str]:
    rows = []
    for g in results["growth"]:
        cold, warm = g["samples"]["build_cold"], g["samples"]["build_warm"]
        recorded = g["samples"].get("recording")
        rows.append(
            [
                str(g["years"]),
                str(g["seed_rows"]),
                str(warm["nodes"]),
                f"{cold['median']:.2f}",
                f"{warm['median']:.2f}",
                f"{recorded['median']:.2f}" if recorded else "",
                f"{g['warehouse_bytes'] / 1e6:.1f}",
                ", ".join(f"{k} {v}" for k, v in sorted(g["dbt"].items())),
                g["range_checks"],
            ]
        )
    header = ["report years", "seed rows", "nodes", "build, cold s", "build, warm s", "recording s", "warehouse MB"]
    return table([*header, "dbt nodes", "range checks"], rows, left=(len(header), len(header) + 1))


def recording_rows(results: dict[str, Any], series: str) -> list[list[str]]:
    """A row per measured recording: of the project, and of each growth size."""
    rows = []
    if "recording" in results["project"]:
        r = results["project"]["recording"]
        rows.append(["1", "the project", *seconds(r), str(r["runs"])])
    for g in results["growth"]:
        if "recording" in g["samples"]:
            r = g["samples"]["recording"]
            rows.append([str(g["years"]), series, *seconds(r), str(r["runs"])])
    return rows


def page(results: dict[str, Any], growth: dict[str, Any] | None = None) -> str:
    """The page of the figures in `results` (one `indwh bench` run), and of a
    growth series of another run (`make bench-growth`) when given."""
    project, reference = results["project"], results["reference"]
    runs = [results] + ([growth] if growth else [])
    lines = [INTRO, "", machine(results), node_counts(results)]
    lines += [
        "",
        "## Targets",
        *table(["target", "measured", "limit", "met"], target_rows(results["targets"]), left=(0, 1, 2, 3)),
    ]
    if growth:
        lines += table(
            ["target (make bench-growth)", "measured", "limit", "met"], target_rows(growth["targets"]), left=(0, 1, 2, 3)
        )
    measured = [(name, ref_name, label) for name, ref_name, label in ROWS if name in project]
    if measured:
        rows = []
        for name, ref_name, label in measured:
            p = project[name]
            r = reference.get(ref_name) if ref_name else None
            nodes = p["nodes"] if isinstance(p["nodes"], int) else None
            rows.append(
                [label, *seconds(p), str(nodes or ""), f"{1000 * p['median'] / nodes:.0f}" if nodes else ""]
                + ([f"{r['median']:.2f}", str(r["nodes"]), f"{p['median'] / r['median']:.1f}"] if r else ["", "", ""])
            )
        header = ["measurement", "median s", "min s", "max s", "CPU s", "nodes", "ms/node", "reference s", "ref. nodes"]
        lines += ["", "## Builds, the dev loop, range checks and the test loop", *table([*header, "× reference"], rows)]
    recorded = recording_rows(results, "growth") + (recording_rows(growth, "make bench-growth") if growth else [])
    if recorded:
        lines += ["", "## Recording a publish", "", "`release.record` in-process (marts.publicaties, marts.wijzigingen)."]
        lines += table(["report years", "measured in", "median s", "min s", "max s", "CPU s", "runs"], recorded, left=(1,))
    if results["queries"]:
        rows = [
            [q["query"], f"error: {q['error']}", "", "", ""]
            if "error" in q
            else [q["query"], f"{q['median_ms']:.2f}", f"{q['min_ms']:.2f}", f"{q['max_ms']:.2f}", str(q["rows"])]
            for q in results["queries"]
        ]
        lines += ["", "## Queries", "", "In-process, read-only, after a warm-up."]
        lines += table(["query", "median ms", "min ms", "max ms", "rows"], rows)
    for run in runs:
        if run["growth"]:
            lines += ["", "## Growth by report years" + (" (make bench-growth)" if run is growth else "")]
            if run is growth:
                lines += ["", machine(run)]
            lines += growth_table(run)
    return "\n".join(lines) + "\n"

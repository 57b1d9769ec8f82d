"""The benchmark's figures against its targets, and the one page of Markdown
they are written as: target/bench/<name>.md and docs/performance-latest.md.
The page holds no date, clock time or commit: only figures and the machine."""

from __future__ import annotations

from typing import Any

# The targets (docs/performance.md#targets); each is met at or under its limit.
BUILD_OVER_DBT = 1.3  # warm make build / dbt build alone, medians
WATCH_SECONDS = 6.0  # make watch running: from a changed seed to the file republished, median
QUERY_MILLISECONDS = 10.0  # the slowest analyses/ query, median
PUBLISHED_BYTES = 5_000_000  # the published warehouse at one report year (indwh.pipeline.compact)
GROWTH_YEARS = 100  # a century of reports: the real upper bound
GROWTH_FACTOR = 1.25  # warm build at GROWTH_YEARS report years / at one, medians
TEST_SECONDS = 300.0  # make test, warm
TEST_QUICK_SECONDS = 90.0  # make test-quick

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
    """Each target with the measured value and whether it is met (value <= limit).
    A target whose measurement the run did not make is left out."""
    project, found = results["project"], []

    def add(name: str, value: float, limit: float, unit: str) -> None:
        found.append({"target": name, "value": value, "limit": limit, "unit": unit, "met": value <= limit})

    if "build_warm" in project and "dbt_alone" in project:
        ratio = project["build_warm"]["median"] / project["dbt_alone"]["median"]
        add("make build warm / dbt build alone (medians)", ratio, BUILD_OVER_DBT, "x")
    if "watch_published" in project:
        add("make watch: change to republished (median)", project["watch_published"]["median"], WATCH_SECONDS, "s")
    analyses = [q for q in results["queries"] if q["query"].startswith("analyses/")]
    if analyses:
        add("slowest analyses/ query (median)", max(q.get("median_ms", float("inf")) for q in analyses), QUERY_MILLISECONDS, "ms")
    if results.get("published_bytes"):
        add("published file, one report year", results["published_bytes"] / 1e6, PUBLISHED_BYTES / 1e6, "MB")
    sizes = {g["years"]: g["samples"]["build_warm"]["median"] for g in results["growth"]}
    if 1 in sizes and GROWTH_YEARS in sizes:
        add(
            f"build with {GROWTH_YEARS} report years / with 1 (warm, medians)", sizes[GROWTH_YEARS] / sizes[1], GROWTH_FACTOR, "x"
        )
    if "test" in project:
        add("make test, warm", project["test"]["median"], TEST_SECONDS, "s")
    if "test_quick" in project:
        add("make test-quick", project["test_quick"]["median"], TEST_QUICK_SECONDS, "s")
    return found


def checks(results: dict[str, Any]) -> list[dict[str, Any]]:
    """What makes the growth series comparable, size by size: the same dbt
    nodes at every size (report years are rows, not models), each passing."""
    sizes = results["growth"]
    if not sizes:
        return []
    nodes = {g["samples"]["build_warm"]["nodes"] for g in sizes}
    # exposures end as no-op: dbt build has nothing to run for them
    passed = all(set(g["dbt"]) <= {"pass", "success", "no-op"} for g in sizes)
    return [
        {"check": "same node count for every size", "value": sorted(map(str, nodes)), "met": len(nodes) == 1},
        {"check": "every dbt node passes at every size", "value": {g["years"]: g["dbt"] for g in sizes}, "met": passed},
    ]


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


def met(found: dict[str, Any]) -> str:
    return "yes" if found["met"] else "NO"


def target_rows(found: list[dict[str, Any]]) -> list[list[str]]:
    return [[t["target"], f"{t['value']:.2f} {t['unit']}", f"{t['limit']} {t['unit']}", met(t)] for t in found]


def check_rows(found: list[dict[str, Any]]) -> list[list[str]]:
    return [[c["check"], str(c["value"]), met(c)] for c in found]


def growth_table(results: dict[str, Any]) -> list[str]:
    """A row per size, with its warm build against the one-year build of the same series."""
    one = next((g["samples"]["build_warm"]["median"] for g in results["growth"] if g["years"] == 1), None)
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
                f"{warm['median'] / one:.2f}" if one else "",
                f"{recorded['median']:.2f}" if recorded else "",
                f"{g['warehouse_bytes'] / 1e6:.1f}",
                ", ".join(f"{k} {v}" for k, v in sorted(g["dbt"].items())),
                g["range_checks"],
            ]
        )
    header = ["report years", "seed rows", "nodes", "build, cold s", "build, warm s", "× 1 year", "recording s", "warehouse MB"]
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
    """The page of the figures in `results` (one `indwh-tools bench` run), and of a
    growth series of another run (`make bench-growth`) when given."""
    project, reference = results["project"], results["reference"]
    runs = [results] + ([growth] if growth else [])
    lines = [INTRO, "", machine(results), node_counts(results)]
    lines += [
        "",
        "## Targets",
        *table(["target", "measured", "limit", "met"], target_rows(targets(results)), left=(0, 1, 2, 3)),
    ]
    if growth and targets(growth):
        lines += table(
            ["target (make bench-growth)", "measured", "limit", "met"], target_rows(targets(growth)), left=(0, 1, 2, 3)
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
            lines += table(["check", "measured", "met"], check_rows(checks(run)), left=(0, 1, 2))
            lines += growth_table(run)
    return "\n".join(lines) + "\n"

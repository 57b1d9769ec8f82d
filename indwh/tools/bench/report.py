"""The benchmark's figures against its targets, and as a short Markdown table."""

from __future__ import annotations

from typing import Any

DEV_LOOP_SECONDS = 6.0
BUILD_OVER_DBT = 1.3
QUERY_MILLISECONDS = 10.0
GROWTH_FACTOR = 2.0

ROWS = (  # project measurement, its reference counterpart, label
    ("build_cold", "build_cold", "make build, clean target/ (full parse)"),
    ("build_warm", "build_warm", "make build, again (partial parse)"),
    ("dbt_alone", "build_warm", "dbt build alone (the command make build runs)"),
    ("dev_loop", "dev_loop", "dev loop: one seed value changed, make dev"),
    ("watch_published", "dev_loop", "dev loop: one seed value changed, make watch running: until republished"),
    ("watch_ready", None, "  make watch: until watching again (manifest kept for make dev)"),
    ("range_checks", None, "range checks alone (indwh check)"),
    ("range_checks_import", None, "  of which importing them (python -c 'import indwh.range_checks.run')"),
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
        passed = all(set(g["dbt"]) <= {"pass", "success"} for g in sizes.values())
        found.append(
            {
                "target": "every dbt node passes at every size",
                "value": {g["years"]: g["dbt"] for g in sizes.values()},
                "met": passed,
            }
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


def markdown(results: dict[str, Any]) -> str:
    m, project, reference = results["machine"], results["project"], results["reference"]
    lines = [
        f"# Benchmark {results['when']}",
        "",
        f"{m['nproc']} cores ({m['cpu_model']}), {m.get('ram_gib', '?')} GiB RAM, Python {m['python']};"
        f" load average {results['load_before']:.2f} before, "
        f"{results['load_after']:.2f} after; {results['runs']} runs each. Reproduce: "
        + (
            "`make bench-growth`."
            if not project
            else "`make bench`."
            if "build_warm" in project
            else "`indwh bench --dev-loop-only`."
        ),
    ]
    if project:
        lines += [
            "",
            "| measurement | median s | min s | max s | CPU s | nodes | ms/node | reference s | ref. nodes | × reference |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
    for name, ref_name, label in ROWS:
        if name not in project:
            continue
        p = project[name]
        r = reference.get(ref_name) if ref_name else None
        nodes = p["nodes"] if isinstance(p["nodes"], int) else None
        per_node = f"{1000 * p['median'] / nodes:.0f}" if nodes else ""
        ref = f"{r['median']:.2f} | {r['nodes']} | {p['median'] / r['median']:.1f}" if r else " | | "
        lines.append(
            f"| {label} | {p['median']:.2f} | {p['min']:.2f} | {p['max']:.2f} | {p['cpu_median']:.2f}"
            f" | {nodes or ''} | {per_node} | {ref} |"
        )
    if results["queries"]:
        lines += [
            "",
            "| query (in-process, read-only) | median ms | min ms | max ms | rows |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for q in results["queries"]:
            if "error" in q:
                lines.append(f"| {q['query']} | error: {q['error']} | | | |")
            else:
                lines.append(f"| {q['query']} | {q['median_ms']:.2f} | {q['min_ms']:.2f} | {q['max_ms']:.2f} | {q['rows']} |")
    elif project:
        lines += ["", "No analyses/*.sql to time."]
    if results["growth"]:
        lines += [
            "",
            "| report years | seed rows | nodes | build, cold s | build, warm s | warehouse MB | dbt nodes | range checks |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        for g in results["growth"]:
            cold, warm = g["samples"]["build_cold"], g["samples"]["build_warm"]
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(g["dbt"].items()))
            failed = g["range_checks"]
            lines.append(
                f"| {g['years']} | {g['seed_rows']} | {warm['nodes']} | {cold['median']:.2f} | {warm['median']:.2f} | "
                f"{g['warehouse_bytes'] / 1e6:.1f} | {statuses} | {failed} |"
            )
    lines += ["", "| target | measured | limit | met |", "| --- | --- | --- | --- |"]
    for t in results["targets"]:
        value = f"{t['value']:.2f} {t['unit']}" if isinstance(t["value"], float) else str(t["value"])
        limit = f"{t['limit']} {t['unit']}" if "limit" in t else ""
        lines.append(f"| {t['target']} | {value} | {limit} | {'yes' if t['met'] else 'NO'} |")
    return "\n".join(lines) + "\n"

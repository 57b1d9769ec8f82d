"""The page `make bench` writes as docs/performance-latest.md, rendered
from a small set of results made here: every table, no date or clock time."""

from __future__ import annotations

import re
from typing import Any

from indwh.tools.bench.report import page, targets

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK = re.compile(r"\d\d:\d\d")
TABLES = (
    "## Targets",
    "## Builds, the dev loop, range checks and the test loop",
    "## Recording a publish",
    "## Queries",
    "## Growth by report years",
)


def timed(median: float, nodes: int | None = None) -> dict[str, Any]:
    return {"runs": 3, "median": median, "min": median * 0.9, "max": median * 1.2, "cpu_median": median, "nodes": nodes}


def size(years: int, warm: float, recording: float) -> dict[str, Any]:
    return {
        "years": years,
        "samples": {"build_cold": timed(warm * 1.2, 287), "build_warm": timed(warm, 287), "recording": timed(recording)},
        "warehouse_bytes": 16_500_000 * years,
        "seed_rows": 913 * years,
        "dbt": {"pass": 214, "success": 73},
        "range_checks": "all 116 expectations hold",
    }


def results() -> dict[str, Any]:
    made: dict[str, Any] = {
        "when": "2011-12-31 23:59:00 +0100",  # in the json only
        "machine": {"nproc": 2, "cpu_model": "AMD EPYC", "ram_gib": 23.5, "python": "3.11.7", "system": "Linux-6.18-x86_64"},
        "load_before": 0.78,
        "load_after": 1.76,
        "runs": 3,
        "project": {
            "build_cold": timed(14.99, 287),
            "build_warm": timed(11.75, 287),
            "dbt_alone": timed(9.98, 287),
            "dev_loop": timed(8.25, 102),
            "range_checks": timed(3.91),
            "recording": timed(0.21),
            "test_quick": timed(71.2),
            "test": timed(288.4),
        },
        "published_bytes": 4_173_824,
        "reference": {"build_cold": timed(5.76, 65), "build_warm": timed(4.51, 65), "dev_loop": timed(3.46, 13)},
        "queries": [
            {"query": "analyses/kerncijfers.sql", "runs": 20, "rows": 12, "median_ms": 0.86, "min_ms": 0.81, "max_ms": 1.01}
        ],
        "growth": [size(1, 12.4, 0.21), size(10, 13.8, 0.3)],
    }
    made["targets"] = targets(made)
    return made


def growth_results() -> dict[str, Any]:
    made = results() | {"project": {}, "reference": {}, "queries": [], "growth": [size(1, 12.4, 0.2), size(1000, 23.4, 2.5)]}
    made["targets"] = targets(made)
    return made


def test_the_page_has_every_table_and_no_date_or_time() -> None:
    text = page(results(), growth_results())
    for heading in TABLES:
        assert f"\n{heading}" in text, heading
        section = text.split(f"\n{heading}", 1)[1].split("\n## ", 1)[0]
        assert re.search(r"^\| .+ \|\n\| (---:?( \| )?)+ \|\n\| ", section, re.MULTILINE), f"{heading}: no table"
    assert "Growth by report years (make bench-growth)" in text
    assert "2 cores (AMD EPYC), 23.5 GiB RAM" in text and "load average 0.78 before and 1.76 after" in text
    assert "dbt nodes: make build 287; the dev loop 102; 287 at 1, 10 report years." in text
    assert not DATE.search(text), DATE.search(text)
    assert not CLOCK.search(text), CLOCK.search(text)


def test_the_recording_targets() -> None:
    found = {t["target"]: t for t in targets(results()) + targets(growth_results())}
    assert found["recording a publish, one report year (median)"]["met"]
    assert not found["recording a publish, 1000 report years (median)"]["met"]  # 2.5 s against 2 s


def test_the_patterns_catch_a_date_and_a_time() -> None:
    assert DATE.search("# Benchmark 2011-12-31") and CLOCK.search("at 23:59")


def test_exposures_pass_and_a_failing_node_does_not() -> None:
    """dbt build reports exposures as no-op: that passes; an error does not."""
    made = results()
    made["growth"][1]["dbt"] = {"pass": 214, "success": 73, "no-op": 20}
    met = {found["target"]: found["met"] for found in targets(made)}
    assert met["every dbt node passes at every size"]
    made["growth"][1]["dbt"] = {"pass": 213, "success": 73, "error": 1}
    met = {found["target"]: found["met"] for found in targets(made)}
    assert not met["every dbt node passes at every size"]


def test_the_test_loop_and_the_published_file_have_their_targets() -> None:
    made = results()
    found = {t["target"]: t for t in targets(made)}
    assert found["make test, warm"]["met"] and found["make test-quick"]["met"]
    assert found["published file, one report year"]["value"] == 4.173824 and found["published file, one report year"]["met"]
    text = page(made)
    assert "| make test, warm | 288.40 s | 300.0 s | yes |" in text
    assert "| make test-quick (no builds: pytest -m 'not builds', lint), once | 71.20 |" in text
    unmet_before = {t["target"] for t in targets(made) if not t["met"]}
    made["project"]["test"] = timed(301.0)
    made["published_bytes"] = 5_000_001
    unmet = {t["target"] for t in targets(made) if not t["met"]}
    assert unmet - unmet_before == {"make test, warm", "published file, one report year"}

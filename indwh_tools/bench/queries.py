"""Every analyses/*.sql query, timed in-process on a warehouse file opened
read-only. The report site's source queries are these files (`npm run
sources` copies them into reports/sources/warehouse/), so timing analyses/
times the site's queries too."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import duckdb

QUERY_RUNS = 20


def discover(project: Path) -> list[Path]:
    """The plain-SQL queries of the project, which are also the report site's sources."""
    return sorted((project / "analyses").glob("*.sql"))


def time_queries(project: Path, warehouse: Path, runs: int = QUERY_RUNS) -> list[dict[str, Any]]:
    """Per query: median, min and max milliseconds over `runs` runs after one warm-up."""
    results = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for path in discover(project):
            sql = path.read_text(encoding="utf-8")
            entry = {"query": str(path.relative_to(project)), "runs": runs}
            try:
                rows = len(con.execute(sql).fetchall())  # warm-up
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    con.execute(sql).fetchall()
                    times.append((time.perf_counter() - start) * 1000)
                entry.update(rows=rows, median_ms=statistics.median(times), min_ms=min(times), max_ms=max(times))
            except duckdb.Error as error:
                entry["error"] = str(error).splitlines()[0]
            results.append(entry)
    return results

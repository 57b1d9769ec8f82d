"""Run the range checks over a warehouse file and write their HTML report.

    python -m indwh.checks [warehouse.duckdb]

Exit status 0 when every expectation holds, 1 otherwise; each failed
expectation is printed with its table, column and a few offending rows.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # before great_expectations is imported

import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

from indwh.paths import ROOT, warehouse_path  # noqa: E402
from indwh.range_checks.frames import read_marts  # noqa: E402
from indwh.range_checks.spec import suite, suites  # noqa: E402

DOCS = Path(os.environ.get("IND_CHECKS_DOCS") or ROOT / "target" / "range_checks")
SHOWN_COLUMNS = ["observatie_id", "bron_regel", "bron_waarde", "eenheid", "waarde", "maatstaf"]


def context() -> gx.data_context.AbstractDataContext:
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    ctx.add_data_docs_site(
        site_name="range_checks",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(DOCS)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return ctx


def validate(frames: dict[str, pd.DataFrame], codes: dict[str, set[str]]) -> list[tuple[str, object]]:
    """Validate every table; return (table, expectation result) of every expectation."""
    ctx = context()
    source = ctx.data_sources.add_pandas("marts")
    results = []
    for table, groups in suites(set(frames), codes).items():
        batch_definition = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        definition = ctx.validation_definitions.add(
            gx.ValidationDefinition(name=table, data=batch_definition, suite=ctx.suites.add(suite(table, groups)))
        )
        checkpoint = ctx.checkpoints.add(
            gx.Checkpoint(
                name=table,
                validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="docs")],
                result_format={"result_format": "COMPLETE"},
            )
        )
        run = checkpoint.run(batch_parameters={"dataframe": frames[table]})
        for validation in run.run_results.values():
            results += [(table, result) for result in validation.results]
    return results


def arguments(kwargs: dict) -> str:
    """The expectation's arguments in a line: bounds, set size, and the row condition."""
    shown = {k: v for k, v in kwargs.items() if k not in ("batch_id", "column", "row_condition", "condition_parser") and v is not None}
    if "value_set" in shown:
        values = shown.pop("value_set")
        shown["value_set"] = values if len(values) <= 5 else f"{len(values)} codes"
    condition = kwargs.get("row_condition")
    text = " ".join(f"{k}={v}" for k, v in shown.items())
    if condition:
        text += f" where {condition.get('pass_through_filter', condition) if isinstance(condition, dict) else condition}"
    return text


def describe(table: str, result: object, frame: pd.DataFrame) -> str:
    config = result.expectation_config
    column = config.kwargs.get("column", "(table)")
    lines = [f"FAILED {table}.{column}: {config.type} {arguments(config.kwargs)} [{config.meta.get('group', '')}]"]
    observed = result.result.get("observed_value")
    if observed is not None:
        lines.append(f"  observed: {observed}")
    rows = result.result.get("unexpected_index_list") or []
    if rows:
        shown = [c for c in SHOWN_COLUMNS + [column] if c in frame.columns]
        shown = list(dict.fromkeys(shown))
        lines.append(f"  {len(rows)} offending row(s), first {min(len(rows), 5)}:")
        lines += ["    " + line for line in frame.loc[rows[:5], shown].to_string(index=False).splitlines()]
    return "\n".join(lines)


def write_summary(results: list[tuple[str, object]]) -> Path:
    """A self-contained HTML page of every expectation and its outcome (no
    scripts, no styles from elsewhere: readable offline)."""
    rows = []
    for table, result in results:
        config = result.expectation_config
        kwargs = arguments(config.kwargs)
        state = "holds" if result.success else "FAILED"
        rows.append(
            f"<tr class='{state.lower()}'><td>{html.escape(table)}</td><td>{html.escape(config.meta.get('group', ''))}</td>"
            f"<td>{html.escape(config.type)}</td><td>{html.escape(kwargs)}</td><td>{state}</td>"
            f"<td>{html.escape(str(result.result.get('unexpected_count', result.result.get('observed_value', ''))))}</td></tr>"
        )
    page = DOCS / "summary.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        "<!doctype html><meta charset='utf-8'><title>Range checks</title>"
        "<style>body{font-family:sans-serif}td,th{padding:2px 8px;border-bottom:1px solid #ddd}"
        ".failed{background:#fdd}</style><h1>Range checks of the IND 2011 warehouse</h1>"
        "<table><tr><th>table</th><th>group</th><th>expectation</th><th>arguments</th><th>outcome</th>"
        "<th>unexpected / observed</th></tr>" + "".join(rows) + "</table>",
        encoding="utf-8",
    )
    return page


def shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else warehouse_path()
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    frames, codes = read_marts(path)
    shutil.rmtree(DOCS, ignore_errors=True)
    results = validate(frames, codes)
    failures = [(table, result) for table, result in results if not result.success]
    for table, result in failures:
        print(describe(table, result, frames[table]))
    summary = write_summary(results)
    status = f"{len(failures)} of {len(results)} expectations failed" if failures else f"all {len(results)} expectations hold"
    print(f"Range checks: {status}.")
    print(f"  report (offline): {shown(summary)}")
    print(f"  Data Docs:        {shown(DOCS / 'index.html')}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the range checks over a warehouse file and write their HTML report
(`indwh check [FILE]`, and every build).

Exit status 0 when every expectation holds, 1 otherwise; each failed
expectation is printed with its table, column and a few offending rows.
The report goes to target/range_checks/ ($IND_CHECKS_DOCS): Data Docs
(index.html) that work without a network, and summary.html.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Literal

from indwh.plumbing import forked, offline

offline.apply()  # no telemetry, whatever the caller's environment says; before the import
IMPORT_STARTED = time.perf_counter()

import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.core import ExpectationValidationResult  # noqa: E402
from great_expectations.core.run_identifier import RunIdentifier  # noqa: E402
from great_expectations.data_context import AbstractDataContext  # noqa: E402
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from indwh.errors import MissingTable  # noqa: E402
from indwh.paths import ROOT  # noqa: E402
from indwh.range_checks import data_docs  # noqa: E402
from indwh.range_checks.columns_read import cut_to_columns_read  # noqa: E402
from indwh.range_checks.frames import read_marts  # noqa: E402
from indwh.range_checks.report import arguments, columns_of, config_of, describe  # noqa: E402
from indwh.range_checks.spec import suite, suites  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - IMPORT_STARTED
SITE = "range_checks"
Results = list[tuple[str, ExpectationValidationResult]]
ResultFormat = Literal["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE"]


def docs_dir() -> Path:
    return Path(os.environ.get("IND_CHECKS_DOCS") or ROOT / "target" / "range_checks")


def context(site: Path | None = None) -> AbstractDataContext:
    """An in-memory context without analytics; with `site`, one Data Docs site written there."""
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False), analytics_enabled=False
    )
    ctx = gx.get_context(mode="ephemeral", project_config=config)
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    if site is not None:
        ctx.add_data_docs_site(site_name=SITE, site_config=data_docs.site_config(site))
    return ctx


def validate(
    frames: dict[str, pd.DataFrame],
    codes: dict[str, set[str]],
    ctx: AbstractDataContext | None = None,
    result_format: ResultFormat = "COMPLETE",
) -> Results:
    """Validate every table given against its suite; return (table, result)
    of every expectation. The results are kept in `ctx` for Data Docs.
    result_format BOOLEAN_ONLY when only pass or fail is needed (faster)."""
    ctx = ctx or context()
    source = ctx.data_sources.add_pandas("marts")
    run_id = RunIdentifier(run_name="range_checks", run_time=datetime.datetime.now(datetime.UTC))
    results: Results = []
    for table, groups in suites(set(frames), codes).items():
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        definition = ctx.validation_definitions.add(
            gx.ValidationDefinition(name=table, data=batch, suite=ctx.suites.add(suite(table, groups)))
        )
        frame = cut_to_columns_read(frames[table], groups)  # the rows of every column, not only those read: see columns_read
        validation = definition.run(batch_parameters={"dataframe": frame}, result_format=result_format, run_id=run_id)
        results += [(table, result) for result in validation.results]
    return results


# A row of a table costs this fraction of an expectation to validate, as
# measured at 1 and at 1000 report years (docs/decisions/0003-two-core-validation.md).
ROWS_PER_EXPECTATION = 40_000


def work(frames: dict[str, pd.DataFrame], codes: dict[str, set[str]]) -> dict[str, float]:
    """How much validating each table costs, in expectations on an empty
    table: a row condition counts as an expectation more, and each row of
    the table adds 1/ROWS_PER_EXPECTATION to every expectation."""
    return {
        table: sum(
            1 + bool(getattr(expectation, "row_condition", None)) for _, expectations in groups for expectation in expectations
        )
        * (1 + len(frames[table]) / ROWS_PER_EXPECTATION)
        for table, groups in suites(set(frames), codes).items()
    }


def halves(sizes: dict[str, float]) -> tuple[list[str], list[str]]:
    """The tables (with their work) in two groups of about the same work, the larger first."""
    groups: tuple[list[str], list[str]] = ([], [])
    load = [0.0, 0.0]
    for table in sorted(sizes, key=lambda name: (-sizes[name], name)):
        smaller = load.index(min(load))
        groups[smaller].append(table)
        load[smaller] += sizes[table]
    return groups if load[0] >= load[1] else (groups[1], groups[0])


# What Data Docs are built from: the suites and the validation results.
STORES = ("expectations_store", "validation_results_store")
Stored = list[tuple[str, list[tuple[Any, Any]]]]  # store name -> its (key, value) pairs


def stored(ctx: AbstractDataContext) -> Stored:
    """The suites and validation results kept in `ctx`, store by store."""
    return [(name, [(key, getattr(ctx, name).get(key)) for key in getattr(ctx, name).list_keys()]) for name in STORES]


def validate_on_two_cores(
    frames: dict[str, pd.DataFrame],
    codes: dict[str, set[str]],
    ctx: AbstractDataContext,
    result_format: ResultFormat = "COMPLETE",
) -> Results:
    """validate, with the tables split between this process and a forked
    child (validation holds the GIL; a fork costs milliseconds, another
    import of great-expectations seconds). The child's suites and results
    are added to `ctx`, so Data Docs show every table, and the results come
    in the order validate gives them."""
    if not forked.can_fork() or len(frames) < 2:
        return validate(frames, codes, ctx, result_format)
    sizes = work(frames, codes)  # in the order validate gives the tables
    theirs, mine = halves(sizes)  # this process also merges: it takes the smaller half

    def their_part() -> tuple[Results, Stored]:
        results = validate({table: frames[table] for table in theirs}, codes, ctx, result_format)
        return results, stored(ctx)

    child = forked.start(their_part)
    try:
        results = validate({table: frames[table] for table in mine}, codes, ctx, result_format)
    except BaseException:
        child.kill()
        raise
    their_results, their_stores = child.result()
    for name, items in their_stores:
        for key, value in items:
            getattr(ctx, name).set(key, value)
    order = list(sizes)
    return sorted(results + their_results, key=lambda pair: order.index(pair[0]))


def write_report(ctx: AbstractDataContext, site: Path, results: Results, status: str) -> Path:
    """Data Docs of the run made offline, and the summary page; returns the summary."""
    shutil.rmtree(site, ignore_errors=True)
    ctx.build_data_docs(site_names=[SITE])
    data_docs.make_offline(site)
    rows = []
    for table, result in results:
        kwargs = config_of(result).kwargs
        rows.append(data_docs.summary_row(table, result, ", ".join(columns_of(kwargs)), arguments(kwargs)))
    return data_docs.write_summary(site, rows, status)


def shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def check_file(path: Path) -> int:
    """The range checks over the warehouse file at `path`; 0 when every expectation holds."""
    started = time.perf_counter()
    try:
        frames, codes = read_marts(path)
    except MissingTable as error:
        print(f"Range checks: FAILED before any expectation: {error}.", file=sys.stderr)
        return 1
    return check(frames, codes, started)


def check(frames: dict[str, pd.DataFrame], codes: dict[str, set[str]], started: float | None = None) -> int:
    """Validate the marts read by read_marts, print what fails, write the
    report; 0 when every expectation holds, 1 otherwise."""
    started = time.perf_counter() if started is None else started
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    site = docs_dir()
    ctx = context(site)
    # BASIC (counts and observed values) is much cheaper than COMPLETE;
    # the offending rows that COMPLETE adds are only wanted when something
    # fails, and then everything is validated again with them.
    results = validate_on_two_cores(frames, codes, ctx, result_format="BASIC")
    if not all(result.success for _, result in results):
        ctx = context(site)
        results = validate_on_two_cores(frames, codes, ctx)
    failures = [(table, result) for table, result in results if not result.success]
    for table, result in failures:
        print(describe(table, result, frames[table]))
    status = f"{len(failures)} of {len(results)} expectations failed" if failures else f"all {len(results)} expectations hold"
    summary = write_report(ctx, site, results, status)
    print(f"Range checks: {status} ({time.perf_counter() - started:.1f} s; importing great-expectations {IMPORT_SECONDS:.1f} s).")
    print(f"  Data Docs (offline): {shown(site / 'index.html')}")
    print(f"  summary:             {shown(summary)}", flush=True)
    return 1 if failures else 0

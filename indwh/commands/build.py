"""`indwh build [--changed]`: check the seeds, build, check and publish the
warehouse; the one place that says why a build did not publish."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indwh.errors import Busy, IndwhError
from indwh.paths import ROOT, warehouse_path


def run(args: argparse.Namespace) -> int:
    return build_and_report(only_changed=args.changed, new_history=args.new_history)


def build_and_report(only_changed: bool, new_history: bool = False) -> int:
    """Build and publish; print where the warehouse is, or why it was not published."""
    from indwh.pipeline.build import build

    try:
        published, recorded = build(only_changed=only_changed, new_history=new_history)
    except IndwhError as error:
        return report_failure(error, warehouse_path())
    except KeyboardInterrupt:
        print(f"\nBuild interrupted. The published warehouse {warehouse_path()} is unchanged.", file=sys.stderr)
        return 130
    shown = published.relative_to(ROOT) if published.is_relative_to(ROOT) else published
    print(f"\n{recorded.summary()}")
    print(f"\nWarehouse published: {shown}")
    print(f'Query it read-only:  .venv/bin/duckdb -readonly {shown} -c "select * from marts.fact_aanvragen limit 5"')
    print("Or open a shell:     make shell")
    print("Range checks report: target/range_checks/summary.html (Data Docs: target/range_checks/index.html)")
    return 0


def report_failure(error: IndwhError, published: Path) -> int:
    """Say why a build did not publish (another build holds the lock, or a
    step failed, with what to do when the machine failed it, as when the
    disk filled up while dbt ran); the exit status."""
    from indwh.pipeline.machine_failures import advice

    if isinstance(error, Busy):
        print(f"\nBuild not started: {error}.", file=sys.stderr)
    else:
        todo = advice(str(error), published)
        said = f"{error}" + (f"\n{todo[0].upper()}{todo[1:]}" if todo and todo[1:] not in str(error) else "")
        print(f"\nBuild failed: {said}\nThe published warehouse {published} is unchanged.", file=sys.stderr)
    return 1

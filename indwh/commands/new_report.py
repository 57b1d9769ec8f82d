"""`indwh new-report YEAR`: add the rows of the next report year to every
file a report fills, for the maintainer to fill in (docs/seeds.md)."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline import new_report


def run(args: argparse.Namespace) -> int:
    try:
        additions = new_report.start(ROOT, args.year)
    except BadInput as error:
        print(f"New report not started: {error}.", file=sys.stderr)
        return 1
    width = max(len(str(addition.path.relative_to(ROOT))) for addition in additions)
    print(f"Report year {args.year} added:")
    for addition in additions:
        print(f"  {str(addition.path.relative_to(ROOT)).ljust(width)}  {len(addition.rows)} row(s)")
    print(
        f"\nNext: fill in the empty values from the {args.year} report ({len(additions)} files; `make build` lists each"
        f" empty value with its file and line), check vorig_jaar against what it prints for {args.year - 1},"
        " and set regel to the lines of its text. docs/seeds.md walks through it."
    )
    return 0

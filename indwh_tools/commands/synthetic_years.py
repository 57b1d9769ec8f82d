"""`indwh-tools synthetic-years PROJECT YEARS`: synthetic report years in a copy of the project."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import BadInput
from indwh_tools.synthetic_years import add_years


def run(args: argparse.Namespace) -> int:
    try:
        years = add_years(args.project, args.years)
    except BadInput as error:
        print(f"No synthetic years added: {error}.", file=sys.stderr)
        return 1
    print(f"added report years {years[0]}-{years[-1]}" if years else "nothing to add: one report year is the base year alone")
    return 0

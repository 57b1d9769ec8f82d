"""`indwh seeds`: check every seed file of the project; 1 on any problem."""

from __future__ import annotations

import argparse
import sys

from indwh.pipeline.seed_files import check_seeds, count


def run(args: argparse.Namespace) -> int:
    problems = check_seeds()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"\n{count(problems)}.", file=sys.stderr)
    return 1 if problems else 0

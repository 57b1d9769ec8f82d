"""`indwh-tools mutation`: change printed values one at a time and report what the build catches."""

from __future__ import annotations

import argparse

from indwh_tools.mutation.run import mutation_test


def run(args: argparse.Namespace) -> int:
    return mutation_test(sample=args.sample, random_seed=args.random_seed, confirm=args.confirm)

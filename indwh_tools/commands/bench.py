"""`indwh-tools bench`: measure builds, the dev loop, queries, range checks and growth."""

from __future__ import annotations

import argparse

from indwh_tools.bench.run import bench


def run(args: argparse.Namespace) -> int:
    return bench(
        runs=args.runs,
        growth_runs=args.growth_runs,
        sizes=args.sizes,
        growth_only=args.growth_only,
        dev_loop_only=args.dev_loop_only,
    )

"""`indwh-tools bench`: measure builds, the dev loop, queries, range checks and growth."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import IndwhError
from indwh_tools.bench.run import bench


def run(args: argparse.Namespace) -> int:
    try:
        return bench(
            runs=args.runs,
            growth_runs=args.growth_runs,
            sizes=args.sizes,
            growth_only=args.growth_only,
            dev_loop_only=args.dev_loop_only,
        )
    except IndwhError as error:
        print(f"Benchmark stopped, nothing written to docs/: {error}", file=sys.stderr)
        return 1

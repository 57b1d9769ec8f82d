"""`indwh check [FILE]`: the range checks over the published warehouse (or FILE)."""

from __future__ import annotations

import argparse

from indwh.paths import warehouse_path


def run(args: argparse.Namespace) -> int:
    from indwh.range_checks.run import check_file  # imports great-expectations

    return check_file(args.file or warehouse_path())

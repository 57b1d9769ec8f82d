"""`indwh restore [--list] [PUBLISH]`: list the backups of the published
warehouse, or publish one of them again as a new publish."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import IndwhError
from indwh.paths import warehouse_path


def run(args: argparse.Namespace) -> int:
    from indwh.commands.build import report_failure
    from indwh.pipeline import restore

    if args.list or args.publish is None:
        print("\n".join(restore.listing()))
        if args.publish is None and not args.list:
            print("Restore one with: .venv/bin/indwh restore PUBLISH", file=sys.stderr)
            return 2
        return 0
    try:
        published, recorded = restore.restore(args.publish)
    except IndwhError as error:
        return report_failure(error, warehouse_path())
    print(f"\n{recorded.summary()}")
    print(f"\nWarehouse published: {published}")
    return 0

"""`indwh export`: every mart as Parquet and CSV beside the published warehouse."""

from __future__ import annotations

import argparse
import sys

from indwh.paths import warehouse_path
from indwh.pipeline.export import export


def run(args: argparse.Namespace) -> int:
    published = warehouse_path()
    if not published.exists():
        print(f"{published} does not exist: run `make build` first", file=sys.stderr)
        return 1
    files = export(published, published.parent / "export")
    print(f"{len(files)} files in {published.parent / 'export'}: " + ", ".join(path.name for path in files))
    return 0

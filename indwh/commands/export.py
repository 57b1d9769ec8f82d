"""`indwh export`: every mart as Parquet and CSV beside the published warehouse, with its Data Package."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import IndwhError
from indwh.paths import warehouse_path
from indwh.pipeline.export import export


def run(args: argparse.Namespace) -> int:
    published = warehouse_path()
    if not published.exists():
        print(f"{published} does not exist: run `make build` first", file=sys.stderr)
        return 1
    folder = published.parent / "export"
    try:
        files = export(published, folder)
    except IndwhError as error:
        print(f"Nothing exported ({folder} is as it was): {error}", file=sys.stderr)
        return 1
    print(f"{len(files)} files in {folder}: " + ", ".join(path.name for path in files))
    return 0

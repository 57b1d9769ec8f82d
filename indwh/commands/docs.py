"""`indwh docs`: dbt's documentation of the published warehouse into target/."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import Busy
from indwh.paths import ROOT, warehouse_path
from indwh.pipeline.dbt_docs import generate


def run(args: argparse.Namespace) -> int:
    published = warehouse_path()
    if not published.exists():
        print(f"{published} does not exist: run `make build` first", file=sys.stderr)
        return 1
    try:
        returncode = generate(published)
    except Busy as busy:
        print(f"Docs not generated: {busy}.", file=sys.stderr)
        return 1
    if returncode == 0:
        print(f"\nDocumentation in {ROOT / 'target'}: open it with .venv/bin/dbt docs serve --profiles-dir .")
    return returncode

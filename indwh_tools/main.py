"""The maintainers' command line: `indwh-tools <command>` (or `python -m
indwh_tools <command>`), what measures and tests the warehouse rather than
builds it; the Makefile's `bench`, `bench-growth` and `mutation` call it.
Each command lives in indwh_tools/commands/<name>.py as a function
`run(args)`, dispatched as `indwh`'s commands are (indwh.main)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from indwh.main import dispatch, positive, subcommands


def parser() -> argparse.ArgumentParser:
    """Every command with its options."""
    top = argparse.ArgumentParser(
        prog="indwh-tools", description="The IND annual results warehouse's tools: benchmark, mutation run, synthetic years."
    )
    command = subcommands(top)
    mutation = command("mutation", "change printed values one at a time; report what the build catches")
    mutation.add_argument("--sample", type=int, default=0, help="changes of each kind to draw at random (0: all)")
    mutation.add_argument("--random-seed", type=int, default=2011, help="seed of the random draws (default 2011)")
    mutation.add_argument("--confirm", type=int, default=0, help="changes to repeat with the real dbt build")
    bench = command("bench", "measure builds, the dev loop, queries, range checks and the test loop against the targets")
    bench.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    bench.add_argument(
        "--growth-runs", type=int, default=1, help="builds per size after the first, from scratch, one (default 1)"
    )
    bench.add_argument("--sizes", help="report years to build (default 1,100; with --growth-only 1,10,100,1000)")
    bench.add_argument("--growth-only", action="store_true", help="only the growth series, into growth.json and growth.md")
    bench.add_argument("--dev-loop-only", action="store_true", help="only the dev loop (dev, watch), into dev_loop.json and .md")
    years = command("synthetic-years", "add synthetic report years to a copy of the project")
    years.add_argument("project", type=Path, metavar="PROJECT", help="the folder of the project copy to change")
    years.add_argument("years", type=positive, metavar="YEARS", help="report years it has afterwards, 2011 included")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named in `argv` (default: the command line); its exit status."""
    return dispatch(parser(), "indwh_tools.commands", argv)

"""The `dbt` command, loaded first and started when told:

    python -m indwh.plumbing.gated_dbt FD <dbt arguments>

Imports dbt and its DuckDB adapter, then reads the pipe FD:
"go" runs `dbt <dbt arguments>` as the dbt command does; anything else (the
pipe closed) ends the process with status 1 before dbt has printed or
opened anything. indwh.pipeline.dbt_command.run uses it to check the seed
files while dbt loads (docs/decisions/0002-gated-dbt-start.md). Internal
plumbing, not a command of the project."""

from __future__ import annotations

import os
import sys

import dbt.adapters.duckdb  # noqa: F401  (loaded now, not when the profile is read)
from dbt.cli.main import cli

from indwh.pipeline.dbt_command import COMMAND, GO


def main() -> None:
    with os.fdopen(int(sys.argv[1]), "rb") as gate:
        told = gate.read(len(GO))
    if told != GO:
        os._exit(1)
    sys.argv = [str(COMMAND), *sys.argv[2:]]  # as the dbt command sees itself
    sys.exit(cli(prog_name="dbt"))


if __name__ == "__main__":
    main()

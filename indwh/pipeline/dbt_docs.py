"""`indwh docs`: dbt's documentation (every model and column, with the
catalog of the published warehouse) into target/.

dbt reads the catalog from a copy of the published file placed where a
build would write, so the published file is never opened for writing,
locked against readers or changed, and dbt sees the same profile as a
build (its parse cache stays warm). A build and `make docs` take the same
locks, so they never run at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from indwh.pipeline import dbt_command
from indwh.pipeline.build import staging


def generate(published: Path) -> int:
    """`dbt docs generate` on a copy of `published` in the build folder, under the build's locks; dbt's exit status."""
    with staging(published) as (copy, locks):
        shutil.copyfile(published, copy)
        return dbt_command.run(["docs", "generate"], copy, locks)

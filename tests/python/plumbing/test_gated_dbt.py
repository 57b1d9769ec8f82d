"""dbt loads while the build checks the seed files, and starts only when
they passed: a failed check stops dbt before it printed anything, without
waiting for it to load."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indwh.pipeline import dbt_command as dbt


def test_dbt_starts_after_the_check_as_the_dbt_command(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    checked = []
    # `dbt --version` with the profile options run() adds is a usage error of
    # dbt's own command line: proof that dbt ran, and under its own name.
    status = dbt.run(["--version"], tmp_path / "x.duckdb", before_start=lambda: checked.append(time.perf_counter()))
    assert checked and status == 2
    assert "Usage: dbt [OPTIONS] [COMMAND] [ARGS]..." in capfd.readouterr().err


def test_a_failed_check_stops_dbt_before_it_starts(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    def broken_seed() -> None:
        raise RuntimeError("seeds/rapport/x.csv:3: broken")

    started = time.perf_counter()
    with pytest.raises(RuntimeError, match=r"x\.csv:3: broken"):
        dbt.run(["--version"], tmp_path / "x.duckdb", before_start=broken_seed)
    assert time.perf_counter() - started < 1.0  # dbt takes 1.3 s to load: it was not waited for
    output = capfd.readouterr()
    assert "dbt" not in output.out + output.err

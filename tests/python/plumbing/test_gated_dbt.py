"""dbt loads while the build checks the seed files, and starts only when
they passed: a failed check stops dbt before it printed anything, without
waiting for it to load."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from indwh.pipeline import dbt_command as dbt


def test_dbt_starts_after_the_check_as_the_dbt_command(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    checked = []
    # `dbt --version` with the profile options run() adds is a usage error of
    # dbt's own command line: proof that dbt ran, and under its own name.
    status = dbt.run(["--version"], tmp_path / "x.duckdb", before_start=lambda: checked.append("checked"))
    assert checked and status == 2
    assert "Usage: dbt [OPTIONS] [COMMAND] [ARGS]..." in capfd.readouterr().err


def test_a_failed_check_stops_dbt_before_it_starts(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[subprocess.Popen[Any]] = []

    class Recorded(subprocess.Popen[Any]):
        def __init__(self, *arguments: Any, **options: Any) -> None:
            super().__init__(*arguments, **options)
            started.append(self)

    def broken_seed() -> None:
        raise RuntimeError("seeds/rapport/x.csv:3: broken")

    monkeypatch.setattr(subprocess, "Popen", Recorded)  # as dbt_command starts dbt
    with pytest.raises(RuntimeError, match=r"x\.csv:3: broken"):
        dbt.run(["--version"], tmp_path / "x.duckdb", before_start=broken_seed)
    # Killed, not left to end by itself once loaded (it would exit with 1 on
    # the closed gate): the failed check did not wait for dbt to load.
    assert [process.returncode for process in started] == [-signal.SIGKILL]
    output = capfd.readouterr()
    assert "dbt" not in output.out + output.err

"""`make bench` measures the test loop as a user runs it: `make test-quick`
and `make test` in the working tree, without IND_WAREHOUSE, whatever the
caller's environment says. The tests' copies of the project publish into
their own warehouse/ and take dbt's parse cache from the project; a bench
that pointed the project at another warehouse would make every copy parse
afresh and measure a slower `make test` than a user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from indwh_tools.bench import steps
from indwh_tools.bench.measure import Sample


def test_the_test_loop_runs_make_as_typed_in_the_working_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / steps.SITE_INSTALLED).parent.mkdir(parents=True)
    (tmp_path / steps.SITE_INSTALLED).touch()
    monkeypatch.setattr(steps, "ROOT", tmp_path)
    monkeypatch.setenv("IND_WAREHOUSE", str(tmp_path / "elsewhere" / "ind.duckdb"))
    monkeypatch.setenv("IND_BUILD_PATH", "elsewhere/.ind.build/ind.duckdb")
    calls: list[tuple[list[str], Path, dict[str, str]]] = []

    def run(command: list[str], cwd: Path, env: dict[str, str], log: Path, check: bool = True) -> tuple[Sample, int]:
        calls.append((command, cwd, env))
        return Sample(1.0, 1.0), 0

    monkeypatch.setattr(steps, "run", run)
    measured = steps.test_loop(tmp_path / "logs")

    assert [command[-1] for command, _, _ in calls] == ["report-test", "test-quick", "test"]
    assert set(measured) == {"test_quick", "test"}
    for command, cwd, env in calls:
        assert cwd == tmp_path, command
        assert "IND_WAREHOUSE" not in env and "IND_BUILD_PATH" not in env, (command, env.get("IND_WAREHOUSE"))

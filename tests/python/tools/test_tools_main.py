"""The maintainers' command line (indwh_tools.main, `indwh-tools`): every
tool is listed with its help, none of them in `indwh --help`, and a wrong
argument is refused with a usage message, not a traceback. (Not named
test_main.py: pytest imports test files by their name, and
tests/python/test_main.py holds `indwh`'s.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from indwh.paths import ROOT

COMMANDS = ("mutation", "bench", "synthetic-years")


def run(program: str, *arguments: str, console_script: bool = False) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / program)] if console_script else [sys.executable, "-m", program]
    return subprocess.run([*command, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def listed(help_text: str) -> list[str]:
    return [match[1] for line in help_text.splitlines() if (match := re.match(r"    (\S+)", line))]


@pytest.mark.parametrize("console_script", [False, True], ids=["python -m indwh_tools", "indwh-tools"])
def test_help_lists_every_tool(console_script: bool) -> None:
    result = run("indwh-tools" if console_script else "indwh_tools", "--help", console_script=console_script)
    assert result.returncode == 0, result.stderr
    assert listed(result.stdout) == list(COMMANDS)
    for command in COMMANDS:
        assert run("indwh_tools", command, "--help").returncode == 0, command


def test_the_tools_are_not_the_users_commands() -> None:
    result = run("indwh", "--help")
    assert result.returncode == 0, result.stderr
    assert not set(COMMANDS) & set(listed(result.stdout)), listed(result.stdout)
    refused = run("indwh", "bench")
    assert refused.returncode == 2 and "invalid choice: 'bench'" in refused.stderr


def test_synthetic_years_refuses_a_count_below_one(tmp_path: Path) -> None:
    result = run("indwh_tools", "synthetic-years", str(tmp_path), "0")
    assert result.returncode == 2
    assert "'0' is not a whole number of 1 or more" in result.stderr
    assert "Traceback" not in result.stderr

"""The command line (indwh.main): every command is listed with its help,
and a wrong command is refused with a usage message, not a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from indwh.paths import ROOT

COMMANDS = (
    "build",
    "dev",
    "watch",
    "check",
    "restore",
    "seeds",
    "docs",
    "export",
    "new-report",
)  # the maintainers' tools are indwh-tools' (tests/python/tools/test_tools_main.py)
CONSOLE_SCRIPT = Path(sys.executable).parent / "indwh"


def indwh(*arguments: str, console_script: bool = False) -> subprocess.CompletedProcess[str]:
    command = [str(CONSOLE_SCRIPT)] if console_script else [sys.executable, "-m", "indwh"]
    return subprocess.run([*command, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("console_script", [False, True], ids=["python -m indwh", "indwh"])
def test_help_lists_every_command(console_script: bool) -> None:
    result = indwh("--help", console_script=console_script)
    assert result.returncode == 0, result.stderr
    listed = [match[1] for line in result.stdout.splitlines() if (match := re.match(r"    (\S+)", line))]
    assert listed == list(COMMANDS)
    for command in COMMANDS:
        assert indwh(command, "--help").returncode == 0, command


def test_unknown_command_exits_2_without_traceback() -> None:
    result = indwh("publish")
    assert result.returncode == 2
    assert "invalid choice: 'publish'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout

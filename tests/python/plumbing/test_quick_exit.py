"""A command that ends without the interpreter's teardown still writes all
it printed, to a pipe too, and ends with its status."""

from __future__ import annotations

import os
import subprocess
import sys

from indwh.paths import ROOT

PROGRAM = """
import sys
from indwh.plumbing.quick_exit import exit_now
print("written to a pipe, so buffered", end="")
sys.stderr.write("and to stderr")
exit_now(3)
"""


def test_output_is_flushed_and_status_kept() -> None:
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    result = subprocess.run([sys.executable, "-c", PROGRAM], cwd=ROOT, env=buffered, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (3, "written to a pipe, so buffered", "and to stderr")

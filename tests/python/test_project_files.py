"""The dbt project's files stay small enough to open: no yml file of the
project over YML_LINES lines (a yml per mart beside its SQL, shared column
descriptions as doc blocks in models/docs/)."""

from __future__ import annotations

import subprocess

from indwh.paths import ROOT

YML_LINES = 300


def test_no_yml_file_is_over_its_size() -> None:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "*.yml", "*.yaml"], capture_output=True, text=True, check=True)
    files = [ROOT / name for name in listed.stdout.split()] or sorted(ROOT.glob("[!.]*/**/*.yml"))
    assert files, "no yml file found"
    long = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if (lines := path.read_text(encoding="utf-8").count("\n")) > YML_LINES
    }
    assert not long, f"yml files over {YML_LINES} lines (split them by model or family): {long}"

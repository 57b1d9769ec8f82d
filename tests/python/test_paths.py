"""Which folder a command works on (indwh.paths): the project of the current
directory, found upwards from it, never the folder the package was
installed from; outside a project, or with another project folder's code,
a command stops with a message instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from indwh.errors import NotInProject
from indwh.paths import ROOT, project_root
from indwh_tools import sandbox
from tests.python.conftest import read_csv, report_years
from tests.python.project import sha256


def indwh(cwd: Path, *arguments: str, python_path: Path = ROOT, isolated: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m indwh <arguments>` run in `cwd` with the code on `python_path`
    (`isolated`: the current directory not put first on the module path)."""
    return subprocess.run(
        [sys.executable, *(["-P"] if isolated else []), "-m", "indwh", *arguments],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(python_path)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_project_is_found_from_a_folder_inside_it(tmp_path: Path) -> None:
    assert project_root(ROOT / "seeds" / "rapport") == ROOT
    copy = sandbox.copy_project(tmp_path / "copy")
    assert project_root(copy / "models" / "marts") == copy.resolve()


def test_outside_a_project_a_command_stops_with_a_message(tmp_path: Path) -> None:
    done = indwh(tmp_path, "seeds")
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{tmp_path} is not inside a project of the IND warehouse" in done.stderr
    assert "dbt_project.yml" in done.stderr and "Traceback" not in done.stderr + done.stdout


def test_another_dbt_project_is_not_taken_for_the_warehouse(tmp_path: Path) -> None:
    (tmp_path / "dbt_project.yml").write_text("name: 'reference'\nversion: '1.0.0'\n", encoding="utf-8")
    (tmp_path / "models").mkdir()
    with pytest.raises(NotInProject, match="its name: reference"):
        project_root(tmp_path / "models")
    done = indwh(tmp_path / "models", "seeds")
    assert done.returncode == 2 and "another dbt project" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_the_code_of_another_project_folder_does_not_work_on_this_one(tmp_path: Path) -> None:
    copy = sandbox.copy_project(tmp_path / "copy")
    done = indwh(copy, "seeds", isolated=True)  # this project's code, in the copy: as a copied .venv runs it
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"runs the code of {ROOT}, but the project here is {copy}" in done.stderr
    assert "make install" in done.stderr and "Traceback" not in done.stderr


def test_an_installed_package_works_on_the_project_it_runs_in(tmp_path: Path) -> None:
    source = sandbox.copy_project(tmp_path / "source")
    site = tmp_path / "site-packages"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*pip, "--target", str(site), str(source)], check=True, capture_output=True, timeout=300)
    assert (site / "indwh" / "paths.py").is_file() and not (site / "indwh" / "range_checks" / "expected_rows.csv").exists()
    project = sandbox.copy_project(tmp_path / "project")
    year = max(report_years(project)) + 1
    expected_rows = Path("indwh") / "range_checks" / "expected_rows.csv"
    before = sha256(ROOT / expected_rows)

    done = indwh(project, "new-report", str(year), python_path=site, isolated=True)

    assert done.returncode == 0, done.stdout + done.stderr
    assert {row["rapportjaar"] for row in read_csv(project / expected_rows)} >= {str(year)}
    assert year in report_years(project)
    assert year not in report_years(ROOT) and sha256(ROOT / expected_rows) == before

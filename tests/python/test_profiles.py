"""profiles.yml: a dbt command typed by hand writes its own file,
target/ind.duckdb, and says so when it ends; it never writes the published
warehouse (nor $IND_WAREHOUSE), which only a build publishes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.python.conftest import read_csv
from tests.python.project import copy_project, sha256

pytestmark = pytest.mark.builds

DBT = Path(sys.executable).parent / "dbt"


def test_a_plain_dbt_command_writes_its_own_file_not_the_published_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    published = sha256(project.published)
    env = {key: value for key, value in os.environ.items() if key != "IND_BUILD_PATH"}
    env.update(IND_WAREHOUSE=str(project.published), DBT_SEND_ANONYMOUS_USAGE_STATS="false")

    done = subprocess.run(
        [str(DBT), "seed", "--select", "code_eenheid", "--profiles-dir", ".", "--project-dir", "."],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert sha256(project.published) == published and project.leftovers() == []
    own = project.root / "target" / "ind.duckdb"
    with duckdb.connect(str(own), read_only=True) as con:
        assert con.execute("select count(*) from raw.code_eenheid").fetchone() == (len(read_csv(project.seed("code_eenheid"))),)
    assert "This dbt command wrote ./target/ind.duckdb, its own file, not the published warehouse" in done.stdout

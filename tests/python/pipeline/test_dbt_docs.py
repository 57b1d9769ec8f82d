"""`make docs` (indwh docs) documents the published warehouse
without changing it: dbt reads the catalog from a copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.python.project import copy_project, sha256

pytestmark = pytest.mark.builds


def test_docs_generate_catalogs_the_marts_and_leaves_the_warehouse(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = sha256(project.published)
    result = project.run("docs")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    catalog = json.loads((project.root / "target" / "catalog.json").read_text(encoding="utf-8"))
    facts = catalog["nodes"]["model.ind.fact_aanvragen"]
    assert facts["metadata"]["schema"] == "marts"
    assert {"observatie_id", "waarde", "bron_regel"} <= set(facts["columns"])
    assert sha256(project.published) == before
    assert project.leftovers() == []


def test_docs_need_a_published_warehouse(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    project.published.unlink()
    result = project.run("docs")
    assert result.returncode == 1
    assert "run `make build` first" in result.stderr

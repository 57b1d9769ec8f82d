"""The export's Data Package (datapackage.json): `frictionless validate`
passes on it without the network, and fails on a figure changed by hand
that breaks a foreign key or on a Parquet file that is not the one
exported; it describes every mart as dbt declares it, with its keys, units,
licences and source; a manifest that does not describe the published file
stops the export and leaves the export folder as it was."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import frictionless
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from indwh.definitions import fact_dimensions
from indwh.errors import BadInput
from indwh.paths import ROOT, warehouse_path
from indwh.pipeline.export import LICENCE, MANIFEST, PACKAGE, export
from indwh.pipeline.report_seeds import REPORTS
from tests.python.conftest import read_csv
from tests.python.project import watch_network

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export of the published warehouse, in a folder of its own."""
    folder = tmp_path_factory.mktemp("datapackage") / "export"
    export(warehouse_path(), folder)
    return folder


@pytest.fixture(scope="module")
def described(exported: Path) -> dict[str, Any]:
    package: dict[str, Any] = json.loads((exported / PACKAGE).read_text(encoding="utf-8"))
    return package


def resource(package: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(item for item in package["resources"] if item["name"] == name)
    return found


def validate(package: Path, **environment: str) -> tuple[int, dict[str, Any]]:
    """`frictionless validate --json` as a user runs it: its exit status and report."""
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(package)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **environment},
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"frictionless answered no JSON report (exit {result.returncode}): {result.stderr[-2000:]}")
    return result.returncode, report


def errors(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Every error of a validation report: resource, error type, message."""
    return [(task["name"], error["type"], error["message"]) for task in report["tasks"] for error in task["errors"]] + [
        ("package", error["type"], error["message"]) for error in report["errors"]
    ]


def test_frictionless_validate_passes_without_the_network(exported: Path, tmp_path: Path) -> None:
    log = watch_network(tmp_path / "network")
    python_path = os.pathsep.join([str(log.parent), os.environ.get("PYTHONPATH", "")])
    returncode, report = validate(exported / PACKAGE, PYTHONPATH=python_path, IND_NETWORK_LOG=str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("watching ") and "validate" in line for line in lines), "the audit hook did not run"
    assert [line for line in lines if not line.startswith("watching ")] == []
    assert returncode == 0 and report["valid"], errors(report)[:10]
    assert {task["name"] for task in report["tasks"]} == {path.stem for path in exported.glob("*.csv")} | {
        f"{path.stem}-parquet" for path in exported.glob("*.parquet")
    }


# A Table Schema field type and the Parquet (Arrow) types that agree with
# it: a number is a double (pandas reads a decimal as Python objects), a
# string column may hold a list or struct (its CSV writes DuckDB's notation).
PARQUET_TYPES = {
    "number": pa.types.is_float64,
    "integer": pa.types.is_integer,
    "boolean": pa.types.is_boolean,
    "datetime": pa.types.is_timestamp,
    "date": pa.types.is_date,
    "string": lambda kind: pa.types.is_string(kind) or pa.types.is_list(kind) or pa.types.is_struct(kind),
}


def test_each_parquet_file_has_the_columns_and_types_of_its_table_schema(exported: Path, described: dict[str, Any]) -> None:
    tables = [item for item in described["resources"] if item["format"] == "csv"]
    assert {f"{item['name']}-parquet" for item in tables} == {item["name"] for item in described["resources"]} - {
        item["name"] for item in tables
    }
    for table in tables:
        schema = pq.read_schema(exported / f"{table['name']}.parquet")
        fields = table["schema"]["fields"]
        assert schema.names == [field["name"] for field in fields], table["name"]
        differ = [
            (field["name"], field["type"], str(schema.field(field["name"]).type))
            for field in fields
            if not PARQUET_TYPES[field["type"]](schema.field(field["name"]).type)
        ]
        assert differ == [], table["name"]


def test_a_figure_breaking_a_foreign_key_fails_validation(exported: Path, tmp_path: Path) -> None:
    """A purpose of stay no dim_verblijfsdoel holds, typed into fact_aanvragen.csv."""
    broken = tmp_path / "export"
    shutil.copytree(exported, broken)
    assert "toerisme" not in {row["code"] for row in read_csv(broken / "dim_verblijfsdoel.csv")}
    with (broken / "fact_aanvragen.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("verblijfsdoel")
    line = next(number for number, row in enumerate(rows[1:], start=2) if row[column] not in ("nvt", "totaal"))
    rows[line - 1][column] = "toerisme"
    with (broken / "fact_aanvragen.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    returncode, report = validate(broken / PACKAGE)
    assert returncode != 0 and not report["valid"]
    found = errors(report)
    assert [(name, kind) for name, kind, _ in found] == [("fact_aanvragen", "foreign-key")], found
    message = found[0][2]
    assert f'position "{line}"' in message and '"toerisme"' in message and '"dim_verblijfsdoel"' in message, message


def test_a_parquet_file_that_is_not_the_exported_one_fails_validation(exported: Path, tmp_path: Path) -> None:
    broken = tmp_path / "export"
    shutil.copytree(exported, broken)
    parquet = bytearray((broken / "dim_post.parquet").read_bytes())
    parquet[len(parquet) // 2] ^= 1
    (broken / "dim_post.parquet").write_bytes(bytes(parquet))
    report = frictionless.validate(str(broken / PACKAGE))
    found = [(task.name, error.type) for task in report.tasks for error in task.errors]
    assert found == [("dim_post-parquet", "hash-count")]


def test_every_mart_is_described_as_dbt_declares_it(described: dict[str, Any]) -> None:
    manifest = json.loads((ROOT / MANIFEST).read_text(encoding="utf-8"))
    marts = {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }
    tables = {item["name"]: item for item in described["resources"] if item.get("schema")}
    assert set(marts) <= set(tables)
    for name, node in marts.items():
        fields = tables[name]["schema"]["fields"]
        assert [(field["name"], field["description"]) for field in fields] == [
            (column, value["description"]) for column, value in node["columns"].items()
        ]
        assert "{{" not in json.dumps(fields), f"{name}: a doc block not rendered"
        assert tables[name]["description"] == node["description"]
    # models/marts/_facts.yml declares the key as a model constraint
    assert tables["fact_aanvragen"]["schema"]["primaryKey"] == ["observatie_id"]
    types = {field["name"]: field["type"] for field in tables["fact_aanvragen"]["schema"]["fields"]}
    assert (types["waarde"], types["jaar"], types["bron_waarde"]) == ("number", "integer", "string")


def test_every_fact_dimension_is_a_foreign_key_to_its_dim(described: dict[str, Any]) -> None:
    """Each dimension of dbt_project.yml's fact_dimensions, and the measure
    and unit, point to the code of their dim_* table."""
    for fact, dimensions in fact_dimensions().items():
        keys = resource(described, fact)["schema"]["foreignKeys"]
        for column in (*dimensions, "maatstaf", "eenheid"):
            assert {"fields": [column], "reference": {"resource": f"dim_{column}", "fields": ["code"]}} in keys, (fact, column)


def test_units_are_named_where_a_column_has_one(described: dict[str, Any]) -> None:
    for fact in fact_dimensions():
        fields = {field["name"]: field for field in resource(described, fact)["schema"]["fields"]}
        assert fields["waarde"]["unitField"] == "eenheid" and "unit" not in fields["waarde"]
        assert "unit" not in fields["jaar"] and "unitField" not in fields["jaar"]
    fields = {field["name"]: field for field in resource(described, "aanvragen_jaar_op_jaar")["schema"]["fields"]}
    assert fields["verschil_relatief"]["unit"] == "percent of the year before"
    assert fields["verschil_procentpunt"]["unit"] == "percentage points"


def test_the_package_names_its_licences_source_and_publish(exported: Path, described: dict[str, Any]) -> None:
    front = yaml.safe_load((ROOT / LICENCE).read_text(encoding="utf-8").split("---\n")[1])
    assert described["licenses"] == front["licenses"]
    assert {"CC0-1.0"} <= {licence.get("name") for licence in described["licenses"]}
    reports = read_csv(ROOT / REPORTS)
    assert [(source["year"], source["title"], source["path"]) for source in described["sources"]] == [
        (int(row["rapportjaar"]), row["titel"], row["bron"]) for row in reports
    ]
    assert all("IND" in source["publisher"] for source in described["sources"])
    # the report's text travels with the export, at the path the package names
    for source in described["sources"]:
        assert (exported / source["path"]).read_bytes() == (ROOT / source["path"]).read_bytes(), source["path"]
    assert described["created"].endswith("Z") and "T" in described["created"]
    # the tables release.py writes are described from the file
    publicaties = resource(described, "publicaties")["schema"]
    assert publicaties["primaryKey"] == ["publicatie"]
    assert all(field.get("description") for field in publicaties["fields"])


def test_a_manifest_of_another_project_stops_the_export(tmp_path: Path) -> None:
    """A column renamed in the manifest: no export, the folder as it was, a message naming the column."""
    manifest = json.loads((ROOT / MANIFEST).read_text(encoding="utf-8"))
    columns = manifest["nodes"]["model.ind.fact_financien"]["columns"]
    manifest["nodes"]["model.ind.fact_financien"]["columns"] = {
        ("bedrag" if name == "waarde" else name): column for name, column in columns.items()
    }
    root = tmp_path / "project"
    (root / MANIFEST).parent.mkdir(parents=True)
    (root / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    shutil.copyfile(ROOT / LICENCE, root / LICENCE)
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "earlier.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(
        BadInput, match=r"marts\.fact_financien .*column 8 is waarde \(number\) in the file, bedrag \(number\) in the manifest"
    ):
        export(warehouse_path(), folder, root)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["export", "project"], "a staging folder left"
    assert [path.name for path in folder.iterdir()] == ["earlier.csv"]

"""Every page of the report site and every file of analyses/ has exactly one
dbt exposure (models/exposures/), and it depends on exactly the marts the
file reads. The files are the one definition of what they read: an analysis
reads `marts.<name>` (as DuckDB's parser finds the tables of its SQL), a
page reads the site's source queries `warehouse.<analysis>` (the files of
analyses/, copied by reports/scripts/sources.mjs) in its SQL blocks, and so
the marts those analyses read. Each exposure names its file in meta.file;
every difference is named with the exposure, the file and the mart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.paths import ROOT

PAGES = Path("reports/pages")
ANALYSES = Path("analyses")
MARTS = "marts"
SQL_BLOCK = re.compile(r"^```sql\b[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
SOURCE_QUERY = re.compile(r"\bwarehouse\.(\w+)")
TITLE = re.compile(r"\A---\n.*?^title:\s*(.+?)\s*$.*?^---$", re.DOTALL | re.MULTILINE)


@dataclass
class Reader:
    """What a page or an analysis is and reads, from its file."""

    file: str
    type: str
    marts: set[str]
    label: str | None = None
    url: str | None = None
    analyses: set[str] = field(default_factory=set)


def analysis_marts(path: Path) -> set[str]:
    """The marts an analysis reads: every table of its SQL, by DuckDB's
    parser (comments and CTE names left out), each `marts.<name>`."""
    tables = duckdb.get_table_names(path.read_text(encoding="utf-8"), qualified=True)
    # A table with an alias comes back as "schema.table AS alias".
    qualified = [name.split()[0].split(".") for name in tables]
    outside = sorted(".".join(parts) for parts in qualified if len(parts) != 2 or parts[0] != MARTS)
    if outside:
        pytest.fail(f"{path.relative_to(ROOT)} reads {', '.join(outside)}: an analysis reads only {MARTS}.<table>")
    return {table for _, table in qualified}


def analyses() -> dict[str, Reader]:
    """name -> the analysis analyses/<name>.sql."""
    return {
        path.stem: Reader(file=str(path.relative_to(ROOT)), type="analysis", marts=analysis_marts(path))
        for path in sorted((ROOT / ANALYSES).glob("*.sql"))
    }


def page_url(page: Path) -> str:
    """The page's path on the site, as Evidence routes it: index.md is its folder."""
    parts = page.with_suffix("").parts
    return "/" + "/".join(parts[:-1] if parts[-1] == "index" else parts)


def pages() -> dict[str, Reader]:
    """file -> the page of reports/pages/, with the analyses and marts it reads."""
    sources = analyses()
    found = {}
    for path in sorted((ROOT / PAGES).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        file = str(path.relative_to(ROOT))
        read = {name for block in SQL_BLOCK.findall(text) for name in SOURCE_QUERY.findall(block)}
        unknown = sorted(read - set(sources))
        if unknown:
            pytest.fail(f"{file} reads {', '.join(f'warehouse.{name}' for name in unknown)}: no file of {ANALYSES}/")
        title = TITLE.search(text)
        found[file] = Reader(
            file=file,
            type="dashboard",
            marts=set().union(*(sources[name].marts for name in read)),
            label=title.group(1) if title else None,
            url=page_url(path.relative_to(ROOT / PAGES)),
            analyses=read,
        )
    return found


def readers() -> dict[str, Reader]:
    """file -> every page and every analysis."""
    return {**pages(), **{reader.file: reader for reader in analyses().values()}}


@pytest.fixture(scope="module")
def exposures(manifest: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """file -> the project's exposures whose meta.file names it."""
    found: dict[str, list[dict[str, Any]]] = {}
    for exposure in manifest["exposures"].values():
        if exposure["package_name"] == "ind":
            found.setdefault(exposure["config"]["meta"].get("file", ""), []).append(exposure)
    return found


def where(exposure: dict[str, Any]) -> str:
    return f"{exposure['original_file_path']}: exposure {exposure['name']}"


def test_every_page_and_analysis_has_one_exposure(exposures: dict[str, list[dict[str, Any]]]) -> None:
    expected = readers()
    assert len(expected) > len(analyses()) > 0, "no page or no analysis found"
    problems = [f"{file}: no exposure names it in meta.file" for file in expected if file not in exposures]
    for file, found in sorted(exposures.items()):
        if file not in expected:
            problems += [
                f"{where(exposure)}: meta.file {file!r} is no page of {PAGES}/ and no file of {ANALYSES}/" for exposure in found
            ]
        elif len(found) > 1:
            problems.append(f"{file}: {len(found)} exposures name it: {', '.join(exposure['name'] for exposure in found)}")
    assert not problems, "\n".join(problems)


def test_every_exposure_depends_on_the_marts_its_file_reads(
    manifest: dict[str, Any], exposures: dict[str, list[dict[str, Any]]]
) -> None:
    problems = []
    for file, reader in readers().items():
        for exposure in exposures.get(file, []):
            nodes = [manifest["nodes"][node] for node in exposure["depends_on"]["nodes"]]
            problems += [
                f"{where(exposure)}: depends on {node['unique_id']}, which is no mart"
                for node in nodes
                if node["schema"] != MARTS
            ]
            listed = {node["name"] for node in nodes if node["schema"] == MARTS}
            problems += [
                f"{where(exposure)}: lacks ref('{name}'): {file} reads {MARTS}.{name}" for name in sorted(reader.marts - listed)
            ]
            problems += [
                f"{where(exposure)}: lists ref('{name}'): {file} does not read {MARTS}.{name}"
                for name in sorted(listed - reader.marts)
            ]
    assert not problems, "\n".join(problems)


def test_every_exposure_says_what_its_file_is(exposures: dict[str, list[dict[str, Any]]]) -> None:
    """Type, label and site path of a page, the analyses it reads; the type of an analysis."""
    problems = []
    for file, reader in readers().items():
        for exposure in exposures.get(file, []):
            found = {
                "type": exposure["type"],
                "label": exposure["label"] if reader.label else None,
                "url": exposure["url"] if reader.url else None,
                "meta.analyses": sorted(exposure["config"]["meta"].get("analyses", [])),
            }
            wanted = {"type": reader.type, "label": reader.label, "url": reader.url, "meta.analyses": sorted(reader.analyses)}
            problems += [
                f"{where(exposure)}: {key} is {found[key]!r}, {file} says {wanted[key]!r}"
                for key in wanted
                if found[key] != wanted[key]
            ]
    assert not problems, "\n".join(problems)


def test_every_exposure_is_described_and_owned_as_the_models(
    manifest: dict[str, Any], exposures: dict[str, list[dict[str, Any]]]
) -> None:
    """The owner is the one dbt_project.yml gives every model (meta.owner)."""
    owners = {node["config"]["meta"].get("owner") for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    assert len(owners) == 1, f"the models have not one owner but {sorted(map(str, owners))}"
    (owner,) = owners
    problems = []
    for exposure in (exposure for found in exposures.values() for exposure in found):
        if exposure["owner"]["name"] != owner:
            problems.append(f"{where(exposure)}: owner {exposure['owner']['name']!r}, the models' owner {owner!r}")
        if not exposure["description"].strip() or not exposure["maturity"]:
            problems.append(f"{where(exposure)}: no description or no maturity")
    assert not problems, "\n".join(problems)

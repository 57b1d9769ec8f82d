"""`make report`'s check whether reports/build is the build of the site's
present inputs (indwh/plumbing/site_build_stamp.py): the digest changes with
each kind of input (a page, the sources' SQL, the config, the lock, the data
`npm run sources` wrote, BASE_PATH, a tool's version) and with nothing the
build does not read; a stamped site is current until an input or the site
itself changes. The reports folders here are made by hand: no npm runs."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from indwh.plumbing import site_build_stamp
from indwh.plumbing.site_build_stamp import inputs_digest, is_current, write_stamp

TOOLS = {"evidence": "40.1.8", "node": "v20.0.0", "npm": "10.0.0"}
DATA = Path(".evidence/template/static/data")


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A reports folder after `npm run sources` and a build."""
    root = tmp_path / "reports"
    files: dict[str, str | bytes] = {
        "pages/index.md": "# IND\n",
        "pages/+layout.svelte": "<slot />\n",
        "components/getallen.js": "export const x = 1;\n",
        "sources/warehouse/connection.yaml": "type: duckdb\n",
        "sources/warehouse/kerncijfers.sql": "select 1\n",
        "scripts/patch.mjs": "// patch\n",
        "evidence.config.yaml": "appearance: {}\n",
        "package.json": "{}\n",
        "package-lock.json": "{}\n",
        f"{DATA}/manifest.json": "{}\n",
        f"{DATA}/warehouse/kerncijfers/kerncijfers.parquet": b"PAR1\x00\x01PAR1",
        ".evidence/template/src/app.html": "<html>\n",
        "node_modules/@evidence-dev/evidence/package.json": json.dumps({"version": "40.1.8"}),
        "screenshots/index.png": b"\x89PNG",
        "tests/site.test.mjs": "// test\n",
        "build/index.html": "<html>site</html>\n",
        "build/asiel/index.html": "<html>asiel</html>\n",
    }
    for name, content in files.items():
        write(root / name, content)
    return root


def digest(reports: Path, base_path: str = "", settings: dict[str, str] = TOOLS) -> str:
    return inputs_digest(reports, base_path, settings)


def change(name: str, content: str | bytes) -> Callable[[Path], None]:
    return lambda reports: write(reports / name, content)


INPUT_CHANGES: dict[str, Callable[[Path], None]] = {
    "a page": change("pages/index.md", "# IND 2011\n"),
    "a new page": change("pages/nieuw.md", "# nieuw\n"),
    "a page gone": lambda reports: (reports / "pages/index.md").unlink(),
    "a component": change("components/getallen.js", "export const x = 2;\n"),
    "a source query": change("sources/warehouse/kerncijfers.sql", "select 2\n"),
    "a patch script": change("scripts/patch.mjs", "// patched\n"),
    "the Evidence config": change("evidence.config.yaml", "appearance: {default: dark}\n"),
    "package.json": change("package.json", '{"name": "x"}\n'),
    "the lock": change("package-lock.json", '{"lockfileVersion": 3}\n'),
    "the data": change(f"{DATA}/warehouse/kerncijfers/kerncijfers.parquet", b"PAR1\x00\x02PAR1"),
    "a new query's data": change(f"{DATA}/warehouse/nieuw/nieuw.parquet", b"PAR1PAR1"),
    "the data manifest": change(f"{DATA}/manifest.json", '{"renderedFiles": {}}\n'),
}

NOT_INPUTS: dict[str, Callable[[Path], None]] = {
    "a screenshot": change("screenshots/index.png", b"\x89PNG2"),
    "the browser test": change("tests/site.test.mjs", "// test 2\n"),
    "the built site": change("build/index.html", "<html>other</html>\n"),
    "a module": change("node_modules/x/index.js", "x\n"),
    "Evidence's template": change(".evidence/template/src/app.html", "<html lang=nl>\n"),
    "the stamp": change("build.stamp", "{}\n"),
}


@pytest.mark.parametrize("what", INPUT_CHANGES)
def test_an_input_changes_the_digest(reports: Path, what: str) -> None:
    before = digest(reports)
    INPUT_CHANGES[what](reports)
    assert digest(reports) != before


@pytest.mark.parametrize("what", NOT_INPUTS)
def test_what_the_build_does_not_read_leaves_the_digest(reports: Path, what: str) -> None:
    before = digest(reports)
    NOT_INPUTS[what](reports)
    assert digest(reports) == before


def test_base_path_versions_and_environment_change_the_digest(reports: Path) -> None:
    digests = {
        digest(reports),
        digest(reports, base_path="/ind-jaarresultaten"),
        digest(reports, settings={**TOOLS, "evidence": "40.1.9"}),
        digest(reports, settings={**TOOLS, "node": "v22.0.0"}),
        digest(reports, settings={**TOOLS, "npm": "11.0.0"}),
        digest(reports, settings={**TOOLS, "EVIDENCE_BUILD_DIR": "elders"}),
    }
    assert len(digests) == 6


def test_a_stamped_site_is_current_until_an_input_changes(reports: Path) -> None:
    inputs = digest(reports)
    assert not is_current(reports, inputs)  # never stamped
    write_stamp(reports, inputs)
    assert is_current(reports, inputs)
    write(reports / "pages/index.md", "# IND 2011\n")
    assert not is_current(reports, digest(reports))


@pytest.mark.parametrize(
    "damage",
    [
        lambda build: [path.unlink() for path in sorted(build.rglob("*")) if path.is_file()],
        lambda build: (build / "asiel/index.html").unlink(),
        lambda build: write(build / "index.html", "<html>half</html>"),
    ],
    ids=["emptied", "partly deleted", "changed"],
)
def test_a_site_that_is_not_the_stamped_one_is_built_again(reports: Path, damage: Callable[[Path], object]) -> None:
    inputs = digest(reports)
    write_stamp(reports, inputs)
    damage(reports / "build")
    assert not is_current(reports, inputs)


def test_a_site_that_is_gone_is_built_again(reports: Path) -> None:
    inputs = digest(reports)
    write_stamp(reports, inputs)
    for path in sorted((reports / "build").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (reports / "build").rmdir()
    assert not is_current(reports, inputs)


def test_a_damaged_stamp_means_build_again(reports: Path) -> None:
    inputs = digest(reports)
    write_stamp(reports, inputs)
    write(reports / "build.stamp", "{not json")
    assert not is_current(reports, inputs)


def test_check_says_build_then_write_then_check_says_keep(
    reports: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The program as `make report` runs it: exit 1 and the digest to write,
    then, after `write`, exit 0; with another BASE_PATH, exit 1 again."""
    monkeypatch.setattr(site_build_stamp, "tool_versions", lambda reports: TOOLS)
    for name in [name for name in os.environ if name.startswith("EVIDENCE_")]:
        monkeypatch.delenv(name)
    assert site_build_stamp.main(["check", str(reports), ""]) == 1
    inputs = capsys.readouterr().out.strip()
    assert inputs == digest(reports)
    assert site_build_stamp.main(["write", str(reports), inputs]) == 0
    assert site_build_stamp.main(["check", str(reports), ""]) == 0
    assert site_build_stamp.main(["check", str(reports), "/ind-jaarresultaten"]) == 1
    monkeypatch.setenv("EVIDENCE_BUILD_DIR", "elders")
    assert site_build_stamp.main(["check", str(reports), ""]) == 1


def test_no_data_from_sources_is_an_error(
    reports: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(site_build_stamp, "tool_versions", lambda reports: TOOLS)
    (reports / DATA / "manifest.json").unlink()
    assert site_build_stamp.main(["check", str(reports), ""]) == 2
    assert "no data from `npm run sources`" in capsys.readouterr().err

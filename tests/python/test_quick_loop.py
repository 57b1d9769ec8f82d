"""What keeps `make test-quick` short holds (docs/decisions/0016-quick-test-loop.md):
sqlfluff's Rust parser installed at sqlfluff's own version, dbt-score
reading the manifest of the full parse that fails on warnings instead of
parsing again, and pytest without the builds in one process per core. And
the linters of the dbt project run again when, and only when, a file they
read changed since they passed (docs/decisions/0019-dbt-linters-rerun-on-change.md)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from indwh.paths import ROOT

RECORD = "docs/decisions/0016-quick-test-loop.md"


def pins() -> dict[str, str]:
    """Each package requirements.txt pins, by its lower-case name, to its version."""
    found = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, equals, pinned = line.partition("==")
        if equals and not line.startswith("#"):
            found[name.strip().lower()] = pinned.strip()
    return found


def dry_run(target: str, folder: Path = ROOT, every: bool = True) -> list[list[str]]:
    """The commands `make <target>` would run in `folder`, each split into its
    words: as typed in a plain shell, not with the variables a make this
    test runs under passes on (MAKEFLAGS, and its command line's
    variables); with `every`, as if nothing had been made yet (make -B)."""
    outside = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    done = subprocess.run(
        ["make", "-n", *(["-B"] if every else []), "--no-print-directory", target],
        cwd=folder,
        env=outside,
        capture_output=True,
        text=True,
        check=True,
    )
    joined = re.sub(r"\\\n\s*", " ", done.stdout)  # lines continued with a backslash
    return [shlex.split(line, posix=True) for line in joined.splitlines() if line.strip()]


def option(words: list[str], name: str) -> str:
    assert name in words, f"{name} not in {words}"
    return words[words.index(name) + 1]


def test_sqlfluffs_rust_parser_is_pinned_and_installed_at_sqlfluffs_version() -> None:
    pinned = pins()
    assert pinned.get("sqlfluffrs") == pinned["sqlfluff"], f"requirements.txt: pin sqlfluffrs at sqlfluff's version ({RECORD})"
    assert version("sqlfluffrs") == version("sqlfluff") == pinned["sqlfluff"], "run make install"


def test_dbt_score_reads_the_manifest_of_the_full_parse_of_the_lint_target() -> None:
    commands = dry_run("lint-dbt")
    parses = [words for words in commands if "parse" in words and any(word.endswith("/dbt") for word in words)]
    scores = [words for words in commands if words and words[0].endswith("/dbt-score")]
    assert len(parses) == 1 and len(scores) == 1, f"make lint-dbt: one dbt parse, then dbt-score: {commands}"
    (parse,), (score,) = parses, scores
    assert "--no-partial-parse" in parse and "--warn-error" in parse and option(parse, "--target") == "lint", parse
    assert option(score, "--manifest") == option(parse, "--target-path") + "/manifest.json", (parse, score)
    assert commands.index(parse) < commands.index(score)


def test_the_quick_loop_runs_pytest_without_the_builds_in_processes() -> None:
    (pytest,) = [words for words in dry_run("test-quick") if words[1:3] == ["-m", "pytest"]]
    assert option(pytest[3:], "-m") == "not builds", pytest  # after python -m pytest
    assert int(option(pytest, "--numprocesses")) >= 2 and option(pytest, "--dist") == "loadfile", pytest


def test_the_full_loop_runs_every_test_in_processes() -> None:
    (pytest,) = [words for words in dry_run("test") if words[1:3] == ["-m", "pytest"]]
    assert "-m" not in pytest[3:], f"make test runs every test, the building ones included: {pytest}"
    assert int(option(pytest, "--numprocesses")) >= 2 and option(pytest, "--dist") == "loadfile", pytest


# A small tree with the Makefile and one file of each kind the dbt project's
# linters read (READ) or not (NOT_READ), and what make needs to run there;
# every file dated an hour ago.
READ = (
    "pyproject.toml",
    ".venv/.installed",
    "dbt_project.yml",
    "profiles.yml",
    ".sqlfluff",
    ".sqlfluffignore",
    "models/marts/a.sql",
    "models/marts/a.yml",
    "macros/m.sql",
    "analyses/q.sql",
    "tests/t.sql",
    "tests/generic/g.sql",
    "seeds/rapport/_rapport__seeds.yml",
)
NOT_READ = ("tests/python/test_x.py", "seeds/rapport/r.csv")
TREE = ("requirements.txt", "indwh/plumbing/venv_relocate.py", *READ, *NOT_READ)
# Each linter of the dbt project, and what its command holds.
LINTERS = {"sqlfluff": "/sqlfluff lint ", "dbt-score": "/dbt-score lint ", "dbt parse": "/dbt --no-use-colors parse "}


@pytest.fixture
def linted(tmp_path: Path) -> Path:
    """The tree, with each linter of the dbt project passed half an hour ago."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    for name in TREE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("\n", encoding="utf-8")
    for stamp in ("target/sqlfluff/lint.passed", "target/parse-lint/parse.passed", "target/parse-lint/dbt-score.passed"):
        (tmp_path / stamp).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / stamp).touch()
    shutil.copytree(tmp_path / "target/parse-lint", tmp_path / "target/parse-warehouse")
    hour_ago, half_hour_ago = time.time() - 3600, time.time() - 1800
    for path in tmp_path.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    for path in (tmp_path / "target").rglob("*.passed"):
        os.utime(path, (half_hour_ago, half_hour_ago))
    return tmp_path


def linters_to_run(folder: Path) -> set[str]:
    """Which linters of the dbt project `make lint` would run in `folder`."""
    commands = [" ".join(words) for words in dry_run("lint", folder, every=False)]
    return {name for name, command in LINTERS.items() if any(command in line for line in commands)}


def test_the_dbt_linters_do_not_run_again_on_what_they_passed(linted: Path) -> None:
    assert linters_to_run(linted) == set()


@pytest.mark.parametrize(
    "change", [*READ, "added models/marts/b.sql", "removed macros/m.sql", "removed target/sqlfluff/lint.passed"]
)
def test_a_change_of_what_the_dbt_linters_read_runs_them_again(linted: Path, change: str) -> None:
    what, _, name = change.rpartition(" ")
    if what == "removed":
        (linted / name).unlink()
    else:
        (linted / name).write_text("changed\n", encoding="utf-8")
    expected = {"sqlfluff"} if name.startswith("target/sqlfluff") else set(LINTERS)
    assert linters_to_run(linted) == expected, change


@pytest.mark.parametrize("change", NOT_READ)
def test_the_dbt_linters_do_not_run_again_for_what_they_do_not_read(linted: Path, change: str) -> None:
    (linted / change).write_text("changed\n", encoding="utf-8")
    assert linters_to_run(linted) == set()

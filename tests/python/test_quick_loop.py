"""What keeps `make test-quick` short holds (docs/decisions/0016-quick-test-loop.md):
sqlfluff's Rust parser installed at sqlfluff's own version, dbt-score
reading the manifest of the full parse that fails on warnings instead of
parsing again, and pytest without the builds in one process per core."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from importlib.metadata import version

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


def dry_run(target: str) -> list[list[str]]:
    """The commands `make <target>` would run, each split into its words: as
    typed in a plain shell, not with the variables a make this test runs
    under passes on (MAKEFLAGS, and its command line's variables)."""
    outside = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", target], cwd=ROOT, env=outside, capture_output=True, text=True, check=True
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

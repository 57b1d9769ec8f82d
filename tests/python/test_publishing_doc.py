"""docs/publishing.md holds to the code and the tests: every guarantee it
lists names a test that exists, and it says how many backups are kept."""

from __future__ import annotations

import re

from indwh.paths import ROOT
from indwh.pipeline import backups

PAGE = ROOT / "docs" / "publishing.md"
NAMED = re.compile(r"`([\w/]+\.py)::(test_\w+)`")
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def guarantees() -> str:
    text = PAGE.read_text(encoding="utf-8")
    return text.split("## What a build guarantees", 1)[1].split("\n## ", 1)[0]


def test_every_guarantee_names_a_test_that_exists() -> None:
    named = NAMED.findall(guarantees())
    assert len(named) >= 30, f"only {len(named)} tests named"
    missing = [
        f"{path}::{test}"
        for path, test in named
        if not re.search(rf"^def {test}\(", (ROOT / "tests" / "python" / path).read_text(encoding="utf-8"), re.M)
    ]
    assert not missing, f"docs/publishing.md names tests that do not exist: {missing}"


def test_the_page_says_how_many_backups_are_kept() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert f"The newest {WORDS[backups.KEPT]} are kept" in text
    assert f"the newest {WORDS[backups.KEPT]} (" in guarantees()

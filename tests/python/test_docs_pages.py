"""README.md and docs/ hold together: the README stays a short guide, every
relative link and anchor resolves, every repository path named in backticks
exists, and no page carries a date or a clock time (figures go into the
page `make bench` writes, which has neither)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indwh.paths import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
README_LINES = 200
FENCE = re.compile(r"```.*?```", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\n]+)`")
DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
CLOCK = re.compile(r"(?<![:\w])[0-2]?\d:[0-5]\d(:[0-5]\d)?\s*(UTC|CET|CEST)?\b(?![./\w])")
TOP = {path.name for path in ROOT.iterdir() if not path.name.startswith(".")}
MADE_BY_A_BUILD = (
    "warehouse/",
    "target/",
    "logs/",
    "reports/build",
    "reports/screenshots",
    "reports/node_modules",
    "reports/.evidence",
)


def slug(heading: str) -> str:
    """The anchor a Markdown heading gets (GitHub's rule)."""
    text = re.sub(r"[`*~]", "", heading.strip().lower())
    return "".join(c for c in text if c.isalnum() or c in " -_").replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in FENCE.sub("", page.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6} (.*)", line)
        if heading:
            name = slug(heading.group(1))
            found.add(name if name not in seen else f"{name}-{seen[name]}")
            seen[name] = seen.get(name, 0) + 1
    return found


def shown(page: Path) -> str:
    return str(page.relative_to(ROOT))


def test_the_readme_is_a_short_guide() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= README_LINES, f"README.md has {lines} lines; a guide keeps to {README_LINES}, the rest goes into docs/"


@pytest.mark.parametrize("page", PAGES, ids=shown)
def test_every_link_and_anchor_resolves(page: Path) -> None:
    broken = []
    for target in LINK.findall(FENCE.sub("", page.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue  # http:, https:, mailto:
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target}: no such file")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            broken.append(f"{target}: no heading #{anchor} in {destination.relative_to(ROOT)}")
    assert not broken, f"{shown(page)}: " + "; ".join(broken)


@pytest.mark.parametrize("page", PAGES, ids=shown)
def test_every_repository_path_named_exists(page: Path) -> None:
    missing = []
    for token in CODE.findall(page.read_text(encoding="utf-8")):
        path = token.strip().split("#")[0].rstrip(",.:;")
        if " " in path or "/" not in path or path.split("/")[0] not in TOP or path.startswith(MADE_BY_A_BUILD):
            continue
        if re.search(r"[<>…{}$*]|\.\.", path):
            continue  # a pattern, not a path
        if not (ROOT / path).exists():
            missing.append(path)
    assert not missing, f"{shown(page)} names paths that do not exist: {', '.join(missing)}"


@pytest.mark.parametrize("page", PAGES, ids=shown)
def test_no_page_carries_a_date_or_a_clock_time(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = [match.group(0) for pattern in (DATE, CLOCK) for match in pattern.finditer(text)]
    assert not found, f"{shown(page)}: {found[:5]}: dates and times belong to a run, not to the documentation"


# Names written in lowercase that may begin a sentence.
LOWERCASE_NAMES = {"dbt", "dbt-score", "duckdb-engine", "npm", "pandas", "mvv", "vvr"}


@pytest.mark.parametrize("page", PAGES, ids=shown)
def test_no_paragraph_starts_mid_sentence(page: Path) -> None:
    """A paragraph that starts with a lowercase word lost its beginning
    (a sentence may go on after a code block, and a name may be lowercase)."""
    paragraphs = re.split(r"\n\s*\n", FENCE.sub("\n\n```\n\n", page.read_text(encoding="utf-8")))
    broken = []
    for before, paragraph in zip(["", *paragraphs], paragraphs, strict=False):
        first = paragraph.strip().split(" ")[0] if paragraph.strip() else ""
        if re.match(r"[a-z]", first) and first.rstrip(",.:;") not in LOWERCASE_NAMES and before.strip() != "```":
            broken.append(paragraph.strip().splitlines()[0])
    assert not broken, f"{shown(page)}: paragraphs that start mid-sentence: {broken}"

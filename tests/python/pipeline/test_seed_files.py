"""The seed file check (indwh.pipeline.seed_files) on its own: the project's seeds pass,
harmless differences in how a file is written pass, and what dbt would
misread is named with file and line. (test_bad_seeds.py runs the build on
broken seeds.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from indwh.paths import ROOT
from indwh.pipeline.seed_files import (
    SeedSpec,
    check_keys,
    check_seed,
    check_seeds,
    check_values,
    keys_look_right,
    seed_specs,
    values_look_right,
)

SPEC = SeedSpec(
    name="tabel",
    declared_in="seeds/_seeds.yml",
    column_types={"rapportjaar": "integer", "positie": "integer", "label": "varchar", "waarde": "varchar"},
    keys=(("rapportjaar", "positie"),),
)
GOOD = 'rapportjaar,positie,label,waarde\n2011,1,Aantal,49.700\n2011,2,Bedrag,"1,08 milj."\n'


def check(tmp_path: Path, content: bytes, spec: SeedSpec | None = SPEC) -> list[str]:
    path = tmp_path / "seeds" / "tabel.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return check_seed(path, spec, tmp_path)


def test_the_projects_seeds_pass() -> None:
    assert check_seeds(ROOT) == []


def test_every_seed_of_the_project_has_types_and_a_key() -> None:
    specs = seed_specs(ROOT)
    seeds = {path.stem for path in (ROOT / "seeds").rglob("*.csv")}
    assert seeds <= set(specs)
    assert [name for name in seeds if not specs[name].keys] == []


@pytest.mark.parametrize(
    "content",
    [
        GOOD.encode(),
        b"\xef\xbb\xbf" + GOOD.encode(),  # byte-order mark
        GOOD.replace("\n", "\r\n").encode(),  # Windows line ends
        GOOD.replace("\n", "  \n").replace(",", " ,").encode(),  # spaces around values and names
        (GOOD + "\n\n").encode(),  # blank lines at the end
        GOOD.splitlines(keepends=True)[0].encode(),  # the header alone
    ],
    ids=["plain", "bom", "crlf", "spaces", "blank_lines_at_end", "header_only"],
)
def test_harmless_ways_of_writing_pass(tmp_path: Path, content: bytes) -> None:
    assert check(tmp_path, content) == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (GOOD.replace("2011,2,", "\n2011,2,"), "seeds/tabel.csv:3: the line is empty; remove it"),
        (GOOD.replace("2011,2,", "2011,,"), None),  # an empty key is for the not_null tests
        (GOOD.replace("2011,2,", "2011,1,"), "seeds/tabel.csv:3: the row has the same rapportjaar 2011, positie 1 as line 2"),
        (GOOD.replace("2011,2,", "2011,2.0,"), "seeds/tabel.csv:3: column positie: '2.0' is not a whole number"),
        (GOOD.replace('"1,08 milj."', '"1,08 milj.') + "2011,3,Aantal,5\n", "seeds/tabel.csv:3: a value runs over several lines"),
        (GOOD.replace(',"1,08 milj."', ""), "seeds/tabel.csv:3: 3 values where the header has 4 columns"),
        (GOOD.replace("label,", "label,label,"), "seeds/tabel.csv:1: header: column 'label' stands twice"),
        ("\n\n", "seeds/tabel.csv: the file is empty"),
    ],
    ids=["blank_line", "empty_key", "same_key", "decimal_in_integer", "open_quote", "value_left_out", "twice", "blank_file"],
)
def test_problems_are_named_with_file_and_line(tmp_path: Path, content: str, expected: str | None) -> None:
    problems = check(tmp_path, content.encode())
    if expected is None:
        assert problems == []
    else:
        assert any(problem.startswith(expected) for problem in problems), problems


def test_a_seed_without_types_is_refused(tmp_path: Path) -> None:
    assert check(tmp_path, GOOD.encode(), spec=None) == [
        "seeds/tabel.csv: no column_types for seed tabel in a yml file beside it; every seed column is typed explicitly"
    ]


# The column-wise shortcut (values_look_right, and the set comparison in
# check_keys) must say "nothing wrong" exactly when the row-by-row check does.

TYPED = SeedSpec(
    name="getypt",
    declared_in="seeds/_seeds.yml",
    column_types={"n": "integer", "d": "decimal(10,2)", "b": "boolean", "t": "date", "v": "varchar"},
    keys=(("n",), ("d", "t")),
)
PIECES = [
    "",
    " ",
    "\t",
    "1",
    "12",
    "-3",
    "+4",
    "1.5",
    ".5",
    "5.",
    "1,5",
    "1.000",
    "true",
    "FALSE",
    "ja",
    "2011-01-02",
    "2011-1-2",
    "x",
    "\u00a0",
    "\u0663",
]


def test_column_shortcut_agrees_with_row_by_row() -> None:
    rng = random.Random(20111)
    names = list(TYPED.column_types)
    for _ in range(3000):
        body = [
            (line, ["".join(rng.choices(PIECES, k=rng.randint(0, 2))) for _ in names]) for line in range(2, 2 + rng.randint(1, 4))
        ]
        if rng.random() < 0.05:
            body[0] = (2, body[0][1][:-1])  # a value short
        row_by_row = [problem for line, row in body for problem in check_values(line, row, names, TYPED, "x.csv")]
        assert values_look_right(body, names, TYPED) == (row_by_row == []), body


def test_key_shortcut_finds_nothing_only_where_row_by_row_finds_nothing() -> None:
    rng = random.Random(2011)
    names = list(TYPED.column_types)
    said = {True: 0, False: 0}
    for _ in range(3000):
        body = [(line, [rng.choice(["", "1", "2", " 1"]) for _ in names]) for line in range(2, 2 + rng.randint(1, 4))]
        looks_right = keys_look_right(body, names, TYPED)
        problems = check_keys(body, names, TYPED, "x.csv")
        if looks_right:
            assert problems == [], body
        said[problems == []] += 1
    assert min(said.values()) > 100  # both outcomes were tried

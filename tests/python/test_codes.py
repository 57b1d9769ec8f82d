"""Codes others use, held to sources of their own: the ISO 3166-1 alpha-2
code of every nationality to pycountry's copy of ISO 3166-1 (pinned in
requirements.txt), and every mapping seed to the code list it extends,
seeds/codes/code_lijst.csv, row for row. That every row of a dimension has a
code or the reason why none applies, and that every Eurostat reason is a
code of seeds/codes/code_eurostat_reden.csv, dbt tests in the build
(models/marts/dim_*.yml). Each check is also run on a broken copy of the
seeds, to show that it fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pycountry
import pytest

from indwh.paths import ROOT
from tests.python.conftest import read_csv

CODE_LIST = Path("seeds/codes/code_lijst.csv")
ISO_MAPPING = Path("seeds/mappings/map_nationaliteit_iso.csv")
# The dimensions that carry codes others use, each with its mapping seed.
MAPPINGS = {
    "nationaliteit": ISO_MAPPING,
    "verblijfsdoel": Path("seeds/mappings/map_verblijfsdoel_eurostat.csv"),
}


def iso_problems(root: Path) -> list[str]:
    """Every row of the ISO mapping whose alpha-2 code is not ISO 3166-1's
    for its alpha-3 code, or that gives a code (or none) where ISO has none
    (or one), as `file:line: what is wrong`."""
    problems = []
    for line, row in enumerate(read_csv(root / ISO_MAPPING), start=2):
        where = f"{ISO_MAPPING}:{line}: code {row['code']}"
        given, reason = row["iso_alpha2"].strip(), row["iso_alpha2_toelichting"].strip()
        country = pycountry.countries.get(alpha_3=row["code"])
        if country is None and given:
            problems.append(f"{where} is no ISO 3166-1 alpha-3 code, but has iso_alpha2 {given}")
        elif country is None and not reason:
            problems.append(f"{where} is no ISO 3166-1 alpha-3 code: iso_alpha2_toelichting must say why no code applies")
        elif country is not None and given != country.alpha_2:
            problems.append(
                f"{where} is {country.name}, whose ISO 3166-1 alpha-2 code is {country.alpha_2}, not {given or 'empty'}"
            )
    return problems


def coverage_problems(root: Path) -> list[str]:
    """Every mapping row for a code its dimension does not have, and every
    code of the dimension without a mapping row."""
    problems = []
    listed = read_csv(root / CODE_LIST)
    for dimension, mapping in MAPPINGS.items():
        codes = {row["code"] for row in listed if row["dimensie"] == dimension}
        mapped = set()
        for line, row in enumerate(read_csv(root / mapping), start=2):
            mapped.add(row["code"])
            if row["code"] not in codes:
                problems.append(f"{mapping}:{line}: code {row['code']!r} is not a code of dimensie {dimension} in {CODE_LIST}")
        problems += [
            f"{mapping}: no row for code {code!r} of dimensie {dimension} ({CODE_LIST})" for code in sorted(codes - mapped)
        ]
    return problems


def test_every_iso_alpha2_is_the_code_of_its_alpha3() -> None:
    problems = iso_problems(ROOT)
    assert not problems, "\n".join(problems)


def test_every_code_of_the_two_dimensions_has_one_mapping_row() -> None:
    problems = coverage_problems(ROOT)
    assert not problems, "\n".join(problems)


def test_the_iso_mapping_holds_every_country_code_of_the_dimension() -> None:
    """The independent source agrees on which codes are countries: every
    ISO 3166-1 alpha-3 code of dimension nationaliteit has its alpha-2 code."""
    mapped = {row["code"]: row["iso_alpha2"] for row in read_csv(ROOT / ISO_MAPPING)}
    countries = [
        row["code"]
        for row in read_csv(ROOT / CODE_LIST)
        if row["dimensie"] == "nationaliteit" and pycountry.countries.get(alpha_3=row["code"])
    ]
    assert countries, "no ISO 3166-1 alpha-3 code in dimension nationaliteit"
    assert [code for code in countries if not mapped.get(code)] == []


def broken_seeds(tmp_path: Path, mapping: Path, old: str, new: str) -> Path:
    """A copy of the seeds with one text of one mapping seed replaced."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / mapping
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {mapping} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("\nCHN,CN,,", "\nCHN,CX,,", f"{ISO_MAPPING}:5: code CHN is China, whose ISO 3166-1 alpha-2 code is CN, not CX"),
        (
            "\nUSA,US,,",
            "\nUSA,,,",
            f"{ISO_MAPPING}:14: code USA is United States, whose ISO 3166-1 alpha-2 code is US, not empty",
        ),
        ("\noverig,,", "\noverig,XX,", f"{ISO_MAPPING}:16: code overig is no ISO 3166-1 alpha-3 code, but has iso_alpha2 XX"),
        (
            '"No country: all nationalities together. Eurostat\'s tables give the total as citizen TOTAL."',
            '""',
            f"{ISO_MAPPING}:15: code totaal is no ISO 3166-1 alpha-3 code: iso_alpha2_toelichting must say why",
        ),
    ],
    ids=["wrong_country", "code_emptied", "code_for_no_country", "reason_emptied"],
)
def test_a_wrong_iso_code_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    problems = iso_problems(broken_seeds(tmp_path, ISO_MAPPING, old, new))
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("mapping", "old", "new", "expected"),
    [
        (ISO_MAPPING, "\nJPN,JP,", "\nJAP,JP,", f"{ISO_MAPPING}:9: code 'JAP' is not a code of dimensie nationaliteit"),
        (ISO_MAPPING, "\nJPN,JP,", "\nJAP,JP,", f"{ISO_MAPPING}: no row for code 'JPN' of dimensie nationaliteit"),
        (MAPPINGS["verblijfsdoel"], "\nnareis,", "\nnareizen,", "no row for code 'nareis' of dimensie verblijfsdoel"),
    ],
    ids=["row_for_no_code", "code_without_row", "purpose_misspelt"],
)
def test_a_mapping_that_misses_its_code_list_is_named(tmp_path: Path, mapping: Path, old: str, new: str, expected: str) -> None:
    problems = coverage_problems(broken_seeds(tmp_path, mapping, old, new))
    assert any(expected in problem for problem in problems), problems

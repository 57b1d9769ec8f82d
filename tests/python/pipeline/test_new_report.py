"""`indwh new-report YEAR`: the next report year's rows in every file a report
fills, its text file and title in map_rapporten.csv left empty, refused
(with nothing changed) for a year that exists or is not the next one;
afterwards the build lists every empty value before dbt starts."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline import new_report, seed_files
from indwh.pipeline.report_seeds import REPORT_TEXT, REPORTS, read_rows, value_columns
from indwh.tools import sandbox
from tests.python.project import copy_project, sha256

EMPTY = re.compile(
    r"^(?P<file>seeds/\w+/\w+\.csv):(?P<line>\d+): column (?P<column>\w+) is empty(?: \(report line (?P<regel>\d+)\))?$"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sandbox.copy_project(tmp_path / "project")


def files(root: Path) -> dict[str, str]:
    """Every file of a report, by path, with its SHA-256."""
    return {str(path.relative_to(root)): sha256(path) for path in new_report.report_files(root)}


def rows(path: Path, year: int) -> list[dict[str, str]]:
    return [row for row in read_rows(path)[1] if row["rapportjaar"] == str(year)]


def test_the_next_year_gets_a_row_per_printed_row_with_the_year_before_filled(project: Path) -> None:
    before = files(project)
    additions = new_report.start(project, 2012)
    assert sorted(str(addition.path.relative_to(project)) for addition in additions) == sorted(before)
    studenten = project / "seeds" / "rapport" / "studenten.csv"
    old, new = rows(studenten, 2011), rows(studenten, 2012)
    assert [row["label"] for row in new] == [row["label"] for row in old]
    assert [row["vorig_jaar"] for row in new] == [row["verslagjaar"] for row in old]  # 8.200, 7.850, 99%, ...
    assert {row["verslagjaar"] for row in new} == {""}
    caribisch = rows(project / "seeds" / "rapport" / "caribisch_nederland.csv", 2012)
    assert {row[column] for row in caribisch for column in ("aanbod", "beslissing_afgewezen", "beslissing_ingewilligd")} == {""}
    text = rows(project / "seeds" / "rapport" / "tekstcijfers.csv", 2012)
    assert len(text) == 51 and {row["waarde"] for row in text} == {""} and {row["citaat"] for row in text} == {""}
    assert {row["jaar"] for row in text} == {"2012", "2011"}
    (exception,) = rows(project / "seeds" / "mappings" / "map_afronding_uitzonderingen.csv", 2012)
    assert (exception["tabel"], exception["positie"], exception["kolom"], exception["afronding"]) == (
        "asiel_beslissingen",
        "2",
        "vorig_jaar",
        "10",
    )
    (report,) = rows(project / REPORTS, 2012)
    assert (report[REPORT_TEXT], report["titel"]) == ("", "")  # the new report's text is named by hand
    expected = project / new_report.EXPECTED_ROWS
    assert [{k: v for k, v in row.items() if k != "rapportjaar"} for row in rows(expected, 2012)] == [
        {k: v for k, v in row.items() if k != "rapportjaar"} for row in rows(expected, 2011)
    ]
    # The 2011 rows are as they were: the files only grew.
    for path in new_report.report_files(project):
        assert path.read_text(encoding="utf-8").startswith((ROOT / path.relative_to(project)).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("year", "message"), [(2011, "report year 2011 exists already"), (2013, "the next report year is 2012")])
def test_a_year_that_exists_or_is_not_the_next_changes_nothing(project: Path, year: int, message: str) -> None:
    before = files(project)
    with pytest.raises(BadInput, match=message):
        new_report.start(project, year)
    assert files(project) == before


def test_a_report_with_empty_values_is_finished_first(project: Path) -> None:
    new_report.start(project, 2012)
    before = files(project)
    with pytest.raises(BadInput, match="report 2012 still has rows with empty values"):
        new_report.start(project, 2013)
    assert files(project) == before


def test_a_report_without_its_text_named_is_finished_first(project: Path) -> None:
    header, named = read_rows(project / REPORTS)
    with (project / REPORTS).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row | {REPORT_TEXT: ""} for row in named)
    before = files(project)
    with pytest.raises(BadInput, match=r"report 2011 still has rows with empty values \(seeds/mappings/map_rapporten\.csv:2\)"):
        new_report.start(project, 2012)
    assert files(project) == before


def test_every_empty_value_is_listed_with_its_file_line_and_report_line(project: Path) -> None:
    assert seed_files.check_seeds(project) == []
    new_report.start(project, 2012)
    problems = seed_files.check_seeds(project)
    assert problems and all(EMPTY.match(problem) for problem in problems), [p for p in problems if not EMPTY.match(p)][:5]
    # Exactly the printed values of the new year that are not the year before: each once.
    expected = set()
    for seed in sorted((project / "seeds" / "rapport").glob("*.csv")):
        with seed.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                if row["rapportjaar"] == "2012":
                    for column in value_columns(seed, project):
                        if column != "vorig_jaar":
                            expected.add((f"seeds/rapport/{seed.name}", str(line), column, row["regel"]))
    # and the new report's text file and title, which stand on no report line
    expected |= {(str(REPORTS), "3", column, None) for column in value_columns(project / REPORTS, project)}
    assert {column for _, _, column, _ in expected} >= {REPORT_TEXT, "titel"}
    listed = [tuple(EMPTY.match(problem).groups()) for problem in problems]  # type: ignore[union-attr]
    assert len(listed) == len(set(listed)) and set(listed) == expected
    assert seed_files.count(problems).startswith(
        f"{len(expected)} problem(s) in the seeds ({len(expected)} empty value(s) of the report)"
    )


@pytest.mark.builds
def test_the_build_stops_before_dbt_on_empty_values_and_publishes_nothing(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "copy")
    published = sha256(copy.published)
    done = copy.run("new-report", "2012")
    assert done.returncode == 0, done.stderr
    done = copy.run("build")
    assert done.returncode == 1
    assert "Running with dbt" not in done.stdout + done.stderr
    assert "seeds/rapport/studenten.csv:8: column verslagjaar is empty (report line 184)" in done.stderr
    assert re.search(r"Build failed: \d+ problem\(s\) in the seeds \(\d+ empty value\(s\) of the report\)", done.stderr)
    assert "is unchanged" in done.stderr and "Traceback" not in done.stderr
    assert sha256(copy.published) == published

"""`indwh new-report YEAR`: the next report year's rows in every file a report
fills, its text file and title in map_rapporten.csv left empty, refused
(with nothing changed) for a year that exists or is not the next one;
afterwards the build lists every empty value before dbt starts."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import pytest

from indwh import definitions
from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline import new_report, report_text, seed_files
from indwh.pipeline.report_seeds import REPORT_TEXT, REPORTS, read_rows, value_columns
from indwh_tools import sandbox
from tests.python.pipeline.made_texts import Made, next_values, next_year
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


# --- with the new report's text -------------------------------------------------


def made_2012() -> Made:
    """A 2012 report made from the 2011 one: years a year later, every value
    another, a figure of 2011 revised, a new nationality in two top-3
    blocks (one the code list knows), a row added to Documenten."""
    made = Made.from_2011()
    next_year(made)
    next_values(made)
    made.put_values(("totaaloverzicht_regulier", None, 1), ("50.100", "49.650"))  # 2011 printed 49.700
    made.set(172, "1. Turkse ")
    made.rows[("top3_nationaliteiten", "studenten", 1)].label = "1. Turkse"
    made.set(229, "3. Vietnamese")
    made.rows[("top3_nationaliteiten", "kennismigranten", 3)].label = "3. Vietnamese"
    made.insert(659, "", "•  EU-verblijfsdocument langdurig ingezetene")
    made.insert(675, "", " 1.250 900")
    return made


def table_rows(root: Path, year: int) -> dict[tuple[str, str | None, int], dict[str, str]]:
    found = {}
    for seed in definitions.report_tables():
        for row in rows(root / "seeds" / "rapport" / f"{seed}.csv", year):
            found[(seed, row.get("tabel") or None, int(row["positie"]))] = row
    return found


def test_every_2011_table_value_reads_back_from_the_2011_text(project: Path) -> None:
    """The proof: every 2011 table value and its regel blanked in a copy, and
    read back from the 2011 text with a template that, once its layout is
    learned, holds no value and no line."""
    template = report_text.learn(ROOT, 2011)
    for table in template.tables:
        for block in table.blocks:
            block.rows[:] = [replace(row, values=("",) * len(row.values), regel=0) for row in block.rows]
    additions = {}
    for seed, columns in definitions.report_tables().items():
        path = project / "seeds" / "rapport" / f"{seed}.csv"
        header, all_rows = read_rows(path)
        for row in all_rows:
            row |= {"regel": ""} | dict.fromkeys(columns, "")
        additions[path.resolve()] = new_report.Addition(path, header, all_rows)
    lines = (project / template.text).read_text(encoding="utf-8").splitlines()
    reading = report_text.read_tables(lines, template, 2011, template.text)
    new_report.fill_tables(project, additions, reading)
    filled = 0
    for addition in additions.values():
        hand_typed = read_rows(ROOT / addition.path.relative_to(project))[1]
        assert addition.rows == hand_typed, addition.path.name
        filled += sum(1 for row in addition.rows for column in definitions.report_tables()[addition.path.stem] if row[column])
    (control,) = rows(ROOT / "seeds" / "mappings" / "controle_aantallen.csv", 2011)
    assert filled == int(control["tabelcellen"]) == 266


def test_the_next_report_is_filled_from_its_text_and_the_rest_listed(project: Path, tmp_path: Path) -> None:
    made = made_2012()
    text = made.write(tmp_path / "jaarresultaten_2012.txt")
    result = new_report.start_from_text(project, 2012, text)
    # every value written is the made text's; no value of 2011 copied
    answers, written = made.answers(), table_rows(project, 2012)
    columns = definitions.report_tables()
    for key, answer in answers.items():
        row = written[key]
        assert (row["regel"], row["label"]) == (str(answer.regel), answer.label), key
        assert tuple(row[column] for column in columns[key[0]]) == answer.values, key
    (added,) = [row for key, row in written.items() if key not in answers]
    assert (added["positie"], added["label"], added["verslagjaar"], added["vorig_jaar"]) == (
        "8",
        "EU-verblijfsdocument langdurig ingezetene",
        "",
        "",
    )
    assert result.counts == new_report.Counts(filled=266, empty=2, new_labels=1, revisions=1)
    # a count printed to another step than its table's: the year before's is carried over, the new one named
    assert [(step.table, step.positie, step.column, step.value) for step in result.steps] == [
        ("asiel_beslissingen", 2, "verslagjaar", "25.245")
    ]
    (exception,) = rows(project / "seeds" / "mappings" / "map_afronding_uitzonderingen.csv", 2012)
    assert (exception["positie"], exception["kolom"]) == ("2", "vorig_jaar")
    (revision,) = result.revisions
    assert (revision.seed, revision.positie, revision.before, revision.now) == ("totaaloverzicht_regulier", 1, "49.700", "49.650")
    # the text is in bron/ and named; a nationality the code list knows is mapped, the other listed
    (report,) = rows(project / REPORTS, 2012)
    assert report[REPORT_TEXT] == "bron/jaarresultaten_2012.txt" and report["titel"] == ""
    assert (project / "bron" / "jaarresultaten_2012.txt").read_bytes() == text.read_bytes()
    assert [(n.name, n.code) for n in result.nationalities] == [("Turkse", "TUR"), ("Vietnamese", "")]
    mapped = read_rows(project / "seeds" / "mappings" / "map_rijen.csv")[1]
    assert [row["nationaliteit"] for row in mapped if row["label"] == "Turkse"] == ["TUR", "TUR"]
    assert not [row for row in mapped if row["label"] == "Vietnamese"]
    # the range checks' expected rows: each table's lines in the new text, its values counted there
    text_lines = made.render().split("\n")
    expected = {row["bron"]: row for row in rows(project / new_report.EXPECTED_ROWS, 2012)}
    assert (expected["Documenten"]["regels"], expected["Documenten"]["cijfers"]) == ("667-681", "16")
    assert expected["Documenten"]["toelichting"] == "8 rows, 2012 and 2011"
    for row in expected.values():
        if row["bron"] != "running text":
            first, last = (int(number) for number in row["regels"].split("-"))
            numbers = sum(len(re.findall(r"\d+(?:[.,]\d+)*", text_lines[n - 1])) for n in range(first, last + 1))
            assert numbers == int(row["cijfers"]), row
    # the text figures: proposed, every value left for a person
    figures = rows(project / "seeds" / "rapport" / "tekstcijfers.csv", 2012)
    assert len(figures) == 51 and {row["waarde"] for row in figures} == {""}
    assert len(rows(project / "seeds" / "mappings" / "map_tekstcijfers.csv", 2012)) == 51
    # the build lists what is left, each once, pointing at the new text's lines
    problems = seed_files.check_seeds(project)
    listed = [tuple(EMPTY.match(problem).groups()) for problem in problems]  # type: ignore[union-attr]
    assert len(listed) == len(problems) == 2 + 51 + 1  # the new row's values, the figures' values, the title
    assert ("seeds/rapport/tekstcijfers.csv", "53", "waarde", "21") in listed  # figure 1, on line 21
    assert ("seeds/rapport/documenten.csv", "16", "verslagjaar", "679") in listed  # the new row (docs/seeds.md shows it)
    page = result.page.read_text(encoding="utf-8")
    assert result.page == project / "target" / "new-report-2012.md"
    assert "| table values filled | 266 |" in page and "| revisions of 2011 | 1 |" in page
    assert "EU-verblijfsdocument langdurig ingezetene" in page and "Vietnamese" in page
    # the 2011 rows are as they were: the files only grew
    for path in new_report.report_files(project):
        assert path.read_text(encoding="utf-8").startswith((ROOT / path.relative_to(project)).read_text(encoding="utf-8"))


def test_gaps_are_listed_and_left_empty_not_copied(project: Path, tmp_path: Path) -> None:
    made = made_2012()
    made.set(182, " 2012 2010")  # Studenten's header: other years
    made.remove(829, 839)  # Bereikbaarheid gone
    result = new_report.start_from_text(project, 2012, made.write(tmp_path / "2012.txt"))
    written = table_rows(project, 2012)
    unread = {gap.row.key for gap in result.reading.gaps if gap.row}
    assert len(unread) == 11 + 2
    for key in unread:
        assert {written[key][column] for column in definitions.report_tables()[key[0]]} == {""}
        assert written[key]["regel"] == ""
    listed = [result.reading.listed(gap) for gap in result.reading.gaps]
    assert all(re.match(r"bron/2012\.txt:\d+: .+ \(.+\)$", line) for line in listed)
    assert result.counts.empty == 2 + 11 * 2 + 2 * 2
    page = result.page.read_text(encoding="utf-8")  # the review page names each, and the table not found
    assert all(f"- `{line}`" in page for line in listed)
    assert "### Bereikbaarheid\n\nNot found in the text" in page
    assert "| bereikbaarheid | 1 | Totaal aantal vragen aan de telefoon | | **empty** |" in page


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "no such file"),
        ("2011", "is the text of report 2011"),
        ("README.md", "bron/README.md exists and holds another file"),
    ],
)
def test_a_text_that_cannot_serve_changes_nothing(project: Path, tmp_path: Path, name: str, message: str) -> None:
    text = tmp_path / name
    if name == "2011":
        text.write_bytes((project / "bron" / "000_ed9efccbcb18b0e0.txt").read_bytes())
    elif name == "README.md":
        made_2012().write(text)
    before = files(project) | {"bron": str(sorted(path.name for path in (project / "bron").iterdir()))}
    with pytest.raises(BadInput, match=message):
        new_report.start_from_text(project, 2012, text)
    assert files(project) | {"bron": str(sorted(path.name for path in (project / "bron").iterdir()))} == before
    assert not (project / "target" / "new-report-2012.md").exists()


def test_a_year_refused_without_text_is_refused_with_it(project: Path, tmp_path: Path) -> None:
    text = made_2012().write(tmp_path / "2013.txt")
    before = files(project)
    with pytest.raises(BadInput, match="the next report year is 2012"):
        new_report.start_from_text(project, 2013, text)
    assert files(project) == before and not (project / "bron" / "2013.txt").exists()


def test_the_command_prints_the_counts_and_the_page(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "copy")
    text = made_2012().write(tmp_path / "jaarresultaten_2012.txt")
    done = copy.run("new-report", "2012", "--text", str(text))
    assert done.returncode == 0, done.stderr
    assert (
        "Report year 2012 added from bron/jaarresultaten_2012.txt: 266 table value(s) filled, 2 empty,"
        " 1 new label(s), 1 revision(s) of 2011;"
    ) in done.stdout
    assert "Review page: target/new-report-2012.md." in done.stdout
    assert "bron/jaarresultaten_2012.txt:661: documenten: new label 'EU-verblijfsdocument langdurig ingezetene'" in done.stdout
    done = copy.run("new-report", "2012", "--text", str(text))
    assert done.returncode == 1 and "New report not started: report year 2012 exists already" in done.stderr


@pytest.mark.builds
def test_the_build_lists_what_the_text_left_and_publishes_nothing(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "copy")
    published = sha256(copy.published)
    done = copy.run("new-report", "2012", "--text", str(made_2012().write(tmp_path / "jaarresultaten_2012.txt")))
    assert done.returncode == 0, done.stderr
    done = copy.run("build")
    assert done.returncode == 1 and "Running with dbt" not in done.stdout + done.stderr
    for listed in (
        "seeds/mappings/map_rapporten.csv:3: column titel is empty",
        "seeds/rapport/documenten.csv:16: column verslagjaar is empty (report line 679)",
        "seeds/rapport/tekstcijfers.csv:53: column waarde is empty (report line 21)",
    ):
        assert listed in done.stderr
    assert "Build failed: 54 problem(s) in the seeds (54 empty value(s) of the report)" in done.stderr
    assert sha256(copy.published) == published

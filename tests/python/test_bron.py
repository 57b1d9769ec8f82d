"""The seeds against the reports' texts: a second reading of every value,
independent of how the seeds were typed, and a proof that no number of a
report was left out. Each report's rows are read against its own text, the
file seeds/mappings/map_rapporten.csv names for its report year."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from indwh.paths import ROOT
from tests.python.conftest import first, read_csv, report_text_files

SEEDS = ROOT / "seeds" / "rapport"
NOT_VALUES = {"rapportjaar", "positie", "regel", "label", "tabel"}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"20(0\d|1[0-2])")


def table_seeds() -> dict[str, list[dict[str, str]]]:
    return {p.stem: read_csv(p) for p in sorted(SEEDS.glob("*.csv")) if p.stem != "tekstcijfers"}


def text_figures() -> list[dict[str, str]]:
    return read_csv(SEEDS / "tekstcijfers.csv")


def year_of(row: dict[str, str]) -> int:
    return int(row["rapportjaar"])


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_report_year_has_its_text() -> None:
    """Every report year of the seeds names its text in map_rapporten.csv, and the file exists."""
    files, problems = report_text_files()
    assert not problems, "\n".join(problems)
    assert files and all(path.is_relative_to(ROOT / "bron") for path in files.values())


def test_a_report_without_its_text_is_named_by_its_seed_row(tmp_path: Path) -> None:
    """A report year whose text is not named, or names no file, fails with the row of map_rapporten.csv."""
    (tmp_path / "seeds" / "rapport").mkdir(parents=True)
    (tmp_path / "seeds" / "mappings").mkdir()
    (tmp_path / "bron").mkdir()
    (tmp_path / "bron" / "2011.txt").write_text("text\n", encoding="utf-8")
    rows = "\n".join(f"{year},1,1,a,1,1" for year in (2011, 2012, 2013, 2014))
    (tmp_path / "seeds" / "rapport" / "t.csv").write_text(
        f"rapportjaar,positie,regel,label,verslagjaar,vorig_jaar\n{rows}\n", encoding="utf-8"
    )
    reports = "rapportjaar,bron,titel\n2011,bron/2011.txt,a\n2012,,b\n2013,bron/2013.txt,c\n"
    (tmp_path / "seeds" / "mappings" / "map_rapporten.csv").write_text(reports, encoding="utf-8")
    files, problems = report_text_files(tmp_path)
    assert files == {2011: tmp_path / "bron" / "2011.txt"}
    assert problems == [
        "seeds/mappings/map_rapporten.csv:3: column bron is empty: name the text of report 2012 (bron/<file>.txt)",
        "seeds/mappings/map_rapporten.csv:4: column bron: bron/2013.txt, the text of report 2013, does not exist",
        "seeds/mappings/map_rapporten.csv: no row for report 2014 of seeds/rapport: add one naming its text in bron/",
    ]


def test_table_rows_are_the_printed_value_lines(report_texts: dict[int, list[str]]) -> None:
    """Each seed row's values, in order, are exactly the line of its report it names."""
    wrong = []
    for seed, rows in table_seeds().items():
        for row in rows:
            values = [v for k, v in row.items() if k not in NOT_VALUES]
            printed = squeeze(report_texts[year_of(row)][int(row["regel"]) - 1])
            if printed != " ".join(values):
                wrong.append(
                    f"{seed} {row['rapportjaar']} positie {row['positie']}: seed {values} vs line {row['regel']} {printed!r}"
                )
    assert not wrong, "\n".join(wrong)


def test_table_labels_are_printed(report_texts: dict[int, list[str]]) -> None:
    """Every row label stands in its report (line breaks of the extraction aside)."""
    texts = {year: squeeze(" ".join(lines)) for year, lines in report_texts.items()}
    missing = [
        f"{seed} {row['rapportjaar']}: {row['label']!r}"
        for seed, rows in table_seeds().items()
        for row in rows
        if squeeze(row["label"]) not in texts[year_of(row)]
    ]
    assert not missing, "\n".join(missing)


def test_text_figures_stand_where_the_seed_says(report_texts: dict[int, list[str]]) -> None:
    """Each text figure stands on its line of its report; its bounding word just before it."""
    wrong = []
    for row in text_figures():
        lines, line = report_texts[year_of(row)], int(row["regel"]) - 1
        where = f"{row['rapportjaar']} nummer {row['nummer']}"
        number = first(NUMBER, row["waarde"])
        if number not in NUMBER.findall(lines[line]):
            wrong.append(f"{where}: {number} not on line {row['regel']}")
        window = squeeze(" ".join(lines[line - 1 : line + 1]))
        if row["kwalificatie"] and row["kwalificatie"] not in window:
            wrong.append(f"{where}: {row['kwalificatie']!r} not before line {row['regel']}")
        if squeeze(row["waarde"]) not in squeeze(" ".join(lines[line : line + 2])):
            wrong.append(f"{where}: {row['waarde']!r} not printed so on line {row['regel']}")
    assert not wrong, "\n".join(wrong)


def test_every_number_of_the_report_is_accounted_for(report_texts: dict[int, list[str]]) -> None:
    """Every number in a report's text is a seed value of that report, a
    year, or listed in bron/geen_cijfers.csv for that report with the reason
    it is not a figure; and that list holds nothing that is in fact a seed
    value."""
    in_seeds = set()
    for rows in table_seeds().values():
        for row in rows:
            for key, value in row.items():
                if key not in NOT_VALUES:
                    in_seeds.add((year_of(row), int(row["regel"]), first(NUMBER, value)))
    for row in text_figures():
        in_seeds.add((year_of(row), int(row["regel"]), first(NUMBER, row["waarde"])))
    not_figures = {(year_of(r), int(r["regel"]), r["getal"]) for r in read_csv(ROOT / "bron" / "geen_cijfers.csv")}

    unaccounted = []
    for year, lines in sorted(report_texts.items()):
        for number, line in enumerate(lines, start=1):
            for token in NUMBER.findall(line):
                place = (year, number, token)
                if place not in in_seeds and place not in not_figures and not YEAR.fullmatch(token):
                    unaccounted.append(f"report {year} line {number}: {token} in {line.strip()!r}")
    assert not unaccounted, "numbers of the report in no seed:\n" + "\n".join(unaccounted)
    assert not (not_figures & in_seeds), f"listed as not a figure but in a seed: {not_figures & in_seeds}"


def test_seed_counts_match_the_report() -> None:
    """Per report, the values in the tables and the figures in the text are
    the counts of controle_aantallen.csv: for 2011, 266 and 51 (bron/README.md)."""
    cells: dict[int, int] = defaultdict(int)
    for rows in table_seeds().values():
        for row in rows:
            cells[year_of(row)] += sum(1 for k, v in row.items() if k not in NOT_VALUES and v)
    figures: dict[int, int] = defaultdict(int)
    for row in text_figures():
        figures[year_of(row)] += 1
    control = {
        year_of(row): (int(row["tabelcellen"]), int(row["tekstcijfers"]))
        for row in read_csv(ROOT / "seeds" / "mappings" / "controle_aantallen.csv")
    }
    assert {year: (cells[year], figures[year]) for year in control} == control
    assert set(cells) == set(figures) == set(control)
    assert control[2011] == (266, 51)

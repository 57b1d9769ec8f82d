"""The seeds against the report's text: a second reading of every value,
independent of how the seeds were typed, and a proof that no number of the
report was left out."""

from __future__ import annotations

import re

from indwh.paths import ROOT
from tests.python.conftest import first, read_csv

SEEDS = ROOT / "seeds" / "rapport"
NOT_VALUES = {"rapportjaar", "positie", "regel", "label", "tabel"}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"20(0\d|1[0-2])")


def table_seeds() -> dict[str, list[dict[str, str]]]:
    return {p.stem: read_csv(p) for p in sorted(SEEDS.glob("*.csv")) if p.stem != "tekstcijfers"}


def text_figures() -> list[dict[str, str]]:
    return read_csv(SEEDS / "tekstcijfers.csv")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_table_rows_are_the_printed_value_lines(report_lines: list[str]) -> None:
    """Each seed row's values, in order, are exactly the line of the report it names."""
    wrong = []
    for seed, rows in table_seeds().items():
        for row in rows:
            values = [v for k, v in row.items() if k not in NOT_VALUES]
            printed = squeeze(report_lines[int(row["regel"]) - 1])
            if printed != " ".join(values):
                wrong.append(f"{seed} positie {row['positie']}: seed {values} vs line {row['regel']} {printed!r}")
    assert not wrong, "\n".join(wrong)


def test_table_labels_are_printed(report_lines: list[str]) -> None:
    """Every row label stands in the report (line breaks of the extraction aside)."""
    text = squeeze(" ".join(report_lines))
    missing = [
        f"{seed}: {row['label']!r}" for seed, rows in table_seeds().items() for row in rows if squeeze(row["label"]) not in text
    ]
    assert not missing, "\n".join(missing)


def test_text_figures_stand_where_the_seed_says(report_lines: list[str]) -> None:
    """Each text figure stands on its line; its bounding word just before it."""
    wrong = []
    for row in text_figures():
        line = int(row["regel"]) - 1
        number = first(NUMBER, row["waarde"])
        if number not in NUMBER.findall(report_lines[line]):
            wrong.append(f"nummer {row['nummer']}: {number} not on line {row['regel']}")
        window = squeeze(" ".join(report_lines[line - 1 : line + 1]))
        if row["kwalificatie"] and row["kwalificatie"] not in window:
            wrong.append(f"nummer {row['nummer']}: {row['kwalificatie']!r} not before line {row['regel']}")
        if squeeze(row["waarde"]) not in squeeze(" ".join(report_lines[line : line + 2])):
            wrong.append(f"nummer {row['nummer']}: {row['waarde']!r} not printed so on line {row['regel']}")
    assert not wrong, "\n".join(wrong)


def test_every_number_of_the_report_is_accounted_for(report_lines: list[str]) -> None:
    """Every number in the report text is a seed value, a year, or listed in
    bron/geen_cijfers.csv with the reason it is not a figure; and that list
    holds nothing that is in fact a seed value."""
    in_seeds = set()
    for rows in table_seeds().values():
        for row in rows:
            for key, value in row.items():
                if key not in NOT_VALUES:
                    in_seeds.add((int(row["regel"]), first(NUMBER, value)))
    for row in text_figures():
        in_seeds.add((int(row["regel"]), first(NUMBER, row["waarde"])))
    not_figures = {(int(r["regel"]), r["getal"]) for r in read_csv(ROOT / "bron" / "geen_cijfers.csv")}

    unaccounted = []
    for number, line in enumerate(report_lines, start=1):
        for token in NUMBER.findall(line):
            place = (number, token)
            if place not in in_seeds and place not in not_figures and not YEAR.fullmatch(token):
                unaccounted.append(f"line {number}: {token} in {line.strip()!r}")
    assert not unaccounted, "numbers of the report in no seed:\n" + "\n".join(unaccounted)
    assert not (not_figures & in_seeds), f"listed as not a figure but in a seed: {not_figures & in_seeds}"


def test_seed_counts_match_the_report() -> None:
    """266 values in the tables and 51 figures in the text (bron/README.md)."""
    cells = sum(1 for rows in table_seeds().values() for row in rows for k, v in row.items() if k not in NOT_VALUES and v)
    control = read_csv(ROOT / "seeds" / "mappings" / "controle_aantallen.csv")[0]
    assert cells == int(control["tabelcellen"]) == 266
    assert len(text_figures()) == int(control["tekstcijfers"])

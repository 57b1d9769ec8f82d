"""The seeds a report fills, and which of their columns hold its printed figures.

A report year is rows, never files: every seed with a `rapportjaar` column
holds the rows of every report. Of those, the seeds of `seeds/rapport`
print the report's figures: a table's value columns are those the var
`report_tables` of dbt_project.yml names (indwh.definitions), the running
text's figures stand in `tekstcijfers.csv`. Which year a printed column is
about, relative to the report, is `seeds/mappings/map_kolommen.csv`'s
`jaar_verschuiving` (verslagjaar 0, vorig_jaar -1). Every report also
names its own text, the file in bron/ its rows' `regel` are lines of, with
its title, in `seeds/mappings/map_rapporten.csv`: a new report fills in
these too.
"""

from __future__ import annotations

import csv
from pathlib import Path

from indwh import definitions

REPORT_SEEDS = Path("seeds") / "rapport"
COLUMNS = Path("seeds") / "mappings" / "map_kolommen.csv"
TEXT_FIGURES = "tekstcijfers"  # the seed of the figures of the running text
TEXT_VALUE_COLUMNS = ("waarde", "citaat")  # what the report's text prints, per figure
YEAR = "rapportjaar"
LINE = "regel"  # the line of the report's text a row stands on
REPORTS = Path("seeds") / "mappings" / "map_rapporten.csv"  # per report year: its text in bron/ and its title
REPORT_TEXT = "bron"  # the column of REPORTS naming the report's text file, relative to the project root
REPORTS_FILLED = (REPORT_TEXT, "titel")  # what a new report fills in of its row in REPORTS


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV file (a byte-order mark is dropped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return [name.strip() for name in reader.fieldnames or []], rows


def is_report_seed(seed: Path, root: Path) -> bool:
    return seed.resolve().parent == (root / REPORT_SEEDS).resolve()


def value_columns(seed: Path, root: Path) -> tuple[str, ...]:
    """The columns a report fills in: of a seed of seeds/rapport, those that
    hold what the report prints; of map_rapporten.csv, its text file and
    title (none for another seed)."""
    if seed.resolve() == (root / REPORTS).resolve():
        return REPORTS_FILLED
    if not is_report_seed(seed, root):
        return ()
    if seed.stem == TEXT_FIGURES:
        return TEXT_VALUE_COLUMNS
    return definitions.report_tables(root / "dbt_project.yml").get(seed.stem, ())


def year_columns(root: Path) -> dict[str, str]:
    """The printed column that holds the report year -> the one that holds the
    year before, where a table prints both (verslagjaar -> vorig_jaar)."""
    _, rows = read_rows(root / COLUMNS)
    shifts = {row["kolom"].strip(): int(row["jaar_verschuiving"]) for row in rows}
    pairs = {}
    for columns in definitions.report_tables(root / "dbt_project.yml").values():
        current = [name for name in columns if shifts.get(name) == 0]
        before = [name for name in columns if shifts.get(name) == -1]
        if len(current) == 1 and len(before) == 1:
            pairs[current[0]] = before[0]
    return pairs

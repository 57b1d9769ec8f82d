"""Start the next report year: `indwh new-report YEAR` (`make new-report YEAR=...`).

A new report adds rows, never files: every seed with a `rapportjaar` column
(and the range checks' expected rows) gets the rows of the last report again,
as the new report year, for the maintainer to fill in from the new report:

- the tables of seeds/rapport: one row per printed row of the last report;
  the year before (`vorig_jaar`) filled with what the last report printed
  for its own year (`verslagjaar`), to be checked against the new report,
  which may restate it; every other printed value empty;
- the running-text figures (tekstcijfers.csv): their value, sentence and
  bounding word empty, the year they are about one later;
- rows about a cell of the last report's own year that carry over to the
  new report's year before (map_afronding_uitzonderingen.csv: a figure
  printed to an unusual step is printed so again);
- the report's own row in map_rapporten.csv: its text file in bron/ and
  its title empty, for the new report's;
- every other seed with a `rapportjaar` (the codes of the text figures, the
  report's control counts) and the range checks' expected rows: copied.

It refuses a year that exists or is not the next one, and then changes
nothing. Afterwards `make build` lists every value still empty, with file
and line, and stops before dbt.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline.report_seeds import TEXT_FIGURES, YEAR, read_rows, value_columns, year_columns
from indwh.pipeline.seed_files import EmptyValue, check_seeds, seed_dirs
from indwh.range_checks.expected import HERE as RANGE_CHECKS

EXPECTED_ROWS = (RANGE_CHECKS / "expected_rows.csv").relative_to(ROOT)  # the range checks' rows per report
CELL = ("tabel", "positie", "kolom")  # a file whose rows name a cell of a table by these columns
TEXT_SHIFTED = "jaar"  # the year a text figure is about
TEXT_CLEARED = ("kwalificatie",)  # besides its value columns: what the new text prints for a figure


Read = tuple[list[str], list[dict[str, str]]]  # a CSV file's header and rows


@dataclass(frozen=True)
class Addition:
    """The rows a new report adds to one file."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]]


def report_files(root: Path) -> list[Path]:
    """Every file a report fills: the seeds with a rapportjaar column, and the range checks' expected rows."""
    seeds = sorted(path for folder in seed_dirs(root) for path in folder.rglob("*.csv"))
    return [path for path in seeds if YEAR in read_rows(path)[0]] + [root / EXPECTED_ROWS]


def years_in(path: Path, rows: list[dict[str, str]]) -> set[int]:
    years = set()
    for line, row in enumerate(rows, start=2):
        try:
            years.add(int(row[YEAR]))
        except (TypeError, ValueError):
            raise BadInput(f"{path}:{line}: column {YEAR}: {row[YEAR]!r} is not a year") from None
    return years


def new_rows(path: Path, read: Read, root: Path, last: int, year: int, pairs: dict[str, str]) -> Addition:
    """The rows report `year` adds to `path` (its header and rows `read`),
    from the rows of report `last`; `pairs` as year_columns gives them."""
    header, rows = read
    values = value_columns(path, root)
    names_cells = set(CELL) <= set(header) and not values
    added = []
    for row in (row for row in rows if int(row[YEAR]) == last):
        new = {name: (value or "").strip() for name, value in row.items() if name is not None}
        new[YEAR] = str(year)
        if names_cells:
            # A row about a cell of the last report: the cell of its own year is
            # printed again by the new report, as the year before; others are not.
            if new["kolom"] not in pairs:
                continue
            new["kolom"] = pairs[new["kolom"]]
        for name in values:
            new[name] = ""
        for current, before in pairs.items():
            if current in values and before in values:
                new[before] = row[current].strip()
        if path.stem == TEXT_FIGURES and values:
            new[TEXT_SHIFTED] = str(int(row[TEXT_SHIFTED]) + year - last)
            for name in TEXT_CLEARED:
                new[name] = ""
        added.append(new)
    return Addition(path, header, added)


def append(addition: Addition) -> None:
    """Add the rows at the end of the file, in its own column order, through a
    temporary file and a rename, so a file is either as it was or whole."""
    text = addition.path.read_text(encoding="utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=addition.header, lineterminator="\n")
    writer.writerows(addition.rows)
    temporary = addition.path.with_name(f".{addition.path.name}.new")
    temporary.write_text(text + ("" if not text or text.endswith("\n") else "\n") + out.getvalue(), encoding="utf-8")
    os.replace(temporary, addition.path)


def plan(root: Path, year: int) -> list[Addition]:
    """What starting report `year` adds, file by file; BadInput when it cannot
    be started (nothing is written then)."""
    files = {path: read_rows(path) for path in report_files(root)}
    years = {path: years_in(path, rows) for path, (_, rows) in files.items()}
    known = set().union(*years.values())
    if not known:
        raise BadInput("no report year in the seeds to start from")
    last = max(known)
    if year in known:
        holding = [str(path.relative_to(root)) for path in files if year in years[path]]
        others = f" and {len(holding) - 1} other file(s)" if len(holding) > 1 else ""
        raise BadInput(f"report year {year} exists already ({holding[0]}{others}); nothing changed")
    if year != last + 1:
        raise BadInput(f"the next report year is {last + 1} (the last one is {last}), not {year}; nothing changed")
    missing = [str(path.relative_to(root)) for path in files if last not in years[path]]
    if missing:
        raise BadInput(
            f"report year {last} is missing from {', '.join(missing)}: every report fills these files; nothing changed"
        )
    unfilled = [problem for problem in check_seeds(root) if isinstance(problem, EmptyValue)]
    if unfilled:
        more = f" and {len(unfilled) - 1} more" if len(unfilled) > 1 else ""
        raise BadInput(
            f"report {last} still has rows with empty values ({unfilled[0].where}{more}):"
            " fill them in first (make build lists them); nothing changed"
        )
    pairs = year_columns(root)
    return [new_rows(path, read, root, last, year, pairs) for path, read in files.items()]


def start(root: Path, year: int) -> list[Addition]:
    """Add report `year` to the seeds of the project at `root`."""
    additions = plan(root, year)
    for addition in additions:
        append(addition)
    return additions

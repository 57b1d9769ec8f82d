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

With the new report's text (`indwh new-report YEAR --text FILE`,
`start_from_text`) the same rows are then filled from the text, the last
report serving as the template: the text is copied into bron/ and named in
map_rapporten.csv; the tables' rows get what report_text.py reads (values
as printed and their line; where it cannot read a row, values and line
empty, nothing copied); a new label gets a row with the next free
`positie` and empty values; a new top-3 nationality the code list knows its
row in map_rijen.csv; the running text's figures are the candidates of
text_figures.py, their values empty for a person to confirm, with the codes
proposed in map_tekstcijfers.csv; the numbers proposed as no figure go to
bron/geen_cijfers.csv. review_page.py writes what was done and what is left
to target/new-report-<year>.md.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from indwh import definitions, printed
from indwh.errors import BadInput
from indwh.paths import RANGE_CHECKS, ROOT
from indwh.pipeline import report_text, review_page, text_figures
from indwh.pipeline.report_seeds import (
    LINE,
    REPORT_SEEDS,
    REPORT_TEXT,
    REPORTS,
    TEXT_FIGURES,
    YEAR,
    read_rows,
    value_columns,
    year_columns,
)
from indwh.pipeline.report_text import BLOCK_OF, RANK, Reading
from indwh.pipeline.seed_files import EmptyValue, check_seeds, seed_dirs
from indwh.pipeline.text_figures import NOT_FIGURES, TEXT_CODES, Proposals

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


ROWS = Path("seeds") / "mappings" / "map_rijen.csv"  # per table and label: its codes
CODES = Path("seeds") / "codes" / "code_lijst.csv"  # the code lists, with Dutch labels
NATIONALITY = "nationaliteit"  # the dimension of a top-3 row's nationality
TEXTS = "bron"  # the folder of the reports' texts


@dataclass(frozen=True)
class Revision:
    """A figure of the year before that the new report prints otherwise than the previous one did."""

    seed: str
    positie: int
    label: str
    regel: int  # the line of the new text
    before: str  # as the previous report printed it (its report year's column)
    now: str  # as the new report prints it (its year-before column)


@dataclass(frozen=True)
class Nationality:
    """A top-3 row whose nationality has no row in map_rijen.csv for its block."""

    table: str
    line: int
    name: str
    code: str  # from code_lijst.csv, or '' when the code list has none
    row: dict[str, str]  # the map_rijen.csv row it needs (nationaliteit empty without a code)


@dataclass(frozen=True)
class Step:
    """A count read that is not a multiple of its table's rounding step (map_tabellen.csv)."""

    table: str
    positie: int
    column: str
    value: str
    step: int
    regel: int


@dataclass(frozen=True)
class Counts:
    filled: int
    empty: int
    new_labels: int
    revisions: int


@dataclass
class FromText:
    """What `start_from_text` did."""

    root: Path
    year: int
    text: str  # the new report's text, relative to the root
    additions: list[Addition]
    reading: Reading
    revisions: list[Revision]
    proposals: Proposals
    nationalities: list[Nationality]
    dropped: list[dict[str, str]]  # rows of the year before's exceptions the new text no longer prints so
    steps: list[Step]  # counts printed to another step than their table's, without a row for it

    @property
    def page(self) -> Path:
        return self.root / page_path(self.year)

    def table_rows(self) -> list[tuple[Addition, dict[str, str], tuple[str, ...]]]:
        """Every row of the new year in a table seed, with the seed's value columns."""
        tables = definitions.report_tables(self.root / "dbt_project.yml")
        return [
            (addition, row, tables[addition.path.stem])
            for addition in self.additions
            if addition.path.parent.name == REPORT_SEEDS.name and addition.path.stem in tables
            for row in addition.rows
        ]

    @property
    def counts(self) -> Counts:
        rows = self.table_rows()
        empty = sum(1 for _, row, columns in rows for column in columns if not row[column].strip())
        filled = sum(1 for _, row, columns in rows for column in columns if row[column].strip())
        return Counts(filled, empty, len(self.reading.new_labels), len(self.revisions))


def page_path(year: int) -> Path:
    """The review page of report `year`, relative to the root."""
    return Path("target") / f"new-report-{year}.md"


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


def start_from_text(root: Path, year: int, text: Path) -> FromText:
    """Add report `year` to the seeds of the project at `root`, filled from
    its text `text` with the previous report as the template; the review
    page written to target/. BadInput (nothing changed) as `start`, or for
    a text that cannot serve."""
    additions = plan(root, year)
    last = year - 1
    shown, lines = text_to_place(root, text)
    template = report_text.learn(root, last)
    reading = report_text.read_tables(lines, template, year, shown)
    by_file = {addition.path.resolve(): addition for addition in additions}
    revisions = fill_tables(root, by_file, reading)
    nationalities = new_nationalities(root, reading)
    previous = report_text.read_lines(root / template.text, template.text)
    on_tables = set().union(*(table.lines for table in reading.tables))
    proposals = text_figures.propose(root, last, previous, lines, on_tables, year)
    fill_text_figures(root, by_file, proposals, year)
    dropped = keep_exceptions(root, by_file, reading)
    expected_lines(root, by_file, reading, year - last)
    steps = unusual_steps(root, by_file, reading)
    for row in by_file[(root / REPORTS).resolve()].rows:
        row[REPORT_TEXT] = shown
    extra = [not_figures_addition(root, proposals, year), *map_rows_addition(root, nationalities)]
    result = FromText(root, year, shown, additions, reading, revisions, proposals, nationalities, dropped, steps)
    destination = root / shown
    if not destination.exists():
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_name(f".{destination.name}.new")
        shutil.copyfile(text, temporary)
        os.replace(temporary, destination)
    for addition in [*additions, *extra]:
        if addition.rows:
            append(addition)
    review_page.write(result)
    return result


def text_to_place(root: Path, text: Path) -> tuple[str, list[str]]:
    """Where the new report's text goes in bron/ (relative to the root), and
    its lines; BadInput for a text that is missing, not UTF-8, empty, the
    text of an earlier report, or named as another file of bron/."""
    if not text.is_file():
        raise BadInput(f"{text}: no such file (give the new report's text, extracted from its PDF)")
    lines = report_text.read_lines(text, str(text))
    if not any(line.strip() for line in lines):
        raise BadInput(f"{text}: the text is empty")
    data = text.read_bytes()
    for row in read_rows(root / REPORTS)[1]:
        named = root / row[REPORT_TEXT].strip()
        if row[REPORT_TEXT].strip() and named.is_file() and named.read_bytes() == data:
            raise BadInput(f"{text} is the text of report {row[YEAR].strip()} ({row[REPORT_TEXT].strip()}); nothing changed")
    destination = root / TEXTS / text.name
    if destination.exists() and destination.read_bytes() != data:
        raise BadInput(f"{TEXTS}/{text.name} exists and holds another file: give the text another name; nothing changed")
    return f"{TEXTS}/{text.name}", lines


def fill_tables(root: Path, by_file: dict[Path, Addition], reading: Reading) -> list[Revision]:
    """The new year's rows of every table seed as the text reads them: values
    and `regel` where read, empty where not (nothing copied from the
    previous report), a row per new label (next free positie, values
    empty); the revisions of the year before."""
    pairs = year_columns(root)
    cells = {cell.row.key: cell for cell in reading.cells}
    revisions = []
    for seed, columns in definitions.report_tables(root / "dbt_project.yml").items():
        path = root / REPORT_SEEDS / f"{seed}.csv"
        addition = by_file[path.resolve()]
        for row in addition.rows:
            block = row[BLOCK_OF].strip() or None if BLOCK_OF in row else None
            cell = cells.get((seed, block, int(row["positie"])))
            row[LINE] = str(cell.regel) if cell else ""
            for position, column in enumerate(columns):
                row[column] = cell.values[position] if cell else ""
            if cell is None:
                continue
            row["label"] = cell.label
            for current, before in pairs.items():
                if current in columns and before in columns:
                    was, now = cell.row.values[columns.index(current)], cell.values[columns.index(before)]
                    if was != now:
                        revisions.append(Revision(seed, cell.row.positie, cell.row.label, cell.regel, was, now))
        existing = read_rows(path)[1] + addition.rows
        for new in reading.new_labels:
            if new.block.rows[0].seed != seed:
                continue
            block = new.block.rows[0].block
            taken = [int(row["positie"]) for row in existing if (row[BLOCK_OF].strip() if BLOCK_OF in row else None) == block]
            added = dict.fromkeys(addition.header, "") | {YEAR: str(reading.year), "positie": str(max(taken) + 1)}
            added |= {LINE: str(new.regel), "label": new.label} | ({BLOCK_OF: block} if block else {})
            addition.rows.append(added)
            existing.append(added)
    return revisions


def new_nationalities(root: Path, reading: Reading) -> list[Nationality]:
    """The top-3 rows read whose nationality map_rijen.csv does not code for their block."""
    _, mapped = read_rows(root / ROWS)
    known = {(row["tabel"].strip(), row["label"].strip()): row for row in mapped}
    codes: dict[str, list[str]] = {}
    for row in read_rows(root / CODES)[1]:
        if row["dimensie"].strip() == NATIONALITY:
            codes.setdefault(row["label_nl"].strip(), []).append(row["code"].strip())
    found = []
    for cell in reading.cells:
        rank, before = RANK.fullmatch(cell.label), RANK.fullmatch(cell.row.label)
        if not rank or not before or (cell.row.table, rank.group(2)) in known:
            continue
        template = known.get((cell.row.table, before.group(2)))
        code = codes.get(rank.group(2), [""])[0] if len(codes.get(rank.group(2), [])) <= 1 else ""
        row = dict(template or {}) | {"tabel": cell.row.table, "label": rank.group(2), NATIONALITY: code}
        found.append(Nationality(cell.row.table, cell.regel, rank.group(2), code, row))
    return found


def map_rows_addition(root: Path, nationalities: list[Nationality]) -> list[Addition]:
    """The map_rijen.csv rows of the new nationalities the code list has a code for."""
    header, _ = read_rows(root / ROWS)
    rows = [nationality.row for nationality in nationalities if nationality.code]
    return [Addition(root / ROWS, header, rows)] if rows else []


def fill_text_figures(root: Path, by_file: dict[Path, Addition], proposals: Proposals, year: int) -> None:
    """The new year's text figures: the candidates, each with what is proposed
    for it and its value left empty for a person to confirm; and the
    proposed codes of those proposed as a figure of the previous report."""
    figures = by_file[(root / REPORT_SEEDS / f"{TEXT_FIGURES}.csv").resolve()]
    codes = by_file[(root / TEXT_CODES).resolve()]
    figures.rows.clear()
    for found in proposals.candidates:
        like = found.like or {}
        row = dict.fromkeys(figures.header, "") | {
            YEAR: str(year),
            "nummer": str(found.nummer),
            LINE: str(found.regel),
            "kwalificatie": found.kwalificatie,
            "citaat": found.citaat,
        }
        if like:
            row |= {name: like[name] for name in ("hoofdstuk", "paragraaf", "omschrijving")}
        row["jaar"] = str(found.jaar or "")
        figures.rows.append(row)
    codes.rows[:] = [dict(found.mapping) for found in proposals.candidates if found.mapping]


def keep_exceptions(root: Path, by_file: dict[Path, Addition], reading: Reading) -> list[dict[str, str]]:
    """The rounding exceptions carried over from the previous report's year
    whose figure the new text prints the same; the others are dropped and returned."""
    read = {(cell.row.table, cell.row.positie): cell for cell in reading.cells}
    columns = definitions.report_tables(root / "dbt_project.yml")
    pairs = {before: current for current, before in year_columns(root).items()}
    dropped: list[dict[str, str]] = []
    for addition in by_file.values():
        if not set(CELL) <= set(addition.header) or value_columns(addition.path, root):
            continue
        kept: list[dict[str, str]] = []
        for row in addition.rows:
            cell = read.get((row["tabel"].strip(), int(row["positie"])))
            names = columns[cell.row.seed] if cell else ()
            current = pairs.get(row["kolom"].strip(), "")
            same = (
                cell is not None
                and row["kolom"].strip() in names
                and current in names
                and cell.values[names.index(row["kolom"].strip())] == cell.row.values[names.index(current)]
            )
            (kept if same else dropped).append(row)
        addition.rows[:] = kept
    return dropped


def unusual_steps(root: Path, by_file: dict[Path, Addition], reading: Reading) -> list[Step]:
    """The counts read that their table's rounding step does not divide and
    that have no rounding exception for the new year (the range checks
    would stop the build on them)."""
    _, tables = read_rows(root / report_text.TABLES)
    steps = {row["tabel"].strip(): int(row["afronding_aantallen"]) for row in tables if row["afronding_aantallen"].strip()}
    excepted = {
        (row["tabel"].strip(), row["positie"].strip(), row["kolom"].strip())
        for addition in by_file.values()
        if set(CELL) <= set(addition.header) and not value_columns(addition.path, root)
        for row in addition.rows
    }
    columns = definitions.report_tables(root / "dbt_project.yml")
    found = []
    for cell in reading.cells:
        step = steps.get(cell.row.table)
        for column, value in zip(columns[cell.row.seed], cell.values, strict=True):
            number, form = printed.read(value)
            count = not form.unit and not form.euro and not form.decimals
            if step and count and number % step and (cell.row.table, str(cell.row.positie), column) not in excepted:
                found.append(Step(cell.row.table, cell.row.positie, column, value, step, cell.regel))
    return found


def expected_lines(root: Path, by_file: dict[Path, Addition], reading: Reading, shift: int) -> None:
    """The range checks' expected rows of a table block that was read whole:
    the lines of the new text it stands on, and the values it prints there
    (a new row counted in). A block is known by the lines the previous
    report's row gave; the others, and the running text, stay as carried over."""
    spans = {}
    for table in reading.tables:
        for block in table.table.blocks:
            before = f"{block.rows[0].regel}-{block.rows[-1].regel}"
            cells = [cell for cell in table.cells if cell.row.table == block.name]
            new = [label for label in table.new_labels if label.block is block]
            if len(cells) == len(block.rows):
                lines = [cell.regel for cell in cells] + [label.regel for label in new]
                values = sum(len(cell.values) for cell in cells) + sum(len(label.values) for label in new)
                spans[before] = (f"{min(lines)}-{max(lines)}", values, len(block.rows) + len(new))
    for row in by_file[(root / EXPECTED_ROWS).resolve()].rows:
        found = spans.get(row["regels"].strip())
        if found is None:
            continue
        row["regels"], row["cijfers"] = found[0], str(found[1])
        row["toelichting"] = re.sub(r"^\d+ rows", f"{found[2]} rows", report_text.shift_years(row["toelichting"], shift))


def not_figures_addition(root: Path, proposals: Proposals, year: int) -> Addition:
    """The numbers of the new text proposed for bron/geen_cijfers.csv."""
    header, _ = read_rows(root / NOT_FIGURES)
    rows = [
        dict.fromkeys(header, "") | {YEAR: str(year), LINE: str(item.regel), "getal": item.getal, "reden": item.reden}
        for item in proposals.not_figures
    ]
    return Addition(root / NOT_FIGURES, header, rows)

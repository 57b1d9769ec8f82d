"""Read a report's tables from its text, with the previous report as the template.

The report keeps its layout from year to year (bron/README.md): a table's
title, its row labels (mostly bullet lines), a header (` 2011 2010`), then
one line of values per row in label order; a top-3 block inside the table
after a heading of its own, with the header ` aantal percentage`. What a
table looks like is learned from the previous report: its seeds give every
row's label, position and the line its values stood on (`regel`), its text
gives the rest, found from there: the title line above the labels, the
header lines just above the first values, the block headings, and a label
printed after the values (below a footnote) instead of before them.

A table of the new text is then read as the template says:

- found by its title (also over two lines), on a line followed by labels,
  so that a section heading with the same words is passed over;
- its labels split into rows by the template's labels (a label over two
  lines, a label without a bullet), a bullet or rank line starting a row
  the template does not know;
- the header checked against the template's, its years moved to the new
  report's (` 2012 2011`);
- the value lines taken in order after the header, each split at its
  spaces (one or more) into values as the report prints them
  (the grammar `dutch_number_pattern` of dbt_project.yml);
- each label matched to its row of the template by its text, a top-3 row by
  its rank (its nationality is read from the text), and given the value
  line at its place.

Nothing is guessed: a table not found, a header with other years, a block
with more or fewer value lines than labels, a value line with another
number of values than the table has columns, a label the template does not
have, a template label the text does not print: those rows stay unread and
each is a `Gap` with the line of the new text it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from indwh import definitions
from indwh.errors import BadInput
from indwh.pipeline.report_seeds import LINE, REPORT_SEEDS, REPORT_TEXT, REPORTS, YEAR, read_rows
from indwh.printed import PATTERN

TABLES = Path("seeds") / "mappings" / "map_tabellen.csv"  # per table: its title and, for a block, its heading
BLOCK_OF = "tabel"  # the column of a seed that holds blocks of several tables (the top-3 blocks)
BULLET = "•"
RANK = re.compile(r"(\d+)\.\s+(\S.*)")  # a row of a top-3 block: `1. Chinese`
VALUE = re.compile(r"(?<!\S)" + PATTERN.pattern.removeprefix("^").removesuffix("$") + r"(?!\S)")
YEAR_WORD = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d%]|[.,]\d)")
LABEL_LINES = 4  # the most lines a label is printed over
AFTER_VALUES = 30  # how far below a table's values a label printed there may stand
LABEL_REGION = 80  # how many lines of labels a table may print before its header


class TemplateError(BadInput):
    """The previous report does not read back from its own text as its seeds hold it."""


def squeeze(text: str) -> str:
    """A line with its spaces joined and trimmed."""
    return " ".join(text.split())


def unbulleted(text: str) -> tuple[str, bool]:
    """A line without its bullet (squeezed), and whether it had one."""
    text = squeeze(text)
    if text.startswith(BULLET):
        return text[len(BULLET) :].strip(), True
    return text, False


def values_of(line: str) -> tuple[str, ...] | None:
    """The values of a line that holds nothing but values as the report
    prints them (any run of spaces between them), or None."""
    found = list(VALUE.finditer(line))
    rest = VALUE.sub("", line)
    if not found or rest.strip():
        return None
    return tuple(squeeze(match.group(0)) for match in found)


def is_year_header(line: str) -> bool:
    words = line.split()
    return bool(words) and all(YEAR_WORD.fullmatch(word) for word in words)


def shift_years(text: str, shift: int) -> str:
    return YEAR_WORD.sub(lambda match: str(int(match.group(0)) + shift), text)


@dataclass(frozen=True)
class Row:
    """A row of the template: a printed row of the previous report."""

    table: str  # its table in map_tabellen.csv (a top-3 block: `studenten_top3`)
    seed: str  # the seed of seeds/rapport that holds it
    block: str | None  # its value in the seed's BLOCK_OF column (top-3 blocks), else None
    positie: int
    label: str
    regel: int  # the line its values stood on in the previous text
    values: tuple[str, ...]  # as the previous report printed them (only to find revisions)

    @property
    def rank(self) -> int | None:
        match = RANK.fullmatch(self.label)
        return int(match.group(1)) if match else None

    @property
    def key(self) -> tuple[str, str | None, int]:
        return (self.seed, self.block, self.positie)


@dataclass
class Block:
    """One run of value lines under one header: a table, or a top-3 block inside one."""

    name: str  # the table of map_tabellen.csv (`studenten`, `studenten_top3`)
    heading: str  # the heading that starts the block among the labels ('' for the table itself)
    columns: tuple[str, ...]
    rows: list[Row]
    header: list[str] = field(default_factory=list)  # the header lines of the previous text, squeezed
    after_values: list[str] = field(default_factory=list)  # labels printed after the values, in order


@dataclass
class Table:
    """A printed table: a title, then the labels of all its blocks, then each block's header and values."""

    title: str
    blocks: list[Block]
    plain: set[str] = field(default_factory=set)  # its labels printed without a bullet

    @property
    def labels(self) -> set[str]:
        return {row.label for block in self.blocks for row in block.rows}


@dataclass(frozen=True)
class Template:
    """The tables of the previous report, in the order its text prints them."""

    year: int
    text: str  # its text file, relative to the project root
    tables: list[Table]
    plain: frozenset[str] = frozenset()  # labels it prints without a bullet (`Totaal`), any table

    @property
    def rows(self) -> list[Row]:
        return [row for table in self.tables for block in table.blocks for row in block.rows]


@dataclass(frozen=True)
class Cell:
    """A template row read from the new text."""

    row: Row
    label: str  # as the new text prints it (a top-3 row's nationality may be another)
    regel: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    """A row of the template that was not read, or a line of the text that could not be placed."""

    line: int  # the line of the new text it is about
    what: str
    why: str
    row: Row | None = None


@dataclass(frozen=True)
class NewLabel:
    """A row the new text prints that the template does not have."""

    block: Block
    line: int  # where its label stands
    label: str
    regel: int  # where its values stand
    values: tuple[str, ...]


@dataclass
class TableReading:
    """What was read of one table: where it stands and its rows."""

    table: Table
    title_line: int | None = None
    end_line: int | None = None  # the last line it stands on (its last values, or a label printed below them)
    header_lines: list[int] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    new_labels: list[NewLabel] = field(default_factory=list)

    @property
    def lines(self) -> set[int]:
        """The lines the table stands on, title to last values."""
        if self.title_line is None:
            return set()
        return set(range(self.title_line, (self.end_line or self.title_line) + 1))


@dataclass
class Reading:
    """Every table of a text, read with a template."""

    source: str  # the text, as gaps name it
    year: int
    tables: list[TableReading]
    stray: list[int] = field(default_factory=list)  # lines of values (or a header of years) no table took

    @property
    def cells(self) -> list[Cell]:
        return [cell for table in self.tables for cell in table.cells]

    @property
    def gaps(self) -> list[Gap]:
        return [gap for table in self.tables for gap in table.gaps]

    @property
    def new_labels(self) -> list[NewLabel]:
        return [label for table in self.tables for label in table.new_labels]

    def listed_stray(self) -> list[str]:
        """Each line of values no table took, as `file:line: ...`."""
        return [
            f"{self.source}:{line}: values no table of the template reads (a new table, or one whose title was not found)"
            for line in self.stray
        ]

    def listed(self, gap: Gap) -> str:
        """A gap as `file:line: <what> (<why>)`."""
        return f"{self.source}:{gap.line}: {gap.what} ({gap.why})"


# --- the labels of a table --------------------------------------------------


@dataclass
class Item:
    """A label as the text prints it: a row of some block."""

    line: int
    text: str
    known: bool
    lines: list[int]
    loose: bool = False  # started by a line that is neither the template's label nor a bullet or rank line


def split_labels(
    lines: list[tuple[int, str]], known: set[str], headings: list[str], plain: frozenset[str] = frozenset()
) -> list[list[Item]]:
    """The labels of the non-blank `lines`, per block: the template's labels
    (`known`, each over up to LABEL_LINES lines), a bullet or rank line
    starting another, a line that is neither going with the label before it
    if that one is not the template's, else starting a label of its own
    (a loose one, unless the template prints such a label without a bullet
    elsewhere: `plain`); `headings` (of the blocks after the first) start
    the next block."""
    blocks: list[list[Item]] = [[] for _ in range(len(headings) + 1)]
    current = 0
    index = 0
    texts = [unbulleted(text) for _, text in lines]
    while index < len(lines):
        number = lines[index][0]
        joined = {
            span: " ".join([texts[index][0]] + [squeeze(text) for _, text in lines[index + 1 : index + span]])
            for span in range(1, LABEL_LINES + 1)
            if index + span <= len(lines) and not any(bullet for _, bullet in texts[index + 1 : index + span])
        }
        heading = next(
            ((position, span) for span, text in joined.items() for position, name in enumerate(headings) if text == name), None
        )
        if heading is not None:
            current = max(current, heading[0] + 1)
            index += heading[1]
            continue
        span = next((span for span in sorted(joined, reverse=True) if joined[span] in known), None)
        if span is not None:
            covered = [number for number, _ in lines[index : index + span]]
            blocks[current].append(Item(number, joined[span], True, covered))
            index += span
            continue
        text, bullet = texts[index]
        previous = blocks[current][-1] if blocks[current] else None
        if bullet or RANK.fullmatch(text) or previous is None or previous.known or text in plain:
            loose = not bullet and not RANK.fullmatch(text) and text not in plain
            blocks[current].append(Item(number, text, False, [number], loose))
        else:
            previous.text = f"{previous.text} {text}"
            previous.lines.append(number)
        index += 1
    for item in (item for block in blocks for item in block):
        item.known = item.text in known  # a label wrapped otherwise than in the template is still its label
        item.loose = item.loose and not item.known
    return blocks


# --- the template -------------------------------------------------------------


def title_lines(lines: list[str], title: str) -> list[tuple[int, int]]:
    """(first, last) line numbers (from 1) of every place `title` stands on one line or two."""
    found = []
    for index, line in enumerate(lines):
        text = squeeze(line)
        if not text or not title.startswith(text):
            continue
        if text == title:
            found.append((index + 1, index + 1))
            continue
        following = next((position for position in range(index + 1, min(index + 3, len(lines))) if lines[position].strip()), None)
        if following is not None and f"{text} {squeeze(lines[following])}" == title:
            found.append((index + 1, following + 1))
    return found


def next_nonblank(lines: list[str], after: int, limit: int | None = None) -> list[tuple[int, str]]:
    """The non-blank lines after line `after` (numbered from 1), up to `limit` of them."""
    found = []
    for index in range(after, len(lines)):
        if lines[index].strip():
            found.append((index + 1, lines[index]))
            if limit is not None and len(found) == limit:
                break
    return found


def report_text(root: Path, year: int) -> str:
    """The text of report `year`, relative to the root, as map_rapporten.csv names it."""
    _, reports = read_rows(root / REPORTS)
    named = [row[REPORT_TEXT].strip() for row in reports if row[YEAR].strip() == str(year)]
    if len(named) != 1 or not named[0] or not (root / named[0]).is_file():
        raise TemplateError(f"{REPORTS}: no text of report {year} to learn its layout from")
    return named[0]


def read_lines(path: Path, shown: str) -> list[str]:
    try:
        # lines as `regel` counts them (tests/python/conftest.py): a form feed or other
        # separator of str.splitlines does not end a line
        return path.read_text(encoding="utf-8-sig").split("\n")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise BadInput(f"{shown}:{line}: byte {error.start} is not UTF-8: save the text as UTF-8") from None
    except OSError as error:
        raise BadInput(f"{shown}: cannot read the text ({error.strerror})") from None


def template_rows(root: Path, year: int) -> dict[str, list[Row]]:
    """The rows of report `year`, per block of map_tabellen.csv."""
    tables = definitions.report_tables(root / "dbt_project.yml")
    _, mapped = read_rows(root / TABLES)
    names = {row["tabel"].strip() for row in mapped}
    titles = {row["tabel"].strip(): row["titel"].strip() for row in mapped}
    # a seed holding blocks of several tables: each block is the table of map_tabellen.csv
    # with a block heading under the title of the table its BLOCK_OF column names
    inside = {titles[row["tabel"].strip()]: row["tabel"].strip() for row in mapped if row["blok"].strip()}
    blocks: dict[str, list[Row]] = {}
    for seed, columns in tables.items():
        path = root / REPORT_SEEDS / f"{seed}.csv"
        for line, row in enumerate(read_rows(path)[1], start=2):
            if row[YEAR].strip() != str(year):
                continue
            block = row[BLOCK_OF].strip() if BLOCK_OF in row else None
            name = seed if block is None else inside.get(titles.get(block, ""), "")
            if name not in names:
                raise TemplateError(f"{path.relative_to(root)}:{line}: table {block or seed} has no row in {TABLES}")
            try:
                regel = int(row[LINE])
            except ValueError:
                raise TemplateError(
                    f"{path.relative_to(root)}:{line}: column regel is empty: report {year} is not finished"
                ) from None
            values = tuple(row[column].strip() for column in columns)
            blocks.setdefault(name, []).append(Row(name, seed, block, int(row["positie"]), squeeze(row["label"]), regel, values))
    return blocks


def learn(root: Path, year: int) -> Template:
    """The template of report `year`: its tables as its seeds and its text
    show them. TemplateError when the text does not show a table as the
    seeds say (then it cannot serve as a template)."""
    shown = report_text(root, year)
    lines = read_lines(root / shown, shown)
    _, mapped = read_rows(root / TABLES)
    titles = {row["tabel"].strip(): (row["titel"].strip(), row["blok"].strip()) for row in mapped}
    columns = definitions.report_tables(root / "dbt_project.yml")
    grouped: dict[str, list[Block]] = {}
    for name, rows in template_rows(root, year).items():
        title, heading = titles[name]
        grouped.setdefault(title, []).append(Block(name, heading, columns[rows[0].seed], sorted(rows, key=lambda r: r.regel)))
    tables = []
    for title, blocks in grouped.items():
        blocks.sort(key=lambda block: (block.heading != "", block.rows[0].regel))
        tables.append(Table(title, blocks))
    tables.sort(key=lambda table: table.blocks[0].rows[0].regel)
    printed = {table.title for table in tables}
    for table in tables:
        learn_layout(table, lines, shown, printed - {table.title})
    template = Template(year, shown, tables, frozenset(label for table in tables for label in table.plain))
    check_reads_back(template, lines)
    return template


def check_reads_back(template: Template, lines: list[str]) -> None:
    """TemplateError unless the template reads its own text back exactly as its seeds hold it."""
    reading = read_tables(lines, template, template.year, template.text)
    wrong = [reading.listed(gap) for gap in reading.gaps]
    wrong += [f"{template.text}:{label.line}: label {label.label!r} not in the seeds" for label in reading.new_labels]
    wrong += [
        f"{template.text}:{cell.regel}: {cell.row.seed} row {cell.row.positie} reads {cell.values} where the seeds hold"
        f" {cell.row.values} on line {cell.row.regel}"
        for cell in reading.cells
        if (cell.values, cell.regel, cell.label) != (cell.row.values, cell.row.regel, cell.row.label)
    ]
    if wrong:
        more = f" and {len(wrong) - 1} more" if len(wrong) > 1 else ""
        raise TemplateError(f"report {template.year} does not read back from its own text: {wrong[0]}{more}")


def learn_layout(table: Table, lines: list[str], shown: str, others: set[str]) -> None:
    """The headers of `table`'s blocks and the labels it prints after its values, from the previous text."""
    first = table.blocks[0].rows[0].regel
    places = [place for place in title_lines(lines, table.title) if place[1] < first]
    if not places:
        raise TemplateError(f"{shown}: the title {table.title!r} does not stand above line {first}")
    _, title_end = places[-1]
    region = next_nonblank(lines[: first - 1], title_end)
    items = split_labels(region, table.labels, [block.heading for block in table.blocks[1:]])
    table.plain = {
        item.text
        for block in items
        for item in block
        if item.known and not unbulleted(lines[item.line - 1])[1] and not RANK.fullmatch(item.text)
    }
    last_label = max((line for block in items for item in block if item.known for line in item.lines), default=title_end)
    for position, block in enumerate(table.blocks):
        start = last_label if position == 0 else table.blocks[position - 1].rows[-1].regel
        block.header = [squeeze(text) for _, text in next_nonblank(lines[: block.rows[0].regel - 1], start)]
        if not block.header:
            raise TemplateError(f"{shown}:{block.rows[0].regel}: no header above the values of {table.title!r}")
        found = {item.text for item in items[position] if item.known}
        missing = [row.label for row in block.rows if row.label not in found]
        below = labels_below(lines, block.rows[-1].regel, others)
        for label in missing:
            if label not in below:
                raise TemplateError(f"{shown}: the label {label!r} of {table.title!r} stands neither above nor below its values")
        block.after_values = sorted(missing, key=lambda label: below[label])


# --- reading a new text -------------------------------------------------------


def read_tables(lines: list[str], template: Template, year: int, source: str) -> Reading:
    """Every table of the template read from `lines`, the text of report `year`."""
    titles = {table.title for table in template.tables}
    reading = Reading(source, year, [])
    resume = 1
    for table in template.tables:
        result = read_table(lines, table, year - template.year, titles - {table.title}, resume, template.plain)
        reading.tables.append(result)
        if result.cells:
            resume = max(cell.regel for cell in result.cells)
    taken = set().union(*(table.lines for table in reading.tables))
    reading.stray = [
        number
        for number, line in enumerate(lines, start=1)
        if number not in taken and (values_of(line) is not None or is_year_header(line))
    ]
    return reading


def read_table(
    lines: list[str], table: Table, shift: int, others: set[str], near: int, plain: frozenset[str] = frozenset()
) -> TableReading:
    """One table of the template read from `lines` (years `shift` later);
    `near`: a line close to where it is expected, for a table not found."""
    result = TableReading(table)

    def unread(line: int, why: str, blocks: list[Block] | None = None) -> TableReading:
        for block in blocks if blocks is not None else table.blocks:
            for row in block.rows:
                result.gaps.append(Gap(line, f"{describe(block, row)} not read", why, row))
        return result

    places = [place for place in title_lines(lines, table.title) if starts_labels(lines, place[1], table)]
    if not places:
        return unread(near, f"no title {table.title!r} followed by its labels in the text")
    if len(places) > 1:
        where = ", ".join(str(first) for first, _ in places)
        return unread(places[0][0], f"the title {table.title!r} stands above labels on lines {where}")
    result.title_line, title_end = places[0]
    first = table.blocks[0]
    expected = [shift_years(text, shift) for text in first.header]
    region: list[tuple[int, str]] = []
    header_at = None
    for number, text in next_nonblank(lines, title_end, LABEL_REGION):
        if values_of(text) or is_year_header(text) or squeeze(text) == expected[0]:
            header_at = number
            break
        if squeeze(text) in others:
            return unread(number, f"the table {squeeze(text)!r} follows before a header {' / '.join(expected)!r}")
        region.append((number, text))
    if header_at is None:
        return unread(result.title_line, f"no header {' / '.join(expected)!r} below the title")
    items = split_labels(region, table.labels, [block.heading for block in table.blocks[1:]], plain)
    after = header_at - 1
    for position, block in enumerate(table.blocks):
        expected = [shift_years(text, shift) for text in block.header]
        header = next_nonblank(lines, after, len(expected))
        printed = [squeeze(text) for _, text in header]
        if printed != expected:
            line = header[0][0] if header else after
            why = f"the header reads {' / '.join(printed)!r} where {' / '.join(expected)!r} was expected"
            return unread(line, why, table.blocks[position:])
        result.header_lines.append(header[0][0])
        after = header[-1][0]
        value_lines = []
        for number, text in next_nonblank(lines, after):
            values = values_of(text)
            if values is None or is_year_header(text):
                break
            value_lines.append((number, values))
            after = number
        if not value_lines:
            return unread(header[0][0], "no value lines below the header", table.blocks[position:])
        below = labels_below(lines, after, others) if block.after_values else {}
        match_block(result, block, items[position], value_lines, below)
        result.end_line = max([after] + [below[label] for label in block.after_values if label in below])
    return result


def starts_labels(lines: list[str], title_end: int, table: Table) -> bool:
    """Whether the first line after a title starts the labels of `table`."""
    following = next_nonblank(lines, title_end, 1)
    if not following:
        return False
    text, bullet = unbulleted(following[0][1])
    return bullet or bool(RANK.fullmatch(text)) or any(label.startswith(text) for label in table.labels)


def labels_below(lines: list[str], after: int, others: set[str]) -> dict[str, int]:
    """The lines below line `after` (up to AFTER_VALUES of them, up to the
    title of another table) by their text without a bullet."""
    found: dict[str, int] = {}
    for number, text in next_nonblank(lines, after, AFTER_VALUES):
        label = unbulleted(text)[0]
        if label in others:
            break
        found.setdefault(label, number)
    return found


def describe(block: Block, row: Row) -> str:
    return f"{block.name} row {row.positie} {row.label!r}"


def match_block(
    result: TableReading, block: Block, items: list[Item], value_lines: list[tuple[int, tuple[str, ...]]], below: dict[str, int]
) -> None:
    """Give each label of `block` the value line at its place (the labels
    the template prints after the values found in `below`); every doubt a gap."""
    table_items = list(items)
    if block.after_values:
        for label in block.after_values:
            if label in below:
                table_items.append(Item(below[label], label, True, [below[label]]))
    loose = next((item for item in table_items if item.loose), None)
    if loose is not None:
        why = f"line {loose.line} {loose.text!r} among its labels is neither a label of the template nor a bullet line"
        for row in block.rows:
            result.gaps.append(Gap(loose.line, f"{describe(block, row)} not read", why, row))
        return
    if len(table_items) != len(value_lines):
        why = f"{len(table_items)} label(s) but {len(value_lines)} value line(s) from line {value_lines[0][0]}"
        for row in block.rows:
            result.gaps.append(Gap(value_lines[0][0], f"{describe(block, row)} not read", why, row))
        for item in table_items:
            if not item.known and not (RANK.fullmatch(item.text) and any(row.rank for row in block.rows)):
                result.gaps.append(Gap(item.line, f"{block.name}: label {item.text!r} not in the template", why))
        return
    claims: dict[int, list[tuple[Item, tuple[int, tuple[str, ...]]]]] = {}
    for item, value_line in zip(table_items, value_lines, strict=True):
        rank = RANK.fullmatch(item.text)
        rows = [row for row in block.rows if (rank and row.rank == int(rank.group(1))) or (not rank and row.label == item.text)]
        if not rows:
            result.new_labels.append(NewLabel(block, item.line, item.text, value_line[0], value_line[1]))
            continue
        for row in rows:
            claims.setdefault(row.positie, []).append((item, value_line))
    for row in block.rows:
        claimed = claims.get(row.positie, [])
        if len(claimed) != 1:
            line = claimed[0][0].line if claimed else result.title_line or value_lines[0][0]
            lines = ", ".join(str(item.line) for item, _ in claimed)
            why = f"its label stands on lines {lines}" if claimed else "the text does not print the label"
            result.gaps.append(Gap(line, f"{describe(block, row)} not read", why, row))
            continue
        ((item, (regel, values)),) = claimed
        if len(values) != len(block.columns):
            why = f"{len(values)} value(s) on the line, the table has {len(block.columns)} column(s)"
            result.gaps.append(Gap(regel, f"{describe(block, row)} not read", why, row))
            continue
        result.cells.append(Cell(row, item.text, regel, values))

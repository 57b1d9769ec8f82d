"""Report texts made from the 2011 one, the way a next report differs from
it, each with the answers: every table row as the made text prints it
(line, label, values). The tests read them with the 2011 report as the
template and hold every value read to these answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from indwh import definitions, printed
from indwh.paths import ROOT
from indwh.pipeline.report_seeds import read_rows

TEXT = ROOT / "bron" / "000_ed9efccbcb18b0e0.txt"
YEAR_WORD = re.compile(r"(?<![\d.,/])20(?:0\d|1[01])(?![\d/%]|[.,]\d)")

Key = tuple[str, str | None, int]  # seed, top-3 block, positie


@dataclass
class Row:
    regel: int  # a line of the 2011 text until `Made.answers` moves it
    label: str
    values: tuple[str, ...]


@dataclass
class Made:
    """A text as lines, each remembering the 2011 line it came from (None: added)."""

    lines: list[list[object]] = field(default_factory=list)
    rows: dict[Key, Row] = field(default_factory=dict)

    @classmethod
    def from_2011(cls) -> Made:
        made = cls([[number, text] for number, text in enumerate(TEXT.read_text(encoding="utf-8").splitlines(), start=1)])
        for seed, columns in definitions.report_tables().items():
            for row in read_rows(ROOT / "seeds" / "rapport" / f"{seed}.csv")[1]:
                key = (seed, row.get("tabel") or None, int(row["positie"]))
                made.rows[key] = Row(int(row["regel"]), row["label"], tuple(row[column] for column in columns))
        return made

    def at(self, line: int) -> int:
        """The index of the 2011 line `line`."""
        return next(index for index, (number, _) in enumerate(self.lines) if number == line)

    def text(self, line: int) -> str:
        return str(self.lines[self.at(line)][1])

    def set(self, line: int, text: str) -> None:
        self.lines[self.at(line)][1] = text

    def insert(self, after: int, *texts: str) -> None:
        """Lines added after the 2011 line `after`."""
        index = self.at(after) + 1
        self.lines[index:index] = [[None, text] for text in texts]

    def remove(self, first: int, last: int) -> None:
        """The 2011 lines `first` to `last` left out."""
        self.lines[self.at(first) : self.at(last) + 1] = []

    def render(self) -> str:
        return "\n".join(str(text) for _, text in self.lines) + "\n"

    def answers(self) -> dict[Key, Row]:
        """Every row still printed, with its line in the made text."""
        where = {number: index + 1 for index, (number, _) in enumerate(self.lines) if number is not None}
        return {key: Row(where[row.regel], row.label, row.values) for key, row in self.rows.items() if row.regel in where}

    def write(self, path: Path) -> Path:
        path.write_text(self.render(), encoding="utf-8")
        return path

    def put_values(self, key: Key, values: tuple[str, ...]) -> None:
        """A row printed with other values, on its line as the report prints them."""
        row = self.rows[key]
        row.values = values
        self.set(row.regel, " " + " ".join(values))


def bump(value: str, by: int) -> str:
    """Another value in the same printed form, a count to the same step (a percentage stays at most 100%)."""
    number, form = printed.read(value)
    if form.unit == "%":
        change = form.step * by
        number = number + change if number + change <= 100 else number - change
    else:
        rounding = next(step for step in (50, 5, 1) if number % step == 0) if form.step == 1 else 1
        number = number + form.step * rounding * by  # a count keeps its rounding
    return printed.write(number, form)


def next_year(made: Made, shift: int = 1) -> None:
    """Every year of the text `shift` later (not those inside a number or a name like 2009/50)."""
    for entry in made.lines:
        entry[1] = YEAR_WORD.sub(lambda match: str(int(match.group(0)) + shift), str(entry[1]))


def next_values(made: Made, by: int = 1) -> None:
    """Every value changed; a year table's year before is what its report year was (as a next report prints it)."""
    pairs = {"verslagjaar": "vorig_jaar"}
    for key, row in list(made.rows.items()):
        columns = definitions.report_tables()[key[0]]
        values = [bump(value, by) for value in row.values]
        for current, before in pairs.items():
            if current in columns and before in columns:
                values[columns.index(before)] = row.values[columns.index(current)]
        made.put_values(key, tuple(values))

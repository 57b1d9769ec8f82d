"""Read every seed file before dbt does: encoding, header, number of
values, typed columns and keys. Each problem is reported as
`<file>:<line>: <what is wrong>`, naming the column where one is at fault,
so that a broken seed is found in a second, all problems at once, before
anything is built.

What a seed should hold comes from the seeds' yml files: the columns and
their types from `config.column_types`, the keys from the `unique` and
`unique_combination` tests declared there. Values are not parsed here:
the Dutch number grammar lives in one place, the dbt macro
parse_dutch_number.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import yaml

from indwh.paths import ROOT
from indwh.pipeline.report_seeds import LINE, value_columns

# How a value of a typed (not varchar) column must look; an empty value is
# a null, which the not_null tests judge.
TYPE_PATTERNS = {
    "integer": (re.compile(r"[+-]?\d+"), "a whole number"),
    "bigint": (re.compile(r"[+-]?\d+"), "a whole number"),
    "decimal": (re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"), "a number with a decimal point (like 12.5)"),
    "double": (re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"), "a number with a decimal point (like 12.5)"),
    "boolean": (re.compile(r"true|false", re.IGNORECASE), "true or false"),
    "date": (re.compile(r"\d{4}-\d{2}-\d{2}"), "a date written yyyy-mm-dd"),
}


# The largest whole number a column of each integer type holds.
INTEGER_LIMITS = {"integer": 2**31 - 1, "bigint": 2**63 - 1}

# A whole column at once: every line (a value) empty or the type's pattern,
# with blanks around it (as a value is stripped before its pattern is tried).
COLUMN = r"[^\S\n]*(?:{0})?[^\S\n]*(?:\n[^\S\n]*(?:{0})?[^\S\n]*)*"


@dataclass(frozen=True)
class SeedSpec:
    """What the yml says a seed holds."""

    name: str
    declared_in: str
    column_types: dict[str, str]
    keys: tuple[tuple[str, ...], ...]


def seed_dirs(root: Path) -> list[Path]:
    project = yaml.safe_load((root / "dbt_project.yml").read_text(encoding="utf-8"))
    return [root / folder for folder in project.get("seed-paths", ["seeds"])]


def kind_of_test(test: str | dict[str, Any]) -> str:
    return test if isinstance(test, str) else next(iter(test))


def declared_keys(entry: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """The keys of a seed: unique_combination tests and unique column tests."""
    keys = []
    for test in entry.get("data_tests") or entry.get("tests") or []:
        if kind_of_test(test) == "unique_combination":
            arguments = test["unique_combination"]
            keys.append(tuple(arguments.get("arguments", arguments)["columns"]))
    for column in entry.get("columns") or []:
        tests = column.get("data_tests") or column.get("tests") or []
        if any(kind_of_test(test) == "unique" for test in tests):
            keys.append((column["name"],))
    return tuple(keys)


class BadYml(Exception):
    """A seeds yml file that does not parse or does not declare its seeds as dbt reads them."""


def read_yml(path: Path, shown: str) -> dict[str, Any]:
    """A yml file as a mapping; BadYml names the line and column where it does not parse."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise BadYml(f"{shown}: byte {error.start} is not UTF-8: save the file as UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark is not None else shown
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        raise BadYml(f"{where}: the yml does not parse: {problem}" + (f" ({context})" if context else "")) from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise BadYml(f"{shown}: the yml is not a mapping (it should start with `version: 2` and `seeds:`)")
    return document


def spec_of(entry: object, shown: str, number: int) -> SeedSpec:
    """The SeedSpec of one entry of a yml's `seeds:` list; BadYml when it is not laid out as dbt reads it."""
    where = f"{shown}: seeds entry {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise BadYml(f"{where} has no name (each entry starts with `- name: <seed>`)")
    config = entry.get("config") or {}
    types = config.get("column_types") if isinstance(config, dict) else None
    if not isinstance(types, dict | None):
        raise BadYml(f"{where} ({entry['name']}): config.column_types is not a mapping of column: type")
    try:
        keys = declared_keys(entry)
    except (AttributeError, KeyError, TypeError, StopIteration):
        raise BadYml(f"{where} ({entry['name']}): a unique or unique_combination test is not laid out as dbt reads it") from None
    return SeedSpec(
        name=entry["name"],
        declared_in=shown,
        column_types={str(column): str(kind).lower() for column, kind in (types or {}).items()},
        keys=keys,
    )


def seed_specs(root: Path = ROOT) -> dict[str, SeedSpec]:
    """Every seed declared in a yml file under the seed paths, by name;
    BadYml for the first yml file that cannot be read."""
    specs = {}
    for folder in seed_dirs(root):
        for path in sorted(folder.rglob("*.yml")):
            shown = str(path.relative_to(root))
            entries = read_yml(path, shown).get("seeds") or []
            if not isinstance(entries, list):
                raise BadYml(f"{shown}: `seeds:` is not a list of seeds")
            for number, entry in enumerate(entries, start=1):
                spec = spec_of(entry, shown, number)
                specs[spec.name] = spec
    return specs


def decode(data: bytes, shown: str) -> tuple[str | None, list[str]]:
    """The file's text (a byte-order mark is harmless and dropped), or the
    place of the first byte that is not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start : error.start].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        guess = bytes([byte]).decode("cp1252", errors="replace")
        return None, [
            f"{shown}:{line}:{column}: byte 0x{byte:02x} is not UTF-8 (in Windows-1252 or Latin-1 it would be "
            f"{guess!r}): the file was saved in another encoding; save it as UTF-8"
        ]


def records(text: str, shown: str) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The CSV records with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    several_lines = []  # records that run over more than one line of the file
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            if reader.line_num > line:
                several_lines.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        return rows, [f"{shown}:{line}: cannot read the line as CSV ({error})"]
    for start, row in several_lines:  # only these can hold a line break
        if any("\n" in value or "\r" in value for value in row):
            return rows, [
                f"{shown}:{start}: a value runs over several lines,"
                f" up to line {start + sum(value.count(chr(10)) for value in row)}: "
                "is a double quote not closed?"
            ]
    while rows and not rows[-1][1]:
        rows.pop()  # blank lines at the end of the file are harmless
    return rows, []


def check_header(header: list[str], spec: SeedSpec, shown: str) -> list[str]:
    names = [name.strip() for name in header]
    expected = list(spec.column_types)
    where = f"{shown}:1: header"
    if len(names) == 1 and ";" in names[0]:
        return [f"{where}: the columns are separated by semicolons; a seed separates them by commas ({','.join(expected)})"]
    problems = [f"{where}: column {name!r} stands twice" for name in sorted({n for n in names if names.count(n) > 1})]
    missing = [name for name in expected if name not in names]
    extra = [name for name in names if name not in expected]
    for name in list(extra):
        close = difflib.get_close_matches(name, missing, n=1, cutoff=0.6)
        if close:
            problems.append(f"{where}: column {name!r} is misspelt: it should be {close[0]!r}")
            extra.remove(name)
            missing.remove(close[0])
    problems += [f"{where}: column {name!r} is missing (the seed's columns: {', '.join(expected)})" for name in missing]
    problems += [
        f"{where}: column {name!r} is not a column of this seed (the seed's columns: {', '.join(expected)}; "
        f"add new columns to {spec.declared_in} first)"
        for name in extra
    ]
    return problems


def check_values(line: int, row: list[str], names: list[str], spec: SeedSpec, shown: str) -> list[str]:
    if len(row) != len(names):
        hint = (
            'a value holding a comma, like "1,08 milj.", must stand in double quotes'
            if len(row) > len(names)
            else "an empty value is written as nothing between two commas, not left out"
        )
        if not row:
            return [f"{shown}:{line}: the line is empty; remove it"]
        return [f"{shown}:{line}: {len(row)} values where the header has {len(names)} columns ({hint})"]
    problems = []
    for name, value in zip(names, row, strict=False):
        kind = spec.column_types[name].split("(")[0].strip()
        value = value.strip()
        if kind in TYPE_PATTERNS and value and not TYPE_PATTERNS[kind][0].fullmatch(value):
            problems.append(
                f"{shown}:{line}: column {name}: {value!r} is not {TYPE_PATTERNS[kind][1]} "
                f"(the column is typed {spec.column_types[name]} in {spec.declared_in})"
            )
        elif kind in INTEGER_LIMITS and value and abs(int(value)) > INTEGER_LIMITS[kind]:
            problems.append(
                f"{shown}:{line}: column {name}: {value} is too large for the column (typed {spec.column_types[name]}"
                f" in {spec.declared_in}: at most {INTEGER_LIMITS[kind]:,} either way)"
            )
    return problems


def typed_column_patterns(names: list[str], spec: SeedSpec) -> list[tuple[int, re.Pattern[str]]]:
    """(position, whole-column pattern) of every column whose type has a pattern."""
    typed = []
    for position, name in enumerate(names):
        kind = spec.column_types[name].split("(")[0].strip()
        if kind in TYPE_PATTERNS:
            pattern = TYPE_PATTERNS[kind][0]
            if kind in INTEGER_LIMITS:  # as many digits as always fit: a longer number is checked row by row
                pattern = re.compile(rf"[+-]?\d{{1,{len(str(INTEGER_LIMITS[kind])) - 1}}}")
            typed.append((position, re.compile(COLUMN.format(pattern.pattern), pattern.flags)))
    return typed


def values_look_right(body: list[tuple[int, list[str]]], names: list[str], spec: SeedSpec) -> bool:
    """Whether check_values would find nothing, found column by column: one
    regular expression over each typed column instead of one per value (at
    1000 report years the seeds hold 231,683 rows). Only for values without
    line breaks (records reports those)."""
    if any(len(row) != len(names) for _, row in body):
        return False
    columns = list(zip(*(row for _, row in body), strict=False)) or [()] * len(names)
    return all(pattern.fullmatch("\n".join(columns[position])) for position, pattern in typed_column_patterns(names, spec))


def keys_look_right(rows: list[tuple[int, list[str]]], names: list[str], spec: SeedSpec) -> bool:
    """Whether no row and no key's values stand twice, so that check_keys has
    nothing to say, found with sets instead of a loop in Python."""
    stripped = [tuple(map(str.strip, row)) for _, row in rows]
    return len(set(stripped)) == len(stripped) and all(
        len(set(map(itemgetter(*[names.index(column) for column in key]), stripped))) == len(stripped)
        for key in spec.keys
        if set(key) <= set(names)
    )


def check_keys(rows: list[tuple[int, list[str]]], names: list[str], spec: SeedSpec, shown: str) -> list[str]:
    problems = []
    whole: dict[tuple[str, ...], int] = {}
    repeated = set()
    for line, row in rows:
        values = tuple(value.strip() for value in row)
        if values in whole:
            problems.append(f"{shown}:{line}: the row repeats line {whole[values]} word for word; remove one of them")
            repeated.add(line)
        whole.setdefault(values, line)
    for key in spec.keys:
        if not set(key) <= set(names):
            continue
        seen: dict[tuple[str, ...], int] = {}
        for line, row in rows:
            values = tuple(row[names.index(column)].strip() for column in key)
            if line not in repeated and all(values) and values in seen:
                shown_key = ", ".join(f"{column} {value}" for column, value in zip(key, values, strict=True))
                problems.append(f"{shown}:{line}: the row has the same {shown_key} as line {seen[values]}; each must be unique")
            seen.setdefault(values, line)
    return problems


class EmptyValue(str):
    """A problem of check_seeds that is a printed value left empty (told apart
    by its type, so that the empty values can be counted and listed apart);
    `where` is its file:line."""

    where: str

    def __new__(cls, where: str, text: str) -> EmptyValue:
        problem = super().__new__(cls, f"{where}: {text}")
        problem.where = where
        return problem


def check_filled(body: list[tuple[int, list[str]]], names: list[str], columns: tuple[str, ...], shown: str) -> list[str]:
    """Every printed value of a report seed that is empty (as `indwh new-report`
    leaves them), with the report line its row stands on."""
    positions = [(name, names.index(name)) for name in columns if name in names]
    line_at = names.index(LINE) if LINE in names else None
    problems: list[str] = []
    for line, row in body:
        if len(row) != len(names):
            continue  # reported by check_values
        report_line = row[line_at].strip() if line_at is not None else ""
        for name, position in positions:
            if not row[position].strip():
                problems.append(
                    EmptyValue(
                        f"{shown}:{line}", f"column {name} is empty" + (f" (report line {report_line})" if report_line else "")
                    )
                )
    return problems


def check_seed(path: Path, spec: SeedSpec | None, root: Path = ROOT) -> list[str]:
    """Every problem of one seed file."""
    shown = str(path.relative_to(root))
    if spec is None or not spec.column_types:
        return [f"{shown}: no column_types for seed {path.stem} in a yml file beside it; every seed column is typed explicitly"]
    data = path.read_bytes()
    text, problems = decode(data, shown)
    if text is None:
        return problems
    rows, problems = records(text, shown)
    if not rows or not any(value.strip() for value in rows[0][1]):
        return problems or [f"{shown}: the file is empty; a seed holds at least its header line: {','.join(spec.column_types)}"]
    header_problems = check_header(rows[0][1], spec, shown)
    if header_problems:
        return header_problems + problems
    names = [name.strip() for name in rows[0][1]]
    body = rows[1:]
    if problems or not values_look_right(body, names, spec):  # then row by row, to say where
        for line, row in body:
            problems += check_values(line, row, names, spec, shown)
    if not problems and not keys_look_right(body, names, spec):
        problems += check_keys(body, names, spec, shown)
    return problems + check_filled(body, names, value_columns(path, root), shown)


def check_seeds(root: Path = ROOT) -> list[str]:
    """Every problem of every seed file of the project."""
    try:
        specs = seed_specs(root)
    except BadYml as error:
        return [str(error)]
    problems = []
    for folder in seed_dirs(root):
        for path in sorted(folder.rglob("*.csv")):
            problems += check_seed(path, specs.get(path.stem), root)
    return problems


def count(problems: list[str]) -> str:
    """What a list of problems comes to: how many, and how many of them are empty values."""
    empty = sum(isinstance(problem, EmptyValue) for problem in problems)
    return (
        f"{len(problems)} problem(s) in the seeds"
        + (f" ({empty} empty value(s) of the report)" if empty else "")
        + ", listed above with file and line"
    )

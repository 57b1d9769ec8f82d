"""Python reads and writes a number printed in Dutch exactly as the
warehouse does: indwh.printed against the dbt macros parse_dutch_number,
printed_step and format_dutch_number, rendered by dbt itself (one
`dbt compile --inline`, in memory) and run in DuckDB over thousands of
generated strings and values at once.

The strings are near-misses of printed numbers as often as printed numbers:
wrong separators, three decimals, missing or long digit groups, spaces,
tabs, units, euro signs and letters where they do not belong. Each must be
valid or invalid on both sides alike, and a valid one the same value, step
and unit."""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Callable
from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from indwh import printed
from indwh.paths import ROOT
from indwh.pipeline.dbt_command import COMMAND
from indwh.plumbing import offline

RANDOM_SEED = 2011
STRINGS = 4000
VALUES = 2000

UNITS = ("", "%", " milj.", " miljoen", " fte")
# What staging does to a seed value (stage_report_table: trim, parse; the
# step and unit beside it), and what cijfers_gedrukt does to a value and
# its decimals (waarde / schaal, written with format_dutch_number).
# Two statements, one dbt call: split at the `;`.
INLINE = """
select
    nummer,
    {{ parse_dutch_number('trim(tekst)', "'generated'") }} as waarde,
    {{ printed_step('trim(tekst)') }} as stap,
    nullif(regexp_extract(trim(tekst), {{ dutch_number_pattern() }}, 4), '') as eenheid
from teksten
;
select
    nummer,
    {{ format_dutch_number('waarde / schaal', 'decimalen') }} as getal_nl
from getallen
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The two statements of INLINE as dbt renders them, with ind_strict_parse
    false (an unreadable value gives null instead of failing the query)."""
    target = tmp_path_factory.mktemp("dbt_target")
    result = subprocess.run(
        [
            str(COMMAND),
            "compile",
            "--inline",
            INLINE,
            "--vars",
            "{ind_strict_parse: false}",
            "--target",
            "lint",  # in memory: the warehouse is not opened
            "--target-path",
            str(target),
            "--log-path",
            str(target),
            "--profiles-dir",
            str(ROOT),
            "--project-dir",
            str(ROOT),
            "--quiet",
            "--output",
            "json",
        ],
        cwd=ROOT,
        env=offline.environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sql = json.loads(result.stdout[result.stdout.index("{") :])["compiled"]
    parse, write = sql.split(";")
    return parse, write


def valid_number(rng: random.Random) -> str:
    """A number as the report could print it."""
    groups = [str(rng.randint(0, 999) if rng.random() < 0.3 else rng.randint(1, 999))]
    # Mostly figures of a report's size; now and then one near or beyond the
    # largest the warehouse holds (16 digits, a million counting as six).
    groups += [f"{rng.randint(0, 999):03d}" for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3, 4, 5, 6)))]
    text = ".".join(groups)
    decimals = rng.choice((0, 0, 1, 2))
    if decimals:
        text += "," + "".join(rng.choice("0123456789") for _ in range(decimals))
    return ("€ " if rng.random() < 0.2 else "") + text + rng.choice(UNITS)


def near_miss(text: str, rng: random.Random) -> str:
    """`text` changed in a way a typist or an extraction might change it."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if not digits:  # changed before into something without digits
        return text + rng.choice(("7", ",5", " 1"))
    at = rng.randint(0, len(text))
    changes: list[Callable[[], str]] = [
        lambda: text.translate(str.maketrans(".,", ",.")),  # separators swapped
        lambda: text.replace(",", ".", 1),  # decimal point
        lambda: text.replace(".", ",", 1),  # comma between thousands
        lambda: text.replace(".", "", 1),  # thousands without separator
        lambda: text.replace(".", " ", 1),  # space between thousands
        lambda: text.replace(".", "\u00a0", 1),  # non-breaking space between thousands
        lambda: text.replace(",", ",0", 1) if "," in text else text + ",000",  # three decimals
        lambda: text + "," if "," not in text else text.replace(",", ",,"),  # comma without decimals
        lambda: text[:at] + rng.choice("0123456789") + text[at:],  # a digit too many
        lambda: text[: digits[-1]] + text[digits[-1] + 1 :],  # a digit missing
        lambda: text[:at] + " " + text[at:],  # a space inside
        lambda: rng.choice((" ", "\t", "\u00a0", "\u2009", "\n", " \t")) + text,  # blanks in front
        lambda: text + rng.choice((" ", "\t", "\u00a0", "\u3000", "\n", "\r\n")),  # blanks behind
        lambda: text + rng.choice(("%", " %", " milj", "milj.", " Miljoen", " mln.", " fte.", "fte", " FTE", " euro")),
        lambda: rng.choice(("€", "€  ", "EUR ", "€\u00a0", "- ", "-", "+", "ca. ")) + text,  # a sign in front
        lambda: text + " €",  # euro sign behind
        lambda: text[:at] + rng.choice("OolIxe") + text[at:],  # a letter
        lambda: text.replace("0", "O", 1),  # letter O for zero
        lambda: text.replace(text[digits[0]], "٣", 1),  # a digit of another script
        lambda: "",
        lambda: " ",
    ]
    return rng.choice(changes)()


def generated_strings() -> list[str]:
    rng = random.Random(RANDOM_SEED)
    strings = []
    for _ in range(STRINGS):
        text = valid_number(rng)
        if rng.random() < 0.6:
            text = near_miss(text, rng)
            if rng.random() < 0.2:
                text = near_miss(text, rng)
        strings.append(text)
    return strings


def generated_values() -> list[tuple[Decimal, printed.Form]]:
    """Values a form can print: whole multiples of its step, from 0 to under
    a billion printed units."""
    rng = random.Random(RANDOM_SEED)
    values = []
    for _ in range(VALUES):
        form = printed.Form(euro=rng.random() < 0.2, decimals=rng.choice((0, 1, 2)), unit=rng.choice(UNITS))
        steps = rng.randint(0, 10 ** rng.randint(0, 9 + form.decimals) - 1)
        values.append((steps * form.step, form))
    return values


def python_reads(text: str) -> tuple[Decimal, Decimal, str | None] | None:
    """(value, step, unit) of a valid string, None for an invalid one."""
    try:
        value, form = printed.read(text)
    except ValueError:
        return None
    return value, form.step, form.unit or None


def test_python_reads_every_string_as_the_warehouse_does(compiled: tuple[str, str]) -> None:
    strings = generated_strings()
    con = duckdb.connect()
    con.register("teksten", pd.DataFrame({"nummer": range(len(strings)), "tekst": strings}))
    sql = {nummer: (waarde, stap, eenheid) for nummer, waarde, stap, eenheid in con.execute(compiled[0]).fetchall()}
    valid = 0
    differences = []
    for nummer, text in enumerate(strings):
        waarde, stap, eenheid = sql[nummer]
        in_sql = None if waarde is None else (waarde, stap, eenheid)
        in_python = python_reads(text)
        valid += in_python is not None
        if in_sql != in_python:
            differences.append(f"{text!r}: SQL {in_sql}, Python {in_python}")
    assert not differences, f"{len(differences)} of {len(strings)} strings read differently:\n" + "\n".join(differences[:20])
    # Both kinds in numbers, or the comparison shows little.
    assert valid >= 1000 and len(strings) - valid >= 1000, (valid, len(strings) - valid)


def test_python_writes_every_value_as_the_warehouse_does(compiled: tuple[str, str]) -> None:
    values = generated_values()
    con = duckdb.connect()
    frame = pd.DataFrame(
        {
            "nummer": range(len(values)),
            "waarde": [str(value) for value, _ in values],
            "schaal": [int(form.multiplier) for _, form in values],
            "decimalen": [form.decimals for _, form in values],
        }
    )
    # The value typed as in the facts (decimal(18, 2)), divided by its scale as cijfers_gedrukt does.
    con.register("invoer", frame)
    con.execute("create table getallen as select nummer, waarde::decimal(18, 2) as waarde, schaal, decimalen from invoer")
    sql = dict(con.execute(compiled[1]).fetchall())
    differences = []
    for nummer, (value, form) in enumerate(values):
        in_sql = ("€ " if form.euro else "") + sql[nummer] + form.unit
        in_python = printed.write(value, form)
        read_back: tuple[Decimal, printed.Form] | ValueError
        try:
            read_back = printed.read(in_python)
        except ValueError as error:
            read_back = error
        if in_sql != in_python or read_back != (value, form):
            differences.append(f"{value} as {form}: SQL {in_sql!r}, Python {in_python!r}, read back: {read_back}")
    assert not differences, f"{len(differences)} of {len(values)} values written differently:\n" + "\n".join(differences[:20])


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("49.700", "49700", "1"),
        ("7,3", "7.3", "0.1"),
        ("1,08 milj.", "1080000", "10000"),
        ("€ 382 miljoen", "382000000", "1000000"),
        ("3.338 fte", "3338", "1"),
        ("99%", "99", "1"),
        (" 0,05 ", "0.05", "0.01"),
    ],
)
def test_report_forms_are_read(text: str, value: str, step: str) -> None:
    read, form = printed.read(text)
    assert (read, form.step) == (Decimal(value), Decimal(step))


@pytest.mark.parametrize("text", ["49,700", "49.70", "4970.0", "1,085", "49 700", "€382", "1,08 mln.", "\t49.700", "-5", ""])
def test_misprints_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        printed.read(text)


def test_the_grammar_is_defined_once() -> None:
    # The unit " milj." escaped for a regular expression: only the var in
    # dbt_project.yml holds it; macros and Python read it from there.
    copies = [
        str(path.relative_to(ROOT))
        for folder in ("indwh", "macros", "models", "analyses")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".sql", ".yml") and r"milj\." in path.read_text(encoding="utf-8")
    ]
    assert copies == [], "the grammar of a printed number copied: read the var dutch_number_pattern instead"
    assert r"milj\." in (ROOT / "dbt_project.yml").read_text(encoding="utf-8")

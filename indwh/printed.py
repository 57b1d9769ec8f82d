"""Numbers as the report prints them: read `49.700`, `1,1%`, `1,08 milj.`,
`€ 382 miljoen`, `3.338 fte`, and write a value back in the same form.

The grammar is the dbt var `dutch_number_pattern` (dbt_project.yml), the
one the macro `parse_dutch_number` parses with; the warehouse parses, this
module writes (for synthetic report years, and for the mutation tests) and
reads. tests/python/test_dutch_numbers.py holds both sides to each other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from indwh import definitions

PATTERN = re.compile(definitions.dutch_number_pattern())
MILLION_UNITS = definitions.million_units()
LARGEST_DIGITS = definitions.largest_digits()
# What staging's trim() takes off both ends before it parses: DuckDB trims
# the Unicode space separators (category Zs, none beyond U+3000), not tabs
# or line breaks.
SPACES = "".join(c for c in map(chr, range(0x3001)) if unicodedata.category(c) == "Zs")

# How a bounding word places the printed value against the true one
# (column `grens` of seeds/codes/code_kwalificatie.csv).
BELOW = "ondergrens"  # ruim: the true value is above the printed one
ABOVE = "bovengrens"  # bijna, minder dan: the true value is below it
NEAREST = "benadering"  # ongeveer, circa, ... or no word at all


@dataclass(frozen=True)
class Form:
    """How a number is printed: euro sign, decimals, unit."""

    euro: bool
    decimals: int
    unit: str

    @property
    def multiplier(self) -> Decimal:
        return Decimal(1_000_000) if self.unit in MILLION_UNITS else Decimal(1)

    @property
    def step(self) -> Decimal:
        """The smallest step this form can print (0.1 for `7,3`, 10000 for `1,08 milj.`)."""
        return Decimal(1).scaleb(-self.decimals) * self.multiplier


def read(text: str) -> tuple[Decimal, Form]:
    """The value (in the unit: `1,08 milj.` is 1080000) and the form of a
    printed number, read as staging reads a seed value (trimmed, then parsed)."""
    match = PATTERN.fullmatch(text.strip(SPACES))
    if not match:
        raise ValueError(f'cannot read "{text}" as a number printed in Dutch')
    euro, integer, decimals, unit = match.groups()
    form = Form(euro=bool(euro), decimals=len(decimals or ""), unit=unit or "")
    digits = integer.replace(".", "")
    if len(digits) + (6 if form.unit in MILLION_UNITS else 0) > LARGEST_DIGITS:
        raise ValueError(f'"{text}" is too large for the warehouse')
    number = Decimal(digits + ("." + decimals if decimals else ""))
    return number * form.multiplier, form


def write(value: Decimal, form: Form) -> str:
    """`value` printed in `form`; it must be a multiple of the form's step."""
    scaled = value / form.multiplier
    if scaled < 0:
        raise ValueError(f"the report prints no negative numbers: {value}")
    text = f"{scaled:,.{form.decimals}f}"  # 49,700.00
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")  # 49.700,00
    return ("€ " if form.euro else "") + text + form.unit


def round_to(value: Decimal, step: Decimal, bound: str = NEAREST) -> Decimal:
    """`value` as a multiple of `step`: the nearest one, or for a bounding word
    the nearest one strictly below (ruim) or strictly above (bijna, minder dan)."""
    units = value / step
    if bound == NEAREST:
        return units.quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    if bound == BELOW:
        below = units.quantize(Decimal(1), rounding=ROUND_FLOOR)
        return (below - 1 if below == units else below) * step
    if bound == ABOVE:
        above = units.quantize(Decimal(1), rounding=ROUND_CEILING)
        return (above + 1 if above == units else above) * step
    raise ValueError(f"unknown bound {bound!r}")

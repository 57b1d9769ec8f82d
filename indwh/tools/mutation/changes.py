"""The printed values of the seeds and the ways to change one of them:
x10, one rounding step up, two digits swapped; each kept in its printed
form (`49.700`, `99%`, `1,08 milj.`, `€ 382 miljoen`), so the changed seed
still reads like a report."""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

KINDS = ("x10", "step_up", "swap_digits")
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?")


@dataclass(frozen=True)
class Cell:
    """One printed value: where it stands in the seeds and what it takes part in."""

    key: str  # cel_sleutel: studenten_top3/1/aantal, tekst/5
    rapportjaar: int
    seed: str  # file stem in seeds/rapport
    row: tuple[tuple[str, int | str], ...]  # the columns that identify its row, besides rapportjaar
    column: str
    printed: str
    step: float
    checks: tuple[str, ...]  # the reconciliations it takes part in

    @property
    def where(self) -> str:
        row = ", ".join(f"{name} {value}" for name, value in self.row)
        return f"seeds/rapport/{self.seed}.csv, row with {row}, column {self.column}"


def dutch(value: float, decimals: int) -> str:
    """A number printed the Dutch way: dots between thousands, decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def number(printed: str) -> float:
    """The value a printed figure stands for in its unit: 49.700 -> 49700,
    7,3 -> 7.3, 99% -> 99, 1,08 milj. -> 1080000, € 382 miljoen -> 382000000."""
    match = NUMBER.search(printed)
    if not match:
        raise ValueError(f"no number in {printed!r}")
    return float(match.group().replace(".", "").replace(",", ".")) * (1_000_000 if "milj" in printed else 1)


def mutate(printed: str, kind: str, step: float) -> str | None:
    """The printed value changed in one way, in its printed form; None when
    the change leaves it as it is (x10 of 0, swapping equal digits)."""
    match = NUMBER.search(printed)
    if not match:
        return None
    digits = match.group()
    decimals = len(digits.split(",")[1]) if "," in digits else 0
    value = float(digits.replace(".", "").replace(",", "."))
    per_printed_unit = 1_000_000 if "milj" in printed else 1
    if kind == "x10":
        new = dutch(value * 10, decimals)
    elif kind == "step_up":
        new = dutch(value + step / per_printed_unit, decimals)
    elif kind == "swap_digits":
        plain = [c for c in digits if c.isdigit()]
        pairs = [i for i in range(len(plain) - 1) if plain[i] != plain[i + 1]]
        if not pairs:
            return None
        i = pairs[0]
        plain[i], plain[i + 1] = plain[i + 1], plain[i]
        new = dutch(float("".join(plain)) / 10**decimals, decimals)
    else:
        raise ValueError(f"unknown kind of change: {kind}")
    changed = printed[: match.start()] + new + printed[match.end() :]
    return None if changed == printed else changed


CELLS = """
with

leden as (
    select rapportjaar, cel_sleutel, code from intermediate.int_reconciliatie_leden_gekoppeld
    where cel_sleutel is not null
    union
    select rapportjaar, met, code from intermediate.int_reconciliatie_leden_gekoppeld
    where met is not null
)

select
    o.cel_sleutel,
    o.rapportjaar,
    o.bron_soort,
    o.tabel,
    o.positie,
    o.nummer,
    o.kolom,
    o.bron_waarde,
    cast(coalesce(herhaald.afronding, o.afronding) as double) as stap,
    list(distinct leden.code order by leden.code) filter (where leden.code is not null) as checks
from intermediate.int_observaties_gecodeerd as o
left join intermediate.int_observaties_gecodeerd as herhaald
    on o.rapportjaar = herhaald.rapportjaar and o.herhaalt = herhaald.cel_sleutel
left join leden
    on o.rapportjaar = leden.rapportjaar and o.cel_sleutel = leden.cel_sleutel
group by all
order by o.rapportjaar, o.cel_sleutel
"""


def cells(con: duckdb.DuckDBPyConnection) -> list[Cell]:
    """Every printed value of the warehouse (tables and text), with its seed
    row, its rounding step (a repetition: the step of the figure it repeats)
    and the reconciliations it takes part in."""
    result = []
    for key, rapportjaar, soort, tabel, positie, nummer, kolom, printed, step, checks in con.execute(CELLS).fetchall():
        if soort == "tekst":
            seed, row, column = "tekstcijfers", (("nummer", nummer),), "waarde"
        elif tabel.endswith("_top3"):
            seed, row, column = "top3_nationaliteiten", (("tabel", tabel.removesuffix("_top3")), ("positie", positie)), kolom
        else:
            seed, row, column = tabel, (("positie", positie),), kolom
        result.append(Cell(key, rapportjaar, seed, row, column, printed, step, tuple(checks or ())))
    return result

"""The printed values of the seeds and the ways to change one of them:
x10, one rounding step up, two digits swapped; each kept in its printed
form (`49.700`, `99%`, `1,08 milj.`, `€ 382 miljoen`), so the changed seed
still reads like a report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from indwh.printed import read, write

KINDS = ("x10", "step_up", "swap_digits")


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


def mutate(printed: str, kind: str, step: float) -> str | None:
    """The printed value changed in one way, in its printed form (read and
    written by indwh.printed, with the report's grammar); None when the
    change leaves it as it is (x10 of 0, swapping equal digits)."""
    value, form = read(printed)
    if kind == "x10":
        new = value * 10
    elif kind == "step_up":
        new = value + Decimal(str(step))
    elif kind == "swap_digits":
        digits = list(f"{value / form.multiplier:.{form.decimals}f}".replace(".", ""))
        pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
        if not pairs:
            return None
        i = pairs[0]
        digits[i], digits[i + 1] = digits[i + 1], digits[i]
        new = Decimal("".join(digits)).scaleb(-form.decimals) * form.multiplier
    else:
        raise ValueError(f"unknown kind of change: {kind}")
    changed = write(new, form)
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

"""Proof that the tests bite: change one printed value of a seed at a time
and see whether the build (dbt tests, reconciliations) catches it.

    python -m indwh.mutation [--sample N] [--random-seed S]

Each mutation is made in a copy of the project, and only the changed seed
and what depends on it are rebuilt (`dbt build --select <seed>+`). Prints
the kill rate per kind of change and the values no check caught.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from indwh.paths import ROOT, warehouse_path

SKIP = {".venv", "target", "warehouse", "logs", "node_modules", ".git", "reports"}
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?")


@dataclass(frozen=True)
class Cell:
    seed: str
    key_column: str
    key: str
    positie: int
    column: str
    printed: str
    step: float
    in_check: bool


def dutch(value: float, decimals: int) -> str:
    """A number printed the Dutch way: dots between thousands, decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def mutate(printed: str, kind: str, step: float) -> str | None:
    """The printed value changed in one way, kept in its printed form."""
    match = NUMBER.search(printed)
    if not match:
        return None
    digits = match.group()
    decimals = len(digits.split(",")[1]) if "," in digits else 0
    value = float(digits.replace(".", "").replace(",", "."))
    multiplier = 1_000_000 if "milj" in printed else 1
    if kind == "x10":
        new = dutch(value * 10, decimals)
    elif kind == "step_up":
        new = dutch(value + step / multiplier, decimals)
    elif kind == "swap_digits":
        plain = [c for c in digits if c.isdigit()]
        pairs = [i for i in range(len(plain) - 1) if plain[i] != plain[i + 1]]
        if not pairs:
            return None
        i = pairs[0]
        plain[i], plain[i + 1] = plain[i + 1], plain[i]
        new = dutch(float("".join(plain)) / 10**decimals, decimals)
    else:
        raise ValueError(kind)
    return printed[: match.start()] + new + printed[match.end() :]


def cells(warehouse: Path) -> list[Cell]:
    """Every printed table value, with its seed, row key, column and rounding step."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select o.tabel, o.positie, o.kolom, o.bron_waarde, cast(o.afronding as double),
                   o.cel_sleutel in (select cel_sleutel from raw.reconciliatie_leden where cel_sleutel is not null)
                   or o.cel_sleutel in (select met from raw.reconciliatie_leden where met is not null)
                   or o.cel_sleutel in (select herhaalt from intermediate.int_tekstherhalingen)
            from intermediate.int_observaties_gecodeerd as o
            where o.bron_soort = 'tabel' and o.rapportjaar = 2011
            order by o.cel_sleutel
            """
        ).fetchall()
    result = []
    for tabel, positie, kolom, printed, step, in_check in rows:
        if tabel.endswith("_top3"):
            result.append(Cell("top3_nationaliteiten", "tabel", tabel.removesuffix("_top3"), positie, kolom, printed, step, in_check))
        else:
            result.append(Cell(tabel, "", "", positie, kolom, printed, step, in_check))
    return result


class Sandbox:
    """A copy of the project with its own warehouse, for rebuilding one seed at a time."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="ind-mutation-"))
        shutil.copytree(ROOT, self.dir / "project", ignore=lambda d, names: [n for n in names if n in SKIP])
        self.project = self.dir / "project"
        self.pristine = self.dir / "pristine.duckdb"
        self.warehouse = self.dir / "build" / "ind.duckdb"
        self.warehouse.parent.mkdir()
        shutil.copy(warehouse_path(), self.pristine)
        self.env = dict(
            os.environ,
            IND_BUILD_PATH=str(self.warehouse),
            IND_CHECKS_DOCS=str(self.dir / "range_checks"),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        )
        self.dbt = str(Path(sys.executable).parent / "dbt")

    def build(self, seed: str) -> bool:
        """Rebuild the seed and what depends on it on a fresh copy of the
        warehouse, then run the range checks; True when all pass."""
        shutil.copy(self.pristine, self.warehouse)
        dbt = [self.dbt, "build", "--select", f"{seed}+", "--profiles-dir", ".", "--quiet"]
        checks = [sys.executable, "-m", "indwh.checks", str(self.warehouse)]
        return all(
            subprocess.run(command, cwd=self.project, env=self.env, capture_output=True, check=False).returncode == 0
            for command in (dbt, checks)
        )

    def caught(self, cell: Cell, value: str) -> bool:
        path = self.project / "seeds" / "rapport" / f"{cell.seed}.csv"
        original = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(original.splitlines()))
        for row in rows:
            if int(row["positie"]) == cell.positie and (not cell.key_column or row[cell.key_column] == cell.key):
                row[cell.column] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        try:
            return not self.build(cell.seed)
        finally:
            path.write_text(original, encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def run(selection: list[tuple[Cell, str]]) -> dict[str, list[tuple[Cell, str, str, bool]]]:
    sandbox = Sandbox()
    outcomes: dict[str, list[tuple[Cell, str, str, bool]]] = {}
    try:
        for cell, kind in selection:
            value = mutate(cell.printed, kind, cell.step)
            if value is None or value == cell.printed:
                continue
            outcomes.setdefault(kind, []).append((cell, value, kind, sandbox.caught(cell, value)))
    finally:
        sandbox.close()
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="mutations to draw (0: all)")
    parser.add_argument("--random-seed", type=int, default=2011)
    args = parser.parse_args(argv)
    selection = [(cell, kind) for cell in cells(warehouse_path()) for kind in ("x10", "step_up", "swap_digits")]
    if args.sample:
        selection = random.Random(args.random_seed).sample(selection, args.sample)
    started = time.monotonic()
    outcomes = run(selection)
    seconds = time.monotonic() - started
    total = sum(len(v) for v in outcomes.values())
    print(f"{total} mutations in {seconds:.0f} s")
    for kind, results in sorted(outcomes.items()):
        killed = sum(1 for *_, caught in results if caught)
        print(f"  {kind:12} killed {killed}/{len(results)} ({100 * killed / len(results):.0f}%)")
    survivors = [(c, v, k) for results in outcomes.values() for c, v, k, caught in results if not caught]
    if survivors:
        print("Not caught by any test or check:")
        for cell, value, kind in survivors:
            where = f"{cell.seed}.csv {cell.key_column + '=' + cell.key + ', ' if cell.key_column else ''}positie {cell.positie}, {cell.column}"
            print(f"  {where}: {cell.printed} -> {value} ({kind}; {'in' if cell.in_check else 'in no'} reconciliation)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

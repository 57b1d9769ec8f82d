"""The build catches a changed printed value: one mutation of each kind, on
values that take part in a reconciliation, each rebuilt in a copy of the
project. (`make mutation` runs every value and kind.)"""

from __future__ import annotations

from indwh.mutation import cells, mutate, run
from indwh.paths import warehouse_path


def test_mutations_of_reconciled_values_are_caught() -> None:
    by_key = {(c.seed, c.key, c.positie, c.column): c for c in cells(warehouse_path())}
    chosen = [
        (by_key[("documenten", "", 7, "vorig_jaar")], "step_up"),  # 167.200 -> 167.250: beyond the 175 tolerance
        (by_key[("top3_nationaliteiten", "studenten", 1, "aantal")], "x10"),  # 2.400 -> 24.000
        (by_key[("asielinstroom", "", 4, "verslagjaar")], "swap_digits"),  # 14.650 -> 41.650
    ]
    assert all(cell.in_check for cell, _ in chosen)
    outcomes = run(chosen)
    results = [result for kind in outcomes.values() for result in kind]
    assert len(results) == 3
    survivors = [f"{cell.seed} {cell.positie} {cell.column}: {cell.printed} -> {value}" for cell, value, _, caught in results if not caught]
    assert not survivors, survivors


def test_mutations_keep_the_printed_form() -> None:
    assert mutate("167.200", "step_up", 50) == "167.250"
    assert mutate("2.400", "x10", 50) == "24.000"
    assert mutate("14.650", "swap_digits", 50) == "41.650"
    assert mutate("99%", "step_up", 1) == "100%"
    assert mutate("1,08 milj.", "step_up", 10000) == "1,09 milj."
    assert mutate("7,3", "x10", 0.1) == "73,0"

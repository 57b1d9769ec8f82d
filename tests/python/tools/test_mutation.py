"""The build catches a changed printed value. The project is copied and
built once; changes are replayed in memory (indwh_tools.mutation.replay) and two of them,
one on each side of a tolerance, are built for real with dbt to show that
the replay and the build agree. A random sample of changes of each kind
prints the kill rate (`make mutation` runs every value and kind)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from indwh.paths import ROOT
from indwh.printed import read
from indwh_tools.mutation.changes import Cell, cells, mutate
from indwh_tools.mutation.replay import Replay
from indwh_tools.mutation.run import RangeChecks, Sandbox, baseline, evaluate, run, selection, summary
from indwh_tools.sandbox import PARSE_CACHE

PER_KIND = 5  # changes of each kind in the sample; `make mutation` runs them all
RANDOM_SEED = 2011


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    built = Sandbox()
    try:
        built.build()
        yield built
    finally:
        built.close()


@pytest.fixture(scope="module")
def replay(sandbox: Sandbox) -> Iterator[Replay]:
    opened = Replay(sandbox.project, sandbox.pristine)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def checks(replay: Replay) -> RangeChecks:
    return RangeChecks(replay.con)


@pytest.fixture(scope="module")
def by_key(replay: Replay) -> dict[str, Cell]:
    return {cell.key: cell for cell in cells(replay.con)}


@pytest.mark.builds
def test_unchanged_project_passes_under_the_replay(replay: Replay, checks: RangeChecks, by_key: dict[str, Cell]) -> None:
    assert baseline(replay, checks, {cell.seed for cell in by_key.values()}) == []


@pytest.mark.builds
def test_replay_and_real_build_agree_on_both_sides_of_a_tolerance(
    sandbox: Sandbox, replay: Replay, checks: RangeChecks, by_key: dict[str, Cell]
) -> None:
    # Documenten, by hand: the six types of 2010 add up to 167.050 against a
    # printed Totaal of 167.200 (-150); tolerance 6 x 25 + 25 = 175. One step
    # up, 167.250, is -200 off: out. In 2011 the six types give 209.850, the
    # Totaal; one step up, 209.900, is -50 off: within. The reconciliation
    # test returns one row per failing check: this one alone, shown with its
    # figures as the build shows them; the test of the parts of each printed
    # total (deel_van) fails on the same total.
    over, within = by_key["documenten/7/vorig_jaar"], by_key["documenten/7/verslagjaar"]
    caught = evaluate(replay, checks, over, "167.250")
    # The parts no longer add up to their printed total (deel_van) either: the same total, caught twice.
    assert len(caught) == 2 and caught[0].startswith("test assert_rapport_klopt_binnen_afronding: 1 failing row(s): ("), caught
    assert caught[1].startswith("test assert_delen_tellen_op_tot_hun_totaal: 1 failing row(s): ("), caught
    assert "uitsplitsing=documentsoort" in caught[1] and "waarde=167250" in caught[1], caught
    for figure in (
        "code=documenten_totaal",
        "jaar=2010",
        "rapportjaar=2011",
        "gerapporteerd=167250",
        "verschil=-200.",
        "tolerantie=175.",
    ):
        assert f" {figure}" in caught[0] or f"({figure}" in caught[0], (figure, caught)
    failed, output = sandbox.confirm(over, "167.250")
    assert failed and "Failure in test assert_rapport_klopt_binnen_afronding" in output, output
    assert "Got 1 result, configured to fail if != 0" in output, output

    assert evaluate(replay, checks, within, "209.900") == ()
    failed, output = sandbox.confirm(within, "209.900")
    assert not failed, output


@pytest.mark.builds
def test_a_sample_of_changes(
    replay: Replay, checks: RangeChecks, by_key: dict[str, Cell], capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    outcomes = run(replay, checks, selection(list(by_key.values()), PER_KIND, RANDOM_SEED))
    with capsys.disabled():
        print("\nMutation sample (make mutation runs all):\n" + summary(outcomes, time.monotonic() - started))
    # A part or total of a sum moved by more than twice the sum's tolerance
    # moves the difference beyond the tolerance, wherever it started.
    tolerances = dict(
        replay.con.execute(
            """
            select code, max(tolerantie) from marts.reconciliaties
            where berekening in ('som', 'herhaling') and kwalificatie is null
            group by code
            """
        ).fetchall()
    )
    must = [
        o
        for o in outcomes
        if any(
            abs(float(read(o.value)[0] - read(o.cell.printed)[0])) > 2 * tolerances[code]
            for code in o.cell.checks
            if code in tolerances
        )
    ]
    assert len(must) >= 5, "the sample holds too few changes beyond a tolerance to show anything"
    missed = [f"{o.cell.where}: {o.cell.printed} -> {o.value}" for o in must if not o.caught]
    assert not missed, missed


def test_changes_keep_the_printed_form() -> None:
    assert mutate("167.200", "step_up", 50) == "167.250"
    assert mutate("2.400", "x10", 50) == "24.000"
    assert mutate("14.650", "swap_digits", 50) == "41.650"
    assert mutate("99%", "step_up", 1) == "100%"
    assert mutate("1,08 milj.", "step_up", 10000) == "1,09 milj."
    assert mutate("€ 382 miljoen", "step_up", 1_000_000) == "€ 383 miljoen"
    assert mutate("7,3", "x10", 0.1) == "73,0"
    assert mutate("0", "x10", 5) is None
    assert mutate("1.100", "swap_digits", 50) == "1.010"


def test_the_sandbox_builds_inside_itself_wherever_the_warehouse_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sandbox's dbt keeps the parse cache with the path the project's
    builds give it; with the published warehouse outside the project that
    path must still not lead dbt into the real build folder."""
    monkeypatch.setenv("IND_WAREHOUSE", str(tmp_path / "elsewhere" / "ind.duckdb"))
    sandbox = Sandbox()
    try:
        done = sandbox.run(["sh", "-c", 'cd "$(dirname "$IND_BUILD_PATH")" && pwd -P'])
        assert done.returncode == 0, done.stderr
        assert Path(done.stdout.strip()) == sandbox.build_file.parent.resolve()
        assert sandbox.build_file.resolve().is_relative_to(sandbox.dir.resolve())
        assert (sandbox.project / PARSE_CACHE).exists() == (ROOT / PARSE_CACHE).exists()
    finally:
        sandbox.close()

"""The synthetic report years (indwh_tools.synthetic_years) come in through the
seeds' own layout and add up like the report does: checked here on the
seeds alone, in seconds. `make bench` builds them with dbt (every dbt
test, the reconciliations included) for up to 1000 report years."""

from __future__ import annotations

import argparse
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from indwh import printed
from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh_tools.commands import synthetic_years
from indwh_tools.synthetic_years import BASE_YEAR, add_years
from tests.python.conftest import read_csv

YEARS = 4  # 2011 and three synthetic years
SYNTHETIC = [str(BASE_YEAR + i) for i in range(1, YEARS)]
EXPECTED_ROWS = Path("indwh/range_checks/expected_rows.csv")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root: Path = tmp_path_factory.mktemp("years")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    (root / EXPECTED_ROWS).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / EXPECTED_ROWS, root / EXPECTED_ROWS)
    add_years(root, YEARS)
    return root


def rows(project: Path, seed: str) -> list[dict[str, str]]:
    return read_csv(project / "seeds" / f"{seed}.csv")


def cells(project: Path) -> dict[tuple[str, str], Decimal]:
    """(report year, cell key as the warehouse writes it) -> value, of every printed figure."""
    found = {}
    for path in sorted((project / "seeds" / "rapport").glob("*.csv")):
        for row in read_csv(path):
            if path.stem == "tekstcijfers":
                found[(row["rapportjaar"], f"tekst/{row['nummer']}")] = printed.read(row["waarde"])[0]
                continue
            table = row["tabel"] + "_top3" if "tabel" in row else path.stem
            for column in [c for c in row if c not in ("rapportjaar", "tabel", "positie", "regel", "label")]:
                found[(row["rapportjaar"], f"{table}/{row['positie']}/{column}")] = printed.read(row[column])[0]
    return found


def steps(project: Path) -> dict[tuple[str, str], Decimal]:
    """(report year, cell key) -> the rounding step of the figure, from the mappings."""
    tables = {r["tabel"]: r["afronding_aantallen"] for r in rows(project, "mappings/map_tabellen")}
    found = {}
    for path in sorted((project / "seeds" / "rapport").glob("*.csv")):
        if path.stem == "tekstcijfers":
            continue
        for row in read_csv(path):
            table = row["tabel"] + "_top3" if "tabel" in row else path.stem
            for column in [c for c in row if c not in ("rapportjaar", "tabel", "positie", "regel", "label")]:
                _, form = printed.read(row[column])
                count = form.unit == "" and form.decimals == 0
                found[(row["rapportjaar"], f"{table}/{row['positie']}/{column}")] = (
                    Decimal(tables[table] or 1) if count else form.step
                )
    for row in rows(project, "mappings/map_afronding_uitzonderingen"):
        found[(row["rapportjaar"], f"{row['tabel']}/{row['positie']}/{row['kolom']}")] = Decimal(row["afronding"])
    text = {(r["rapportjaar"], r["nummer"]): r for r in rows(project, "rapport/tekstcijfers")}
    for row in rows(project, "mappings/map_tekstcijfers"):
        step = row["afronding"] or printed.read(text[(row["rapportjaar"], row["nummer"])]["waarde"])[1].step
        found[(row["rapportjaar"], f"tekst/{row['nummer']}")] = Decimal(step)
    return found


def test_every_seed_grows_by_rows_of_the_same_layout(project: Path) -> None:
    for path in sorted((project / "seeds" / "rapport").glob("*.csv")):
        by_year = defaultdict(list)
        for row in read_csv(path):
            by_year[row["rapportjaar"]].append(
                {k: v for k, v in row.items() if k in ("tabel", "positie", "regel", "label", "nummer")}
            )
        assert sorted(by_year) == [str(BASE_YEAR), *SYNTHETIC], path.name
        assert all(by_year[year] == by_year[str(BASE_YEAR)] for year in SYNTHETIC), path.name
    for seed in ("mappings/map_tekstcijfers", "mappings/controle_aantallen"):
        assert sorted({r["rapportjaar"] for r in rows(project, seed)}) == [str(BASE_YEAR), *SYNTHETIC], seed


def checked_previous_year_cells(project: Path) -> set[str]:
    """The previous-year cells that a check of the report involves: the
    members and factors of the reconciliations, and the figures the text
    repeats."""
    members = rows(project, "checks/reconciliatie_leden")
    found = {m["cel_sleutel"] for m in members} | {m["met"] for m in members}
    found |= {r["herhaalt"] for r in rows(project, "mappings/map_tekstcijfers")}
    return {cell for cell in found if cell.endswith("/vorig_jaar")}


def restatements(project: Path) -> dict[tuple[str, str], Decimal]:
    """(report year, previous-year cell) -> by how many rounding steps the
    report prints it otherwise than the report before printed it, for every
    such figure of a synthetic report."""
    values, rounding = cells(project), steps(project)
    found = {}
    for (year, cell), value in values.items():
        if year in SYNTHETIC and cell.endswith("/vorig_jaar"):
            before = values[(str(int(year) - 1), cell.removesuffix("vorig_jaar") + "verslagjaar")]
            if value != before:
                found[(year, cell)] = (value - before) / rounding[(year, cell)]
    return found


def test_previous_year_is_what_the_report_before_printed_but_a_few_restated(project: Path) -> None:
    """Every previous-year figure is what the report before printed, but a
    few in each synthetic report: some one rounding step away (the rounding
    of both prints explains it), some two (a revision), none of them a
    figure that a check of the report involves."""
    found = restatements(project)
    assert [cell for (_, cell) in found if cell in checked_previous_year_cells(project)] == []
    for year in SYNTHETIC:
        moved = [abs(by) for (restated_in, _), by in found.items() if restated_in == year]
        assert set(moved) == {1, 2} and len(moved) <= 6, (year, found)


def test_text_figures_about_the_year_before_are_that_years_figures(project: Path) -> None:
    text = {(r["rapportjaar"], r["nummer"]): r for r in rows(project, "rapport/tekstcijfers")}
    for (year, number), row in text.items():
        base = text[(str(BASE_YEAR), number)]
        assert int(row["jaar"]) - int(year) == int(base["jaar"]) - BASE_YEAR
        if year in SYNTHETIC:  # the sentence quotes the new figure, and names its year where the base one did
            assert row["waarde"] in row["citaat"], row
            assert (row["jaar"] in row["citaat"]) == (base["jaar"] in base["citaat"]), row


def test_every_figure_is_a_multiple_of_its_rounding_step(project: Path) -> None:
    values, rounding = cells(project), steps(project)
    wrong = [(key, values[key], rounding[key]) for key in values if key[0] in SYNTHETIC and values[key] % rounding[key] != 0]
    assert not wrong


def off_by_more_than_rounding(project: Path, values: dict[tuple[str, str], Decimal], checks: Path | None = None) -> list[str]:
    """Every check of seeds/checks (the report's own reconciliations, those
    of `checks` when given) that sums figures, in the synthetic years: the
    parts may differ from the total by half a rounding step of each figure
    involved, no more."""
    rounding = steps(project)
    members = defaultdict(list)
    for member in rows(checks or project, "checks/reconciliatie_leden"):
        members[member["code"]].append(member)
    wrong = []
    for check in rows(checks or project, "checks/reconciliatie_checks"):
        if any(m["met"] or m["rol"] not in ("deel", "totaal") for m in members[check["code"]]):
            continue  # products and percentages: the reconciliations of the build
        for year in SYNTHETIC:
            for shift in {m["jaar_verschuiving"] for m in members[check["code"]]}:
                difference, tolerance = Decimal(0), Decimal(0)
                for m in (m for m in members[check["code"]] if m["jaar_verschuiving"] == shift):
                    sign = int(m["teken"] or 1) * (1 if m["rol"] == "deel" else -1)
                    if m["cel_sleutel"]:
                        difference += sign * values[(year, m["cel_sleutel"])]
                        tolerance += rounding[(year, m["cel_sleutel"])] / 2
                    else:
                        difference += sign * Decimal(m["waarde"])
                if abs(difference) > tolerance:
                    wrong.append(f"{check['code']} {year} (year {shift}): off by {difference}, rounding allows {tolerance}")
    return wrong


def test_parts_add_up_to_totals_within_rounding(project: Path) -> None:
    assert off_by_more_than_rounding(project, cells(project)) == []


def test_the_sum_check_catches_a_total_off_by_more_than_rounding(project: Path) -> None:
    values = cells(project)
    values[(SYNTHETIC[0], "documenten/7/verslagjaar")] += 500  # 7 figures to the 50 allow 175 either way
    assert off_by_more_than_rounding(project, cells(project)) == []
    assert [w for w in off_by_more_than_rounding(project, values) if w.startswith(f"documenten_totaal {SYNTHETIC[0]}")]


def project_with_a_member_dropped(root: Path, member: str) -> Path:
    """A copy of the seeds whose reconciliatie_leden.csv lacks the row `member`."""
    shutil.copytree(ROOT / "seeds", root / "seeds")
    path = root / "seeds" / "checks" / "reconciliatie_leden.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if line.rstrip("\n") != member), encoding="utf-8")
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(lines) - 1, member
    return root


def test_the_years_hold_the_checks_of_the_seed(tmp_path: Path) -> None:
    """The arithmetic is the seed's: with the costs dropped from the check
    income - costs = result in a copy, the synthetic years hold the copy's
    checks and break the project's one."""
    copy = project_with_a_member_dropped(tmp_path, "resultaat,0,deel,tekst/44,-1,,")
    add_years(copy, YEARS)
    assert off_by_more_than_rounding(copy, cells(copy)) == []
    wrong = off_by_more_than_rounding(copy, cells(copy), checks=ROOT)
    assert [w.split(" (")[0] for w in wrong] == [f"resultaat {year}" for year in SYNTHETIC], wrong


def test_a_check_not_naming_the_figure_it_determines_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Named by file, check and figure, without a traceback; nothing written."""
    copy = project_with_a_member_dropped(tmp_path, "documenten_totaal,0,totaal,documenten/7/verslagjaar,1,,")
    before = {path: path.read_bytes() for path in copy.rglob("*.csv")}
    assert synthetic_years.run(argparse.Namespace(project=copy, years=3)) == 1
    assert "reconciliatie_leden.csv: check documenten_totaal names documenten/7/verslagjaar 0 times" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in copy.rglob("*.csv")} == before


def test_the_same_seed_gives_the_same_years(project: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    add_years(tmp_path, YEARS)
    for path in sorted((project / "seeds").glob("**/*.csv")):
        assert (tmp_path / path.relative_to(project)).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_a_project_with_more_than_its_base_year_is_refused(project: Path) -> None:
    with pytest.raises(BadInput, match="synthetic years start from 2011 alone"):
        add_years(project, 2)


def test_the_range_checks_expect_each_synthetic_report_as_2011(project: Path) -> None:
    """Each synthetic report adds the rows the range checks count for 2011, with its own year."""
    by_year = defaultdict(list)
    for row in read_csv(project / EXPECTED_ROWS):
        by_year[row.pop("rapportjaar")].append(row)
    assert sorted(by_year) == [str(BASE_YEAR), *SYNTHETIC]
    assert all(by_year[year] == by_year[str(BASE_YEAR)] for year in SYNTHETIC)

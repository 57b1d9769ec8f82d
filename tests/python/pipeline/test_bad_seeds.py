"""Broken seeds, mappings, checks and models stop the build with a message
naming the seed file and line of what is wrong (for an error in a model's
SQL, the model's file and line), and leave the published warehouse as it was.

Each case breaks a copy of the project and runs the real build there
(`indwh build`, or `make dev`'s `indwh build --changed` where dbt finds
the case: see FULL_BUILD), publishing to the copy's warehouse, a copy of
the project's published file. Problems of the file itself (encoding,
header, number of values, repeated rows) are found before dbt starts, in
every seed file: cases in different files share a build, each reported
with its own file and line (not a problem of the yml, which stops the
check before the files, nor the case whose message counts its build's
problems). Problems of a value are found by dbt, so those builds run
side by side, and cases share a build where one does not hide another: a
failing test holds back what dbt builds below the relation it tests, and
a model that fails, everything below it. The build must report each case
of its build: the three number-parsing cases, the two cases of a mart's
contract (a required value left empty, a primary key the rows repeat),
the counts and reconciliations ("checks"), the codes the code list lacks
("codes"), and so on.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from indwh.paths import ROOT
from tests.python.project import Project, copy_project, sha256, without_great_expectations

pytestmark = pytest.mark.builds


def replace(seed: str, old: str, new: str) -> Callable[[Project], None]:
    """Break a seed by replacing one printed text (which must be there once)."""

    def breaks(project: Project) -> None:
        path = project.seed(seed)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return breaks


def rewrite(seed: str, change: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[Project], None]:
    """Break a seed by changing its rows (header included) and writing it back as CSV."""

    def breaks(project: Project) -> None:
        path = project.seed(seed)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(change(rows))
        path.write_text(out.getvalue(), encoding="utf-8")

    return breaks


def edit(file: str, old: str, new: str) -> Callable[[Project], None]:
    """Break a file of the project other than a seed (a yml) by replacing the first occurrence of a text."""

    def breaks(project: Project) -> None:
        path = project.root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return breaks


# The model and line of it that the case of a typo in a model's SQL breaks.
TYPO_MODEL = "models/marts/kerncijfers.sql"
TYPO_LINE = "    kerncijfers.label_en,"


def line_of(file: str, text: str) -> int:
    """The line of a file of the project that is `text` (which must be there once)."""
    lines = (ROOT / file).read_text(encoding="utf-8").split("\n")
    assert lines.count(text) == 1, f"{text!r} is not a line of {file} exactly once"
    return lines.index(text) + 1


def write_bytes(seed: str, content: Callable[[str], bytes]) -> Callable[[Project], None]:
    """Break a seed by writing other bytes for its text."""

    def breaks(project: Project) -> None:
        path = project.seed(seed)
        path.write_bytes(content(path.read_text(encoding="utf-8")))

    return breaks


def first_non_ascii(seed: str) -> str:
    """`file:line:column` of the first character outside ASCII in a seed of the project."""
    path = next(ROOT.glob(f"seeds/*/{seed}.csv"))
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        for column, character in enumerate(line, start=1):
            if ord(character) > 127:
                return f"{path.relative_to(ROOT)}:{number}:{column}: byte 0x"
    raise AssertionError(f"{seed} has no character outside ASCII")


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Project], None]
    expected: tuple[str, ...]  # each must be in the build's output
    by_dbt: bool = False  # found by dbt, not before it starts
    build: str = ""  # cases with the same build share one broken copy

    @property
    def build_name(self) -> str:
        return self.build or self.name


CASES = [
    Case(
        "comma_as_thousands_separator",
        replace("studenten", "Aantal aanvragen mvv,8.200,", 'Aantal aanvragen mvv,"49,700",'),
        ('seeds/rapport/studenten.csv:2, row with positie 1 (report line 184), column verslagjaar: cannot read "49,700"',),
        by_dbt=True,
        build="numbers",
    ),
    Case(
        "stray_character",
        replace("totaaloverzicht_regulier", "Totaal aanvragen mvv,49.700,", "Totaal aanvragen mvv,4O.700,"),
        (
            "seeds/rapport/totaaloverzicht_regulier.csv:2, row with positie 1 (report line 109),"
            ' column verslagjaar: cannot read "4O.700"',
        ),
        by_dbt=True,
        build="numbers",
    ),
    Case(
        "number_too_large",
        replace("gezinsvorming_hereniging", "Aantal aanvragen mvv,28.900,", "Aantal aanvragen mvv,82.000.000.000.000.000,"),
        (
            "seeds/rapport/gezinsvorming_hereniging.csv:2, row with positie 1 (report line 373), column verslagjaar:"
            ' "82.000.000.000.000.000" is too large for the warehouse',
        ),
        by_dbt=True,
        build="numbers",
    ),
    Case(
        "text_figure_no_longer_equals_the_table",
        replace("tekstcijfers", ",58.950,", ",59.000,"),
        (
            "seeds/rapport/tekstcijfers.csv:4, row with nummer 3 (report line 77)",
            "seeds/rapport/totaaloverzicht_regulier.csv:4, row with positie 3 (report line 113)",
            "59.000",
            "Totaaloverzicht Regulier",
            "58.950",
            "[assert_tekstherhalingen_kloppen]",
        ),
        by_dbt=True,
        build="text_figure",
    ),
    Case(
        "empty_values",
        rewrite("arbeidsmigranten", lambda rows: [rows[0], [*rows[1][:5], ""], [*rows[2][:4], "", rows[2][5]], *rows[3:]]),
        (
            "seeds/rapport/arbeidsmigranten.csv:2: column vorig_jaar is empty (report line 320)",
            "seeds/rapport/arbeidsmigranten.csv:3: column verslagjaar is empty (report line 322)",
            "Build failed: 2 problem(s) in the seeds (2 empty value(s) of the report)",
        ),
    ),
    Case(
        "whole_number_too_large",
        replace("studenten", "2011,2,186,", "2011,2,18600000000,"),
        ("seeds/rapport/studenten.csv:3: column regel: 18600000000 is too large for the column (typed integer",),
        build="files",
    ),
    Case(
        "yml_does_not_parse",
        edit("seeds/rapport/_rapport__seeds.yml", "  - name: rapportjaar\n", "  - name: rapportjaar: [\n"),
        ("seeds/rapport/_rapport__seeds.yml:", "the yml does not parse"),
    ),
    Case(
        "yml_column_types_not_a_mapping",
        edit("seeds/codes/_codes__seeds.yml", "column_types:", "column_types: [code, label_nl]\n      x-old-types:"),
        ("seeds/codes/_codes__seeds.yml: seeds entry", "config.column_types is not a mapping of column: type"),
    ),
    Case(
        "percentage_above_100",
        replace("kennismigranten", "Inwilligingen mvv,98%,98%", "Inwilligingen mvv,101%,98%"),
        (
            "seeds/rapport/kennismigranten.csv:4, row with positie 3 (report line 241),"
            ' column verslagjaar: "101%" is a percentage above 100',
        ),
        by_dbt=True,
    ),
    Case(
        "label_without_mapping",
        replace("naturalisatie", "Aantal verzoeken,", "Aantal verzoekjes,"),
        (
            "seeds/rapport/naturalisatie.csv:2, row with positie 1 (report line 694), column",
            'label "Aantal verzoekjes" has no row in seeds/mappings/map_rijen.csv',
        ),
        by_dbt=True,
    ),
    Case(
        "required_code_left_empty",
        replace(
            "selectie_kerncijfers",
            "dienstverlening,nvt,nvt,nvt,nvt,nvt,telefonie,nvt,",
            "dienstverlening,nvt,nvt,nvt,nvt,nvt,,nvt,",
        ),
        (
            "(kolom=onderwerp, volgorde=9) at seeds/presentatie/selectie_kerncijfers.csv:10"
            " [not_null_columns_selectie_kerncijfers]",
        ),
        by_dbt=True,
        build="required_values",
    ),
    Case(
        "code_others_use_without_reason",
        rewrite("map_nationaliteit_iso", lambda rows: [[*row[:2], "", *row[3:]] if row[0] == "totaal" else row for row in rows]),
        (
            "(code=totaal, iso_alpha2=None, iso_alpha2_toelichting=None) at seeds/mappings/map_nationaliteit_iso.csv:15"
            " [code_or_reason_dim_nationaliteit]",
        ),
        by_dbt=True,
        build="required_values",
    ),
    Case(
        "eurostat_reason_not_in_its_list",
        replace("map_verblijfsdoel_eurostat", "\nkennismigratie,OCC,", "\nkennismigratie,OCX,"),
        (
            "(from_field=OCX) at seeds/mappings/map_verblijfsdoel_eurostat.csv:3"
            " [relationships_dim_verblijfsdoel_eurostat_reden__code__ref_code_eurostat_reden_]",
        ),
        by_dbt=True,
        build="required_values",
    ),
    Case(
        "value_a_mart_requires_left_empty",
        replace("reconciliatie_checks", ",Top 3 students: three nationalities + other = total (counts),", ",,"),
        (
            "reconciliaties.omschrijving_en may not be empty (not_null constraint in models/marts/reconciliaties.yml);"
            " rows without it: (rapportjaar=2011, code=top3_studenten_aantal, jaar=2011)"
            " at seeds/checks/reconciliatie_checks.csv:2 [reconciliaties]",
        ),
        by_dbt=True,
        build="constraints",
    ),
    Case(
        "primary_key_the_rows_repeat",
        edit("models/marts/kerncijfers.yml", "columns: [rapportjaar, volgorde]", "columns: [rapportjaar]"),
        (
            "kerncijfers: rows repeat the primary key (rapportjaar)"
            " (primary_key constraint in models/marts/kerncijfers.yml): (rapportjaar=2011, bron_tabel=",
            "(rapportjaar=2011, bron_tabel=Asiel beslissingen, bron_regel=514)"
            " at seeds/rapport/asiel_beslissingen.csv:6, row with positie 5 (report line 514)",
            "; ... [kerncijfers]",
        ),
        by_dbt=True,
        build="constraints",
    ),
    # Found by dbt's tests and said with the seed file and line of each row
    # they found (indwh/pipeline/located.py, the column vindplaats of the
    # singular tests), or with the model's file for an error in its SQL.
    Case(
        "count_check_off",
        replace("controle_aantallen", "\n2011,266,51,", "\n2011,267,51,"),
        ("verwacht_tabelcellen=267, seed_tabelcellen=266,", "at seeds/mappings/controle_aantallen.csv:2 [assert_elke_gedrukte_"),
        by_dbt=True,
        build="checks",
    ),
    Case(
        "printed_value_breaks_a_reconciliation",
        replace("studenten", "Aantal aanvragen mvv,8.200,", "Aantal aanvragen mvv,9.200,"),
        ("(code=verblijfsdoelen_mvv_aanvragen, jaar=2011,", "seeds/rapport/studenten.csv:2 verslagjaar=9.200"),
        by_dbt=True,
        build="checks",
    ),
    Case(
        "member_points_at_another_cell",
        replace(
            "reconciliatie_leden",
            "\ntop3_studenten_aantal,0,deel,studenten_top3/1/",
            "\ntop3_studenten_aantal,0,deel,kennismigranten_top3/1/",
        ),
        (
            "(code=top3_studenten_aantal, jaar=2011,",
            "at seeds/checks/reconciliatie_leden.csv:2-6",
        ),
        by_dbt=True,
        build="checks",
    ),
    Case(
        "member_names_no_figure",
        replace("reconciliatie_leden", ",documenten/1/verslagjaar,", ",documenten/1/verslagjar,"),
        (
            "(code=documenten_totaal, jaar=2011, rapportjaar=2011, oordeel=ontbreekt,",
            "zonder_cijfer=documenten/1/verslagjar) at seeds/checks/reconciliatie_leden.csv:229-",
        ),
        by_dbt=True,
        build="checks",
    ),
    Case(
        "span_ends_before_it_starts",
        replace(
            "reconciliatie_checks",
            "highly skilled migrants: three nationalities + other = total (counts),,",
            "highly skilled migrants: three nationalities + other = total (counts),2012,2011",
        ),
        (
            "(code=top3_kennismigranten_aantal, lid=, probleem=the span ends (tot_en_met_rapportjaar 2011) before it starts"
            " (vanaf_rapportjaar 2012)) at seeds/checks/reconciliatie_checks.csv:9",
        ),
        by_dbt=True,
        build="checks",
    ),
    Case(
        "code_list_row_without_label",
        replace("code_eurostat_reden", "\nEDUC,Onderwijsredenen,Education reasons,", "\nEDUC,Onderwijsredenen,,"),
        ("(kolom=label_en, code=EDUC) at seeds/codes/code_eurostat_reden.csv:3 [not_null_columns_code_eurostat_reden]",),
        by_dbt=True,
        build="checks",
    ),
    Case(
        "typo_in_a_models_sql",
        edit(TYPO_MODEL, TYPO_LINE, "    kerncijfer.label_en,"),
        (
            f'{TYPO_MODEL}:{line_of(TYPO_MODEL, TYPO_LINE)}: Binder Error: Referenced table "kerncijfer" not found',
            "[kerncijfers]",
        ),
        by_dbt=True,
        build="model_sql",
    ),
    Case(
        "row_mapped_to_a_code_not_in_the_list",
        replace(
            "map_rijen",
            "\nstudenten,Aantal aanvragen mvv,regulier,mvv,studie,",
            "\nstudenten,Aantal aanvragen mvv,regulier,mvv,studi,",
        ),
        ("(from_field=studi) at seeds/mappings/map_rijen.csv:14 [relationships_fact_aanvragen_verblijfsdoel",),
        by_dbt=True,
        build="codes",
    ),
    Case(
        "code_removed_from_the_list",
        rewrite("code_lijst", lambda rows: [row for row in rows if row[:2] != ["procedure", "habeas_corpus"]]),
        ("(from_field=habeas_corpus) at seeds/mappings/map_rijen.csv:83;", "[relationships_fact_aanvragen_procedure_"),
        by_dbt=True,
        build="codes",
    ),
    Case(
        "text_figure_mapped_to_a_code_not_in_the_list",
        replace("map_tekstcijfers", "\n2011,1,aanvragen,asiel,aa,", "\n2011,1,aanvragen,asiel,ax,"),
        ("(from_field=ax) at seeds/mappings/map_tekstcijfers.csv:2 [relationships_fact_aanvragen_procedure",),
        by_dbt=True,
        build="codes",
    ),
    Case(
        "table_row_left_out",
        rewrite("documenten", lambda rows: rows[:2] + rows[3:]),
        (
            'seeds/rapport/documenten.csv has no row "Verblijfsvergunning regulier; onbepaalde tijd"'
            " (mapped in seeds/mappings/map_rijen.csv:98)",
            "at seeds/mappings/controle_aantallen.csv:2 [assert_elke_gedrukte_",
        ),
        by_dbt=True,
        build="codes",
    ),
    Case(
        "text_figure_left_out",
        rewrite("tekstcijfers", lambda rows: rows[:-1]),
        ("seeds/rapport/tekstcijfers.csv has no row with nummer 51 (mapped in seeds/mappings/map_tekstcijfers.csv:52)",),
        by_dbt=True,
        build="codes",
    ),
    Case(
        "fact_of_a_table_not_in_its_list",
        replace(
            "map_tabellen",
            "\nkennismigranten,Kennismigranten,,Instroom en beslissingen,Kennismigranten,aanvragen,",
            "\nkennismigranten,Kennismigranten,,Instroom en beslissingen,Kennismigranten,aanvragn,",
        ),
        ("(value_field=aanvragn, n_records=1) at seeds/mappings/map_tabellen.csv:5 [accepted_values_map_tabellen_feit",),
        by_dbt=True,
        build="numbers",
    ),
    Case(
        "typo_in_a_staging_models_sql",
        edit("models/staging/stg_ind__tekstcijfers.sql", "trim(hoofdstuk) as hoofdstuk", "trim(hoofdstukk) as hoofdstuk"),
        (
            'models/staging/stg_ind__tekstcijfers.sql:20: Binder Error: Referenced column "hoofdstukk" not found',
            "[stg_ind__tekstcijfers]",
        ),
        by_dbt=True,
        build="numbers",
    ),
    Case(
        "dimension_of_another_fact",
        replace(
            "map_rijen",
            "\nstudenten,Aantal beslissingen mvv,regulier,mvv,studie,totaal,nvt,,",
            "\nstudenten,Aantal beslissingen mvv,regulier,mvv,studie,totaal,nvt,telefonie,",
        ),
        ("at seeds/mappings/map_rijen.csv:15 (the mapping of seeds/rapport/studenten.csv:3) [assert_dimensies_passen_bij_feit]",),
        by_dbt=True,
        build="required_values",
    ),
    Case(
        "repetition_with_codes",
        replace("map_tekstcijfers", "\n2011,3,,", "\n2011,3,aanvragen,"),
        (
            "(cel_sleutel=tekst/3, feit=aanvragen, herhaalt=totaaloverzicht_regulier/3/verslagjaar)"
            " at seeds/mappings/map_tekstcijfers.csv:4",
        ),
        by_dbt=True,
        build="required_values",
    ),
    Case(
        "member_role_not_in_its_list",
        replace(
            "reconciliatie_leden",
            "\ntop3_studenten_percentage,0,deel,studenten_top3/1/percentage,",
            "\ntop3_studenten_percentage,0,dee,studenten_top3/1/percentage,",
        ),
        ("(value_field=dee, n_records=1) at seeds/checks/reconciliatie_leden.csv:7 [accepted_values_reconciliatie_leden_rol",),
        by_dbt=True,
        build="required_values",
    ),
    Case(
        "key_figure_picks_nothing",
        replace(
            "selectie_kerncijfers",
            "\n4,Asielaanvragen,Asylum applications,aanvragen,asiel,totaal,",
            "\n4,Asielaanvragen,Asylum applications,aanvragen,asiel,totale,",
        ),
        (
            "(rapportjaar=2011, volgorde=4, label_nl=Asielaanvragen, aantal_gevonden=0)"
            " at seeds/presentatie/selectie_kerncijfers.csv:5 [assert_kerncijfers_elk_eenmaal_per_rapportjaar]",
        ),
        by_dbt=True,
        build="key_figure",
    ),
    Case(
        "comma_without_quotes",
        replace("studenten", "Aantal aanvragen mvv,8.200,", "Aantal aanvragen mvv,49,700,"),
        ("seeds/rapport/studenten.csv:2: 7 values where the header has 6 columns", "must stand in double quotes"),
        build="more_files",
    ),
    Case(
        "duplicated_row",
        rewrite("documenten", lambda rows: rows[:3] + rows[2:]),
        ("seeds/rapport/documenten.csv:4: the row repeats line 3 word for word",),
        build="files",
    ),
    Case(
        "duplicated_key",
        replace("doorlooptijden", "2011,2,853,", "2011,1,853,"),
        ("seeds/rapport/doorlooptijden.csv:3: the row has the same rapportjaar 2011, positie 1 as line 2",),
        build="files",
    ),
    Case(
        "missing_column",
        rewrite("klachten", lambda rows: [row[:-1] for row in rows]),
        ("seeds/rapport/klachten.csv:1: header: column 'vorig_jaar' is missing",),
        build="files",
    ),
    Case(
        "extra_column",
        rewrite("bereikbaarheid", lambda rows: [[*row, "opmerking" if number == 0 else ""] for number, row in enumerate(rows)]),
        ("seeds/rapport/bereikbaarheid.csv:1: header: column 'opmerking' is not a column of this seed",),
        build="files",
    ),
    Case(
        "misspelt_header",
        replace("doorlooptijden", "label,verslagjaar,", "label,verslagjar,"),
        ("seeds/rapport/doorlooptijden.csv:1: header: column 'verslagjar' is misspelt: it should be 'verslagjaar'",),
        build="more_files",
    ),
    Case(
        "windows_1252_encoding",
        write_bytes("tekstcijfers", lambda text: text.encode("cp1252")),
        (first_non_ascii("tekstcijfers"), "save it as UTF-8"),
        build="files",
    ),
    Case(
        "latin_1_encoding",
        write_bytes("code_lijst", lambda text: text.encode("latin-1")),
        (first_non_ascii("code_lijst"), "save it as UTF-8"),
        build="more_files",  # not with the other encoding, so that each says what to do
    ),
    Case(
        "empty_file",
        write_bytes("ongewenstverklaringen", lambda text: b""),
        ("seeds/rapport/ongewenstverklaringen.csv: the file is empty",),
        build="files",
    ),
    Case(
        "semicolons",
        write_bytes("caribisch_nederland", lambda text: text.replace(",", ";").encode()),
        ("seeds/rapport/caribisch_nederland.csv:1: header: the columns are separated by semicolons",),
        build="files",
    ),
    Case(
        "letter_in_a_whole_number",
        replace("studenten", "2011,2,186,", "2011,2O,186,"),
        ("seeds/rapport/studenten.csv:3: column positie: '2O' is not a whole number",),
    ),
    Case(
        "quote_not_closed",
        replace("bereikbaarheid", '"1,09 milj."', '"1,09 milj.'),
        ("seeds/rapport/bereikbaarheid.csv:2: a value runs over several lines", "is a double quote not closed?"),
        build="more_files",
    ),
]


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str
    published_before: str
    published_after: str
    leftovers: list[str]


# The builds of the cases dbt finds run as `make dev` does (indwh build
# --changed), in a copy that keeps the manifest of the build that made its
# published file, as `make build` leaves a project: dbt builds what the
# cases changed and everything below it, which holds every node a case
# fails or holds back, and reports it as the full build does. One of them
# runs the full build (`make build`), so that both commands are held to
# what they report. The builds of `make dev` run with great-expectations
# hidden: each case stops in dbt, so the range checks never run, and the
# import a build makes of them beside dbt would only spend seconds of CPU
# (docs/decisions/0020-failing-test-builds-without-great-expectations.md).
# The full build of dbt's cases keeps the import, as a user's failing build
# makes it; the builds that stop before dbt never start it.
FULL_BUILD = "numbers"


def command(cases: list[Case]) -> tuple[str, ...]:
    """The build command of a build of `cases`."""
    if cases[0].by_dbt and cases[0].build_name != FULL_BUILD:
        return ("build", "--changed")
    return ("build",)


def broken_build(cases: list[Case], folder: Path, hidden: Path) -> Outcome:
    """The build of `cases` in a copy of the project; `hidden` (first on
    PYTHONPATH) hides great-expectations from the builds of `make dev`."""
    project = copy_project(folder)
    project.keep_manifest_of_the_build()
    before = sha256(project.published)
    for case in cases:
        case.breaks(project)
    arguments = command(cases)
    result = project.run(*arguments, python_path=() if arguments == ("build",) else (hidden,))
    return Outcome(result.returncode, result.stdout + result.stderr, before, sha256(project.published), project.leftovers())


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """One broken build per build name, run side by side (dbt's first)."""
    builds: dict[str, list[Case]] = {}
    for case in sorted(CASES, key=lambda case: not case.by_dbt):
        builds.setdefault(case.build_name, []).append(case)
    folder = tmp_path_factory.mktemp("bad_seeds")
    hidden = without_great_expectations(folder / "without_great_expectations")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(broken_build, cases, folder / name, hidden) for name, cases in builds.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_seed_stops_the_build_and_leaves_the_warehouse(case: Case, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.build_name]
    assert outcome.returncode == 1, outcome.output[-3000:]
    assert "Traceback" not in outcome.output, outcome.output[-3000:]
    for expected in case.expected:
        assert expected in outcome.output, f"{expected!r} not in the build's output:\n{outcome.output[-3000:]}"
    assert "is unchanged" in outcome.output
    assert outcome.published_after == outcome.published_before, "the published warehouse changed"
    assert outcome.leftovers == [], f"files left beside the published warehouse: {outcome.leftovers}"
    # Problems of the file itself are found before dbt starts.
    assert ("Running with dbt" in outcome.output) == case.by_dbt, outcome.output[-3000:]
    if command([case]) != ("build",):  # `make dev` built what changed, as it does after `make build`
        assert "No published build to start from" not in outcome.output, outcome.output[-3000:]

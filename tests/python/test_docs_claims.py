"""Every count, version, threshold and list of files that README.md and
docs/ state, against its source: the report's own counts
(`seeds/mappings/controle_aantallen.csv`), the seeds, the published
warehouse, dbt's manifest, the pins and the folders it lists. A figure of
a run (a timing, a score) has no place in the prose: `make bench` writes
docs/performance-latest.md, and the other commands print theirs.

A claim is a page, a pattern whose groups are the numbers or names it
states, and where they come from. Reword a page and its pattern fails to
match: the claim must then be reworded here too, or dropped with its
number."""

from __future__ import annotations

import inspect
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh import definitions
from indwh.paths import ROOT
from indwh.pipeline import watch
from indwh.range_checks import spec
from indwh_tools.bench import growth as bench_growth
from indwh_tools.bench import queries as bench_queries
from indwh_tools.bench import recording as bench_recording
from indwh_tools.bench import report as bench_report
from indwh_tools.bench import run as bench_run
from tests.python.conftest import read_csv

WORDS = dict(
    enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
        ]
    )
)


def pinned(package: str) -> str:
    """The version requirements.txt pins a package to."""
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower().replace("_", "-") == package:
            return version.strip()
    raise AssertionError(f"requirements.txt pins no {package}")


class Sources:
    """What the claims are held to, each read when a claim first asks for it."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request

    @cached_property
    def warehouse(self) -> duckdb.DuckDBPyConnection:
        connection: duckdb.DuckDBPyConnection = self.request.getfixturevalue("warehouse")
        return connection

    @cached_property
    def manifest(self) -> dict[str, Any]:
        parsed: dict[str, Any] = self.request.getfixturevalue("manifest")
        return parsed

    @cached_property
    def year(self) -> int:
        """The report the pages speak of: the first the project holds."""
        return min(int(row["rapportjaar"]) for row in read_csv(ROOT / "seeds/mappings/controle_aantallen.csv"))

    @cached_property
    def counted(self) -> dict[str, str]:
        """The report's own count of its figures (controle_aantallen.csv)."""
        return next(
            row for row in read_csv(ROOT / "seeds/mappings/controle_aantallen.csv") if int(row["rapportjaar"]) == self.year
        )

    def table_cells(self) -> int:
        return int(self.counted["tabelcellen"])

    def text_figures(self) -> int:
        return int(self.counted["tekstcijfers"])

    def repetitions(self) -> int:
        rows = read_csv(ROOT / "seeds/mappings/map_tekstcijfers.csv")
        return sum(1 for row in rows if int(row["rapportjaar"]) == self.year and row["herhaalt"].strip())

    def rows(self, table: str, where: str = "") -> int:
        """Rows of a mart for the report the pages speak of."""
        condition = f"rapportjaar = {self.year}" + (f" and {where}" if where else "")
        row = self.warehouse.execute(f"select count(*) from marts.{table} where {condition}").fetchone()
        assert row is not None
        return int(row[0])

    def observations(self) -> int:
        return sum(self.rows(fact) for fact in ("fact_aanvragen", "fact_dienstverlening", "fact_financien"))

    def dimension_tables(self) -> int:
        row = self.warehouse.execute(
            "select count(*) from duckdb_tables() where schema_name = 'marts' and starts_with(table_name, 'dim_')"
        ).fetchone()
        assert row is not None
        return int(row[0])

    def data_tests(self, kind: str | None = None) -> int:
        """dbt's data tests of the project, of one kind (the generic test's name, or 'singular')."""
        tests = [node for node in self.manifest["nodes"].values() if node["resource_type"] == "test"]
        if kind is None:
            return len(tests)
        return sum(1 for node in tests if ((node.get("test_metadata") or {}).get("name") or "singular") == kind)

    def closest_check(self) -> tuple[object, ...]:
        """Year, computed and printed figure, difference and tolerance of the
        check whose difference comes nearest its tolerance, written as printed."""
        row = self.warehouse.execute(
            f"""
            select jaar, berekend, gerapporteerd, abs(verschil), tolerantie from marts.reconciliaties
            where rapportjaar = {self.year} and tolerantie > 0
            order by abs(verschil) / tolerantie desc limit 1
            """
        ).fetchone()
        assert row is not None

        def printed(value: float) -> str:
            return f"{round(value):,}".replace(",", ".")

        return row[0], printed(row[1]), printed(row[2]), printed(row[3]), printed(row[4])

    def unit_tests(self) -> int:
        return len(self.manifest.get("unit_tests", {}))

    def known_changes(self) -> int:
        return sum(1 for row in read_csv(ROOT / "indwh/range_checks/known_changes.csv") if int(row["rapportjaar"]) == self.year)

    def printed_tables(self) -> int:
        """The report's tables (map_tabellen.csv without the top-3 blocks that stand inside them)."""
        return sum(1 for row in read_csv(ROOT / "seeds/mappings/map_tabellen.csv") if not row["blok"].strip())

    def top3_blocks(self) -> int:
        return len({row["tabel"] for row in read_csv(ROOT / "seeds/rapport/top3_nationaliteiten.csv")})

    @cached_property
    def dbt_score(self) -> dict[str, Any]:
        config: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["dbt-score"]
        return config

    def npm(self, package: str) -> str:
        manifest = json.loads((ROOT / "reports/package.json").read_text(encoding="utf-8"))
        versions: dict[str, str] = {**manifest.get("dependencies", {}), **manifest.get("overrides", {})}
        return versions[package]


@dataclass(frozen=True)
class Claim:
    page: str
    pattern: str  # its groups are what the page states; whitespace matches any run of whitespace
    source: Callable[[Sources], tuple[object, ...]]
    where: str  # where the source is, for the message

    def __str__(self) -> str:
        return f"{self.page}: {self.pattern[:60]}"


def count_of(kind: str) -> Callable[[Sources], tuple[object, ...]]:
    return lambda s: (s.data_tests(kind),)


REPORT = "seeds/mappings/controle_aantallen.csv"
FIGURES = "the report's count (controle_aantallen.csv), its repetitions (map_tekstcijfers.csv) and the facts"


def figures(s: Sources) -> tuple[object, ...]:
    return s.table_cells(), s.text_figures(), s.repetitions(), s.observations()


def facts(s: Sources) -> tuple[object, ...]:
    return s.rows("fact_aanvragen"), s.rows("fact_dienstverlening"), s.rows("fact_financien")


CLAIMS = [
    # README.md
    Claim(
        "README.md",
        r"all (\d+) values of the report's (\w+) tables",
        lambda s: (s.table_cells(), WORDS[s.printed_tables()]),
        f"{REPORT}; map_tabellen.csv",
    ),
    Claim("README.md", r"and all (\d+) figures of its running text", lambda s: (s.text_figures(),), REPORT),
    Claim("README.md", r"(\d+) \+ (\d+) − (\d+) repetitions = (\d+)", figures, FIGURES),
    Claim("README.md", r"`fact_aanvragen` \| [^|]*\((\d+)\) \|", lambda s: (s.rows("fact_aanvragen"),), "marts.fact_aanvragen"),
    Claim(
        "README.md",
        r"`fact_dienstverlening` \| [^|]*\((\d+)\) \|",
        lambda s: (s.rows("fact_dienstverlening"),),
        "marts.fact_dienstverlening",
    ),
    Claim("README.md", r"`fact_financien` \| [^|]*\((\d+)\) \|", lambda s: (s.rows("fact_financien"),), "marts.fact_financien"),
    Claim(
        "README.md", r"`cijfers_gedrukt` \| [^|]*\((\d+)\) \|", lambda s: (s.rows("cijfers_gedrukt"),), "marts.cijfers_gedrukt"
    ),
    Claim("README.md", r"`kerncijfers` \| [^|]*\((\d+)\) \|", lambda s: (s.rows("kerncijfers"),), "marts.kerncijfers"),
    Claim("README.md", r"`reconciliaties` \| [^|]*\((\d+)\) \|", lambda s: (s.rows("reconciliaties"),), "marts.reconciliaties"),
    Claim("README.md", r"`dim_\*` \((\d+) tables\)", lambda s: (s.dimension_tables(),), "the dim_* tables of the warehouse"),
    Claim(
        "README.md",
        r"`make build` needs Python ([\d.]+) and make",
        lambda s: (
            tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"].lstrip(">="),
        ),
        "requires-python in pyproject.toml",
    ),
    # bron/README.md
    Claim("bron/README.md", r"There are (\d+) numbers in the tables", lambda s: (s.table_cells(),), REPORT),
    # docs/warehouse.md
    Claim(
        "docs/warehouse.md",
        r"(\d+) table values \+ (\d+) text figures − (\d+) repetitions = (\d+) observations",
        figures,
        FIGURES,
    ),
    Claim(
        "docs/warehouse.md",
        r"\| `fact_aanvragen` \| [^|]* \| (\d+) \|",
        lambda s: (s.rows("fact_aanvragen"),),
        "marts.fact_aanvragen",
    ),
    Claim(
        "docs/warehouse.md",
        r"\| `fact_dienstverlening` \| [^|]* \| (\d+) \|",
        lambda s: (s.rows("fact_dienstverlening"),),
        "marts.fact_dienstverlening",
    ),
    Claim(
        "docs/warehouse.md",
        r"\| `fact_financien` \| [^|]* \| (\d+) \|",
        lambda s: (s.rows("fact_financien"),),
        "marts.fact_financien",
    ),
    Claim(
        "docs/warehouse.md",
        r"`financien_jaar_op_jaar` \((\d+), (\d+) and (\d+) rows for 2011\)",
        lambda s: tuple(s.rows(f"{feit}_jaar_op_jaar") for feit in ("aanvragen", "dienstverlening", "financien")),
        "the year-over-year marts",
    ),
    Claim(
        "docs/warehouse.md",
        r"One row per row of the three facts \((\d+)\)",
        lambda s: (s.rows("cijfers_gedrukt"),),
        "marts.cijfers_gedrukt",
    ),
    Claim("docs/warehouse.md", r"key figure \((\d+) for 2011\)", lambda s: (s.rows("kerncijfers"),), "marts.kerncijfers"),
    Claim("docs/warehouse.md", r"per report and year \((\d+) for", lambda s: (s.rows("reconciliaties"),), "marts.reconciliaties"),
    # docs/reconciliations.md
    Claim(
        "docs/reconciliations.md",
        r"one row per check, report and year, (\d+) for the 2011 report",
        lambda s: (s.rows("reconciliaties"),),
        "marts.reconciliaties",
    ),
    Claim(
        "docs/reconciliations.md",
        r"(\d+) checks: (\d+) of parts against a total \(`delen_totaal`\), (\d+) of a percentage against its counts "
        r"\(`percentage_telling`\), (\d+) of a derived figure \(`afgeleid`\) and (\d+) of a text repetition \(`tekst_tabel`\)",
        lambda s: (
            s.rows("reconciliaties"),
            *(
                s.rows("reconciliaties", f"soort = '{soort}'")
                for soort in ("delen_totaal", "percentage_telling", "afgeleid", "tekst_tabel")
            ),
        ),
        "marts.reconciliaties by soort",
    ),
    Claim(
        "docs/reconciliations.md",
        r"the (\d+) figures the text repeats",
        lambda s: (s.repetitions(),),
        "seeds/mappings/map_tekstcijfers.csv",
    ),
    Claim(
        "docs/reconciliations.md",
        r"All (\d+) checks hold",
        lambda s: (s.rows("reconciliaties", "oordeel = 'ok'"),),
        "marts.reconciliaties, oordeel ok",
    ),
    Claim(
        "docs/reconciliations.md",
        r"Closest to their tolerance: Documenten (\d+) \(six types give ([\d.]+) against the printed ([\d.]+): −(\d+) of (\d+)\)",
        lambda s: s.closest_check(),
        "marts.reconciliaties: the check nearest its tolerance",
    ),
    # docs/quality.md
    Claim(
        "docs/quality.md", r"(\d+) data tests and (\d+) unit tests", lambda s: (s.data_tests(), s.unit_tests()), "dbt's manifest"
    ),
    *(
        Claim(
            "docs/quality.md",
            rf"\| `{kind}` (?:\(`tests/generic/`\) )?\| (\d+) \|",
            count_of(kind),
            f"dbt's manifest: {kind} tests",
        )
        for kind in ("unique_combination", "not_null_columns", "relationships", "code_or_reason", "accepted_values")
    ),
    Claim(
        "docs/quality.md",
        r"\| `unique`, `not_null` \| (\d+), (\d+) \|",
        lambda s: (s.data_tests("unique"), s.data_tests("not_null")),
        "dbt's manifest",
    ),
    Claim(
        "docs/quality.md",
        r"\| singular \(`tests/\*\.sql`\) \| (\d+) \|",
        lambda s: (s.data_tests("singular"),),
        "dbt's manifest: singular tests",
    ),
    Claim("docs/quality.md", r"(\d+) \+ (\d+) − (\d+) = (\d+) for 2011", figures, FIGURES),
    Claim(
        "docs/quality.md",
        r"(\d+) `fact_aanvragen`, (\d+) `fact_dienstverlening`, (\d+) `fact_financien`, (\d+) in all for 2011",
        lambda s: (*facts(s), s.observations()),
        "the facts",
    ),
    Claim(
        "docs/quality.md",
        r"\((\d+) table cells\), plus the (\d+) numbered text figures less the (\d+) that repeat",
        lambda s: (s.table_cells(), s.text_figures(), s.repetitions()),
        FIGURES,
    ),
    Claim(
        "docs/quality.md",
        r"except the (\d+) large changes the report itself shows",
        lambda s: (s.known_changes(),),
        "indwh/range_checks/known_changes.csv",
    ),
    Claim(
        "docs/quality.md",
        r"percentages by at most (\d+) points",
        lambda s: (spec.MAX_POINT_CHANGE,),
        "indwh/range_checks/spec.py",
    ),
    Claim(
        "docs/quality.md",
        r"the (\d+) table values and the (\d+) text figures",
        lambda s: (s.table_cells(), s.text_figures()),
        REPORT,
    ),
    Claim(
        "docs/quality.md",
        r"`make test` \(`tests/python/tools/test_mutation.py`\) changes (\d+) values of each kind",
        lambda s: (mutation_sample(),),
        "PER_KIND in tests/python/tools/test_mutation.py",
    ),
    Claim("docs/quality.md", r"builds (\d+) of them for real", lambda s: (makefile_confirm(),), "the Makefile's mutation target"),
    Claim(
        "docs/quality.md",
        r"at least ([\d.]+) for the project and (\d+) for every model",
        lambda s: (s.dbt_score["fail_project_under"], s.dbt_score["fail_any_item_under"]),
        "[tool.dbt-score] in pyproject.toml",
    ),
    # docs/seeds.md
    Claim(
        "docs/seeds.md",
        r"the (\w+) \"Top 3 nationaliteiten\" blocks",
        lambda s: (WORDS[s.top3_blocks()],),
        "seeds/rapport/top3_nationaliteiten.csv",
    ),
    Claim(
        "docs/seeds.md",
        r"The (\d+) digits are the var `dutch_number_largest_digits`",
        lambda s: (definitions.largest_digits(),),
        "dbt_project.yml",
    ),
    Claim(
        "docs/seeds.md",
        r"more than (\d+) points for percentages",
        lambda s: (spec.MAX_POINT_CHANGE,),
        "indwh/range_checks/spec.py",
    ),
    # docs/publishing.md: the example output of a first publish
    Claim("docs/publishing.md", r"Publish 1: a new history, (\d+) figures, all new", lambda s: (s.observations(),), "the facts"),
    Claim(
        "docs/publishing.md", r"release as the Python package \(both ([\d.]+),", lambda s: (pinned("duckdb"),), "requirements.txt"
    ),
    # docs/bi-tools.md
    Claim(
        "docs/bi-tools.md",
        r"Tested with DuckDB ([\d.]+), duckdb-engine ([\d.]+) and SQLAlchemy ([\d.]+), the versions `requirements.txt` pins",
        lambda s: (pinned("duckdb"), pinned("duckdb-engine"), pinned("sqlalchemy")),
        "requirements.txt",
    ),
    # docs/site.md
    Claim(
        "docs/site.md",
        r"Evidence ([\d.]+), core-components ([\d.]+), the DuckDB source ([\d.]+) with `@duckdb/node-api` ([\w.-]+) "
        r"\(the DuckDB of `requirements.txt`, which a test holds it to\), and `@duckdb/duckdb-wasm` ([\d.]+)",
        lambda s: (
            s.npm("@evidence-dev/evidence"),
            s.npm("@evidence-dev/core-components"),
            s.npm("@evidence-dev/duckdb"),
            s.npm("@duckdb/node-api"),
            s.npm("@duckdb/duckdb-wasm"),
        ),
        "reports/package.json",
    ),
    Claim(
        "docs/site.md",
        r"Evidence (\d+) reads the base path",
        lambda s: (s.npm("@evidence-dev/evidence").split(".")[0],),
        "reports/package.json",
    ),
    Claim(
        "docs/quality.md",
        r"`IND_KILLS=\d+` makes `test_publish.py` kill \w+ builds instead of (\w+)",
        lambda s: (WORDS[default_kills()],),
        "IND_KILLS's default in tests/python/pipeline/test_publish.py",
    ),
    # docs/quality-dbt-score.md
    Claim(
        "docs/quality-dbt-score.md",
        r"\[dbt-score\]\([^)]*\) ([\d.]+) over the manifest",
        lambda s: (pinned("dbt-score"),),
        "requirements.txt",
    ),
    Claim(
        "docs/quality-dbt-score.md",
        r"Every rule of dbt-score ([\d.]+) is enabled",
        lambda s: (pinned("dbt-score"),),
        "requirements.txt",
    ),
    Claim(
        "docs/quality-dbt-score.md",
        r"when the project scores under ([\d.]+) or any model, seed or macro under (\d+)",
        lambda s: (s.dbt_score["fail_project_under"], s.dbt_score["fail_any_item_under"]),
        "[tool.dbt-score] in pyproject.toml",
    ),
    Claim(
        "docs/quality-dbt-score.md",
        r"the SQL length kept at its default of (\d+) lines",
        lambda s: (s.dbt_score["rules"]["dbt_score.rules.generic.sql_has_reasonable_number_of_lines"]["max_lines"],),
        "[tool.dbt-score] in pyproject.toml",
    ),
    # docs/performance.md: the targets make bench reports against
    Claim(
        "docs/performance.md",
        r"warm `make build` ≤ ([\d.]+) × `dbt build` alone",
        lambda s: (bench_report.BUILD_OVER_DBT,),
        "indwh_tools/bench/report.py",
    ),
    Claim(
        "docs/performance.md",
        r"`make watch` ≤ (\d+) s from a change to republished",
        lambda s: (bench_report.WATCH_SECONDS,),
        "indwh_tools/bench/report.py",
    ),
    Claim(
        "docs/performance.md",
        r"every `analyses/` query ≤ (\d+) ms",
        lambda s: (bench_report.QUERY_MILLISECONDS,),
        "indwh_tools/bench/report.py",
    ),
    Claim(
        "docs/performance.md",
        r"the published file ≤ (\d+) MB at one report year",
        lambda s: (bench_report.PUBLISHED_BYTES / 1e6,),
        "indwh_tools/bench/report.py",
    ),
    Claim(
        "docs/performance.md",
        r"a warm build at (\d+) report years ≤ ([\d.]+) × at one report year",
        lambda s: (bench_report.GROWTH_YEARS, bench_report.GROWTH_FACTOR),
        "indwh_tools/bench/report.py",
    ),
    Claim(
        "docs/performance.md",
        r"warm `make test` ≤ (\d+) s, `make test-quick` ≤ (\d+) s",
        lambda s: (bench_report.TEST_SECONDS, bench_report.TEST_QUICK_SECONDS),
        "indwh_tools/bench/report.py",
    ),
    Claim(
        "docs/performance.md",
        r"The growth series \(`make bench`: (\d+) and (\d+) report years; `make bench-growth`: (\d+), (\d+), (\d+) and (\d+)\)",
        lambda s: (*bench_run.BENCH_SIZES, *bench_growth.SIZES),
        "indwh_tools/bench/run.py, growth.py",
    ),
    Claim(
        "docs/performance.md",
        r"median of (\d+) runs in-process",
        lambda s: (bench_queries.QUERY_RUNS,),
        "indwh_tools/bench/queries.py",
    ),
    Claim(
        "docs/performance.md",
        r"\((\d+) runs after a warm-up\)",
        lambda s: (bench_queries.QUERY_RUNS,),
        "indwh_tools/bench/queries.py",
    ),
    Claim(
        "docs/performance.md",
        r"the watch notices a change within (\d+) ms and waits until the file stands still for another (\d+) ms",
        lambda s: (watch.POLL_SECONDS * 1000, watch.POLL_SECONDS * 1000),
        "POLL_SECONDS in indwh/pipeline/watch.py",
    ),
    Claim(
        "docs/performance.md",
        r"and times, (\w+) runs each",
        lambda s: (WORDS[inspect.signature(bench_run.bench).parameters["runs"].default],),
        "indwh_tools/bench/run.py",
    ),
    Claim(
        "docs/performance.md",
        r"recording of a publish against what the warm build published, (\w+) runs",
        lambda s: (WORDS[bench_recording.RUNS],),
        "indwh_tools/bench/recording.py",
    ),
]


def mutation_sample() -> int:
    found = re.search(r"^PER_KIND = (\d+)", (ROOT / "tests/python/tools/test_mutation.py").read_text(encoding="utf-8"), re.M)
    assert found, "tests/python/tools/test_mutation.py sets no PER_KIND"
    return int(found.group(1))


def default_kills() -> int:
    found = re.search(r'IND_KILLS", "(\d+)"', (ROOT / "tests/python/pipeline/test_publish.py").read_text(encoding="utf-8"))
    assert found, "tests/python/pipeline/test_publish.py gives IND_KILLS no default"
    return int(found.group(1))


def makefile_confirm() -> int:
    found = re.search(r"indwh-tools mutation --confirm (\d+)", (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert found, "the Makefile's mutation target gives no --confirm"
    return int(found.group(1))


def text(page: str) -> str:
    """The page with every run of whitespace one space, so a claim may wrap."""
    return re.sub(r"\s+", " ", (ROOT / page).read_text(encoding="utf-8"))


def same(stated: str, actual: object) -> bool:
    if isinstance(actual, float | int) and not isinstance(actual, bool):
        try:
            return float(stated) == float(actual)
        except ValueError:
            return False
    return stated == str(actual)


@pytest.fixture(scope="module")
def sources(request: pytest.FixtureRequest) -> Sources:
    return Sources(request)


@pytest.mark.parametrize("claim", CLAIMS, ids=str)
def test_every_claim_holds(claim: Claim, sources: Sources) -> None:
    pattern = re.compile(claim.pattern.replace(" ", r"\s+"))
    matches = list(pattern.finditer(text(claim.page)))
    assert matches, f"{claim.page} no longer says {claim.pattern!r}: reword the claim in {Path(__file__).name} or drop it"
    actual = claim.source(sources)
    for match in matches:
        stated = match.groups()
        assert len(stated) == len(actual), f"{claim}: {len(stated)} figures stated, {len(actual)} from the source"
        wrong = [f"{said} (is {value})" for said, value in zip(stated, actual, strict=True) if not same(said, value)]
        assert not wrong, f"{claim.page} says {', '.join(wrong)}; source: {claim.where}"


def test_every_page_names_the_report_line_of_what_it_quotes(report_texts: dict[int, list[str]]) -> None:
    """“words” (line N): the words stand on that line of the report's text."""
    wrong = []
    lines = report_texts[min(report_texts)]
    for page in ("README.md", *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "docs").rglob("*.md"))):
        for quoted, number in re.findall(r"“([^”]+)”[^“”.;]*?\(?line (\d+)\)?", text(page)):
            at = " ".join(line.strip() for line in lines[int(number) - 1 : int(number) + 1])  # a quote may wrap
            if quoted.lower() not in at.lower():
                wrong.append(f"{page}: “{quoted}” is not on line {number}: {lines[int(number) - 1].strip()!r}")
    assert not wrong, "\n".join(wrong)


def rows_of_table(page: str, header: str) -> list[list[str]]:
    """The cells of each row of the table on `page` whose header row is `header`."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    assert header in lines, f"{page} has no table headed {header!r}"
    rows = []
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def first_code(cell: str) -> str:
    found = re.search(r"`([^`]+)`", cell)
    return found.group(1) if found else cell


def test_code_lists_are_the_dimension_tables(warehouse: duckdb.DuckDBPyConnection) -> None:
    """docs/warehouse.md lists each dim_* table's codes with their number,
    and the units and bounding words with what the warehouse says of each."""

    def codes(table: str, *columns: str) -> list[tuple[str, ...]]:
        return sorted(warehouse.execute(f"select code, {', '.join(columns) or 'code'} from marts.{table}").fetchall())

    page = "docs/warehouse.md"
    listed = re.findall(r"^- `(dim_\w+)` \((\d+)\): (.*)$", (ROOT / page).read_text(encoding="utf-8"), re.M)
    assert listed, f"{page} lists no code list"
    wrong = []
    for table, count, named in listed:
        actual = [code for code, _ in codes(table)]
        stated = re.findall(r"`([^`]+)`", named)
        if int(count) != len(actual) or sorted(stated) != actual:
            wrong.append(f"{table}: listed {count} {stated}, in the warehouse {len(actual)} {actual}")
    units = sorted(
        (first_code(row[0]), first_code(row[-1])) for row in rows_of_table(page, "| code | meaning | change expressed as |")
    )
    if units != codes("dim_eenheid", "verandering"):
        wrong.append(f"dim_eenheid: listed {units}, in the warehouse {codes('dim_eenheid', 'verandering')}")
    words = sorted(
        (first_code(row[0]), row[1], first_code(row[-1].split("(")[-1]))
        for row in rows_of_table(page, "| code | printed | English | what it says about the true value (`grens`) |")
    )
    if words != codes("dim_kwalificatie", "gedrukt", "grens"):
        wrong.append(f"dim_kwalificatie: listed {words}, in the warehouse {codes('dim_kwalificatie', 'gedrukt', 'grens')}")
    tables = {
        row[0]
        for row in warehouse.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' and starts_with(table_name, 'dim_')"
        ).fetchall()
    }
    missing = tables - {table for table, _, _ in listed} - {"dim_eenheid", "dim_kwalificatie"}
    assert not wrong and not missing, "\n".join(
        wrong + [f"{table}: its codes are not listed in {page}" for table in sorted(missing)]
    )


def test_the_bad_seed_cases_are_not_counted_by_hand() -> None:
    """The cases of test_bad_seeds.py change; the pages describe them without a count."""
    for page in ("docs/seeds.md", "docs/quality.md"):
        found = re.findall(rf"\b(\d+|{'|'.join(WORDS.values())}) (?:ways|broken seeds)", text(page))
        assert not found, f"{page} counts the bad-seed cases ({found}): say what they break, not how many"


def test_every_column_the_warehouse_page_describes_is_described_so_in_the_file(warehouse: duckdb.DuckDBPyConnection) -> None:
    """docs/warehouse.md's column tables say what the file's own comments say
    (from the yml descriptions and doc blocks, or the publish's), with the
    column's type: a description changed in one place and not the other fails."""
    page = "docs/warehouse.md"
    known: dict[str, set[tuple[str, str, str]]] = {}
    for table, column, kind, comment in warehouse.execute(
        "select table_name, column_name, lower(data_type), coalesce(comment, '')"
        " from duckdb_columns() where schema_name = 'marts'"
    ).fetchall():
        known.setdefault(column, set()).add((table, kind.replace(" ", ""), comment.strip()))
    wrong, described, header = [], 0, ""
    for number, line in enumerate((ROOT / page).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("|"):
            header = ""
            continue
        header = header or line
        row = re.match(r"^\| (?:`(\w+)` \| )?`(\w+)` \| ([a-z][^|]*?) \| (.*) \|$", line)
        if not row or header not in ("| column | type | meaning |", "| table | column | type | meaning |"):
            continue
        table, column, kind, meaning = row.groups()
        meaning = meaning.replace("\\|", "|").replace("`", "").strip()
        candidates = {(t, k, c.replace("`", "")) for t, k, c in known.get(column, set()) if table in (None, t)}
        described += 1
        if not any(k == kind.replace(" ", "") and c == meaning for _, k, c in candidates):
            wrong.append(f"{page}:{number}: {column} {kind}: {meaning[:80]!r}; the file says {sorted(candidates)[:2]}")
    assert described, f"{page} describes no column"
    assert not wrong, "\n".join(wrong)


def test_the_macro_table_lists_every_macro_where_it_is() -> None:
    """docs/architecture.md: a row per macro file (or group), its macros in
    backticks, their file in parentheses when it is not `<first macro>.sql`."""
    defined = {
        name: path.name
        for path in sorted((ROOT / "macros").glob("*.sql"))
        for name in re.findall(r"\{%-?\s*(?:macro|materialization)\s+(\w+)", path.read_text(encoding="utf-8"))
    }
    page = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    rows = rows_of_table("docs/architecture.md", "| macro (file) | does |")
    assert rows, "docs/architecture.md has no macro table"
    listed: dict[str, str] = {}
    for row in rows:
        names = [name for name in re.findall(r"`([^`]+)`", row[0]) if not name.endswith(".sql")]
        files = re.findall(r"`([\w.]+\.sql)`", row[0])
        for name in names:
            key = "seed" if "materialization" in row[0] and name == "seed" else name
            listed[key] = files[0] if files else f"{names[0]}.sql"
        if "materialization" in row[0]:
            listed["seed"] = files[-1]
    wrong = [f"{name}: in {file}, listed as in {listed.get(name)}" for name, file in defined.items() if listed.get(name) != file]
    wrong += [f"{name}: listed, but no macro of that name in macros/" for name in listed if name not in defined]
    assert "macros/_macros" in page
    assert not wrong, "docs/architecture.md's macro table against macros/*.sql:\n" + "\n".join(wrong)


def modules(folder: Path) -> set[str]:
    """The modules and subpackages of a folder of indwh/, as the page names them."""
    found = {path.name for path in folder.glob("*.py") if path.name != "__init__.py"}
    return found | {f"{path.name}/" for path in folder.iterdir() if path.is_dir() and any(path.glob("*.py"))}


def test_the_package_tables_list_every_module() -> None:
    """docs/architecture.md: the commands of indwh and of indwh_tools, and each folder's table of modules."""
    page = "docs/architecture.md"
    for header, package in (("| command | make target | does |", "indwh"), ("| tool | make target | does |", "indwh_tools")):
        commands = {first_code(row[0]) for row in rows_of_table(page, header)}
        folder = ROOT / package / "commands"
        actual = {path.stem.replace("_", "-") for path in folder.glob("*.py") if path.name != "__init__.py"}
        assert commands == actual, f"{page}: commands listed {sorted(commands)}, in {package}/commands/ {sorted(actual)}"
    text_ = (ROOT / page).read_text(encoding="utf-8")
    wrong = []
    tables = re.findall(
        r"`(indwh(?:_tools)?/[\w/]*)`((?:, besides .*)?):\n\n\| module \| does \|\n\| --- \| --- \|\n((?:\|.*\n)+)", text_
    )
    folders = [folder for folder, _, _ in tables]
    assert {"indwh/", "indwh/pipeline/", "indwh/plumbing/", "indwh/range_checks/", "indwh_tools/"} <= set(folders), (
        f"{page}: the tables of modules are not found (found {folders})"
    )
    for folder, besides, body in tables:
        listed = {first_code(line.strip("|").split(" | ")[0]).removeprefix(folder) for line in body.splitlines()}
        actual = modules(ROOT / folder) - set(re.findall(r"`([^`]+)`", besides))
        actual -= {other.removeprefix(folder) for other in folders if other != folder and other.startswith(folder)}
        if listed != actual:
            wrong.append(f"{folder}: listed {sorted(listed)}, there {sorted(actual)}")
    assert not wrong, f"{page}:\n" + "\n".join(wrong)


def test_the_pytest_table_lists_every_test_file() -> None:
    tests = ROOT / "tests/python"
    listed = {first_code(row[0]) for row in rows_of_table("docs/quality.md", "| file | what it holds |")}
    actual = {str(path.relative_to(tests)) for path in tests.rglob("test_*.py")}
    assert listed == actual, (
        f"docs/quality.md's pytest table: listed but not there {sorted(listed - actual)}, not listed {sorted(actual - listed)}"
    )


def test_the_singular_tests_table_lists_every_singular_test() -> None:
    listed = {first_code(row[0]) for row in rows_of_table("docs/quality.md", "| test | fails when |")}
    actual = {path.name for path in (ROOT / "tests").glob("*.sql")}
    assert listed == actual, (
        f"docs/quality.md's singular tests: listed but not there {sorted(listed - actual)}, not listed {sorted(actual - listed)}"
    )


def link(cell: str) -> str:
    found = re.search(r"\]\(([^)]+)\)", cell)
    assert found, f"no link in {cell!r}"
    return found.group(1)


def test_the_decision_records_are_listed() -> None:
    folder = ROOT / "docs/decisions"
    listed = {link(row[0]) for row in rows_of_table("docs/decisions/README.md", "| record | in short |")}
    actual = {path.name for path in folder.glob("0*.md")}
    assert listed == actual, f"docs/decisions/README.md: listed {sorted(listed)}, there {sorted(actual)}"


def test_the_documentation_index_lists_every_page() -> None:
    listed = {link(row[0]) for row in rows_of_table("docs/README.md", "| page | look here for |")}
    actual = {path.name for path in (ROOT / "docs").glob("*.md") if path.name != "README.md"} | {"decisions/README.md"}
    assert listed == actual, f"docs/README.md: listed {sorted(listed)}, there {sorted(actual)}"


def test_the_lint_target_says_what_it_lints() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    said = re.search(r"^## lint: sqlfluff over (.*?); then", makefile, re.M)
    linted = re.search(r"sqlfluff lint --disable-progress-bar ([\w ]+)\)?$", makefile, re.M)
    assert said and linted, "the Makefile's lint target has changed: reword this test"
    folders = linted.group(1).split()
    assert re.split(r", | and ", said.group(1)) == folders, f"## lint: says {said.group(1)!r}, lints {folders}"
    quality = text("docs/quality.md")
    stated = re.search(r"sqlfluff \(dbt templater, DuckDB dialect, `\.sqlfluff`\) over (.*?)\.", quality)
    assert stated, "docs/quality.md no longer says what sqlfluff lints"
    assert re.findall(r"`(\w+)/`", stated.group(1)) == folders, (
        f"docs/quality.md says sqlfluff lints {stated.group(1)}, the Makefile {folders}"
    )


def test_no_star_past_staging() -> None:
    """docs/architecture.md: past staging, `*` only passes on the whole row
    of a CTE of the same model (`select * from final`); it never reads a
    model or a seed, nor widens a row (`observaties.*`)."""
    assert "no `select *` reading a model" in text("docs/architecture.md")
    wrong = []
    for path in sorted([*(ROOT / "models/intermediate").glob("*.sql"), *(ROOT / "models/marts").glob("*.sql")]):
        sql = re.sub(r"\{#.*?#\}|--[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        ctes = set(re.findall(r"^(\S[^\n]*?) as \($", sql, re.M))  # a CTE's name, templated or not
        for match in re.finditer(r"\b(\w+)\.\*|select \*\s+from\s+([^\n]+)", sql):
            widened, source = match.groups()
            if widened or source.strip() not in ctes:
                wrong.append(f"{path.relative_to(ROOT)}: {match.group(0).strip()}")
    assert not wrong, "`*` past staging:\n" + "\n".join(wrong)


def test_the_sums_the_warehouse_page_shows_give_what_it_says(warehouse: duckdb.DuckDBPyConnection) -> None:
    """Every query of docs/warehouse.md's section on adding figures up (the
    naive sum not to use and the worked examples of the rule) gives the
    result its `-- gives N` line states, in the published warehouse."""
    page = (ROOT / "docs/warehouse.md").read_text(encoding="utf-8")
    assert "\n## Adding figures up\n" in page, "docs/warehouse.md has no section Adding figures up"
    section = page.split("\n## Adding figures up\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) >= 4, f"docs/warehouse.md, Adding figures up: {len(blocks)} queries, not the naive sum and three examples"
    wrong = []
    for block in blocks:
        stated = re.findall(r"^-- gives (-?\d+(?:\.\d+)?)$", block, flags=re.MULTILINE)
        assert len(stated) == 1, f"docs/warehouse.md: a query of Adding figures up states no single result:\n{block}"
        rows = warehouse.execute(block).fetchall()
        if len(rows) != 1 or len(rows[0]) != 1 or rows[0][0] is None or float(rows[0][0]) != float(stated[0]):
            wrong.append(f"says {stated[0]}, gives {rows}:\n{block}")
    assert not wrong, "docs/warehouse.md, Adding figures up:\n" + "\n".join(wrong)

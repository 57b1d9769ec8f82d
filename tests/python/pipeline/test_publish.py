"""Publishing the warehouse, tried the hard way in a copy of the project:

1. builds killed (SIGKILL) at random moments leave the published file byte
   for byte as it was, and no process or file that hinders the next build;
2. the next build, whose seeds are written with a byte-order mark, Windows
   line ends and trailing spaces, publishes the same figures, while
   - readers (Python and the DuckDB CLI, each with a connection held open
     and with a new connection for every read) query the published file in
     a loop and never fail,
   - a second build started meanwhile is refused with a clear message,
   - an audit hook in every Python process of the build (the build, dbt,
     the range checks) records each network connection attempted: none.
"""

from __future__ import annotations

import os
import random
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from indwh.paths import warehouse_path
from tests.python.conftest import one
from tests.python.project import DUCKDB_CLI, Project, copy_project, sha256, watch_network

pytestmark = pytest.mark.builds

# A table of the marts and a view of staging (views name the catalog, so
# they break if the published file's catalog name is not the build's).
QUERY = "select (select count(*) from marts.fact_aanvragen), (select count(*) from staging.stg_ind__studenten)"
CLI = [str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", "-no-init"]
PAUSE = 0.25  # seconds between two reads of a reader: enough reads, little load
KILLS = int(os.environ.get("IND_KILLS", "2"))  # builds killed; IND_KILLS=30 for a longer trial


@dataclass
class Read:
    kind: str
    at: float
    error: str | None


@dataclass
class Readers:
    """Readers of the published file, querying in a loop until stopped."""

    path: Path
    expected: str
    reads: list[Read] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def record(self, kind: str, answer: str | None, error: str | None = None) -> None:
        if error is None and answer != self.expected:
            error = f"answered {answer!r}, expected {self.expected!r}"
        self.reads.append(Read(kind, time.monotonic(), error))

    def python_new_connection(self) -> None:
        while not self.stop.is_set():
            try:
                with duckdb.connect(str(self.path), read_only=True) as con:
                    self.record("python, new connection", ",".join(map(str, one(con.execute(QUERY)))))
            except duckdb.Error as error:
                self.record("python, new connection", None, str(error))
            time.sleep(PAUSE)

    def python_open_connection(self) -> None:
        with duckdb.connect(str(self.path), read_only=True) as con:
            while not self.stop.is_set():
                try:
                    self.record("python, open connection", ",".join(map(str, one(con.execute(QUERY)))))
                except duckdb.Error as error:
                    self.record("python, open connection", None, str(error))
                time.sleep(PAUSE)

    def cli_new_process(self) -> None:
        while not self.stop.is_set():
            result = subprocess.run([*CLI, str(self.path), QUERY], capture_output=True, text=True, timeout=60, check=False)
            failed = result.returncode != 0 or result.stderr
            self.record("cli, new process", result.stdout.strip(), (result.stderr or "exit code") if failed else None)
            time.sleep(PAUSE)

    def cli_open_session(self) -> None:
        session = subprocess.Popen(
            [*CLI, str(self.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert session.stdin is not None and session.stdout is not None
        number = 0
        while not self.stop.is_set():
            number += 1
            session.stdin.write(f"select 'read {number}'; {QUERY};\n")
            session.stdin.flush()
            lines = [session.stdout.readline().strip() for _ in range(2)]
            error = None if lines[0] == f"read {number}" else f"out of step: {lines}"
            self.record("cli, open session", lines[1], error)
            time.sleep(PAUSE)
        session.stdin.close()
        session.wait(timeout=30)

    def start(self) -> Readers:
        for loop in (self.python_new_connection, self.python_open_connection, self.cli_new_process, self.cli_open_session):
            thread = threading.Thread(target=loop, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def finish(self) -> list[Read]:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
            assert not thread.is_alive(), "a reader hangs"
        return self.reads


def processes_of(project: Project) -> list[str]:
    """Command lines of the running processes started in the copy."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(project.root) in command:
            found.append(command)
    return found


def write_harmlessly(project: Project) -> None:
    """The same seeds as written by other tools: a byte-order mark, Windows line ends, trailing spaces."""
    klachten = project.seed("klachten")
    klachten.write_bytes(b"\xef\xbb\xbf" + klachten.read_bytes())
    naturalisatie = project.seed("naturalisatie")
    naturalisatie.write_bytes(naturalisatie.read_bytes().replace(b"\n", b"\r\n"))
    documenten = project.seed("documenten")
    documenten.write_text(documenten.read_text(encoding="utf-8").replace("\n", "   \n"), encoding="utf-8")


@dataclass
class Kill:
    at_line: int  # of the build's output
    published_unchanged: bool
    publishes: tuple[int, int]  # rows of marts.publicaties before and after
    answer: str
    leftovers: list[str]
    orphans: list[str]


@dataclass
class Trial:
    project: Project
    expected: str
    kills: list[Kill]
    second_build: subprocess.CompletedProcess[str]
    build_returncode: int
    build_output: str
    build_window: tuple[float, float]
    reads: list[Read]
    published_before: str
    inode_before: int
    network_log: Path


def answer(path: Path) -> str:
    """What a new read-only connection answers to QUERY."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return ",".join(map(str, one(con.execute(QUERY))))
    except duckdb.Error as error:
        return str(error)


def publishes(path: Path) -> int:
    """How many publishes the file records (marts.publicaties)."""
    with duckdb.connect(str(path), read_only=True) as con:
        return int(one(con.execute("select count(*) from marts.publicaties"))[0])


def kill_builds(project: Project) -> list[Kill]:
    """Kill builds at a random line of their output (a build prints some
    540: dbt's two per node, then the checks, the rename, and what it
    published), or after it ended."""
    kills = []
    for at_line in [random.randint(1, 600) for _ in range(KILLS)]:
        before = sha256(project.published)
        publishes_before = publishes(project.published)
        build = project.start("build", PYTHONUNBUFFERED="1")
        lines = 0
        assert build.stdout is not None
        while lines < at_line and build.stdout.readline():
            lines += 1
        build.kill()
        build.communicate()
        deadline = time.monotonic() + 10
        while processes_of(project) and time.monotonic() < deadline:
            time.sleep(0.1)
        kills.append(
            Kill(
                at_line,
                sha256(project.published) == before,
                (publishes_before, publishes(project.published)),
                answer(project.published),
                project.leftovers(),
                processes_of(project),
            )
        )
    return kills


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> Trial:
    folder = tmp_path_factory.mktemp("publish")
    project = copy_project(folder / "project")
    expected = answer(project.published)
    write_harmlessly(project)

    kills = kill_builds(project)
    published_before = sha256(project.published)
    inode_before = project.published.stat().st_ino

    network_log = watch_network(folder / "network")
    readers = Readers(project.published, expected).start()
    time.sleep(1)
    started = time.monotonic()
    build = project.start("build", python_path=(network_log.parent,), IND_NETWORK_LOG=str(network_log))
    time.sleep(4)
    assert build.poll() is None, "the build ended before the second one started"
    second_build = project.run("build", timeout=60)
    output, _ = build.communicate(timeout=600)
    ended = time.monotonic()
    time.sleep(1)
    reads = readers.finish()
    return Trial(
        project,
        expected,
        kills,
        second_build,
        build.returncode,
        output,
        (started, ended),
        reads,
        published_before,
        inode_before,
        network_log,
    )


def test_killed_builds_leave_the_published_file(trial: Trial) -> None:
    assert len(trial.kills) == KILLS
    for kill in trial.kills:
        when = f"killed at line {kill.at_line} of its output"
        # Before the rename the old file stays byte for byte; a build killed
        # after it (or ended before the kill) leaves the new file, whole, with
        # its publish recorded. Never anything between.
        before, after = kill.publishes
        assert kill.published_unchanged or after == before + 1, (
            f"{when}: the published file changed but records {after} publishes, not {before + 1}"
        )
        assert kill.answer == trial.expected, f"{when}: the published file answers {kill.answer}"
        # The killed build's folder may stay (the next build removes it; see
        # test_the_next_build_publishes_a_new_file), nothing else may.
        assert set(kill.leftovers) <= {".ind.build"}, f"{when}: left {kill.leftovers}"
        assert kill.orphans == [], f"{when}: still running: {kill.orphans}"


def test_a_second_build_is_refused_while_one_runs(trial: Trial) -> None:
    assert trial.second_build.returncode == 1
    message = trial.second_build.stderr
    assert "Build not started: a build of" in message and "is already running (pid" in message, message


def test_the_next_build_publishes_a_new_file(trial: Trial) -> None:
    assert trial.build_returncode == 0, trial.build_output[-3000:]
    assert trial.project.published.stat().st_ino != trial.inode_before, "the file was not replaced by a rename"
    assert sha256(trial.project.published) != trial.published_before
    assert trial.project.leftovers() == []
    kept = trial.project.published.parent / ".ind.backups"
    assert trial.inode_before in {backup.stat().st_ino for backup in kept.glob("*/ind.duckdb")}, "the replaced file is not kept"


def test_readers_never_fail_during_a_build(trial: Trial) -> None:
    failures = [read for read in trial.reads if read.error]
    assert failures == [], f"{len(failures)} failed reads, first: {failures[0].kind}: {failures[0].error}"
    start, end = trial.build_window
    during: dict[str, int] = {}
    for read in trial.reads:
        if start <= read.at <= end:
            during[read.kind] = during.get(read.kind, 0) + 1
    assert len(during) == 4 and min(during.values()) >= 10, f"reads during the build: {during}"


def test_every_table_and_view_answers_after_the_swap(trial: Trial) -> None:
    with duckdb.connect(str(trial.project.published), read_only=True) as con:
        relations = con.execute(
            "select table_schema || '.' || table_name, table_type from information_schema.tables"
            " where table_catalog = current_database()"
        ).fetchall()
        assert {kind for _, kind in relations} == {"BASE TABLE", "VIEW"}
        for name, _ in relations:
            con.execute(f"select count(*) from {name}").fetchone()


def test_seeds_with_bom_crlf_and_spaces_load_the_same_figures(trial: Trial) -> None:
    facts = ("fact_aanvragen", "fact_dienstverlening", "fact_financien")
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        before = {fact: con.execute(f"select * from marts.{fact} order by observatie_id").fetchall() for fact in facts}
    with duckdb.connect(str(trial.project.published), read_only=True) as con:
        after = {fact: con.execute(f"select * from marts.{fact} order by observatie_id").fetchall() for fact in facts}
        raw = one(con.execute("select count(*) from raw.klachten where rapportjaar = 2011"))[0]
    assert raw == 3  # the byte-order mark did not hide the first column
    assert after == before


def test_the_build_makes_no_network_connection(trial: Trial) -> None:
    log = trial.network_log.read_text(encoding="utf-8").splitlines()
    watched = [line for line in log if line.startswith("watching ")]
    # dbt's process: the dbt command, or indwh.plumbing.gated_dbt (python -m ... FD build ...)
    assert any(" build --profiles-dir " in line for line in watched), "the audit hook did not run in dbt"
    attempts = [line for line in log if not line.startswith("watching ")]
    assert attempts == [], "\n".join(attempts[:10])

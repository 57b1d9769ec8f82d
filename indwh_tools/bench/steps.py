"""The measurements of one project copy and of the reference project."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from indwh import printed
from indwh.errors import StepFailed
from indwh.paths import ROOT, build_path
from indwh.pipeline.dbt_command import COMMAND as DBT
from indwh_tools.bench.measure import Sample, run
from indwh_tools.bench.projects import environment, executed_nodes

# The dev loop edits this value back and forth by one rounding step.
DEV_LOOP_SEED = Path("seeds/rapport/studenten.csv")
DEV_LOOP_ROW = {"rapportjaar": "2011", "positie": "1"}
DEV_LOOP_COLUMN = "verslagjaar"
DEV_LOOP_STEP = 50


def make(project: Path, target: str, log: Path) -> Sample:
    """`make <target>` in the project copy, with its node count."""
    sample, _ = run(["make", "--no-print-directory", target], project, environment(project), log)
    sample.nodes = executed_nodes(project)
    return sample


def builds(project: Path, runs: int, logs: Path) -> dict[str, list[Sample]]:
    """`make build` from a clean target/ (full parse); then, in turns so that
    a change in the machine's load hits both alike, `make build` again
    (partial parse) and the `dbt build` it runs, alone."""
    cold = []
    for i in range(runs):
        shutil.rmtree(project / "target", ignore_errors=True)
        cold.append(make(project, "build", logs / f"build-cold-{i}.log"))
    warm, alone = [], []
    for i in range(runs):
        warm.append(make(project, "build", logs / f"build-warm-{i}.log"))
        alone.append(dbt_alone(project, logs / f"dbt-alone-{i}.log"))
    return {"build_cold": cold, "build_warm": warm, "dbt_alone": alone}


def dbt_alone(project: Path, log: Path) -> Sample:
    """The `dbt build` that `make build` runs (indwh.pipeline.build.run_dbt), alone:
    same command, same build file, so dbt's partial parse stays warm."""
    target = build_path(project / "warehouse" / "ind.duckdb")
    # Relative, as indwh.pipeline.dbt_command gives it: the profile, and with it dbt's parse cache, is the build's.
    env = environment(project) | {"IND_BUILD_PATH": str(target.relative_to(project))}
    command = [str(DBT), "build", "--profiles-dir", str(project), "--project-dir", str(project)]
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    try:
        sample, _ = run(command, project, env, log)
    finally:
        shutil.rmtree(target.parent, ignore_errors=True)
    sample.nodes = executed_nodes(project)
    return sample


def edit_seed_value(path: Path, row: dict[str, str], column: str, change: int) -> str:
    """Add `change` to one printed value of a seed, in its printed form;
    only that line of the file changes. The new value."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    for index, line in enumerate(lines[1:], start=1):
        if not line:
            continue
        fields = dict(zip(header, next(csv.reader([line])), strict=False))
        if all(fields.get(k) == v for k, v in row.items()):
            value, form = printed.read(fields[column])
            fields[column] = printed.write(value + change, form)
            out = io.StringIO()
            csv.writer(out, lineterminator="").writerow([fields[h] for h in header])
            lines[index] = out.getvalue()
            path.write_text("\n".join(lines), encoding="utf-8")
            return fields[column]
    raise ValueError(f"{path}: no row with {row}")


def dev_loop(project: Path, runs: int, logs: Path) -> list[Sample]:
    """Change one value in one seed (up one step, then back), then `make dev`
    until the warehouse is republished."""
    samples = []
    for i in range(runs):
        edit_seed_value(project / DEV_LOOP_SEED, DEV_LOOP_ROW, DEV_LOOP_COLUMN, DEV_LOOP_STEP * (-1) ** i)
        samples.append(make(project, "dev", logs / f"dev-loop-{i}.log"))
    return samples


WATCH_READY = "Watching "
WATCH_PUBLISHED = re.compile(r"Published .* in [0-9.]+ s: (\d+) dbt nodes")


def wait(condition: Callable[[], bool], timeout: float, what: str, poll: float = 0.005) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise StepFailed(f"no {what} within {timeout} s")
        time.sleep(poll)


def session_cpu(session: int) -> float:
    """CPU seconds (user + system) of the processes of a session that are running now."""
    total, tick = 0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # after the name: state, ppid, pgrp, session, ... utime (12th), stime
            total += int(fields[11]) + int(fields[12])
    return total / tick


def watch_loop(project: Path, runs: int, logs: Path, after: int = 0) -> dict[str, list[Sample]]:
    """`make watch` running: change one value in one seed (up one step, then
    back, going on from `after` changes made before), as for `make dev`;
    time from the change until the published file is replaced (what a user
    waits for before querying it), and until the watch is watching again
    (after keeping the manifest for `make dev`)."""
    published, log = project / "warehouse" / "ind.duckdb", logs / "watch.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "watch"],
            cwd=project,
            env=environment(project),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def text() -> str:
        return log.read_text(encoding="utf-8", errors="replace")

    republished: list[Sample] = []
    ready: list[Sample] = []
    try:
        wait(lambda: WATCH_READY in text(), 600, "start of make watch", poll=0.2)
        for i in range(runs):
            watching, inode = text().count(WATCH_READY), published.stat().st_ino
            cpu = session_cpu(process.pid)
            start = time.perf_counter()
            edit_seed_value(project / DEV_LOOP_SEED, DEV_LOOP_ROW, DEV_LOOP_COLUMN, DEV_LOOP_STEP * (-1) ** (after + i))
            wait(lambda: published.stat().st_ino != inode, 300, "republished warehouse")  # noqa: B023 - called at once
            republished.append(Sample(time.perf_counter() - start, 0.0))
            wait(lambda: text().count(WATCH_READY) > watching, 300, "watch ready again")  # noqa: B023 - called at once
            ready.append(Sample(time.perf_counter() - start, session_cpu(process.pid) - cpu))
            nodes = WATCH_PUBLISHED.findall(text())
            republished[-1].nodes = ready[-1].nodes = int(nodes[-1]) if nodes else None
            republished[-1].cpu = ready[-1].cpu
            time.sleep(1)  # a user reads the result before the next change
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    return {"watch_published": republished, "watch_ready": ready}


def range_checks(project: Path, runs: int, logs: Path) -> dict[str, list[Sample]] | None:
    """`indwh check` on the published warehouse, and the range checks' import alone."""
    if not (project / "indwh" / "range_checks" / "run.py").exists():
        return None
    python, env = sys.executable, environment(project)
    warehouse = str(project / "warehouse" / "ind.duckdb")
    checks = [run([python, "-m", "indwh", "check", warehouse], project, env, logs / f"checks-{i}.log")[0] for i in range(runs)]
    imports = [
        run([python, "-c", "import indwh.range_checks.run"], project, env, logs / f"checks-import-{i}.log")[0]
        for i in range(runs)
    ]
    return {"range_checks": checks, "range_checks_import": imports}


def reference(project: Path, runs: int, logs: Path) -> dict[str, list[Sample]]:
    """The reference project measured the same way: cold, warm, and the dev loop."""
    env = environment(project)
    command = [str(DBT), "build", "--profiles-dir", str(project), "--project-dir", str(project)]

    def build(log: Path, *arguments: str) -> Sample:
        sample, _ = run(command + list(arguments), project, env, log)
        sample.nodes = executed_nodes(project)
        return sample

    def keep_state() -> None:
        (project / "state").mkdir(exist_ok=True)
        shutil.copyfile(project / "target" / "manifest.json", project / "state" / "manifest.json")

    cold = []
    for i in range(runs):
        shutil.rmtree(project / "target", ignore_errors=True)
        cold.append(build(logs / f"reference-cold-{i}.log"))
    warm = [build(logs / f"reference-warm-{i}.log") for i in range(runs)]
    keep_state()
    loop = []
    for i in range(runs):
        edit_seed_value(project / "seeds" / "bron_1.csv", {"id": "1"}, "waarde", (-1) ** i)
        loop.append(build(logs / f"reference-dev-loop-{i}.log", "--select", "state:modified+", "--state", str(project / "state")))
        keep_state()
    return {"build_cold": cold, "build_warm": warm, "dev_loop": loop}


SITE_INSTALLED = Path("reports") / "node_modules" / ".installed"


def test_loop(logs: Path) -> dict[str, list[Sample]]:
    """`make test-quick`, then `make test`, once each, warm: in the working
    tree (the site's browser test needs its installed packages), as typed
    there, without IND_WAREHOUSE: they publish into the working tree's
    warehouse, as a user's do. The tests' copies of the project publish into
    their own warehouse/ and take dbt's parse cache from the project; built
    for another warehouse path, that cache would make every copy parse
    afresh (seconds each), which a user's `make test` does not. A `make
    build report-test` before leaves the parse cache and the site's build
    warm."""
    if not (ROOT / SITE_INSTALLED).exists():
        raise StepFailed(f"{SITE_INSTALLED} does not exist: `make report` installs the site's packages, then run the bench")
    env = environment(ROOT)
    # warm: a previous build, and the site built (and tested) as make test builds it
    run(["make", "--no-print-directory", "build", "report-test"], ROOT, env, logs / "test-warm-up.log")
    quick, _ = run(["make", "--no-print-directory", "test-quick"], ROOT, env, logs / "test-quick.log")
    full, _ = run(["make", "--no-print-directory", "test"], ROOT, env, logs / "test.log")
    return {"test_quick": [quick], "test": [full]}

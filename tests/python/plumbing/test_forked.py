"""Work on the second core: a forked child's result comes back whole (or
its failure, named), the range checks split over two processes find what
one process finds, and the build imports them at its own priority."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from great_expectations.data_context.types.resource_identifiers import ValidationResultIdentifier

from indwh.errors import ChildFailed
from indwh.paths import warehouse_path
from indwh.pipeline import build
from indwh.plumbing import forked
from indwh.range_checks import run as checks
from indwh.range_checks.frames import read_marts, with_helpers
from indwh.range_checks.report import config_of

Marts = tuple[dict[str, pd.DataFrame], dict[str, set[str]]]


@pytest.fixture(scope="module")
def marts() -> Marts:
    return read_marts(warehouse_path())


def test_child_result_comes_back() -> None:
    parent = os.getpid()
    child = forked.start(lambda: (os.getpid(), os.getppid(), list(range(100_000))))
    pid, ppid, numbers = child.result()
    assert pid != parent and ppid == parent
    assert numbers == list(range(100_000))  # more than a pipe holds at once


def test_child_exception_is_named() -> None:
    child = forked.start(lambda: 1 / 0)
    with pytest.raises(ChildFailed, match=r"(?s)Traceback.*ZeroDivisionError"):
        child.result()


def test_child_that_dies_gives_no_result() -> None:
    child = forked.start(lambda: os._exit(3))
    with pytest.raises(ChildFailed, match="ended without a result"):
        child.result()


def test_killed_child_is_reaped(tmp_path: Path) -> None:
    """kill() stops the child where it is, before it could end by itself
    (which would leave a mark), and reaps it."""
    mark = tmp_path / "ended by itself"

    def sleeper() -> None:
        time.sleep(30)
        mark.touch()

    child = forked.start(sleeper)
    child.kill()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, 0)
    assert not mark.exists(), "the child ran to its end: kill() waited for it"


def test_halves_hold_every_table_once_and_balance(marts: Marts) -> None:
    frames, codes = marts
    weight = checks.work(frames, codes)
    larger, smaller = checks.halves(weight)
    assert sorted(larger + smaller) == sorted(frames) and larger and smaller
    load = [sum(weight[table] for table in half) for half in (larger, smaller)]
    assert load[0] >= load[1]
    assert load[0] - load[1] <= max(weight.values())


def outcome(results: checks.Results) -> list[tuple[str, str, str, bool]]:
    return [(table, config_of(r).type, str(config_of(r).kwargs), bool(r.success)) for table, r in results]


def test_two_cores_find_what_one_finds(marts: Marts) -> None:
    """A break in a table of each half: the same expectations fail, in the
    same order, and the context holds every table's suite and results for
    Data Docs."""
    frames, codes = marts
    larger, smaller = checks.halves(checks.work(frames, codes))
    broken = dict(frames)
    for table in (next(t for t in larger if t.startswith("fact_")), next(t for t in smaller if t.startswith("fact_"))):
        frame = frames[table].copy()
        frame.loc[frame.index[frame.eenheid == "aantal"][0], "waarde"] = -50
        broken[table] = with_helpers(frame)
    one = outcome(checks.validate(broken, codes, result_format="BASIC"))
    ctx = checks.context()
    two = outcome(checks.validate_on_two_cores(broken, codes, ctx, result_format="BASIC"))
    assert two == one
    assert sum(not success for *_, success in two) >= 2
    assert {getattr(key, "name", None) for key in ctx.expectations_store.list_keys()} == set(frames)
    assert {
        key.expectation_suite_identifier.name
        for key in ctx.validation_results_store.list_keys()
        if isinstance(key, ValidationResultIdentifier)
    } == set(frames)


def test_range_checks_import_runs_at_the_builds_priority() -> None:
    """At a lower priority, a busy machine starved the import and the build
    waited for it after dbt (docs/decisions/0009-import-at-lowest-priority.md)."""
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    threads = threading.active_count()
    build.load_range_checks()
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
    assert threading.active_count() == threads, "the import left a thread running"

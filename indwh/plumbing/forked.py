"""Run a function in a forked child process and collect what it returns:
the second core for work that holds the GIL. The child starts with
everything this process has imported and read, so it costs a fork, not
an import."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any

from indwh.errors import ChildFailed
from indwh.plumbing.quick_exit import exit_now

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> Callable[[], None]:
    """For a child process: be killed when its parent is (Linux), so that no
    orphaned dbt keeps writing into a build folder the next build reuses."""

    def setup() -> None:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return setup


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and cores() > 1


class Child:
    """A forked child running a function; `result()` waits for what it returned."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    def result(self) -> Any:
        """What the function returned (pickled through the pipe); raises
        ChildFailed with the child's traceback if it raised or died."""
        with os.fdopen(self.pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if not data:
            raise ChildFailed(f"the child process ended without a result (wait status {status})")
        succeeded, value = pickle.loads(data)
        if not succeeded:
            raise ChildFailed(value)
        return value

    def kill(self) -> None:
        """Stop the child and reap it (when this process gives up on its result)."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.pipe)


def start(function: Callable[[], Any]) -> Child:
    """Call `function` in a forked child, which is killed when this process dies."""
    sys.stdout.flush()  # buffered output would otherwise be written twice
    sys.stderr.flush()
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read)
            die_with_parent(parent)()
            try:
                payload = (True, function())
            except BaseException:  # noqa: BLE001 - everything goes back to the parent
                payload = (False, traceback.format_exc())
            with os.fdopen(write, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            exit_now(status)  # no atexit handlers, no cleanup of the parent's objects
    os.close(write)
    return Child(pid, read)

"""An exclusive lock on a file, taken without waiting: a second build
stops at once with a message saying who holds the lock, instead of
trampling the first build's files. The kernel releases the lock when its
holder ends, however it ends (killed included), so a lock file left behind
never blocks the next build."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from indwh.errors import Busy


@contextmanager
def exclusive(path: Path, what: str) -> Iterator[int]:
    """Hold the lock on `path` for `what` (said in the message to whoever
    comes second); yields the file descriptor, so that a child process can
    be given it and keep the lock for as long as it lives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 500, 0).decode("utf-8", errors="replace").strip() or "another process"
            raise Busy(f"{what} is already running ({holder}); wait for it to finish, then try again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        yield fd
    finally:
        os.close(fd)

"""Timing a command: wall time, the CPU it used, and summaries over runs."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from indwh.errors import StepFailed
from indwh.plumbing.forked import cores


@dataclass
class Sample:
    """One run: seconds of wall time and of CPU (user + system, children included)."""

    wall: float
    cpu: float
    nodes: int | None = None


def run(command: list[str], cwd: Path, env: dict[str, str], log: Path, check: bool = True) -> tuple[Sample, int]:
    """Run `command`, its output into `log`; the sample and the exit status."""
    log.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        status = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and status != 0:
        raise StepFailed(f"{' '.join(command)} failed with status {status} (in {cwd}); see {log}")
    return Sample(wall, cpu), status


def summary(samples: list[Sample]) -> dict[str, Any]:
    """Median, min and max of the wall time over the runs, the median CPU, and the node count."""
    walls = [s.wall for s in samples]
    nodes = {s.nodes for s in samples}
    return {
        "runs": len(samples),
        "median": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "cpu_median": statistics.median(s.cpu for s in samples),
        "nodes": nodes.pop() if len(nodes) == 1 else sorted(n for n in nodes if n is not None) or None,
        "samples": [asdict(s) for s in samples],
    }


def machine() -> dict[str, Any]:
    """The machine the figures were measured on."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = next((line for line in meminfo.read_text(encoding="utf-8").splitlines() if line.startswith("MemTotal:")), "")
        ram = int(total.split()[1]) * 1024 if total else 0
    return {
        "ram_gib": round(ram / 2**30, 1),
        "nproc": cores(),
        "cpu_model": model,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def load() -> float:
    """The 1-minute load average: other work on the machine makes the figures noisy."""
    return os.getloadavg()[0]

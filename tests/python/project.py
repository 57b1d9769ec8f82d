"""A copy of the project in a temporary folder, to break and build there
without touching the project itself, with the published warehouse of the
project copied in as the copy's published file."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from indwh.paths import ROOT, warehouse_path
from indwh.pipeline import backups, dev_state
from indwh_tools import sandbox

DUCKDB_CLI = Path(sys.executable).parent / "duckdb"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Project:
    root: Path

    @property
    def published(self) -> Path:
        return self.root / "warehouse" / "ind.duckdb"

    def seed(self, name: str) -> Path:
        return next(self.root.glob(f"seeds/*/{name}.csv"))

    def environment(self, python_path: tuple[Path, ...] = (), **extra: str) -> dict[str, str]:
        path = os.pathsep.join(str(folder) for folder in (*python_path, self.root))
        return dict(os.environ, PYTHONPATH=path, IND_WAREHOUSE=str(self.published), **extra)

    def command(self, *arguments: str) -> list[str]:
        """`indwh <arguments>` of the copy's own code (PYTHONPATH is the copy)."""
        return [sys.executable, "-m", "indwh", *arguments]

    def run(self, *arguments: str, timeout: float = 300, python_path: tuple[Path, ...] = ()) -> subprocess.CompletedProcess[str]:
        """`indwh <arguments>` in the copy, publishing to the copy's warehouse;
        `python_path` comes first on PYTHONPATH."""
        return subprocess.run(
            self.command(*arguments),
            cwd=self.root,
            env=self.environment(python_path),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, command: str, python_path: tuple[Path, ...] = (), **extra: str) -> subprocess.Popen[str]:
        """`indwh <command>` in the copy, in the background; `python_path`
        comes first on PYTHONPATH, `extra` is added to the environment (of
        dbt too, which inherits both)."""
        return subprocess.Popen(
            self.command(command),
            cwd=self.root,
            env=self.environment(python_path, **extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def keep_manifest_of_the_build(self) -> None:
        """The copy as `make build` leaves a project: the manifest of the
        build that made its published file (the project's, copied in) kept
        for `make dev` (indwh build --changed) and the watch, which then
        build what differs from it instead of everything."""
        kept = dev_state.state_dir(warehouse_path()) / "manifest.json"
        if not kept.exists():
            raise FileNotFoundError(f"{kept} does not exist: run `make build` first")
        state = self.root / dev_state.state_dir(self.published).relative_to(ROOT)
        state.mkdir(parents=True)
        shutil.copyfile(kept, state / "manifest.json")

    def leftovers(self) -> list[str]:
        """Files beside the published file other than the file itself, the build's lock and the backups."""
        allowed = {self.published.name, f".{self.published.stem}.build.lock", backups.folder(self.published).name}
        return sorted(path.name for path in self.published.parent.iterdir() if path.name not in allowed)


def copy_project(destination: Path) -> Project:
    """Copy the project's sources and dbt's parse cache (so the copy builds
    as fast as the project does) and the published warehouse."""
    published = warehouse_path()
    if not published.exists():
        raise FileNotFoundError(f"{published} does not exist: run `make build` first")
    project = Project(sandbox.copy_project(destination, parse_cache=True))
    project.published.parent.mkdir()
    shutil.copyfile(published, project.published)
    return project


def small_venv(project: Path) -> Path:
    """A .venv for `project` as `make install` leaves it, in a few MB instead
    of this project's (about 800 MB, never copied or linked into a copy):
    made by `python -m venv` without pip, it reads the packages installed in
    this project's .venv through a .pth file (pip never writes outside the
    environment it installs into), holds `project`'s package installed
    editable by that pip, and a dbt console script; make sees it installed."""
    venv = project / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = next(venv.glob("lib/python*/site-packages"))
    (site / "zz-installed-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*install, "-e", str(project)], cwd=project, check=True, capture_output=True, timeout=300)
    dbt = venv / "bin" / "dbt"
    program = (Path(sys.executable).parent / "dbt").read_text(encoding="utf-8").partition("\n")[2]
    dbt.write_text(f"#!{python}\n{program}", encoding="utf-8")
    dbt.chmod(0o755)
    (venv / ".installed").touch()
    return venv


def make(folder: Path, *targets: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """`make <targets>` in `folder` as an operator types it: no IND_WAREHOUSE,
    no PYTHONPATH, no make of a caller around it."""
    unset = ("IND_WAREHOUSE", "IND_BUILD_PATH", "PYTHONPATH", "VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        ["make", "--no-print-directory", *targets],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# Imported by every Python process started with its folder first on
# PYTHONPATH: logs the process, then every attempt to resolve a host name
# or to connect a socket to anything but this machine.
NETWORK_WATCH = """
import os, sys

LOG = os.environ["IND_NETWORK_LOG"]
LOCAL = ("127.0.0.1", "::1", "localhost")


def write(line):
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(line + "\\n")


def hook(event, args):
    if event == "socket.getaddrinfo" and args[0] not in LOCAL:
        write(f"{os.getpid()} resolves {args[0]!r}")
    elif event in ("socket.connect", "socket.sendto") and isinstance(args[1], tuple) and args[1][0] not in LOCAL:
        write(f"{os.getpid()} {event} {args[1]!r}")


write(f"watching {os.getpid()}: {' '.join(sys.argv)}")
sys.addaudithook(hook)
"""


def without_great_expectations(folder: Path) -> Path:
    """A folder that, first on PYTHONPATH, hides great-expectations from a
    build, as if it were not installed: the build's import of the range
    checks beside dbt fails at once (and is let go), and range checks that
    were to run would fail. For builds that must stop in dbt or before it,
    which never run the range checks: each is spared the import, seconds of
    CPU (docs/decisions/0020-failing-test-builds-without-great-expectations.md)."""
    folder.mkdir()
    (folder / "great_expectations.py").write_text(
        'raise ImportError("great-expectations is hidden from this build (tests/python/project.py)")\n', encoding="utf-8"
    )
    return folder


def watch_network(folder: Path) -> Path:
    """A folder holding the watch as sitecustomize.py, and the log it writes."""
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(NETWORK_WATCH, encoding="utf-8")
    return folder / "network.log"

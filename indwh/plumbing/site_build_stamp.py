"""Whether reports/build is the build of the site's present inputs, so that
`make report` can keep it instead of building the same site again:
`python3 indwh/plumbing/site_build_stamp.py check reports BASE_PATH` after
`npm run sources`, and `... write reports DIGEST` after a build that ended
well (docs/decisions/0017-skip-an-unchanged-site-build.md).

The inputs of the built site, hashed into one digest:
- the data that `npm run sources` wrote (every file under
  .evidence/template/static/data/: the query results as Parquet, their
  schemas and the manifest; the same figures give the same bytes), not the
  warehouse file, which is written anew on every publish;
- every file of the site's sources under reports/ (pages, components,
  sources' SQL and connection, scripts, the Evidence config and settings,
  package.json, package-lock.json), all but what the build does not read:
  build/, node_modules/, the .evidence/ and .svelte-kit/ caches,
  screenshots/ and tests/ (the browser test and its output);
- BASE_PATH, the installed Evidence's version, node's and npm's, and any
  EVIDENCE_* variable of the environment (Evidence reads its settings
  from them).

The stamp (reports/build.stamp, beside the site, so that it is never
published with it) holds that digest and a digest of the built site's
files: a site that is gone, partly deleted or changed since its build does
not match and is built again. The stamp is written only after a build
that ended well; `make report` removes it with the old site before it
builds.

Run as a program by the system's python3, importing only the standard
library: `make report` needs no .venv. Exit codes of `check`: 0 the site
is current (it prints the digest), 1 it must be built (it prints the
digest to pass to `write`), 2 the inputs cannot be read.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

STAMP = "build.stamp"
BUILD = "build"
DATA = Path(".evidence", "template", "static", "data")
# Top-level entries of reports/ that the site's build does not read.
NOT_SOURCES = frozenset({BUILD, STAMP, f"{STAMP}.partial", "node_modules", ".evidence", ".svelte-kit", "screenshots", "tests"})
EVIDENCE_PACKAGE = Path("node_modules", "@evidence-dev", "evidence", "package.json")
FORMAT = "site-build-stamp 1"


class Unreadable(Exception):
    """An input of the site cannot be read; the message names it."""


def _files(root: Path, skip: frozenset[str] = frozenset()) -> list[Path]:
    """Every file under `root` (symbolic links followed), but the top-level
    entries named in `skip`, in a fixed order."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d not in skip]
            names = [n for n in names if n not in skip]
        found.extend(Path(folder, name) for name in names)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def _entries(label: str, root: Path, files: Iterable[Path]) -> Iterator[bytes]:
    """A line per file: its name under `label` and the digest of its content."""
    for path in files:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
        yield f"{label}/{path.relative_to(root).as_posix()}\0{content}\n".encode()


def tool_versions(reports: Path) -> dict[str, str]:
    """The installed Evidence's version, node's and npm's."""
    try:
        evidence = json.loads((reports / EVIDENCE_PACKAGE).read_text(encoding="utf-8"))["version"]
        node, npm = (
            subprocess.run([tool, "--version"], cwd=reports, capture_output=True, text=True, check=True).stdout.strip()
            for tool in ("node", "npm")
        )
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as error:
        raise Unreadable(f"the versions of Evidence, node and npm in {reports}: {error}") from error
    return {"evidence": str(evidence), "node": node, "npm": npm}


def evidence_environment() -> dict[str, str]:
    """The EVIDENCE_* variables of the environment, which set Evidence's settings."""
    return {name: value for name, value in os.environ.items() if name.startswith("EVIDENCE_")}


def inputs_digest(reports: Path, base_path: str, settings: Mapping[str, str]) -> str:
    """The digest of everything the site built from `reports` depends on;
    `settings`: the tools' versions and Evidence's environment variables."""
    data = reports / DATA
    if not data.is_dir() or not (data / "manifest.json").is_file():
        raise Unreadable(f"no data from `npm run sources` in {data}")
    digest = hashlib.sha256(f"{FORMAT}\nBASE_PATH={base_path}\n".encode())
    for name, value in sorted(settings.items()):
        digest.update(f"{name}={value}\n".encode())
    try:
        for entry in (*_entries("data", data, _files(data)), *_entries("sources", reports, _files(reports, NOT_SOURCES))):
            digest.update(entry)
    except OSError as error:
        raise Unreadable(f"a file of the site's inputs: {error}") from error
    return digest.hexdigest()


def build_digest(reports: Path) -> str | None:
    """The digest of the built site's files; None when there is none."""
    build = reports / BUILD
    files = _files(build) if build.is_dir() else []
    if not files:
        return None
    return hashlib.sha256(b"".join(_entries(BUILD, build, files))).hexdigest()


def is_current(reports: Path, inputs: str) -> bool:
    """Whether reports/build was built, to its end, from the inputs whose digest is `inputs`."""
    try:
        stamp = json.loads((reports / STAMP).read_text(encoding="utf-8"))
        built = build_digest(reports)
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and built is not None and stamp == {"inputs": inputs, "build": built}


def write_stamp(reports: Path, inputs: str) -> None:
    """Record that reports/build was built from the inputs whose digest is `inputs`."""
    built = build_digest(reports)
    if built is None:
        raise Unreadable(f"no site in {reports / BUILD} to stamp")
    partial = reports / f"{STAMP}.partial"
    partial.write_text(json.dumps({"inputs": inputs, "build": built}) + "\n", encoding="utf-8")
    partial.replace(reports / STAMP)


def main(argv: list[str]) -> int:
    usage = "usage: site_build_stamp.py check REPORTS BASE_PATH | write REPORTS DIGEST"
    if len(argv) != 3 or argv[0] not in ("check", "write"):
        print(usage, file=sys.stderr)
        return 2
    command, reports, value = argv[0], Path(argv[1]), argv[2]
    try:
        if command == "write":
            write_stamp(reports, value)
            return 0
        inputs = inputs_digest(reports, value, {**tool_versions(reports), **evidence_environment()})
    except (Unreadable, OSError) as error:
        print(f"site_build_stamp.py {command}: {error}", file=sys.stderr)
        return 2
    print(inputs)
    return 0 if is_current(reports, inputs) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

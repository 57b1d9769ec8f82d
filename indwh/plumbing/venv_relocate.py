"""Make the project's .venv belong to the folder it lies in, before make runs
anything from it: `python3 indwh/plumbing/venv_relocate.py .venv`, run by
every make target that uses the .venv, from the project's folder.

A project copied with `cp -a` or moved with `mv` carries a .venv made for
its first folder: the console scripts start that folder's Python (their
first line, `#!/first/.venv/bin/python3`), the editable install imports that
folder's package, and `activate` names it. After a copy, `.venv/bin/indwh`
would run the first folder's code; after a move, the scripts do not start.

This file is run as a program by the system's python3 (or the .venv's
own, which still starts after a move) and imports only the standard
library, never the package it repairs. It repairs what needs no network:
the scripts' first lines and `activate` are rewritten (each file replaced by
a new one, so a hard-linked copy never changes the first folder's file), and
the package of this folder is installed again, editable and without
dependencies. What it cannot repair it names, with the command that does,
and exits 1, so that make stops before anything runs.

A .venv that is a symbolic link to another folder's environment is not this
folder's to change: it is used as it is only when PYTHONPATH puts this
folder's code first (the benchmark's project copies do), and refused
otherwise.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

PACKAGE = "indwh"
ACTIVATE = ("activate", "activate.csh", "activate.fish")
# pip writes a script whose interpreter path is long or holds a space this
# way: sh runs the second line, which starts Python on the script.
SH_EXEC = re.compile(r"""^'''exec' "([^"]+)" "\$0" "\$@"$""")
SHEBANG_LIMIT = 127  # the longest first line the kernel reads
HEAD = 4096  # bytes of a file read to find its interpreter
VIRTUAL_ENV = re.compile(r"""VIRTUAL_ENV[ =]+["']?(/[^"'\s)]+)""")
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-build-isolation", "--no-index")


class Stop(Exception):
    """The .venv cannot be used here and is not repaired; the message says what to run."""


@dataclass
class Script:
    path: Path
    interpreter: str  # as the script names it
    header_lines: int  # 1 for `#!…`, 3 for the sh form


@dataclass
class Findings:
    """What in a .venv names another folder."""

    scripts: list[Script] = field(default_factory=list)  # started by another environment's Python
    activate: list[Path] = field(default_factory=list)  # naming another environment
    others: set[str] = field(default_factory=set)  # the other environments named
    editable: Path | None = None  # the other folder the editable install imports the package from

    def clean(self) -> bool:
        return not (self.scripts or self.activate or self.editable)


def same(a: str | Path, b: str | Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def interpreter(path: Path) -> Script | None:
    """The Python of an environment that the script at `path` starts, or None
    when it is no such script (a binary, `#!/usr/bin/env python`)."""
    with path.open("rb") as handle:
        lines = handle.read(HEAD).decode("utf-8", errors="replace").split("\n")
    if not lines[0].startswith("#!"):
        return None
    words = lines[0][2:].strip().split()
    if words == ["/bin/sh"] and len(lines) > 2 and (match := SH_EXEC.match(lines[1])):
        found, header = match[1], 3
    elif words:
        found, header = words[0], 1
    else:
        return None
    named = Path(found)
    if not named.name.startswith("python") or named.parent.name != "bin":
        return None
    return Script(path, found, header)


def editable_source(venv: Path) -> Path | None:
    """The folder an editable install of the package in `venv` imports it from (PEP 610's direct_url.json)."""
    for record in sorted(venv.glob(f"lib/python*/site-packages/{PACKAGE}-*.dist-info/direct_url.json")):
        url = json.loads(record.read_text(encoding="utf-8"))
        if url.get("dir_info", {}).get("editable") and url.get("url", "").startswith("file:"):
            return Path(unquote(urlparse(url["url"]).path))
    return None


def inspect(venv: Path, folder: Path) -> Findings:
    """What in `venv` (the environment of `folder`) names another folder."""
    found = Findings()
    bin_dir = venv / "bin"
    for path in sorted(bin_dir.iterdir()):
        if path.is_symlink() or not path.is_file():
            continue
        if path.name in ACTIVATE:
            named = {value for value in VIRTUAL_ENV.findall(path.read_text(encoding="utf-8")) if not same(value, venv)}
            if named:
                found.activate.append(path)
                found.others |= named
            continue
        script = interpreter(path)
        if script is not None and not same(Path(script.interpreter).parent.parent, venv):
            found.scripts.append(script)
            found.others.add(str(Path(script.interpreter).parent.parent))
    source = editable_source(venv)
    if source is not None and not same(source, folder):
        found.editable = source
    return found


def replace_file(path: Path, text: str) -> None:
    """Write `text` as a new file in place of `path`, with its mode: a file
    hard-linked elsewhere keeps its content there."""
    new = path.with_name(f".{path.name}.relocated")
    new.write_text(text, encoding="utf-8")
    os.chmod(new, path.stat().st_mode)
    os.replace(new, path)


def header(python: str) -> list[str]:
    """The first lines of a script that `python` runs, as pip writes them."""
    if len(python) + 2 > SHEBANG_LIMIT or any(c.isspace() for c in python):
        return ["#!/bin/sh", f'\'\'\'exec\' "{python}" "$0" "$@"', "' '''"]
    return [f"#!{python}"]


def repair_scripts(found: Findings, venv: Path) -> None:
    for script in found.scripts:
        text = script.path.read_text(encoding="utf-8")
        lines = text.split("\n")
        python = str(venv / "bin" / Path(script.interpreter).name)
        replace_file(script.path, "\n".join(header(python) + lines[script.header_lines :]))
    for path in found.activate:
        text = path.read_text(encoding="utf-8")
        for other in sorted(found.others, key=len, reverse=True):
            text = re.sub(rf"(?<![\w./-]){re.escape(other)}(?![\w.-])", lambda _: str(venv), text)
        replace_file(path, text)


def reinstall(venv: Path, folder: Path) -> None:
    """Install the package of `folder` into `venv` again, editable, without
    dependencies or the network."""
    command = [str(venv / "bin" / "python"), *PIP, "-e", str(folder)]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Stop(
            f"Installing the package of {folder} into {venv} again failed:\n{(done.stdout + done.stderr).strip()}\n"
            f"Run `rm -rf {venv} && make install` in {folder} (it installs the pinned packages again)."
        )


def code_first_on_path(folder: Path) -> bool:
    """Whether PYTHONPATH puts the package of `folder` before any installed one."""
    for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        if entry and (Path(entry) / PACKAGE / "__init__.py").is_file():
            return same(entry, folder)
    return False


def describe(found: Findings) -> str:
    parts = []
    if found.scripts:
        parts.append(f"{len(found.scripts)} script(s) start {', '.join(sorted(found.others))}")
    if found.activate:
        parts.append(f"{', '.join(path.name for path in found.activate)} name(s) {', '.join(sorted(found.others))}")
    if found.editable:
        parts.append(f"its editable install imports {PACKAGE} from {found.editable}")
    return "; ".join(parts)


def relocate(venv: Path, folder: Path) -> str:
    """Check that `venv` belongs to `folder` and repair it where that needs
    no network; what was repaired ('' for nothing). Stop when it cannot."""
    if not os.path.lexists(venv):
        return ""  # make creates it
    if not venv.is_dir():
        raise Stop(f"{venv} is not a folder (a link to nothing?): remove it and run make again (`rm {venv} && make install`).")
    python = venv / "bin" / "python"
    if not python.exists():
        raise Stop(
            f"{python} does not start: the Python it was made with is gone. Run `rm -rf {venv} && make install`"
            f" in {folder} (it installs the pinned packages again)."
        )
    found = inspect(venv, folder)
    if venv.is_symlink():
        if found.clean() or (code_first_on_path(folder) and not found.scripts):
            return ""
        raise Stop(
            f"{venv} is a link to {venv.resolve()}, an environment that is not this folder's: {describe(found)}."
            f" Give {folder} its own: `rm {venv} && make install` (it installs the pinned packages)."
        )
    if found.clean():
        return ""
    before = describe(found)
    repair_scripts(found, venv)
    if found.editable:
        reinstall(venv, folder)
    after = inspect(venv, folder)
    if not after.clean():
        raise Stop(
            f"{venv} still names another folder after its repair: {describe(after)}."
            f" Run `rm -rf {venv} && make install` in {folder} (it installs the pinned packages again)."
        )
    return f"{venv} was made for another folder ({before}); repaired for {folder}."


def main(argv: list[str]) -> int:
    folder = Path.cwd()
    venv = folder / (argv[1] if len(argv) > 1 else ".venv")
    try:
        repaired = relocate(venv, folder)
    except Stop as stop:
        print(f"Not started: {stop}", file=sys.stderr)
        return 1
    if repaired:
        print(repaired)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""make's check that .venv belongs to the folder it lies in
(indwh/plumbing/venv_relocate.py): a .venv made in another folder has its
scripts and activate rewritten and the package installed again; what cannot
be repaired stops make, saying what to run; another folder's files are
never written. The layouts here are made by hand (no pip); the tests at
the end use a real, small .venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indwh.plumbing.venv_relocate import Stop, relocate
from indwh_tools import sandbox
from tests.python.project import make, small_venv

BODY = "import sys\nprint(sys.prefix)\n"


def write(path: Path, text: str, mode: int = 0o755) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def made_in(folder: Path, first: Path, python: str = "#!/bin/sh\nexit 3\n") -> Path:
    """`folder`/.venv as `python -m venv` and pip leave it when the .venv was
    made in `first`/.venv: its scripts and activate name that folder.
    Its python is a stand-in (`python`, a shell script), so nothing here
    can install into a real environment."""
    old = first / ".venv"
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    write(bin_dir / "python", python)
    (bin_dir / "python3").symlink_to("python")
    write(bin_dir / "tool", f"#!{old}/bin/python3\n{BODY}")
    write(bin_dir / "long-path-tool", f"#!/bin/sh\n'''exec' \"{old}/bin/python\" \"$0\" \"$@\"\n' '''\n{BODY}")
    write(bin_dir / "activate", f'VIRTUAL_ENV="{old}"\nexport VIRTUAL_ENV\nPATH="$VIRTUAL_ENV/bin:$PATH"\n', 0o644)
    write(bin_dir / "activate.fish", f'set -gx VIRTUAL_ENV "{old}"\n', 0o644)
    write(bin_dir / "env-tool", f"#!/usr/bin/env python\n{BODY}")
    (bin_dir / "binary").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)))
    return folder / ".venv"


def editable_install(venv: Path, source: Path) -> None:
    """What pip records for the package installed editable from `source`."""
    site = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    record = site / "indwh-0.1.0.dist-info" / "direct_url.json"
    record.parent.mkdir(parents=True)
    record.write_text(f'{{"dir_info": {{"editable": true}}, "url": "file://{source}"}}', encoding="utf-8")


def contents(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_moved_venv_gets_its_scripts_and_activate_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "moved"
    venv = made_in(folder, tmp_path / "first")
    untouched = {name: (venv / "bin" / name).read_bytes() for name in ("env-tool", "binary")}

    said = relocate(venv, folder)

    assert "repaired" in said and str(tmp_path / "first" / ".venv") in said, said
    assert (venv / "bin" / "tool").read_text(encoding="utf-8") == f"#!{venv}/bin/python3\n{BODY}"
    assert (venv / "bin" / "long-path-tool").read_text(encoding="utf-8") == f"#!{venv}/bin/python\n{BODY}"
    assert (venv / "bin" / "activate").read_text(encoding="utf-8").startswith(f'VIRTUAL_ENV="{venv}"\n')
    assert '"$VIRTUAL_ENV/bin:$PATH"' in (venv / "bin" / "activate").read_text(encoding="utf-8")
    assert (venv / "bin" / "activate.fish").read_text(encoding="utf-8") == f'set -gx VIRTUAL_ENV "{venv}"\n'
    assert os.access(venv / "bin" / "tool", os.X_OK)
    assert {name: (venv / "bin" / name).read_bytes() for name in untouched} == untouched
    assert relocate(venv, folder) == ""  # now it is this folder's


def test_a_path_too_long_for_a_first_line_gets_the_form_pip_writes(tmp_path: Path) -> None:
    folder = tmp_path / ("a-long-folder-name-" * 8)
    venv = made_in(folder, tmp_path / "first")
    relocate(venv, folder)
    lines = (venv / "bin" / "tool").read_text(encoding="utf-8").split("\n")
    assert lines[:3] == ["#!/bin/sh", f'\'\'\'exec\' "{venv}/bin/python3" "$0" "$@"', "' '''"]
    assert "\n".join(lines[3:]) == BODY


def test_a_hard_linked_script_is_replaced_not_written_through(tmp_path: Path) -> None:
    first = tmp_path / "first"
    original = made_in(first, first) / "bin" / "tool"
    folder = tmp_path / "copy"
    venv = made_in(folder, first)
    (venv / "bin" / "tool").unlink()
    os.link(original, venv / "bin" / "tool")  # as `cp -al` copies it
    before = original.read_bytes()
    relocate(venv, folder)
    assert original.read_bytes() == before
    assert (venv / "bin" / "tool").read_text(encoding="utf-8").startswith(f"#!{venv}/bin/python3\n")


def test_a_venv_of_this_folder_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    venv = made_in(folder, folder)
    editable_install(venv, folder)
    before = contents(venv)
    assert relocate(venv, folder) == ""
    assert contents(venv) == before


def test_the_package_is_installed_again_without_network_and_a_failure_stops(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    calls = tmp_path / "calls"
    venv = made_in(folder, tmp_path / "first", python=f'#!/bin/sh\necho "$@" >> {calls}\nexit 3\n')
    editable_install(venv, tmp_path / "first")
    with pytest.raises(Stop) as stopped:
        relocate(venv, folder)
    assert f"rm -rf {venv} && make install" in str(stopped.value)
    called = calls.read_text(encoding="utf-8").split()
    assert called[:3] == ["-m", "pip", "install"] and called[-2:] == ["-e", str(folder)]
    assert {"--no-deps", "--no-index", "--no-build-isolation"} <= set(called)


def test_a_venv_whose_python_is_gone_stops_with_what_to_run(tmp_path: Path) -> None:
    folder = tmp_path / "moved"
    venv = made_in(folder, tmp_path / "first")
    (venv / "bin" / "python").unlink()
    (venv / "bin" / "python").symlink_to(tmp_path / "no-such-python")
    with pytest.raises(Stop, match=r"does not start.*rm -rf .*\.venv && make install"):
        relocate(venv, folder)


def test_another_folders_venv_linked_in_is_never_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    other_venv = made_in(other, other)
    editable_install(other_venv, other)
    before = contents(other_venv)
    folder = tmp_path / "project"
    (folder / "indwh").mkdir(parents=True)
    (folder / "indwh" / "__init__.py").touch()
    (folder / ".venv").symlink_to(other_venv)
    monkeypatch.delenv("PYTHONPATH", raising=False)

    with pytest.raises(Stop, match=rf"is a link to {other_venv}.*imports indwh from {other}.*rm {folder / '.venv'}"):
        relocate(folder / ".venv", folder)
    # With this folder's code first on PYTHONPATH (the benchmark's copies), it is used as it is.
    monkeypatch.setenv("PYTHONPATH", str(folder))
    assert relocate(folder / ".venv", folder) == ""
    assert contents(other_venv) == before


def test_a_folder_without_venv_is_left_to_make(tmp_path: Path) -> None:
    assert relocate(tmp_path / ".venv", tmp_path) == ""
    assert not (tmp_path / ".venv").exists()


def imported_from(venv: Path) -> str:
    """Where the .venv's Python imports the package from (isolated: not from the current directory or PYTHONPATH)."""
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-I", "-c", "import indwh; print(indwh.__file__)"],
        cwd=venv.parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_make_repairs_a_copied_and_a_moved_project_before_anything_runs(tmp_path: Path) -> None:
    first = sandbox.copy_project(tmp_path / "first")
    small_venv(first)
    first_venv = contents(first / ".venv")
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(first), str(copy)], check=True)
    assert imported_from(copy / ".venv") == str(first / "indwh" / "__init__.py")  # the copy ran the first folder's code

    made = make(copy, "install")
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"repaired for {copy}" in made.stdout, made.stdout
    assert imported_from(copy / ".venv") == str(copy / "indwh" / "__init__.py")
    assert contents(first / ".venv") == first_venv  # the first folder's .venv as it was

    moved = tmp_path / "moved"
    shutil.move(copy, moved)
    with pytest.raises(OSError):  # after a move, the scripts do not start
        subprocess.run([str(moved / ".venv" / "bin" / "indwh"), "--help"], capture_output=True, timeout=60, check=False)
    made = make(moved, "install")
    assert made.returncode == 0, made.stdout + made.stderr
    assert imported_from(moved / ".venv") == str(moved / "indwh" / "__init__.py")
    seeds = subprocess.run(
        [str(moved / ".venv" / "bin" / "indwh"), "seeds"],
        cwd=moved,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert seeds.returncode == 0, seeds.stdout + seeds.stderr
    assert f'VIRTUAL_ENV="{moved / ".venv"}"' in (moved / ".venv" / "bin" / "activate").read_text(encoding="utf-8")
    assert (moved / ".venv" / "bin" / "dbt").read_text(encoding="utf-8").startswith(f"#!{moved / '.venv'}/bin/python\n")

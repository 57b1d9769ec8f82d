"""`make dev`: rebuild only what changed since the last published build.

The manifest of every published build is kept in target/dev_state/ (one
folder per warehouse path, so nothing but the warehouse lies beside the
published file); the next `make dev` starts from a copy of the published file and lets dbt
build what differs from that manifest and everything downstream of it
(`--select state:modified+`), tests included. Without a published
warehouse or its manifest, the build is a full one.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from indwh.paths import ROOT


def state_dir(published: Path) -> Path:
    """Where the manifest of the build that made `published` is kept."""
    return ROOT / "target" / "dev_state" / hashlib.sha256(str(published.resolve()).encode()).hexdigest()[:16]


def selection(published: Path, target: Path) -> tuple[str, ...]:
    """dbt arguments for a rebuild of what changed, with `target` a copy of
    the published file; none (a full build) when there is nothing to start from."""
    manifest = state_dir(published) / "manifest.json"
    if not (published.exists() and manifest.exists()):
        print("No published build to start from: building everything.")
        return ()
    shutil.copyfile(published, target)
    return ("--select", "state:modified+", "--state", str(manifest.parent))


def remember(published: Path) -> None:
    """Keep the manifest of the build just published, for the next `make dev`."""
    state = state_dir(published)
    state.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "target" / "manifest.json", state / "manifest.json")

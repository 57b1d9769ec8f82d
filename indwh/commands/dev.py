"""`indwh dev`: rebuild only what changed since the last published build."""

from __future__ import annotations

import argparse

from indwh.commands.build import build_and_report


def run(args: argparse.Namespace) -> int:
    return build_and_report(only_changed=True)

"""`indwh watch`: the dev loop as one long-lived process."""

from __future__ import annotations

import argparse
import signal
import sys

from indwh.commands.build import report_failure
from indwh.paths import warehouse_path
from indwh.pipeline.watch import Watch
from indwh.plumbing import offline


def run(args: argparse.Namespace) -> int:
    offline.apply()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped like Ctrl-C: the build folder is removed
    watch = Watch(warehouse_path())
    try:
        watch.run(on_failure=report_failure)
    except KeyboardInterrupt:
        print("\nWatch stopped.")
    finally:
        watch.stop()
    return 0

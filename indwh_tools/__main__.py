"""`python -m indwh_tools <command>`: the same as the `indwh-tools` command."""

from __future__ import annotations

import sys

from indwh_tools.main import main

if __name__ == "__main__":
    sys.exit(main())

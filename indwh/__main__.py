"""`python -m indwh <command>`: the same as the `indwh` command."""

from __future__ import annotations

import sys

from indwh.main import main

if __name__ == "__main__":
    sys.exit(main())

"""The settings that keep every tool of the build off the network: no usage
statistics from dbt or great-expectations, no tracking of any kind. The
Makefile exports the same for the tools it runs itself."""

from __future__ import annotations

import os

SETTINGS = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
}


def environment(**extra: str) -> dict[str, str]:
    """The current environment with the offline settings, for a child process."""
    return {**os.environ, **SETTINGS, **extra}


def apply() -> None:
    """The offline settings for this process (before great-expectations is imported)."""
    os.environ.update(SETTINGS)

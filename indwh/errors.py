"""Every error the project raises on purpose: one hierarchy under
IndwhError, so a command can tell a failure it explains (a clear message,
no traceback) from a bug."""

from __future__ import annotations


class IndwhError(Exception):
    """A failure the project explains in its message."""


class BuildFailed(IndwhError):
    """A step of the build failed; the published warehouse is untouched."""


class Busy(IndwhError):
    """Another process holds the lock."""


class BadInput(IndwhError):
    """A command was asked for what the project cannot do (a report year that
    exists, a file that does not read); nothing was changed."""


class StepFailed(IndwhError):
    """A command the benchmark runs or waits for failed; the message names it and its log."""


class SandboxBuildFailed(IndwhError):
    """The copy of the project does not build cleanly before any change."""


class ChildFailed(IndwhError):
    """The function raised in the child (or the child died); the message holds its traceback."""


class MissingTable(IndwhError):
    """A mart the range checks expect is not in the warehouse."""


class BadExpectation(IndwhError):
    """A row of an expectation file that cannot be read."""


class NotOffline(IndwhError):
    """A page of the report would load something from the network."""


class NotInProject(IndwhError):
    """A command ran outside a project of the warehouse, or with the code of another project folder."""

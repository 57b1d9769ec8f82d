"""The command line of the project: `indwh <command>` (or `python -m indwh
<command>`). Each command lives in indwh/commands/<name>.py as a function
`run(args)` taking the parsed arguments and returning the exit status; it
is imported only when it runs, so `indwh --help` starts at once. The
maintainers' tools (`indwh-tools`, indwh_tools.main) are dispatched by the
same `subcommands` and `dispatch`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from indwh.errors import NotInProject
from indwh.plumbing.quick_exit import exit_now


def positive(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


Command = Callable[..., argparse.ArgumentParser]


def subcommands(top: argparse.ArgumentParser) -> Command:
    """The commands of `top`: `command(name, summary, quick_exit=False)` adds
    one, run by the module `<name>` (dashes as underscores) of the package
    given to `dispatch`; `quick_exit` marks the commands that load
    great-expectations and end without the interpreter's teardown
    (docs/decisions/0004-skipped-teardown.md)."""
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, summary: str, quick_exit: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(module=name.replace("-", "_"), quick_exit=quick_exit)
        return sub

    return command


def parser() -> argparse.ArgumentParser:
    """Every command with its options."""
    top = argparse.ArgumentParser(prog="indwh", description="The IND annual results warehouse: build, check and explore it.")
    command = subcommands(top)
    build = command("build", "check the seeds, build, check and publish the warehouse", quick_exit=True)
    build.add_argument("--changed", action="store_true", help="rebuild only what changed since the last published build")
    build.add_argument(
        "--new-history",
        action="store_true",
        help="start a new history at publish 1; the file at the published path is moved aside, never deleted",
    )
    command("dev", "build --changed: rebuild what changed since the last published build", quick_exit=True)
    command("watch", "stay running: rebuild, check and publish on every change")
    check = command("check", "run the range checks on the published warehouse (or FILE)", quick_exit=True)
    check.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a warehouse file (default: the published one)")
    restore = command("restore", "publish a backup of the warehouse again, as a new publish that says which it restores")
    restore.add_argument("publish", nargs="?", type=positive, metavar="PUBLISH", help="the publish whose backup to restore")
    restore.add_argument("--list", action="store_true", help="list the backups and the files moved aside")
    command("seeds", "check every seed file against its yml, before dbt reads it")
    command("docs", "dbt's documentation of every model and column, into target/")
    command("export", "every mart as Parquet and CSV with a Data Package, beside the published warehouse")
    new_report = command("new-report", "add the rows of the next report year to the seeds, to fill in from the report")
    new_report.add_argument("year", type=positive, metavar="YEAR", help="the report year to add: the one after the last")
    new_report.add_argument(
        "--text", type=Path, metavar="FILE", help="the new report's text: put in bron/ and read, the previous report as template"
    )
    return top


def project() -> None:
    """Find the project of the current directory (indwh.paths.ROOT) and make
    sure that this code may work on it; NotInProject says why not."""
    import indwh
    from indwh import paths

    why = paths.foreign_code(paths.ROOT, Path(indwh.__file__).resolve().parent.parent)
    if why is not None:
        raise NotInProject(why)


def dispatch(commands: argparse.ArgumentParser, package: str, argv: Sequence[str] | None) -> int:
    """Run the command of `commands` named in `argv` (None: the command line)
    from its module in `package`; its exit status.

    Run as the program (no `argv`), a command marked quick_exit ends the
    process at once instead of returning."""
    args = commands.parse_args(argv)
    try:
        project()
    except NotInProject as error:
        print(error, file=sys.stderr)
        return 2
    run: Callable[[argparse.Namespace], int] = importlib.import_module(f"{package}.{args.module}").run
    status = run(args)
    if argv is None and args.quick_exit:
        exit_now(status)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named in `argv` (default: the command line); its exit status."""
    return dispatch(parser(), "indwh.commands", argv)

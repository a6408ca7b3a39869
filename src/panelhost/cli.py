"""The `panelhost` command: one subcommand per module in `panelhost.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

COMMANDS = ("host", "demo", "serve", "join", "screen", "replay", "export", "sessions")
"""Subcommands, in the order `panelhost --help` lists them."""


class UsageError(Exception):
    """A mistake the user can fix; printed as one line, exit code 2."""


def require_terminal(hint: str) -> None:
    """Full-screen apps need a terminal; in a pipe, say so in one line (with what to do)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(f"this needs a terminal, and stdin or stdout is not one; {hint}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _command_modules() -> dict[str, ModuleType]:
    modules = {}
    for name in COMMANDS:
        try:
            modules[name] = importlib.import_module(f"panelhost.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"panelhost.commands.{name}":
                raise
    return modules


def _version() -> str:
    """The installed package's version (pyproject.toml's), or `unknown` from a bare checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("panelhost")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="panelhost",
        description="Run live group interviews (alumni panels) from the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"panelhost {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in _command_modules().items():
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except UsageError as exc:
        print(f"panelhost {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

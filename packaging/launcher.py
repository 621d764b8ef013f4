"""Entry script of the frozen app (PyInstaller runs this file as `territory-planner`).

Started from the menu or with a file, the bundle opens the desktop app; with a command
(`territory-planner plan ...`) it is the usual command line. So both work:

    territory-planner                      # the app, last workspace
    territory-planner week.tpw --language it
    territory-planner --self-test          # the packaging smoke test
    territory-planner demo --out demo-out  # any CLI command
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

CLI_ONLY = ("-h", "--help")


def route(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """The argument list for the CLI: a known command or help as given, else `gui ...`."""
    if argv and (argv[0] in commands or argv[0] in CLI_ONLY):
        return list(argv)
    return ["gui", *argv]


def cli_commands() -> list[str]:
    from planner.cli.main import build_parser

    return [
        name
        for action in build_parser()._actions  # argparse keeps subcommands only here
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


def main() -> int:
    from planner.cli.main import main as cli_main

    return cli_main(route(sys.argv[1:], cli_commands()))


if __name__ == "__main__":
    sys.exit(main())
